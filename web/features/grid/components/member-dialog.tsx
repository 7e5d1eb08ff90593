import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import type { RecordDialogProps } from '../../../lib/record-dialog.ts';
import { ROLE_LABELS as AUTH_ROLE_LABELS } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useAccounts } from '../api/accounts.ts';
import { FORCE_TYPE_LABELS, messages, ROLE_LABELS } from '../messages.ts';
import { FORCE_TYPES, ROLES, type AssignmentRole, type CreateMemberInput, type ForceType, type Member, type UpdateMemberInput } from '../types.ts';

/** The sign-in account to link, found by name or username among those in the editor's scope. */
function AccountPicker({
  open,
  current,
  memberId,
  value,
  onChange,
}: {
  open: boolean;
  current: { id: string; label: string } | null;
  memberId: string | null;
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const [q, setQ] = useState('');
  const accounts = useAccounts(q.trim(), open);
  // An account serves one member: one linked to another member is shown, but cannot be chosen.
  const options = (accounts.data?.items ?? []).map((a) => ({
    value: a.id,
    disabled: a.linkedTo !== null && a.linkedTo.memberId !== memberId,
    label: `${a.displayName}（${a.username}）${AUTH_ROLE_LABELS[a.role as keyof typeof AUTH_ROLE_LABELS] ? ` · ${pick(AUTH_ROLE_LABELS[a.role as keyof typeof AUTH_ROLE_LABELS])}` : ''}${
      a.linkedTo && a.linkedTo.memberId !== memberId ? ` · ${t('linkedToOther', { name: a.linkedTo.name })}` : ''
    }`,
  }));
  // The account already linked stays choosable (by its id) when the search does not list it.
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, disabled: false, label: current.label });
  return (
    <Select
      data-testid="linked-user"
      value={value}
      onChange={(id?: string) => onChange?.(id)}
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={accounts.isFetching}
      notFoundContent={accounts.isFetching ? null : t('noAccounts')}
      placeholder={t('searchAccount')}
      options={options}
    />
  );
}

function linkedAccount(member: Member | null | undefined): { id: string; label: string } | null {
  if (!member?.userId) return null;
  return { id: member.userId, label: member.account ? `${member.account.displayName}（${member.account.username}）` : member.userId };
}

export type MemberDialogState = { mode: 'create' } | { mode: 'edit'; member: Member };

interface Values {
  name: string;
  phone?: string;
  unit?: string;
  forceType: ForceType;
  regionCode?: string;
  userId?: string;
  assignments?: { microGridCode?: string; role: AssignmentRole }[];
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const clean = (phone: string | undefined) => (phone ?? '').replace(/\s/g, '');

/** Create a member (with their micro-grids) or edit one; a masked phone is left as it is unless retyped. */
export function MemberDialog({ state, pending, error, onCreate, onUpdate, onClose }: RecordDialogProps<MemberDialogState, CreateMemberInput, UpdateMemberInput & { id: string }>) {
  const t = useT(messages);
  const { pick } = useLang();
  const [form] = Form.useForm<Values>();
  const editing = state?.mode === 'edit' ? state.member : null;

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        phone: editing.phoneMasked ? undefined : editing.phone,
        unit: editing.unit ?? undefined,
        forceType: editing.forceType,
        regionCode: editing.regionCode,
        userId: editing.userId ?? undefined,
      });
    } else form.setFieldsValue({ forceType: 'social_volunteer', assignments: [{ role: 'member' }] });
  }, [state, editing, form]);

  const submit = (values: Values) => {
    const phone = clean(values.phone);
    if (editing) {
      onUpdate({
        id: editing.id,
        version: editing.version,
        ...(values.name !== editing.name ? { name: values.name } : {}),
        ...(phone && phone !== editing.phone ? { phone } : {}),
        ...((values.unit ?? null) !== editing.unit ? { unit: values.unit || null } : {}),
        ...(values.forceType !== editing.forceType ? { forceType: values.forceType } : {}),
        ...(values.regionCode && values.regionCode !== editing.regionCode ? { regionCode: values.regionCode } : {}),
        ...((values.userId || null) !== editing.userId ? { userId: values.userId || null } : {}),
      });
      return;
    }
    onCreate({
      name: values.name,
      phone,
      unit: values.unit || null,
      forceType: values.forceType,
      ...(values.regionCode ? { regionCode: values.regionCode } : {}),
      ...(values.userId ? { userId: values.userId } : {}),
      assignments: (values.assignments ?? []).filter((a): a is { microGridCode: string; role: AssignmentRole } => Boolean(a.microGridCode)),
    });
  };

  return (
    <FormDialog form={form} open={Boolean(state)} title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')} onCancel={onClose} pending={pending} error={error} width={560}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="member-form">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('phone')}
          extra={editing?.phoneMasked ? `${editing.phone} · ${t('phoneKeep')}` : undefined}
          rules={[{ required: !editing, message: t('required') }, { validator: (_, v: string | undefined) => (!clean(v) || PHONE.test(clean(v)) ? Promise.resolve() : Promise.reject(new Error(t('phoneRule')))) }]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="unit" label={t('unit')} rules={[{ max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="forceType" label={t('forceType')} rules={[{ required: true, message: t('required') }]}>
          <Select options={FORCE_TYPES.map((f) => ({ value: f, label: pick(FORCE_TYPE_LABELS[f]) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('homeRegion')} extra={editing ? undefined : t('homeRegionHelp')}>
          <RegionPicker allowClear style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="userId" label={t('linkedUser')} extra={t('linkedUserHelp')}>
          <AccountPicker open={Boolean(state)} current={linkedAccount(editing)} memberId={editing?.id ?? null} />
        </Form.Item>
        {editing ? null : (
          <Form.Item label={t('assignments')} extra={t('assignmentsHelp')}>
            <Form.List name="assignments">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} align="center" wrap>
                      <Form.Item name={[field.name, 'microGridCode']} noStyle>
                        <RegionPicker maxLevel="micro_grid" onlyLevel="micro_grid" placeholder={t('chooseMicroGrid')} style={{ flex: 1, minWidth: 200 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'role']} noStyle>
                        <Select style={{ width: 110 }} options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('unassign')} />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'member' })}>
                    {t('addAssignment')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        )}
      </Form>
    </FormDialog>
  );
}
