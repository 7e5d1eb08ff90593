import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Progress, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { errorMessage } from '../../../lib/api.ts';
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
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const config = usePairingConfig().data;
  const [params, update] = useUrlParams(['q', 'status', 'modeKey', 'mechanismKey', 'region', 'orgId', 'cursor'] as const);
  const filters: PairingFilters = { q: params.q, status: params.status, modeKey: params.modeKey, mechanismKey: params.mechanismKey, region: params.region, orgId: params.orgId };
  const pairings = usePairings({ ...filters, cursor: params.cursor, limit: PAGE_SIZE });
  const [search, setSearch] = useState(params.q ?? '');
  const [exporting, setExporting] = useState(false);
  const filter = (patch: Partial<Record<keyof PairingFilters, string | null>>) => update({ ...patch, cursor: null });

  const download = async () => {
    setExporting(true);
    try {
      await exportPairings(filters, t('title'));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {t('newPairing')}
          </Button>
        ) : null}
        <Input.Search
          placeholder={t('searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) filter({ q: null });
          }}
          onSearch={(q) => filter({ q: q.trim() || null })}
          style={{ width: isWide ? 220 : '100%' }}
        />
        <Select
          allowClear
          placeholder={t('allStatuses')}
          value={params.status}
          onChange={(v?: string) => filter({ status: v ?? null })}
          options={STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) }))}
          style={{ width: 120 }}
          data-testid="pairing-status-filter"
        />
        <Select allowClear placeholder={t('allModes')} value={params.modeKey} onChange={(v?: string) => filter({ modeKey: v ?? null })} options={(config?.modes ?? []).map((m) => ({ value: m.key, label: pick(m.name) }))} style={{ width: 140 }} />
        <Select
          allowClear
          placeholder={t('allMechanisms')}
          value={params.mechanismKey}
          onChange={(v?: string) => filter({ mechanismKey: v ?? null })}
          options={(config?.mechanisms ?? []).map((m) => ({ value: m.key, label: pick(m.name) }))}
          style={{ width: 150 }}
        />
        <RegionPicker allowClear value={params.region} onChange={(v) => filter({ region: v || null })} style={{ width: isWide ? 200 : '100%' }} />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void download()}>
          {t('export')}
        </Button>
      </Flex>
      {pairings.isError ? <ErrorAlert error={pairings.error} onRetry={() => void pairings.refetch()} style={{ marginBottom: 12 }} /> : null}
      <Table<PairingSummary>
        rowKey="id"
        size={isWide ? 'middle' : 'small'}
        loading={pairings.isFetching}
        dataSource={pairings.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('emptyPairings') }}
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
      <CursorPager nextCursor={pairings.data?.nextCursor} loading={pairings.isFetching} />
    </>
  );
}
