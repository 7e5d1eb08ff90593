import { Badge, Card, Empty, Flex, Typography } from 'antd';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import { formatYuan, type Board } from '../types.ts';
import { ProgressBars } from './progress-bars.tsx';

/** One column per step of the ladder, a card per top-level project; scrolls sideways on narrow screens. */
export function ProjectBoard({ board, onOpen }: { board: Board; onOpen: (id: string) => void }) {
  const { pick } = useLang();
  const t = useT(messages);
  return (
    <div style={{ overflowX: 'auto', paddingBottom: 8 }} data-testid="project-board">
      <Flex gap={12} align="flex-start" style={{ minWidth: board.steps.length * 232 }}>
        {board.steps.map((step) => {
          const items = board.columns.find((c) => c.key === step.key)?.items ?? [];
          return (
            <div key={step.key} style={{ width: 220, flex: 'none', background: '#fafafa', borderRadius: 8, padding: 8 }} data-testid={`board-column-${step.key}`}>
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Text strong>
                  {pick(step.label)} <Typography.Text type="secondary">{step.percent}%</Typography.Text>
                </Typography.Text>
                <Badge count={items.length} showZero color="#c8161d" />
              </Flex>
              <Flex vertical gap={8}>
                {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} /> : null}
                {items.map((p) => (
                  <Card key={p.id} size="small" hoverable onClick={() => onOpen(p.id)}>
                    <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                      {p.title}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.regionName} · ¥{formatYuan(p.budgetFen)}
                      {p.childCount ? ` · ${t('children')} ${p.childCount}` : ''}
                    </Typography.Text>
                    <ProgressBars reported={p.progress.reported} verified={p.progress.verified} width={190} />
                  </Card>
                ))}
              </Flex>
            </div>
          );
        })}
      </Flex>
    </div>
  );
}
