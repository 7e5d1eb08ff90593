import { Breadcrumb, Card, Col, Descriptions, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useChildren } from '../api/list-regions.ts';
import { KIND_LABELS, LEVEL_LABELS, messages } from '../messages.ts';
import { isRetired, type Level, type RegionDetail, type RegionSummary } from '../types.ts';

const COUNT_ORDER: readonly Level[] = ['city', 'district', 'town', 'village', 'grid', 'micro_grid'];

export function LevelTag({ region }: { region: Pick<RegionSummary, 'level' | 'kind'> }) {
  const { pick } = useLang();
  const kind = KIND_LABELS[region.kind];
  return <Tag color={region.level === 'grid' || region.level === 'micro_grid' ? 'blue' : 'red'}>{kind ? pick(kind) : pick(LEVEL_LABELS[region.level])}</Tag>;
}

/** Breadcrumb of ancestors, the region's facts and counts, its map, and its children. */
export function RegionDetails({
  region,
  onSelect,
  actions,
  map,
  includeRetired,
  childActions,
}: {
  region: RegionDetail;
  onSelect: (code: string) => void;
  actions?: ReactNode;
  map: ReactNode;
  includeRetired: boolean;
  childActions?: (child: RegionSummary) => ReactNode;
}) {
  const t = useT(messages);
  const { pick, lang } = useLang();
  const children = useChildren(region.code, includeRetired);
  const counts = COUNT_ORDER.filter((level) => (region.descendants[level] ?? 0) > 0);

  return (
    <Flex vertical gap={16} data-testid="region-details">
      <Card size="small">
        <Breadcrumb
          items={[...region.ancestors, region].map((r, i, all) => ({
            key: r.code,
            title: i === all.length - 1 ? r.shortName || r.name : <a onClick={() => onSelect(r.code)}>{r.shortName || r.name}</a>,
          }))}
          style={{ marginBottom: 8 }}
        />
        <Flex justify="space-between" align="start" wrap gap={8}>
          <Space wrap size={8}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="region-name">
              {region.name}
            </Typography.Title>
            <LevelTag region={region} />
            {isRetired(region) ? <Tag>{t('retired')}</Tag> : null}
          </Space>
          {actions ? (
            <Space wrap size={8}>
              {actions}
            </Space>
          ) : null}
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          style={{ marginTop: 12 }}
          items={[
            { key: 'code', label: t('code'), children: <Typography.Text copyable>{region.code}</Typography.Text> },
            { key: 'level', label: t('level'), children: pick(LEVEL_LABELS[region.level]) },
            { key: 'short', label: t('shortName'), children: region.shortName },
            ...(region.validFrom ? [{ key: 'from', label: t('validFrom'), children: formatDate(region.validFrom) }] : []),
            ...(region.validTo ? [{ key: 'to', label: t('validTo'), children: formatDate(region.validTo) }] : []),
          ]}
        />
        {counts.length > 0 ? (
          <>
            <Typography.Text type="secondary">{t('counts')}</Typography.Text>
            <Row gutter={[16, 8]} style={{ marginTop: 4 }} data-testid="region-counts">
              {counts.map((level) => (
                <Col key={level} xs={12} sm={8} md={6} lg={4}>
                  <Statistic title={pick(LEVEL_LABELS[level])} value={region.descendants[level] ?? 0} formatter={(v) => formatNumber(Number(v), lang)} />
                </Col>
              ))}
            </Row>
          </>
        ) : null}
      </Card>
      <Card size="small" title={t('map')} styles={{ body: { padding: 8 } }}>
        {map}
      </Card>
      <Card size="small" title={`${t('children')}${children.data ? ` (${children.data.length})` : ''}`}>
        {children.isError ? <ErrorAlert error={children.error} onRetry={() => void children.refetch()} /> : null}
        <Table<RegionSummary>
          rowKey="code"
          size="small"
          loading={children.isPending}
          dataSource={children.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          data-testid="children-table"
          columns={[
            {
              key: 'name',
              title: t('name'),
              render: (_, r) => (
                <a onClick={() => onSelect(r.code)}>
                  {r.shortName || r.name}
                  {isRetired(r) ? <Tag style={{ marginInlineStart: 6 }}>{t('retired')}</Tag> : null}
                </a>
              ),
            },
            { key: 'code', title: t('code'), dataIndex: 'code' },
            { key: 'kind', title: t('kind'), render: (_, r) => <LevelTag region={r} /> },
            { key: 'children', title: t('childCount'), dataIndex: 'childCount', align: 'right' },
            ...(childActions ? [{ key: 'actions', title: '', render: (_: unknown, r: RegionSummary) => childActions(r) }] : []),
          ]}
        />
      </Card>
    </Flex>
  );
}
