import { Tag } from 'antd';
import { useLang } from '../../../lib/i18n.tsx';
import { STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import type { PairingStatus } from '../types.ts';

export function StatusTag({ status }: { status: PairingStatus }) {
  const { pick } = useLang();
  return <Tag color={STATUS_COLORS[status]}>{pick(STATUS_LABELS[status])}</Tag>;
}
