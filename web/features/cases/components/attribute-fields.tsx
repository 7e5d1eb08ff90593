import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useLang } from '../../../lib/i18n.tsx';
import type { CategoryItem } from '../types.ts';

interface Attribute {
  code: string;
  datatype: string;
  required: boolean;
  description: string;
  order: number;
  values?: { key: string; name: string }[];
}

/** The category's extra questions (Open311 attributes), in their order. */
export function AttributeFields({
  category,
  values,
  onChange,
  requiredMessage,
}: {
  category: CategoryItem | undefined;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  requiredMessage: string;
}) {
  const { mixed } = useLang();
  const attributes = ((category?.attributes ?? []) as Attribute[]).slice().sort((a, b) => a.order - b.order);
  const set = (code: string, value: string | undefined) => onChange({ ...values, [code]: value ?? '' });
  return (
    <>
      {attributes.map((a) => {
        const missing = a.required && !values[a.code];
        return (
          <Form.Item
            key={a.code}
            label={mixed(a.description)}
            required={a.required}
            help={missing ? requiredMessage : undefined}
            validateStatus={missing ? 'warning' : undefined}
          >
            {a.datatype === 'singlevaluelist' ? (
              <Select
                data-testid={`attribute-${a.code}`}
                value={values[a.code] || undefined}
                onChange={(v: string) => set(a.code, v)}
                options={(a.values ?? []).map((v) => ({
                  value: v.key,
                  label: mixed(v.name),
                }))}
                allowClear
              />
            ) : a.datatype === 'multivaluelist' ? (
              // Several answers, sent as one comma-separated value (keys hold no commas).
              <Select
                mode="multiple"
                data-testid={`attribute-${a.code}`}
                value={values[a.code] ? values[a.code]!.split(',') : []}
                onChange={(v: string[]) => set(a.code, v.join(','))}
                options={(a.values ?? []).map((v) => ({
                  value: v.key,
                  label: mixed(v.name),
                }))}
                allowClear
              />
            ) : a.datatype === 'datetime' ? (
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                data-testid={`attribute-${a.code}`}
                value={values[a.code] && dayjs(values[a.code]).isValid() ? dayjs(values[a.code]) : null}
                onChange={(d) => set(a.code, d ? d.second(0).format('YYYY-MM-DDTHH:mm:ssZ') : undefined)}
                style={{ width: '100%' }}
                inputReadOnly
              />
            ) : a.datatype === 'text' ? (
              <Input.TextArea
                data-testid={`attribute-${a.code}`}
                value={values[a.code] ?? ''}
                onChange={(e) => set(a.code, e.target.value)}
                maxLength={2000}
                autoSize={{ minRows: 2, maxRows: 6 }}
              />
            ) : a.datatype === 'number' ? (
              <InputNumber
                data-testid={`attribute-${a.code}`}
                value={values[a.code] ? Number(values[a.code]) : null}
                onChange={(n) => set(a.code, n === null ? undefined : String(n))}
                style={{ width: '100%' }}
              />
            ) : (
              <Input
                data-testid={`attribute-${a.code}`}
                value={values[a.code] ?? ''}
                onChange={(e) => set(a.code, e.target.value)}
                maxLength={200}
              />
            )}
          </Form.Item>
        );
      })}
    </>
  );
}

/** Every required question answered. */
export function attributesComplete(category: CategoryItem | undefined, values: Record<string, string>): boolean {
  return ((category?.attributes ?? []) as Attribute[]).every((a) => !a.required || Boolean(values[a.code]));
}
