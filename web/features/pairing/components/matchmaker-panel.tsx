import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, List, Radio, Row, Select, Slider, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useMe } from '../../auth/index.ts';
import { DomainTag, TagList } from '../../orgs/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useAcceptSuggestions } from '../api/accept-suggestions.ts';
import { usePairingConfig } from '../api/get-config.ts';
import { listVillageCodes } from '../api/list-villages.ts';
import { useRunMatchmaker } from '../api/run-matchmaker.ts';
import { messages } from '../messages.ts';
import type { MatchmakerRunInput, Suggestion } from '../types.ts';

interface Values {
  region: string;
  mechanism: string;
  modeId: string;
  tags: number;
  nearness: number;
  balance: number;
  maxDistanceKm?: number | null;
  scope: 'unpaired' | 'all';
}

const keyOf = (s: Pick<Suggestion, 'villageCode' | 'orgId'>) => `${s.villageCode}|${s.orgId}`;

/** Run the matchmaker with chosen weights, read why each suggestion was made, accept some as proposed pairings. */
export function MatchmakerPanel({ onAccepted }: { onAccepted: () => void }) {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const me = useMe().data;
  const config = usePairingConfig().data;
  const run = useRunMatchmaker();
  const accept = useAcceptSuggestions();
  const [form] = Form.useForm<Values>();
  const [selected, setSelected] = useState<string[]>([]);
  const [last, setLast] = useState<MatchmakerRunInput | null>(null);
  const result = run.data;
  const matchable = (config?.mechanisms ?? []).filter((m) => m.matchable);

  const submit = async (v: Values) => {
    try {
      const input: MatchmakerRunInput = {
        region: v.region,
        mechanism: v.mechanism,
        modeId: v.modeId,
        weights: { tags: v.tags, nearness: v.nearness, balance: v.balance },
        ...(v.maxDistanceKm ? { maxDistanceKm: v.maxDistanceKm } : {}),
        ...(v.scope === 'all' ? { villages: await listVillageCodes(v.region) } : {}),
      };
      setSelected([]);
      setLast(input);
      run.mutate(input);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const acceptSelected = () => {
    if (!result || !last) return;
    const chosen = result.suggestions.filter((s) => selected.includes(keyOf(s))).map((s) => ({ villageCode: s.villageCode, orgId: s.orgId }));
    accept.mutate(
      { suggestions: chosen, mechanism: last.mechanism, modeId: last.modeId, runId: result.runId },
      {
        onSuccess: (done) => {
          void message.success(t('accepted', { count: done.created.length }));
          setSelected([]);
          run.reset();
          onAccepted();
        },
      },
    );
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card size="small">
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            initialValues={{ region: me?.scopes[0]?.code, mechanism: 'agency_village', tags: 60, nearness: 30, balance: 10, scope: 'unpaired' }}
            data-testid="matchmaker-form"
          >
            <Form.Item name="region" label={t('region')} rules={[{ required: true }]}>
              <RegionPicker maxLevel="town" />
            </Form.Item>
            <Form.Item name="mechanism" label={t('mechanism')} extra={t('matchableOnly')} rules={[{ required: true }]}>
              <Select options={matchable.map((m) => ({ value: m.key, label: pick(m.name) }))} />
            </Form.Item>
            <Form.Item name="modeId" label={t('mode')} rules={[{ required: true }]}>
              <Select data-testid="matchmaker-mode" options={(config?.modes ?? []).filter((m) => m.active).map((m) => ({ value: m.key, label: pick(m.name) }))} />
            </Form.Item>
            <Typography.Text strong>{t('weights')}</Typography.Text>
            <Form.Item name="tags" label={t('weightTags')}>
              <Slider min={0} max={100} step={5} />
            </Form.Item>
            <Form.Item name="nearness" label={t('weightNearness')}>
              <Slider min={0} max={100} step={5} />
            </Form.Item>
            <Form.Item name="balance" label={t('weightBalance')}>
              <Slider min={0} max={100} step={5} />
            </Form.Item>
            <Form.Item name="maxDistanceKm" label={t('maxDistance')}>
              <InputNumber min={1} max={1000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="scope" label={t('villageScope')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'unpaired', label: t('scopeUnpaired') },
                  { value: 'all', label: t('scopeAll') },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={run.isPending} data-testid="matchmaker-run">
              {run.isPending ? t('running') : t('run')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        {run.isError ? <ErrorAlert error={run.error} style={{ marginBottom: 12 }} /> : null}
        {accept.isError ? <ErrorAlert error={accept.error} style={{ marginBottom: 12 }} /> : null}
        {result ? (
          <Flex vertical gap={12} data-testid="matchmaker-result">
            <Alert
              type={result.uncoveredCount ? 'warning' : 'success'}
              showIcon
              title={t('resultSummary', { suggestions: result.suggestions.length, fit: result.totalFit, uncovered: result.uncoveredCount })}
              description={<Tag color={result.optimal ? 'green' : 'orange'}>{result.optimal ? t('optimal') : t('notOptimal')}</Tag>}
            />
            <Flex justify="space-between" align="center">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('suggestions')}
              </Typography.Title>
              <Button type="primary" disabled={selected.length === 0} loading={accept.isPending} onClick={acceptSelected} data-testid="matchmaker-accept">
                {t('acceptSelected', { count: selected.length })}
              </Button>
            </Flex>
            <Table<Suggestion>
              rowKey={keyOf}
              size="small"
              dataSource={result.suggestions}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('noSuggestions') }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
              data-testid="suggestions-table"
              columns={[
                { key: 'village', title: t('village'), dataIndex: 'villageName' },
                {
                  key: 'partner',
                  title: t('partner'),
                  render: (_, s) => (
                    <Space size={4}>
                      {s.orgName}
                      <DomainTag domain={s.orgDomain} />
                    </Space>
                  ),
                },
                { key: 'fit', title: t('fit'), dataIndex: 'fit', align: 'right', sorter: (a, b) => a.fit - b.fit },
                { key: 'tags', title: t('matchingTags'), render: (_, s) => <TagList tags={s.explanation.matchingTags} highlight={s.explanation.matchingTags} /> },
                { key: 'distance', title: t('distance'), render: (_, s) => (s.explanation.distanceKm === null ? '—' : t('km', { km: s.explanation.distanceKm })) },
                {
                  key: 'parts',
                  title: t('parts'),
                  render: (_, s) => (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {`${t('tagsPart')} ${s.explanation.parts.tags} · ${t('nearnessPart')} ${s.explanation.parts.nearness} · ${t('balancePart')} ${s.explanation.parts.balance}`}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            {result.uncovered.length ? (
              <Card size="small" title={`${t('uncovered')}（${result.uncoveredCount}）`}>
                <List size="small" dataSource={result.uncovered} renderItem={(u) => <List.Item extra={<Typography.Text type="secondary">{u.reason}</Typography.Text>}>{u.name}</List.Item>} />
              </Card>
            ) : null}
          </Flex>
        ) : null}
      </Col>
    </Row>
  );
}
