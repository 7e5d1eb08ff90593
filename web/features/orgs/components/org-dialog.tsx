import { Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import type { RecordDialogProps } from '../../../lib/record-dialog.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useVocabulary } from '../api/get-vocabulary.ts';
import { messages } from '../messages.ts';
import { REGION_DOMAINS, type CreateOrgInput, type Org, type OrgDomain, type Tag, type UpdateOrgInput } from '../types.ts';
import { OrgSelect } from './org-select.tsx';

export type OrgDialogState = { mode: 'create' } | { mode: 'edit'; org: Org };

interface Values {
  name: string;
  domain: OrgDomain;
  regionCode: string;
  parentId?: string;
  liaisonName?: string;
  liaisonPhone?: string;
  capacity: number;
  resourceTags: Tag[];
  needTags: Tag[];
  note?: string;
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Create an organisation or edit one; a masked phone stays as it is unless retyped. */
export function OrgDialog({ state, pending, error, onCreate, onUpdate, onClose }: RecordDialogProps<OrgDialogState, CreateOrgInput, UpdateOrgInput & { id: string }>) {
  const t = useT(messages);
  const { pick } = useLang();
  const vocabulary = useVocabulary().data;
  const [form] = Form.useForm<Values>();
  const editing = state?.mode === 'edit' ? state.org : null;
  const domain = Form.useWatch('domain', form);
  const anchored = Boolean(editing?.anchorRegionCode);
  const takesNeeds = domain === 'village' || domain === 'urban_community';

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        domain: editing.domain,
        regionCode: editing.regionCode,
        parentId: editing.parentId ?? undefined,
        liaisonName: editing.liaisonName ?? undefined,
        capacity: editing.capacity,
        resourceTags: editing.resourceTags as Tag[],
        needTags: editing.needTags as Tag[],
        note: editing.note ?? undefined,
      });
    } else form.setFieldsValue({ domain: 'agency', capacity: 3, resourceTags: [], needTags: [] });
  }, [state, editing, form]);

  const submit = (v: Values) => {
    const phone = (v.liaisonPhone ?? '').replace(/\s/g, '');
    const needTags = takesNeeds ? v.needTags : [];
    if (editing) {
      onUpdate({
        id: editing.id,
        version: editing.version,
        ...(v.name !== editing.name ? { name: v.name } : {}),
        ...(!anchored && v.domain !== editing.domain ? { domain: v.domain } : {}),
        ...(!anchored && v.regionCode !== editing.regionCode ? { regionCode: v.regionCode } : {}),
        ...((v.parentId ?? null) !== editing.parentId ? { parentId: v.parentId ?? null } : {}),
        ...((v.liaisonName || null) !== editing.liaisonName ? { liaisonName: v.liaisonName || null } : {}),
        ...(phone ? { liaisonPhone: phone } : {}),
        ...(v.capacity !== editing.capacity ? { capacity: v.capacity } : {}),
        resourceTags: v.resourceTags,
        needTags,
        ...((v.note || null) !== editing.note ? { note: v.note || null } : {}),
      });
      return;
    }
    onCreate({
      name: v.name,
      domain: v.domain,
      regionCode: v.regionCode,
      parentId: v.parentId ?? null,
      liaisonName: v.liaisonName || null,
      liaisonPhone: phone || null,
      capacity: v.capacity,
      resourceTags: v.resourceTags,
      needTags,
      note: v.note || null,
    });
  };

  const tagOptions = (vocabulary?.tags ?? []).map((tag) => ({ value: tag.key, label: pick(tag) }));
  return (
    <FormDialog form={form} open={Boolean(state)} title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')} onCancel={onClose} pending={pending} error={error} width={600}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, min: 2, message: t('required') }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="domain" label={t('domain')} rules={[{ required: true }]}>
          <Select
            disabled={anchored}
            options={(vocabulary?.domains ?? []).filter((d) => editing || !REGION_DOMAINS.includes(d.key as OrgDomain)).map((d) => ({ value: d.key, label: pick(d) }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('region')} rules={[{ required: true, message: t('required') }]}>
          {anchored ? <Input disabled /> : <RegionPicker maxLevel="village" />}
        </Form.Item>
        <Form.Item name="parentId" label={t('parent')}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="capacity" label={t('capacity')} extra={t('capacityHelp')} rules={[{ required: true }]}>
          <InputNumber min={0} max={50} precision={0} />
        </Form.Item>
        <Form.Item name="resourceTags" label={t('resources')}>
          <Select mode="multiple" options={tagOptions} />
        </Form.Item>
        {takesNeeds ? (
          <Form.Item name="needTags" label={t('needs')}>
            <Select mode="multiple" options={tagOptions} />
          </Form.Item>
        ) : null}
        <Form.Item name="liaisonName" label={t('liaison')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="liaisonPhone"
          label={t('liaisonPhone')}
          extra={editing?.liaisonPhone ? `${editing.liaisonPhone} · ${t('phoneKeep')}` : undefined}
          rules={[{ validator: (_, v?: string) => (!v || PHONE.test(v.replace(/\s/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('phoneInvalid')))) }]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
