import { Tag } from 'antd';
import { useLang } from '../../../lib/i18n.tsx';
import { STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import type { CaseStatus } from '../types.ts';

export function StatusTag({ status }: { status: CaseStatus }) {
  const { pick } = useLang();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="case-status" style={{ marginInlineEnd: 0 }}>
      {pick(STATUS_LABELS[status])}
    </Tag>
  );
}
