import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { saveBlob } from '../../../lib/api.ts';
import { cellText, formatNumber, toCsv } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useExport } from '../../../lib/use-export.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { useRegion } from '../../regions/index.ts';
import { getAllIndicatorRecords, useIndicatorRecords } from '../api/get-indicator-records.ts';
import { messages } from '../messages.ts';

const PAGE_SIZES = [20, 50, 100];
const REGION_CODE = /^\d{12}(\d{2}){0,2}$/;

export default function IndicatorRecordsPage() {
  const t = useT(messages);
  const { pick, lang } = useLang();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const me = useMe();
  const [params, update] = useUrlParams(['region', 'page', 'size'] as const);
  const region = params.region ?? me.data?.scopes[0]?.code ?? '';
  const page = Math.max(1, Number(params.page) || 1);
  const size = PAGE_SIZES.includes(Number(params.size)) ? Number(params.size) : 20;
  const records = useIndicatorRecords(region ? { id, region, limit: size, offset: (page - 1) * size } : null);
  const regionDetail = useRegion(region || undefined);
  const { exporting, run: runExport } = useExport();

  const data = records.data;
  const title = data ? (data.labels ? pick(data.labels) : data.label) : t('records');
  const regionName = regionDetail.data?.name ?? region;
  const unit = data ? (data.units ? pick(data.units) : data.unit) : '';
  const linksToRegions = id.startsWith('regions.');

  const columns = (data?.columns ?? []).map((c) => ({
    key: c.key,
    dataIndex: c.key,
    title: c.labels ? pick(c.labels) : c.label,
    render: (value: unknown) => {
      const text = cellText(value);
      if (linksToRegions && c.key === 'code' && REGION_CODE.test(text)) return <Link to={`/regions?code=${text}`}>{text}</Link>;
      return text;
    },
  }));

  async function exportCsv() {
    const all = await getAllIndicatorRecords(id, region);
    const header = all.columns.map((c) => (c.labels ? pick(c.labels) : c.label));
    saveBlob({ blob: toCsv(header, all.rows.map((row) => all.columns.map((c) => row[c.key]))), filename: `${title}-${regionName}.csv` });
    void message.success(t('exportDone', { count: all.rows.length }));
  }

  return (
    <>
      <Link to={`/cockpit?region=${region}`}>
        <Typography.Text type="secondary">
          <ArrowLeftOutlined /> {t('backToCockpit')}
        </Typography.Text>
      </Link>
      <PageHeader
        title={
          <>
            {title}
            {data ? (
              <Typography.Text style={{ marginInlineStart: 12, fontSize: 24, color: '#c8161d' }}>
                {formatNumber(data.value, lang)}
                {unit ? <span style={{ fontSize: 14, marginInlineStart: 4 }}>{unit}</span> : null}
              </Typography.Text>
            ) : null}
          </>
        }
        subtitle={data ? t('recordsSubtitle', { region: regionName, total: data.total }) : undefined}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => runExport(exportCsv)} loading={exporting} disabled={!data || data.total === 0}>
            {exporting ? t('exporting') : t('export')}
          </Button>
        }
      />
      {records.isError ? <ErrorAlert error={records.error} onRetry={() => void records.refetch()} style={{ marginBottom: 16 }} /> : null}
      <Table<Record<string, unknown>>
        rowKey={(row) => cellText(row.id ?? row.code ?? JSON.stringify(row))}
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={records.isFetching}
        scroll={{ x: 'max-content' }}
        size="middle"
        data-testid="records-table"
        pagination={{
          current: page,
          pageSize: size,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => t('recordsSubtitle', { region: regionName, total }),
          onChange: (nextPage, nextSize) => update({ page: nextSize !== size ? 1 : nextPage, size: nextSize }),
        }}
      />
    </>
  );
}
