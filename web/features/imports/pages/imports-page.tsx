import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Select, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ApiError, errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useUrlParams } from '../../../lib/url-state.ts';
import { downloadTemplate } from '../api/download-template.ts';
import { exportEntity } from '../api/export-entity.ts';
import { useJob } from '../api/get-job.ts';
import { useEntities } from '../api/list-entities.ts';
import { useStartImport } from '../api/start-import.ts';
import { ImportProgress, ImportResult } from '../components/import-result.tsx';
import { messages, TYPE_LABELS } from '../messages.ts';
import type { Format, ImportJob, ImportSummary, TabularEntityView } from '../types.ts';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** A refused upload (`?wait=true` style 422) carries its row errors in `details` and maybe a summary. */
function summaryFromRefusal(error: unknown, dryRun: boolean): ImportSummary | null {
  if (!(error instanceof ApiError) || error.code !== 'import_failed') return null;
  const given = error.body.summary as ImportSummary | undefined;
  if (given) return given;
  const errors = error.details.filter((d) => typeof d.row === 'number').map((d) => ({ row: d.row!, column: d.column, message: d.message }));
  return { total: 0, created: 0, updated: 0, errors, warnings: [], dryRun, applied: false };
}

/** A job that failed as a whole may still list row problems in its error's details. */
function summaryFromFailedJob(job: ImportJob | undefined): ImportSummary | null {
  if (job?.status !== 'failed' || !job.error?.details?.length) return null;
  const errors = job.error.details
    .filter((d) => typeof d.row === 'number' && typeof d.message === 'string')
    .map((d) => ({ row: d.row as number, column: typeof d.column === 'string' ? d.column : undefined, message: d.message as string }));
  return errors.length ? { total: job.total, created: 0, updated: 0, errors, warnings: [], dryRun: job.dryRun ?? true, applied: false } : null;
}

export default function ImportsPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const entities = useEntities();
  const [params, update] = useUrlParams(['entity'] as const);
  const list = entities.data?.items ?? [];
  const entity: TabularEntityView | undefined = list.find((e) => e.id === params.entity) ?? list.find((e) => e.canImport) ?? list[0];
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<{ jobId: string; dryRun: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const start = useStartImport();
  const job = useJob(run?.jobId);

  const reset = () => {
    setRun(null);
    start.reset();
  };

  // A real import changed data every page shows: refetch what is cached.
  const appliedJob = job.data?.status === 'done' && job.data.summary?.applied ? job.data.id : null;
  useEffect(() => {
    if (appliedJob) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'tabular' });
  }, [appliedJob, client]);

  const begin = (dryRun: boolean) => {
    if (!entity) return;
    if (!file) return void message.warning(t('chooseFile'));
    reset();
    start.mutate({ entity: entity.id, file, dryRun }, { onSuccess: (started) => setRun({ jobId: started.jobId, dryRun }) });
  };

  const download = async (kind: 'template' | 'export', format: Format) => {
    if (!entity) return;
    setBusy(`${kind}-${format}`);
    try {
      const name = pick(entity.label);
      if (kind === 'template') await downloadTemplate(entity.id, format, `${name}-${pick({ zh: '模板', en: 'template' })}`);
      else await exportEntity(entity.id, format, name);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const running = start.isPending || (run !== null && (!job.data || job.data.status === 'running'));
  const summary = job.data?.summary ?? summaryFromFailedJob(job.data) ?? summaryFromRefusal(start.error, start.variables?.dryRun ?? true);
  const failure = job.data?.status === 'failed' ? (job.data.error?.message ?? null) : null;
  const checkedOk = Boolean(summary && summary.dryRun && summary.errors.length === 0 && job.data?.status === 'done');
  // This file is in already, or its check found errors: importing it (again) would only add the
  // same rows twice or fail the same way. Choosing a file again starts afresh.
  const imported = job.data?.status === 'done' && summary?.applied === true;
  const checkFailed = Boolean(summary && summary.dryRun && summary.errors.length > 0);

  if (entities.isPending) return <Skeleton active />;

  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {entities.isError ? <ErrorAlert error={entities.error} onRetry={() => void entities.refetch()} /> : null}
      {entities.data && list.length === 0 ? <Empty description={t('noEntities')} /> : null}
      {entity ? (
        <Flex vertical gap={16}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text>{t('entity')}</Typography.Text>
            <Select
              value={entity.id}
              onChange={(id: string) => {
                update({ entity: id });
                setFile(null);
                reset();
              }}
              options={list.map((e) => ({ value: e.id, label: pick(e.label) }))}
              style={{ minWidth: 220 }}
              data-testid="entity-select"
            />
          </Flex>

          <Card size="small" title={t('stepTemplate')}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Button icon={<DownloadOutlined />} loading={busy === 'template-xlsx'} onClick={() => void download('template', 'xlsx')}>
                {t('templateXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} loading={busy === 'template-csv'} onClick={() => void download('template', 'csv')}>
                {t('templateCsv')}
              </Button>
            </Space>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={entity.columns}
              columns={[
                { key: 'header', title: t('header'), render: (_, c) => <Typography.Text strong>{c.header.zh}</Typography.Text> },
                { key: 'en', title: t('headerEn'), render: (_, c) => c.header.en },
                { key: 'type', title: t('type'), render: (_, c) => (TYPE_LABELS[c.type] ? pick(TYPE_LABELS[c.type]!) : c.type) },
                { key: 'required', title: t('required'), render: (_, c) => (c.required ? <Tag color="red">{t('required')}</Tag> : null) },
                { key: 'options', title: t('options'), render: (_, c) => c.options?.map((o) => (typeof o === 'string' ? o : o.label || o.value)).join(' / ') ?? '' },
                {
                  key: 'note',
                  title: t('note'),
                  width: 360,
                  render: (_, c) => {
                    const text = [c.note, c.example ? `${t('example')}：${c.example}` : null].filter(Boolean).join(' · ');
                    return text ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12, width: 360 }} ellipsis={{ tooltip: text }}>
                        {text}
                      </Typography.Text>
                    ) : null;
                  },
                },
              ]}
            />
          </Card>

          <Card size="small" title={t('stepUpload')}>
            {entity.canImport ? (
              <Flex vertical gap={12}>
                <Upload.Dragger
                  accept={ACCEPT}
                  maxCount={1}
                  multiple={false}
                  fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
                  beforeUpload={(chosen) => {
                    setFile(chosen);
                    reset();
                    return false;
                  }}
                  onRemove={() => {
                    setFile(null);
                    reset();
                  }}
                  disabled={running}
                  data-testid="upload"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('dropHint')}</p>
                  <p className="ant-upload-hint">{t('dropLimit')}</p>
                </Upload.Dragger>
                <Space wrap>
                  <Button onClick={() => begin(true)} disabled={!file || running || imported} loading={running && start.variables?.dryRun === true} data-testid="dry-run">
                    {t('dryRun')}
                  </Button>
                  <Button
                    type="primary"
                    icon={<UploadOutlined />}
                    onClick={() => begin(false)}
                    disabled={!file || running || imported || checkFailed}
                    loading={running && start.variables?.dryRun === false}
                    data-testid="apply"
                  >
                    {checkedOk ? t('applyAfterCheck') : t('apply')}
                  </Button>
                </Space>
                {imported ? (
                  <Typography.Text type="secondary" data-testid="imported-hint">
                    {t('importedHint')}
                  </Typography.Text>
                ) : null}
                {running ? <ImportProgress processed={job.data?.processed ?? 0} total={job.data?.total ?? 0} uploading={start.isPending} /> : null}
                {start.error && !summaryFromRefusal(start.error, true) ? <ErrorAlert error={start.error} /> : null}
                {job.isError ? <ErrorAlert error={job.error} onRetry={() => void job.refetch()} /> : null}
                {!running ? <ImportResult summary={summary} entity={entity} failure={failure} /> : null}
              </Flex>
            ) : (
              <Alert type="info" showIcon title={t('cannotImport')} />
            )}
          </Card>

          {entity.canExport ? (
            <Card size="small" title={t('stepExport')}>
              <Space wrap>
                <Button icon={<DownloadOutlined />} loading={busy === 'export-xlsx'} onClick={() => void download('export', 'xlsx')} data-testid="export-xlsx">
                  {t('exportXlsx')}
                </Button>
                <Button icon={<DownloadOutlined />} loading={busy === 'export-csv'} onClick={() => void download('export', 'csv')}>
                  {t('exportCsv')}
                </Button>
              </Space>
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </>
  );
}
