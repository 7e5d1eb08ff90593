import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { OrgSelect } from '../../orgs/index.ts';
import { usePairingConfig } from '../api/get-config.ts';
import { messages, ROLE_LABELS } from '../messages.ts';
import type { CreatePairingInput } from '../types.ts';

interface Values {
  modeKey: string;
  mechanismKey: string;
  parties: { orgId?: string; role: 'helping' | 'helped'; lead?: boolean }[];
  startDate: string;
  endDate?: string;
  status: 'proposed' | 'active';
  capacityOverride?: string;
  title?: string;
}

/** A new pairing: mode, mechanism (its slots shown as a hint), parties with roles and one lead, period. */
export function PairingDialog({ open, pending, error, onSubmit, onClose }: { open: boolean; pending: boolean; error: unknown; onSubmit: (input: CreatePairingInput) => void; onClose: () => void }) {
  const t = useT(messages);
  const { pick } = useLang();
  const config = usePairingConfig().data;
  const [form] = Form.useForm<Values>();
  const mechanismKey = Form.useWatch('mechanismKey', form);
  const mechanism = config?.mechanisms.find((m) => m.key === mechanismKey);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      status: 'proposed',
      parties: [
        { role: 'helping', lead: true },
        { role: 'helped', lead: false },
      ],
    });
  }, [open, form]);

  const submit = (v: Values) =>
    onSubmit({
      modeKey: v.modeKey,
      mechanismKey: v.mechanismKey,
      parties: v.parties.filter((p) => p.orgId).map((p) => ({ orgId: p.orgId!, role: p.role, lead: Boolean(p.lead) })),
      startDate: v.startDate,
      endDate: v.endDate || null,
      status: v.status,
      ...(v.capacityOverride ? { capacityOverride: v.capacityOverride } : {}),
      ...(v.title ? { title: v.title } : {}),
    });

  /** One lead: ticking a party clears the others. */
  const setLead = (index: number, checked: boolean) => {
    const parties = (form.getFieldValue('parties') as Values['parties']).map((p, i) => ({ ...p, lead: checked ? i === index : p.lead && i !== index }));
    form.setFieldsValue({ parties });
  };

  return (
    <FormDialog form={form} open={open} title={t('newPairing')} onCancel={onClose} pending={pending} error={error} width={720}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Flex gap={12} wrap>
          <Form.Item name="modeKey" label={t('mode')} rules={[{ required: true }]} style={{ minWidth: 200 }}>
            <Select options={(config?.modes ?? []).filter((m) => m.active).map((m) => ({ value: m.key, label: pick(m.name) }))} />
          </Form.Item>
          <Form.Item name="mechanismKey" label={t('mechanism')} rules={[{ required: true }]} style={{ minWidth: 220 }}>
            <Select options={(config?.mechanisms ?? []).map((m) => ({ value: m.key, label: pick(m.name) }))} />
          </Form.Item>
        </Flex>
        {mechanism ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {mechanism.slots.map((s) => `${pick(s.label)} ${s.min}${s.max === null ? '+' : s.max === s.min ? '' : `–${s.max}`}（${pick(ROLE_LABELS[s.role as 'helping' | 'helped'])}）`).join(' ＋ ')}
          </Typography.Paragraph>
        ) : null}
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[field.name, 'orgId']} rules={[{ required: true }]} style={{ flex: 1, minWidth: 240 }}>
                    <OrgSelect />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']}>
                    <Radio.Group
                      optionType="button"
                      options={(['helping', 'helped'] as const).map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'lead']} valuePropName="checked">
                    <Checkbox onChange={(e) => setLead(field.name, e.target.checked)}>{t('lead')}</Checkbox>
                  </Form.Item>
                  {fields.length > 2 ? <MinusCircleOutlined onClick={() => remove(field.name)} /> : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'helped', lead: false })} style={{ marginBottom: 16 }}>
                {t('addParty')}
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={12} wrap>
          <Form.Item name="startDate" label={t('startDate')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endDate" label={t('endDate')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="status" label={t('createAs')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'proposed', label: pick({ zh: '拟结对', en: 'Proposed' }) },
                { value: 'active', label: pick({ zh: '直接生效', en: 'Active' }) },
              ]}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="capacityOverride" label={t('capacityOverride')} extra={t('capacityOverrideHelp')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
