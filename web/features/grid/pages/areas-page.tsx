import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, List, Modal, Row, Skeleton, Table, Tag, Typography, Upload } from 'antd';
import type { PathOptions } from 'leaflet';
import { Suspense, useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useOverlaps } from '../api/get-overlaps.ts';
import { useVillageAreas } from '../api/get-village-areas.ts';
import { useImportGeojson } from '../api/import-geojson.ts';
import { LazyGridMap } from '../components/lazy-grid-map.tsx';
import { useDistrictOutline } from '../api/use-district-outline.ts';
import { messages } from '../messages.ts';
import type { DrawnAreas, GeojsonImportResult } from '../types.ts';


const WRITERS = new Set(['district_admin', 'town_admin']);
type AreaProps = DrawnAreas['features'][number]['properties'];

/** A village's grids and micro-grids: the map, the overlap check, and the GeoJSON import (checked first, then written). */
export default function AreasPage() {
  const t = useT(messages);
  const { message } = App.useApp();
  const isWide = useIsWide('lg');
  const me = useMe().data;
  const canWrite = Boolean(me && WRITERS.has(me.role));
  const [params, update] = useUrlParams(['village'] as const);
  const village = params.village;
  const areas = useVillageAreas(village);
  const overlaps = useOverlaps(village);
  const outline = useDistrictOutline(village);
  const importGeojson = useImportGeojson();
  const [pending, setPending] = useState<{ collection: unknown; result: GeojsonImportResult; fileName: string } | null>(null);

  const overlapping = useMemo(() => new Set((overlaps.data?.overlaps ?? []).flatMap((o) => [o.a.code, o.b.code])), [overlaps.data]);
  const styleOf = useCallback(
    (p: AreaProps): PathOptions =>
      overlapping.has(p.code)
        ? { color: '#f5222d', weight: 2, fillColor: '#f5222d', fillOpacity: 0.3 }
        : p.level === 'grid'
          ? { color: '#1677ff', weight: 2, fillColor: '#1677ff', fillOpacity: 0.08 }
          : { color: '#389e0d', weight: 1.5, dashArray: '4 3', fillColor: '#52c41a', fillOpacity: 0.12 },
    [overlapping],
  );
  const tooltipOf = useCallback((p: AreaProps) => `${p.name} · ${p.code}`, []);

  const check = async (file: File) => {
    let collection: unknown;
    try {
      collection = JSON.parse(await file.text()) as unknown;
    } catch {
      void message.error(t('notGeojson'));
      return;
    }
    importGeojson.reset();
    importGeojson.mutate(
      { collection, dryRun: true },
      { onSuccess: (result) => setPending({ collection, result, fileName: file.name }) },
    );
  };

  const confirm = () => {
    if (!pending) return;
    importGeojson.mutate(
      { collection: pending.collection, dryRun: false },
      {
        onSuccess: (result) => {
          void message.success(t('imported', { count: result.created.length }));
          setPending(null);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('areasTitle')}
        subtitle={isWide ? t('areasSubtitle') : undefined}
        extra={
          <>
            <RegionPicker maxLevel="village" onlyLevel="village" value={village} onChange={(code) => update({ village: code })} placeholder={t('chooseVillage')} style={{ width: isWide ? 260 : '100%' }} />
            {canWrite ? (
              <Upload accept=".geojson,.json,application/geo+json,application/json" showUploadList={false} beforeUpload={(file) => (void check(file), false)}>
                <Button icon={<UploadOutlined />} loading={importGeojson.isPending && !pending}>
                  {t('uploadGeojson')}
                </Button>
              </Upload>
            ) : null}
            <Link to={village ? `/regions?code=${village}` : '/regions'}>
              <Button>{t('drawInRegions')}</Button>
            </Link>
          </>
        }
      />
      {canWrite ? <Typography.Paragraph type="secondary">{t('uploadHint')}</Typography.Paragraph> : null}
      {importGeojson.isError && !pending ? <ErrorAlert error={importGeojson.error} style={{ marginBottom: 12 }} /> : null}
      {!village ? <Empty description={t('chooseVillageHint')} /> : null}
      {village ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Card size="small">
              {areas.isError ? <ErrorAlert error={areas.error} /> : null}
              {areas.isPending ? <Skeleton active /> : null}
              {areas.data && areas.data.features.length === 0 ? <Empty description={t('noPolygons')} /> : null}
              {areas.data && areas.data.features.length > 0 ? (
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
                  <LazyGridMap<AreaProps> data={areas.data} outline={outline} styleOf={styleOf} tooltipOf={tooltipOf} height={isWide ? 460 : 300} />
                </Suspense>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card size="small" title={t('overlapsTitle')} extra={overlaps.data ? <Typography.Text type="secondary">{t('checked', { count: overlaps.data.checked })}</Typography.Text> : null}>
              {overlaps.isError ? <ErrorAlert error={overlaps.error} /> : null}
              {overlaps.data ? (
                overlaps.data.overlaps.length === 0 ? (
                  <Alert type="success" showIcon title={t('overlapsNone')} />
                ) : (
                  <List
                    size="small"
                    header={<Typography.Text type="danger">{t('overlapsFound', { count: overlaps.data.overlaps.length })}</Typography.Text>}
                    dataSource={overlaps.data.overlaps}
                    renderItem={(o) => <List.Item>{t('overlapPair', { a: `${o.a.name}（${o.a.code}）`, b: `${o.b.name}（${o.b.code}）` })}</List.Item>}
                    data-testid="overlaps"
                  />
                )
              ) : null}
            </Card>
          </Col>
        </Row>
      ) : null}
      <Modal
        open={Boolean(pending)}
        title={pending ? `${t('uploadGeojson')} · ${pending.fileName}` : ''}
        onCancel={() => setPending(null)}
        onOk={confirm}
        okText={t('confirmImport')}
        confirmLoading={importGeojson.isPending}
        destroyOnHidden
        width={640}
      >
        {importGeojson.isError ? <ErrorAlert error={importGeojson.error} style={{ marginBottom: 12 }} /> : null}
        {pending ? (
          <Flex vertical gap={12}>
            <Alert type="info" showIcon title={t('dryRunOk', { count: pending.result.created.length })} />
            {pending.result.overlaps.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                title={t('overlapsFound', { count: pending.result.overlaps.length })}
                description={pending.result.overlaps.map((o) => t('overlapPair', { a: o.a.code, b: o.b.code })).join('；')}
              />
            ) : null}
            <Table
              size="small"
              rowKey="code"
              pagination={pending.result.created.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              dataSource={pending.result.created}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'code', title: t('code'), dataIndex: 'code' },
                { key: 'name', title: t('name'), dataIndex: 'name' },
                { key: 'level', title: t('level'), render: (_, c) => <Tag>{c.level === 'grid' ? t('grid') : t('microGridLevel')}</Tag> },
                { key: 'parent', title: t('parentCode'), dataIndex: 'parentCode' },
              ]}
            />
          </Flex>
        ) : null}
      </Modal>
    </>
  );
}
