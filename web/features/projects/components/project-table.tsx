import { Table, Tag, Typography } from 'antd';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import { formatYuan, type ProjectSummary } from '../types.ts';
import { ProgressBars } from './progress-bars.tsx';

/** Projects as a table: title, step, region, owners, budget, progress. Rows open the project. */
export function ProjectTable({ items, loading, onOpen, compact }: { items: readonly ProjectSummary[]; loading?: boolean; onOpen: (id: string) => void; compact?: boolean }) {
  const t = useT(messages);
  const { pick } = useLang();
  return (
    <Table<ProjectSummary>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      loading={loading}
      dataSource={[...items]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('emptyProjects') }}
      onRow={(p) => ({ onClick: () => onOpen(p.id), style: { cursor: 'pointer' } })}
      data-testid="projects-table"
      columns={[
        {
          key: 'title',
          title: t('projectTitle'),
          render: (_, p) => (
            <Typography.Text strong>
              {p.title}
              {p.childCount ? <Typography.Text type="secondary"> · {t('children')} {p.childCount}</Typography.Text> : null}
            </Typography.Text>
          ),
        },
        { key: 'status', title: t('status'), render: (_, p) => <Tag color="red">{pick(p.status)}</Tag> },
        ...(compact ? [] : [{ key: 'region', title: t('region'), dataIndex: 'regionName' }, { key: 'owners', title: t('owners'), render: (_: unknown, p: ProjectSummary) => p.owners.map((o) => o.name).join('、') || '—' }]),
        { key: 'budget', title: t('budget'), align: 'right', render: (_, p) => formatYuan(p.budgetFen) },
        { key: 'progress', title: `${t('reported')} / ${t('verified')}`, render: (_, p) => <ProgressBars reported={p.progress.reported} verified={p.progress.verified} /> },
      ]}
    />
  );
}
