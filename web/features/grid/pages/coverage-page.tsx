import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { PathOptions } from 'leaflet';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useCoverage } from '../api/get-coverage.ts';
import { useCoverageMap } from '../api/get-coverage-map.ts';
import { usePutStaffingRule, useStaffingRule } from '../api/staffing-rule.ts';
import { StaffingRuleDialog } from '../components/staffing-rule-dialog.tsx';
import { LazyGridMap } from '../components/lazy-grid-map.tsx';
import { useDistrictOutline } from '../api/use-district-outline.ts';
import { messages, STAFFING_KEY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import type { CoverageMap, ForceType, MicroGridCoverage, StaffingRule } from '../types.ts';

// Leaflet and ECharts load after the numbers are on screen.
const ForceChart = lazy(() => import('../components/force-chart.tsx'));

type MapProps = CoverageMap['features'][number]['properties'];

function lacksText(item: MicroGridCoverage, pick: (b: { zh: string; en: string }) => string, leaderWord: string): string {
  return item.lacking.map((l) => (l.key === 'leader' ? leaderWord : `${pick(STAFFING_KEY_LABELS[l.key])} ${l.actual}/${l.required}`)).join('；');
}

export default function CoveragePage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isWide = useIsWide('lg');
  const me = useMe().data;
  const [params, update] = useUrlParams(['region'] as const);
  const region = params.region ?? me?.scopes[0]?.code;
  const coverage = useCoverage(region);
  const map = useCoverageMap(region);
  const outline = useDistrictOutline(region);
  const rule = useStaffingRule();
  const putRule = usePutStaffingRule();
  const [editingRule, setEditingRule] = useState(false);
  const c = coverage.data;

  const showMembers = useCallback((query: Record<string, string>) => void navigate(`/grid/members?${new URLSearchParams(query).toString()}`), [navigate]);
  const styleOf = useCallback((p: MapProps): PathOptions => ({ color: STATUS_COLORS[p.status], weight: 1.5, fillColor: STATUS_COLORS[p.status], fillOpacity: 0.45 }), []);
  const tooltipOf = useCallback((p: MapProps) => `${p.name} · ${pick(STATUS_LABELS[p.status])} · ${t('members')} ${p.total}${p.lacking ? ` · ${p.lacking}` : ''}`, [pick, t]);
  const onForce = useCallback((forceType: ForceType) => region && showMembers({ region, forceType }), [region, showMembers]);

  const saveRule = (input: StaffingRule & { version: number }) =>
    putRule.mutate(input, {
      onSuccess: () => {
        void message.success(t('ruleSaved'));
        setEditingRule(false);
      },
    });

  const ruleText = (() => {
    const r = rule.data?.rule;
    if (!r) return '';
    const items = Object.entries(r.minimum)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([k, n]) => `${pick(STAFFING_KEY_LABELS[k as keyof typeof STAFFING_KEY_LABELS])} ${n}`);
    if (r.requireLeader) items.push(t('ruleLeader'));
    return items.length ? t('ruleSummary', { items: items.join('、') }) : t('ruleNone');
  })();

  return (
    <>
      <PageHeader
        title={t('coverageTitle')}
        subtitle={c ? t('coverageSubtitle', { region: c.region.name }) : undefined}
        extra={<RegionPicker value={region} onChange={(code) => update({ region: code })} style={{ width: isWide ? 280 : '100%' }} />}
      />
      {coverage.isError ? <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} style={{ marginBottom: 12 }} /> : null}
      {coverage.isPending && region ? <Skeleton active /> : null}
      {c ? (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {(
              [
                ['microGridCount', c.summary.microGrids, undefined],
                ['okCount', c.summary.ok, STATUS_COLORS.ok],
                ['lackingCount', c.summary.lacking, STATUS_COLORS.lacking],
                ['emptyCount', c.summary.empty, STATUS_COLORS.empty],
              ] as const
            ).map(([key, value, color]) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(key)} value={value} styles={{ content: color ? { color } : undefined }} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={t('rule')}
            extra={
              me?.role === 'district_admin' ? (
                <Button size="small" icon={<EditOutlined />} onClick={() => (putRule.reset(), setEditingRule(true))}>
                  {t('editRule')}
                </Button>
              ) : null
            }
          >
            <Typography.Text data-testid="staffing-rule">{ruleText}</Typography.Text>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={`${t('totalsByForce')} · ${c.totals.total}`}>
                <Suspense fallback={<Skeleton active />}>
                  <ForceChart totals={c.totals} onSelect={onForce} />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('map')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mapLegend')}</Typography.Text>}>
                {map.isError ? <ErrorAlert error={map.error} /> : null}
                {map.data && map.data.features.length === 0 ? <Empty description={t('noPolygons')} /> : null}
                {map.data && map.data.features.length > 0 ? (
                  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
                    <LazyGridMap<MapProps> data={map.data} outline={outline} styleOf={styleOf} tooltipOf={tooltipOf} onSelect={(p) => showMembers({ microGrid: p.code })} height={isWide ? 420 : 300} />
                  </Suspense>
                ) : null}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`${t('understaffed')} · ${c.understaffed.length}`}>
            <Table<MicroGridCoverage>
              size="small"
              rowKey="code"
              dataSource={c.understaffed}
              pagination={c.understaffed.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('noUnderstaffed') }}
              data-testid="understaffed-table"
              columns={[
                { key: 'name', title: t('microGrid'), render: (_, i) => <span title={i.code}>{i.name}</span> },
                { key: 'status', title: t('status'), render: (_, i) => <Tag color={STATUS_COLORS[i.status]}>{pick(STATUS_LABELS[i.status])}</Tag> },
                { key: 'total', title: t('members'), dataIndex: 'total', align: 'right' },
                { key: 'lacking', title: t('lacking'), render: (_, i) => lacksText(i, pick, t('ruleLeader')) },
                {
                  key: 'members',
                  title: '',
                  render: (_, i) => (
                    <Button size="small" onClick={() => showMembers({ microGrid: i.code, status: 'all' })}>
                      {t('showMembers')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Flex>
      ) : null}
      <StaffingRuleDialog current={rule.data} open={editingRule} pending={putRule.isPending} error={putRule.error} onSave={saveRule} onClose={() => setEditingRule(false)} />
    </>
  );
}
