import { Space, Tag, Typography } from 'antd';
import { useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import type { PairingSummary } from '../types.ts';

/** Helping parties → helped parties; the lead marked. */
export function Parties({ parties }: { parties: PairingSummary['parties'] }) {
  const t = useT(messages);
  const side = (role: 'helping' | 'helped') =>
    parties
      .filter((p) => p.role === role)
      .map((p) => (
        <span key={p.orgId}>
          {p.name}
          {p.lead ? (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              {t('lead')}
            </Tag>
          ) : null}
        </span>
      ));
  return (
    <Space size={4} wrap>
      {side('helping')}
      <Typography.Text type="secondary">→</Typography.Text>
      {side('helped')}
    </Space>
  );
}
