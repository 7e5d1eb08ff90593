import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { CursorTable } from '../../../components/cursor-table.tsx';
import { ExportButton } from '../../../components/export-button.tsx';
import { FilterSelect } from '../../../components/filter-select.tsx';
import { ListSearch } from '../../../components/list-search.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { RegionPicker } from '../../regions/index.ts';
import { exportPairings } from '../api/export-pairings.ts';
import { usePairingConfig } from '../api/get-config.ts';
import { usePairings } from '../api/list-pairings.ts';
import { messages, STATUS_LABELS } from '../messages.ts';
import { STATUSES, type PairingFilters, type PairingSummary } from '../types.ts';
import { Parties } from './parties.tsx';
import { StatusTag } from './status-tag.tsx';

const PAGE_SIZE = 20;

/** Pairings with their filters in the URL; a row opens the pairing. */
export function PairingList({ canWrite, onCreate, onOpen }: { canWrite: boolean; onCreate: () => void; onOpen: (id: string) => void }) {
  const t = useT(messages);
  const { pick } = useLang();
  const isWide = useIsWide('md');
  const config = usePairingConfig().data;
  const [params, update] = useUrlParams(['q', 'status', 'modeKey', 'mechanismKey', 'region', 'orgId', 'cursor'] as const);
  const filters: PairingFilters = { q: params.q, status: params.status, modeKey: params.modeKey, mechanismKey: params.mechanismKey, region: params.region, orgId: params.orgId };
  const pairings = usePairings({ ...filters, cursor: params.cursor, limit: PAGE_SIZE });

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {t('newPairing')}
          </Button>
        ) : null}
        <ListSearch placeholder={t('searchPlaceholder')} style={{ width: isWide ? 220 : '100%' }} />
        <FilterSelect param="status" placeholder={t('allStatuses')} options={STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) }))} style={{ width: 120 }} data-testid="pairing-status-filter" />
        <FilterSelect param="modeKey" placeholder={t('allModes')} options={(config?.modes ?? []).map((m) => ({ value: m.key, label: pick(m.name) }))} style={{ width: 140 }} />
        <FilterSelect param="mechanismKey" placeholder={t('allMechanisms')} options={(config?.mechanisms ?? []).map((m) => ({ value: m.key, label: pick(m.name) }))} style={{ width: 150 }} />
        <RegionPicker allowClear value={params.region} onChange={(v) => update({ region: v || null, cursor: null })} style={{ width: isWide ? 200 : '100%' }} />
        <ExportButton label={t('export')} onExport={() => exportPairings(filters, t('title'))} />
      </Flex>
      <CursorTable<PairingSummary>
        query={pairings}
        rowKey="id"
        size={isWide ? 'middle' : 'small'}
        emptyText={t('emptyPairings')}
        onRow={(p) => ({ onClick: () => onOpen(p.id), style: { cursor: 'pointer' } })}
        data-testid="pairings-table"
        columns={[
          { key: 'title', title: t('pairing'), render: (_, p) => <Typography.Text strong>{p.title}</Typography.Text> },
          { key: 'status', title: t('status'), render: (_, p) => <StatusTag status={p.status} /> },
          { key: 'mode', title: t('mode'), render: (_, p) => pick(p.modeName) },
          ...(isWide
            ? [
                { key: 'mechanism', title: t('mechanism'), render: (_: unknown, p: PairingSummary) => pick(p.mechanismName) },
                { key: 'parties', title: t('parties'), render: (_: unknown, p: PairingSummary) => <Parties parties={p.parties} /> },
                { key: 'period', title: t('period'), render: (_: unknown, p: PairingSummary) => `${formatDate(p.startDate)} — ${formatDate(p.endDate)}` },
              ]
            : []),
          { key: 'progress', title: t('taskProgress'), render: (_, p) => <Progress percent={p.taskProgress} size="small" style={{ width: 120 }} /> },
        ]}
      />
    </>
  );
}
