import { Alert, Col, Flex, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';
import type { ImportSummary, RowError, TabularEntityView } from '../types.ts';

/** Progress while the job runs. */
export function ImportProgress({ processed, total, uploading }: { processed: number; total: number; uploading: boolean }) {
  const t = useT(messages);
  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  return (
    <Flex vertical gap={4} data-testid="import-progress">
      <Progress percent={uploading ? 0 : percent} status="active" />
      <Typography.Text type="secondary">{uploading ? t('uploading') : total > 0 ? t('running', { processed, total }) : t('runningUnknown')}</Typography.Text>
    </Flex>
  );
}

/**
 * The outcome: counts, a sentence that says what happened to the data, and every row error
 * in a table by row and column (the column shown by its header, as in the user's sheet).
 */
export function ImportResult({ summary, entity, failure }: { summary: ImportSummary | null; entity: TabularEntityView | undefined; failure?: string | null }) {
  const t = useT(messages);
  const { pick } = useLang();
  const headerOf = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of entity?.columns ?? []) {
      map.set(c.key, pick(c.header));
      map.set(c.header.zh, pick(c.header));
      map.set(c.header.en, pick(c.header));
    }
    return map;
  }, [entity, pick]);
  const errors = useMemo(() => [...(summary?.errors ?? [])].sort((a, b) => a.row - b.row), [summary]);
  // Servers before warnings existed sent none.
  const warnings = summary?.warnings ?? [];

  if (!summary) return failure ? <Alert type="error" showIcon title={t('jobFailed')} description={failure} /> : null;
  // A dry run without errors says what the import would do; with errors, nothing would happen.
  const ok = summary.dryRun && errors.length === 0;

  const outcome =
    errors.length > 0 ? (
      <Alert type="error" showIcon title={t('hasErrors', { count: errors.length })} />
    ) : summary.dryRun ? (
      <Alert type="info" showIcon title={t('dryRunOk', { total: summary.total })} />
    ) : (
      <Alert type="success" showIcon title={t('applied', { created: summary.created, updated: summary.updated })} />
    );

  return (
    <Flex vertical gap={12} data-testid="import-result">
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('rows')} value={summary.total} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t(summary.applied ? 'createdCount' : 'willCreate')} value={summary.applied || ok ? summary.created : 0} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t(summary.applied ? 'updatedCount' : 'willUpdate')} value={summary.applied || ok ? summary.updated : 0} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('errorCount')} value={errors.length} styles={{ content: errors.length ? { color: '#cf1322' } : undefined }} />
        </Col>
      </Row>
      {outcome}
      {errors.length > 0 ? <RowTable rows={errors} headerOf={headerOf} testId="import-errors" /> : null}
      {errors.length === 0 && warnings.length > 0 ? (
        <>
          <Alert type="warning" showIcon title={t('hasWarnings', { count: warnings.length })} />
          <RowTable rows={warnings} headerOf={headerOf} testId="import-warnings" />
        </>
      ) : null}
    </Flex>
  );
}

/** Row problems (or warnings) by row and column, the column shown by its header as in the user's sheet. */
function RowTable({ rows, headerOf, testId }: { rows: readonly RowError[]; headerOf: Map<string, string>; testId: string }) {
  const t = useT(messages);
  return (
    <Table<RowError & { key: number }>
      size="small"
      rowKey="key"
      dataSource={rows.map((e, key) => ({ ...e, key }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      columns={[
        { key: 'row', title: t('row'), dataIndex: 'row', width: 80, render: (row: number) => <Typography.Text strong>{row}</Typography.Text> },
        { key: 'column', title: t('column'), width: 140, render: (_, e) => (e.column ? (headerOf.get(e.column) ?? e.column) : <Typography.Text type="secondary">{t('wholeRow')}</Typography.Text>) },
        { key: 'message', title: t('problem'), dataIndex: 'message' },
      ]}
    />
  );
}
