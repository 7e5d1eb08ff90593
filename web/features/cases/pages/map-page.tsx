import { Empty, Flex, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useCasesMap } from '../api/cases-map.ts';
import { CaseFilters } from '../components/case-filters.tsx';
import { messages, STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import type { CaseStatus } from '../types.ts';

const CasesMap = lazy(() => import('../components/cases-map.tsx'));

/** `/case-map`: cases in scope on a map, coloured by status, filtered by status and category. */
export default function MapPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const [filters] = useUrlParams(['status', 'category', 'overdue'] as const);
  const map = useCasesMap({
    status: filters.status,
    category: filters.category,
    overdue: filters.overdue === 'true' ? 'true' : undefined,
  });
  return (
    <>
      <PageHeader title={t('mapTitle')} subtitle={t('mapSubtitle')} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <CaseFilters />
      </Flex>
      <Space wrap size={[12, 4]} style={{ marginBottom: 8 }}>
        {(Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => (
          <Typography.Text key={s} style={{ fontSize: 12 }}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                background: STATUS_COLORS[s],
                marginInlineEnd: 4,
              }}
            />
            {pick(STATUS_LABELS[s])}
          </Typography.Text>
        ))}
      </Space>
      {map.isPending ? (
        <Skeleton active />
      ) : map.isError ? (
        <ErrorAlert error={map.error} onRetry={() => void map.refetch()} />
      ) : map.data.features.length === 0 ? (
        <Empty description={t('mapEmpty')} />
      ) : (
        <Suspense fallback={<Skeleton active />}>
          <CasesMap data={map.data} height="calc(100vh - 260px)" />
        </Suspense>
      )}
    </>
  );
}
