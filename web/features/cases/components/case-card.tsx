import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import type { CaseSummary } from '../types.ts';
import { LEVEL_LABELS } from '../../regions/index.ts';
import { ActionBar } from './action-bar.tsx';
import { StatusTag } from './status-tag.tsx';

/** One case in the inbox: what, where, how urgent, and the one-tap actions. Tap to open it. */
export function CaseCard({ item }: { item: CaseSummary }) {
  const t = useT(messages);
  const { pick } = useLang();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      hoverable
      data-testid="case-card"
      data-tracking-no={item.trackingNo}
      onClick={() => navigate(`/cases/${item.id}`)}
      style={{
        borderLeft: `4px solid ${item.overdue ? '#f5222d' : '#f0f0f0'}`,
      }}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong>{pick({ zh: item.category.nameZh, en: item.category.nameEn })}</Typography.Text>
          <Flex gap={4}>
            {item.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
            {item.escalationLevel !== item.region.level ? (
              <Tag color="orange" data-testid="escalated">
                {t('escalatedTo')} {pick(LEVEL_LABELS[item.escalationLevel])}
              </Tag>
            ) : null}
            <StatusTag status={item.status} />
          </Flex>
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {item.description}
        </Typography.Paragraph>
        <Flex gap={12} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <EnvironmentOutlined /> {item.region.name}
          </Typography.Text>
          {item.deadline ? (
            <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              <ClockCircleOutlined /> {t('dueAt', { time: formatDateTime(item.deadline) })}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {item.trackingNo}
          </Typography.Text>
        </Flex>
        {item.availableActions && item.availableActions.length > 0 ? (
          // The action dialogs render in a portal, but React still bubbles their clicks through
          // here: stop them before they reach the card and open the case instead.
          <div onClick={(event) => event.stopPropagation()}>
            <ActionBar caseId={item.id} version={item.version} actions={item.availableActions} compact />
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
