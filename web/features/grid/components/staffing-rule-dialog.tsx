import { Form, InputNumber, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages, STAFFING_KEY_LABELS } from '../messages.ts';
import { STAFFING_KEYS, type StaffingKey, type StaffingRule, type StaffingRuleView } from '../types.ts';

type Values = Record<StaffingKey, number | null> & { requireLeader: boolean };

/** The district admin's staffing rule: a minimum per force (or any cadre, or anyone) and whether a leader is needed. */
export function StaffingRuleDialog({
  current,
  open,
  pending,
  error,
  onSave,
  onClose,
}: {
  current: StaffingRuleView | undefined;
  open: boolean;
  pending: boolean;
  error: unknown;
  onSave: (rule: StaffingRule & { version: number }) => void;
  onClose: () => void;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open || !current) return;
    form.setFieldsValue({ ...Object.fromEntries(STAFFING_KEYS.map((k) => [k, current.rule.minimum[k] ?? 0])), requireLeader: current.rule.requireLeader } as Values);
  }, [open, current, form]);

  const submit = (values: Values) => {
    if (!current) return;
    const minimum: StaffingRule['minimum'] = {};
    for (const key of STAFFING_KEYS) {
      const n = values[key];
      if (n) minimum[key] = n;
    }
    onSave({ version: current.version, minimum, requireLeader: values.requireLeader });
  };

  return (
    <FormDialog form={form} open={open} title={t('ruleTitle')} onCancel={onClose} pending={pending} error={error}>
      <Typography.Paragraph type="secondary">{t('ruleHelp')}</Typography.Paragraph>
      <Form<Values> form={form} layout="horizontal" labelCol={{ span: 12 }} wrapperCol={{ span: 12 }} onFinish={submit} data-testid="staffing-rule-form">
        {STAFFING_KEYS.map((key) => (
          <Form.Item key={key} name={key} label={pick(STAFFING_KEY_LABELS[key])}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: 100 }} />
          </Form.Item>
        ))}
        <Form.Item name="requireLeader" label={t('requireLeader')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
