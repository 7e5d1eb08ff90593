import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { OrgSelect } from '../../orgs/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useLadder } from '../api/get-ladder.ts';
import { FUNDING_LABELS, messages } from '../messages.ts';
import { yuanToFen, type FundingSource, type ProjectInput } from '../types.ts';

interface Values {
  title: string;
  regionCode: string;
  budgetYuan: number;
  funding?: { source?: FundingSource; amountYuan?: number; note?: string }[];
  startDate: string;
  endDate?: string;
  statusKey?: string;
  description?: string;
  ownerOrgId?: string;
}

/** The fields of a new project, budget and funding lines in yuan (sent as fen); the caller says where it goes. */
export function ProjectFormModal({
  open,
  title,
  askOwner,
  defaultRegion,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title?: string;
  /** Ask for the organisation that owns it (the projects page; a pairing owns its own). */
  askOwner?: boolean;
  defaultRegion?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ProjectInput, ownerOrgId?: string) => void;
  onClose: () => void;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const ladder = useLadder().data;
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ regionCode: defaultRegion, funding: [] });
  }, [open, defaultRegion, form]);

  const submit = (v: Values) => {
    const funding = (v.funding ?? []).filter((f) => f.source && f.amountYuan !== undefined).map((f) => ({ source: f.source!, amountFen: yuanToFen(f.amountYuan)!, note: f.note || null }));
    onSubmit({
      title: v.title,
      regionCode: v.regionCode,
      budgetFen: yuanToFen(v.budgetYuan) ?? 0,
      funding,
      startDate: v.startDate,
      endDate: v.endDate || null,
      statusKey: v.statusKey,
      description: v.description || null,
    }, v.ownerOrgId);
  };

  const budgetMatches = (_: unknown, lines?: Values['funding']) => {
    const budget = yuanToFen(form.getFieldValue('budgetYuan') as number | undefined) ?? 0;
    const filled = (lines ?? []).filter((l) => l.amountYuan !== undefined);
    if (filled.length === 0) return Promise.resolve();
    const sum = filled.reduce((a, l) => a + (yuanToFen(l.amountYuan) ?? 0), 0);
    return sum === budget ? Promise.resolve() : Promise.reject(new Error(t('fundingMismatch')));
  };

  return (
    <FormDialog form={form} open={open} title={title ?? t('newProject')} onCancel={onClose} pending={pending} error={error} width={640}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="title" label={t('projectTitle')} rules={[{ required: true, min: 2, message: t('required') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('region')} rules={[{ required: true, message: t('required') }]}>
          <RegionPicker maxLevel="village" />
        </Form.Item>
        {askOwner ? (
          <Form.Item name="ownerOrgId" label={t('owners')} rules={[{ required: true, message: t('required') }]}>
            <OrgSelect />
          </Form.Item>
        ) : null}
        <Flex gap={12} wrap>
          <Form.Item name="budgetYuan" label={t('budget')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={0} precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="statusKey" label={t('status')}>
            <Select allowClear style={{ width: 140 }} options={(ladder?.steps ?? []).map((s) => ({ value: s.key, label: pick(s.label) }))} />
          </Form.Item>
          <Form.Item name="startDate" label={t('startDate')} rules={[{ required: true, message: t('required') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endDate" label={t('endDate')}>
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Form.List name="funding" rules={[{ validator: budgetMatches }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item name={[field.name, 'source']} rules={[{ required: true, message: t('required') }]}>
                    <Select style={{ width: 160 }} placeholder={t('source')} options={Object.entries(FUNDING_LABELS).map(([value, label]) => ({ value, label: pick(label) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amountYuan']} rules={[{ required: true, message: t('required') }]}>
                    <InputNumber min={0} precision={2} placeholder={t('amount')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']}>
                    <Input placeholder={t('note')} maxLength={200} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('addFunding')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Form.Item name="description" label={t('description')} style={{ marginTop: 12 }}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
