import { UploadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Descriptions, Drawer, Flex, Form, Image, Input, InputNumber, List, Select, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useMe } from '../../auth/index.ts';
import { useAddProgress } from '../api/add-progress.ts';
import { useLadder } from '../api/get-ladder.ts';
import { useProject } from '../api/get-project.ts';
import { useVerifyProgress } from '../api/verify-progress.ts';
import { messages } from '../messages.ts';
import { formatYuan, type ProgressInput } from '../types.ts';
import { ProgressBars } from './progress-bars.tsx';
import { ProjectTable } from './project-table.tsx';

const REPORTERS = new Set(['district_admin', 'town_admin', 'village_cadre', 'org_liaison']);
const VERIFIERS = new Set(['district_admin', 'town_admin']);

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** One project: funding, children (each opens in turn), reports of progress, and the forms to report and verify. */
export function ProjectDrawer({ id, onOpen, onClose }: { id: string | undefined; onOpen: (id: string) => void; onClose: () => void }) {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const me = useMe().data;
  const project = useProject(id);
  const ladder = useLadder().data;
  const addProgress = useAddProgress();
  const verify = useVerifyProgress();
  const [form] = Form.useForm<ProgressInput>();
  const [photos, setPhotos] = useState<File[]>([]);
  const p = project.data;

  const report = (values: ProgressInput) =>
    addProgress.mutate(
      { id: id!, ...values, note: values.note || null, photos },
      {
        onSuccess: () => {
          void message.success(t('reportedDone'));
          form.resetFields();
          setPhotos([]);
        },
      },
    );

  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={p?.title ?? t('title')} size={isWide ? 720 : '100%'} destroyOnHidden>
      {project.isError ? <ErrorAlert error={project.error} onRetry={() => void project.refetch()} /> : null}
      {project.isPending ? <Skeleton active /> : null}
      {p ? (
        <Flex vertical gap={16} data-testid="project-drawer">
          {p.ancestors.length ? <Breadcrumb items={[...p.ancestors.map((a) => ({ title: <a onClick={() => onOpen(a.id)}>{a.title}</a> })), { title: p.title }]} /> : null}
          <Descriptions size="small" column={isWide ? 2 : 1} bordered>
            <Descriptions.Item label={t('status')}>
              <Tag color="red">{pick(p.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('region')}>{p.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('owners')}>{p.owners.map((o) => o.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('budget')}>{formatYuan(p.budgetFen)}</Descriptions.Item>
            <Descriptions.Item label={t('dates')}>
              {formatDate(p.startDate)} — {formatDate(p.endDate)}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('reported')} / ${t('verified')}`}>
              <ProgressBars reported={p.progress.reported} verified={p.progress.verified} width={200} />
            </Descriptions.Item>
          </Descriptions>
          {p.description ? <Typography.Paragraph>{p.description}</Typography.Paragraph> : null}
          {p.funding.length ? (
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              title={() => t('funding')}
              dataSource={p.funding}
              columns={[
                { key: 'source', title: t('source'), render: (_, f) => pick(f.sourceLabel) },
                { key: 'amount', title: t('amount'), align: 'right', render: (_, f) => formatYuan(f.amountFen) },
                { key: 'note', title: t('note'), render: (_, f) => f.note ?? '' },
              ]}
            />
          ) : null}
          {p.children.length ? (
            <div>
              <Typography.Title level={5}>{t('children')}</Typography.Title>
              <ProjectTable items={p.children} onOpen={onOpen} compact />
            </div>
          ) : null}
          <div>
            <Typography.Title level={5}>{t('entries')}</Typography.Title>
            <List
              size="small"
              dataSource={p.entries}
              locale={{ emptyText: '—' }}
              renderItem={(e) => (
                <List.Item
                  actions={
                    !e.verified && me && VERIFIERS.has(me.role)
                      ? [
                          <Button
                            key="verify"
                            size="small"
                            loading={verify.isPending}
                            onClick={() =>
                              verify
                                .mutateAsync({ id: p.id, entryId: e.id, version: e.version })
                                .then(() => void message.success(t('verifiedDone')))
                                .catch((error: unknown) => void message.error(errorMessage(error)))
                            }
                          >
                            {t('verify')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {formatDate(e.date)} · {e.percent}% <Tag color={e.verified ? 'green' : 'default'}>{e.verified ? t('verifiedTag') : t('unverifiedTag')}</Tag>
                      </span>
                    }
                    description={
                      <>
                        {[e.note, e.reportedBy].filter(Boolean).join(' — ')}
                        {e.attachments.length ? (
                          <Image.PreviewGroup>
                            <Space wrap style={{ marginTop: 4 }}>
                              {e.attachments.map((a) => (
                                <Image key={a.hash} src={a.url} alt={a.name} width={64} height={64} style={{ objectFit: 'cover' }} />
                              ))}
                            </Space>
                          </Image.PreviewGroup>
                        ) : null}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </div>
          {me && REPORTERS.has(me.role) ? (
            <Form form={form} layout="inline" onFinish={report} initialValues={{ date: today(), percent: p.progress.reported }} style={{ rowGap: 8 }}>
              {addProgress.error ? <ErrorAlert error={addProgress.error} style={{ width: '100%', marginBottom: 8 }} /> : null}
              <Form.Item name="date" label={t('date')} rules={[{ required: true, message: t('required') }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="percent" label={t('percent')} rules={[{ required: true, message: t('required') }]}>
                <InputNumber min={0} max={100} precision={0} />
              </Form.Item>
              <Form.Item name="statusKey" label={t('moveTo')}>
                <Select allowClear style={{ width: 120 }} options={(ladder?.steps ?? []).map((s) => ({ value: s.key, label: pick(s.label) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('note')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item>
                <Upload
                  accept="image/jpeg,image/png,image/webp"
                  multiple
                  fileList={photos.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
                  beforeUpload={(file) => {
                    setPhotos((list) => [...list, file].slice(0, 6));
                    return false;
                  }}
                  onRemove={(file) => setPhotos((list) => list.filter((_, i) => String(i) !== file.uid))}
                >
                  <Button icon={<UploadOutlined />}>{t('photos')}</Button>
                </Upload>
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={addProgress.isPending}>
                {t('reportProgress')}
              </Button>
            </Form>
          ) : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}
