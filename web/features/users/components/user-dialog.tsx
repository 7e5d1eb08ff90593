import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import type { RecordDialogProps } from '../../../lib/record-dialog.ts';
import { ROLE_LABELS, ROLES } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { messages } from '../messages.ts';
import type { CreateUserInput, Role, UpdateUserInput, User } from '../types.ts';

export type UserDialogState = { mode: 'create' } | { mode: 'edit'; user: User };

interface FormValues {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  scopes: string[];
  phone?: string;
  orgId?: string;
}

/** Create a user, or edit one: only the fields that changed are sent, with the version seen. */
export function UserDialog({ state, pending, error, onCreate, onUpdate, onClose }: RecordDialogProps<UserDialogState, CreateUserInput, UpdateUserInput & { id: string }>) {
  const t = useT(messages);
  const { pick } = useLang();
  const [form] = Form.useForm<FormValues>();
  const open = Boolean(state);
  const user = state?.mode === 'edit' ? state.user : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        scopes: user.scopes.map((s) => s.code),
        phone: user.phone ?? '',
        orgId: user.orgId ?? '',
      });
    }
  }, [open, user, form]);

  const submit = (values: FormValues) => {
    const phone = values.phone?.trim() || null;
    const orgId = values.orgId?.trim() || null;
    if (!user) {
      onCreate({ username: values.username.trim(), displayName: values.displayName.trim(), password: values.password ?? '', role: values.role, scopes: values.scopes, phone, orgId });
      return;
    }
    const patch: UpdateUserInput & { id: string } = { id: user.id, version: user.version };
    if (values.displayName.trim() !== user.displayName) patch.displayName = values.displayName.trim();
    if (values.role !== user.role) patch.role = values.role;
    if (values.scopes.join(',') !== user.scopes.map((s) => s.code).join(',')) patch.scopes = values.scopes;
    if (phone !== user.phone) patch.phone = phone;
    if (orgId !== user.orgId) patch.orgId = orgId;
    if (values.password) patch.password = values.password;
    onUpdate(patch);
  };

  return (
    <FormDialog form={form} open={open} title={user ? t('editTitle', { name: user.displayName }) : t('createTitle')} onCancel={onClose} pending={pending} error={error} mask={{ closable: false }}>
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'grid_worker', scopes: [] }}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }, { pattern: /^[a-zA-Z0-9_.-]{2,40}$/, message: t('usernameRule') }]}>
          <Input disabled={Boolean(user)} autoComplete="off" autoCapitalize="none" />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('newPassword') : t('password')}
          extra={user ? t('newPasswordHelp') : t('passwordHelp')}
          rules={user ? [{ min: 8, message: t('passwordTooShort') }] : [{ required: true, message: t('required') }, { min: 8, message: t('passwordTooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="scopes" label={t('scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('required') }]}>
          <RegionPicker multiple style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="orgId" label={t('orgId')}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
