import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Col, DatePicker, Flex, Input, Row, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { CursorTable } from '../../../components/cursor-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useAudit } from '../api/list-audit.ts';
import { useVerifyAudit } from '../api/verify-audit.ts';
import { ENTITY_SUGGESTIONS, messages } from '../messages.ts';
import type { AuditEntry } from '../types.ts';

const PAGE_SIZE = 50;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre style={{ margin: 0, maxHeight: 280, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 8, borderRadius: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const t = useT(messages);
  const { lang } = useLang();
  const isWide = useIsWide('md');
  const [params, update] = useUrlParams(['entity', 'action', 'q', 'from', 'to', 'cursor'] as const);
  const audit = useAudit({ entity: params.entity, action: params.action, q: params.q, from: params.from, to: params.to, cursor: params.cursor, limit: PAGE_SIZE });
  const verify = useVerifyAudit();
  const [entity, setEntity] = useState(params.entity ?? '');
  const [action, setAction] = useState(params.action ?? '');
  const [q, setQ] = useState(params.q ?? '');

  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);

  const range: [Dayjs, Dayjs] | null = params.from && params.to ? [dayjs(params.from), dayjs(params.to)] : null;
  const filtered = Boolean(params.entity || params.action || params.q || params.from);

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="verify-audit">
            {t('verify')}
          </Button>
        }
      />
      {verify.data ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          type={verify.data.ok ? 'success' : 'error'}
          title={verify.data.ok ? t('verifyOk', { checked: verify.data.checked }) : t('verifyBroken', { seq: verify.data.brokenAt, checked: verify.data.checked, reason: verify.data.reason })}
        />
      ) : null}
      {verify.error ? <ErrorAlert error={verify.error} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={5}>
          <AutoComplete
            value={entity}
            options={ENTITY_SUGGESTIONS.map((e) => ({ value: e }))}
            onChange={setEntity}
            onSelect={(value: string) => update({ entity: value, cursor: null })}
            onBlur={() => update({ entity: entity.trim() || null, cursor: null })}
            placeholder={t('entity')}
            allowClear
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={12} md={5}>
          <Input
            value={action}
            onChange={(e) => setAction(e.target.value)}
            onPressEnter={() => update({ action: action.trim() || null, cursor: null })}
            onBlur={() => update({ action: action.trim() || null, cursor: null })}
            placeholder={t('action')}
            allowClear
          />
        </Col>
        <Col xs={24} md={7}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            value={range}
            showTime={isWide ? { format: 'HH:mm' } : false}
            placeholder={[t('periodFrom'), t('periodTo')]}
            onChange={(dates) => {
              const [from, to] = dates ?? [];
              update({ from: from ? from.startOf(isWide ? 'minute' : 'day').toISOString() : null, to: to ? to.endOf(isWide ? 'minute' : 'day').toISOString() : null, cursor: null });
            }}
          />
        </Col>
        <Col xs={24} md={7}>
          <Flex gap={8}>
            <Input.Search value={q} onChange={(e) => setQ(e.target.value)} onSearch={(value) => update({ q: value.trim() || null, cursor: null })} placeholder={t('search')} allowClear />
            {filtered ? (
              <Button
                onClick={() => {
                  setEntity('');
                  setAction('');
                  setQ('');
                  update({ entity: null, action: null, q: null, from: null, to: null, cursor: null });
                }}
              >
                {t('clear')}
              </Button>
            ) : null}
          </Flex>
        </Col>
      </Row>
      <CursorTable<AuditEntry>
        query={audit}
        rowKey="seq"
        size="small"
        emptyText={t('empty')}
        data-testid="audit-table"
        expandable={{
          expandedRowRender: (entry) => (
            <Row gutter={[16, 8]}>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('before')}</Typography.Text>
                <Json value={entry.before} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('after')}</Typography.Text>
                <Json value={entry.after} />
              </Col>
              <Col span={24}>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {t('prevHash')} {entry.prevHash}
                  <br />
                  {t('hash')} {entry.hash}
                </Typography.Text>
              </Col>
            </Row>
          ),
        }}
        columns={[
          { key: 'seq', title: t('seq'), dataIndex: 'seq', width: 72 },
          { key: 'at', title: t('at'), render: (_, e) => formatDateTime(e.at) },
          { key: 'actor', title: t('actor'), render: (_, e) => e.actorName ?? t('system') },
          { key: 'action', title: t('action'), render: (_, e) => <Tag color={e.action.includes('retire') || e.action.includes('revoke') ? 'volcano' : 'blue'}>{e.action}</Tag> },
          { key: 'entity', title: t('entity'), dataIndex: 'entity' },
          { key: 'entityId', title: t('entityId'), render: (_, e) => <Typography.Text copyable={{ text: e.entityId }} style={{ fontSize: 12 }}>{e.entityId.length > 20 ? `${e.entityId.slice(0, 8)}…${e.entityId.slice(-6)}` : e.entityId}</Typography.Text> },
          { key: 'region', title: t('region'), render: (_, e) => e.regionCode ?? '—' },
        ]}
      />
    </>
  );
}
