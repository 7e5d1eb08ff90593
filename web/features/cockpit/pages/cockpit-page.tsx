import { Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useIndicators } from '../api/get-indicators.ts';
import { FigureCard } from '../components/figure-card.tsx';
import { messages, MODULE_LABELS } from '../messages.ts';
import type { Indicator } from '../types.ts';

// ECharts loads after the figures are on screen: the numbers matter first on a slow line.
const IndicatorChart = lazy(() => import('../components/indicator-chart.tsx'));

/** A module with this many figures also gets a bar chart of them. */
const CHART_MIN = 3;

function groupByModule(items: readonly Indicator[]): [string, Indicator[]][] {
  const groups = new Map<string, Indicator[]>();
  for (const item of items) groups.set(item.module, [...(groups.get(item.module) ?? []), item]);
  return [...groups];
}

export default function CockpitPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const isWide = useIsWide('sm');
  const me = useMe();
  const [params, update] = useUrlParams(['region'] as const);
  const region = params.region ?? me.data?.scopes[0]?.code;
  const indicators = useIndicators(region);
  const groups = useMemo(() => groupByModule(indicators.data?.items ?? []), [indicators.data]);
  const regionName = indicators.data?.region.name ?? '';

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={regionName ? t('subtitle', { region: regionName }) : undefined}
        extra={<RegionPicker value={region} onChange={(code) => update({ region: code })} style={{ width: isWide ? 280 : '100%' }} />}
      />
      {indicators.isError ? <ErrorAlert error={indicators.error} onRetry={() => void indicators.refetch()} /> : null}
      {indicators.isPending && region ? (
        <Row gutter={[16, 16]}>
          {[0, 1, 2, 3].map((i) => (
            <Col key={i} xs={12} md={8} xl={6}>
              <Card size="small">
                <Skeleton active paragraph={{ rows: 1 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      {indicators.data && indicators.data.items.length === 0 ? <Empty description={t('noIndicators')} /> : null}
      {groups.map(([module, items]) => (
        <section key={module} style={{ marginBottom: 24 }} data-testid={`module-${module}`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {MODULE_LABELS[module] ? pick(MODULE_LABELS[module]) : module}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {items.map((item) => (
              <Col key={item.id} xs={12} md={8} xl={6}>
                <FigureCard indicator={item} region={indicators.data?.region.code ?? region ?? ''} />
              </Col>
            ))}
          </Row>
          {items.length >= CHART_MIN ? (
            <Card size="small" title={t('overview')} style={{ marginTop: 16 }}>
              <Suspense fallback={<Skeleton active />}>
                <IndicatorChart items={items} region={indicators.data?.region.code ?? region ?? ''} />
              </Suspense>
            </Card>
          ) : null}
        </section>
      ))}
    </>
  );
}
