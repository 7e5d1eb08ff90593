import { Form, Input, InputNumber, Select } from 'antd';
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
  const attributes = ((category?.attributes ?? []) as Attribute[]).slice().sort((a, b) => a.order - b.order);
  const set = (code: string, value: string | undefined) => onChange({ ...values, [code]: value ?? '' });
  return (
    <>
      {attributes.map((a) => {
        const missing = a.required && !values[a.code];
        return (
          <Form.Item
            key={a.code}
            label={a.description}
            required={a.required}
            help={missing ? requiredMessage : undefined}
            validateStatus={missing ? 'warning' : undefined}
          >
            {a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist' ? (
              <Select
                data-testid={`attribute-${a.code}`}
                value={values[a.code] || undefined}
                onChange={(v: string) => set(a.code, v)}
                options={(a.values ?? []).map((v) => ({
                  value: v.key,
                  label: v.name,
                }))}
                allowClear
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
                maxLength={a.datatype === 'string' ? 200 : 2000}
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
