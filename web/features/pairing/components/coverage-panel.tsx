import { Card, Col, Empty, List, Row, Skeleton, Statistic, Table, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { DomainTag, TagList } from '../../orgs/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useCoverage } from '../api/get-coverage.ts';
import { messages } from '../messages.ts';
import type { Coverage } from '../types.ts';

// ECharts loads after the figures are on screen.
const Heatmap = lazy(() => import('./heatmap.tsx'));

/** Coverage of a region subtree: figures, heat maps, and the lists of what is missing. */
export function CoveragePanel() {
  const t = useT(messages);
  const isWide = useIsWide('lg');
  const me = useMe().data;
  const [params, update] = useUrlParams(['region'] as const);
  const region = params.region ?? me?.scopes[0]?.code;
  const coverage = useCoverage(region);
  const c = coverage.data;

  return (
    <>
      <RegionPicker value={region} onChange={(code) => update({ region: code })} maxLevel="town" style={{ width: isWide ? 280 : '100%', marginBottom: 12 }} />
      {coverage.isError ? <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} style={{ marginBottom: 12 }} /> : null}
      {coverage.isPending && region ? <Skeleton active /> : null}
      {c ? (
        <Row gutter={[16, 16]} data-testid="pairing-coverage">
          <Col xs={12} md={6}>
            <Card>
              <Statistic title={t('towns')} value={c.totals.townsCovered} suffix={`/ ${c.totals.towns}`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title={t('villages')} value={c.totals.villagesCovered} suffix={`/ ${c.totals.villages}`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title={t('activePairings')} value={c.totals.pairings} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title={t('unpairedOrgs')} value={c.unpairedOrgs.length} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('heatTownsModes')} size="small">
              <Suspense fallback={<Skeleton active />}>
                <Heatmap matrix={c.townsByMode} testId="heat-towns-modes" />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('heatVillagesMechanisms')} size="small" styles={{ body: { maxHeight: 520, overflowY: 'auto' } }}>
              <Suspense fallback={<Skeleton active />}>
                <Heatmap matrix={c.villagesByMechanism} testId="heat-villages-mechanisms" />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('unpairedOrgs')} size="small">
              <OrgList items={c.unpairedOrgs} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('overCapacity')} size="small">
              <OrgList items={c.overCapacity} extra={(o) => `${o.activePairings} / ${o.capacity}`} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('unmetNeeds')} size="small" styles={{ body: { maxHeight: 360, overflowY: 'auto' } }}>
              {c.unmetNeeds.length ? (
                <List size="small" dataSource={c.unmetNeeds} renderItem={(v) => <List.Item extra={<TagList tags={v.unmetNeeds} color="orange" />}>{v.name}</List.Item>} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noneHere')} />
              )}
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t('villages')} size="small">
              <Table<Coverage['villages'][number]>
                rowKey="code"
                size="small"
                dataSource={c.villages}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'name', title: t('village'), dataIndex: 'name' },
                  { key: 'covered', title: t('covered'), render: (_, v) => <Tag color={v.covered ? 'green' : 'red'}>{v.covered ? t('covered') : t('notCovered')}</Tag> },
                  { key: 'pairings', title: t('activePairings'), dataIndex: 'activePairings', align: 'right' },
                  { key: 'unmet', title: t('unmetNeeds'), render: (_, v) => <TagList tags={v.unmetNeeds} color="orange" /> },
                ]}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
    </>
  );
}

function OrgList<T extends { id: string; name: string; domain: string }>({ items, extra }: { items: readonly T[]; extra?: (item: T) => string }) {
  const t = useT(messages);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noneHere')} />;
  return <List size="small" dataSource={[...items]} renderItem={(o) => <List.Item extra={extra ? extra(o) : <DomainTag domain={o.domain} />}>{o.name}</List.Item>} />;
}
