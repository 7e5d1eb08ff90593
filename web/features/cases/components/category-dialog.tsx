import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import type { RecordDialogProps } from '../../../lib/record-dialog.ts';
import { FORCE_TYPE_LABELS, FORCE_TYPES, type ForceType } from '../../grid/index.ts';
import { choicesWithKeys } from '../category-tree.ts';
import { ATTRIBUTE_TYPE_LABELS, LIMIT_UNIT_LABELS, messages, STAGE_LABELS } from '../messages.ts';
import {
  ATTRIBUTE_CODE,
  ATTRIBUTE_TYPES,
  CODE_PART,
  STAGES,
  type AttributeType,
  type CategoryAttribute,
  type CategoryItem,
  type CreateCategoryInput,
  type StageStatus,
  type TimeLimit,
  type UpdateCategoryInput,
} from '../types.ts';

export type CategoryDialogState = { mode: 'create'; parentCode?: string } | { mode: 'edit'; category: CategoryItem };

interface LimitValue {
  unit: TimeLimit['unit'];
  amount?: number | null;
}

interface AttributeValue {
  code?: string;
  description?: string;
  datatype: AttributeType;
  required?: boolean;
  /** The choices of a list question, by name; keys are given on saving. */
  values?: string[];
}

interface Values {
  parentCode?: string;
  /** The whole code of a top-level category; a sub-category's part after `parent.`. */
  code?: string;
  nameZh: string;
  nameEn: string;
  description?: string;
  forceType?: ForceType;
  limits: Record<StageStatus, LimitValue>;
  reporterVerifies: boolean;
  listNearby: boolean;
  sortOrder?: number | null;
  attributes?: AttributeValue[];
}

/** Where an empty stage's unit starts: the first two stages are usually counted in hours. */
const DEFAULT_UNIT: Record<StageStatus, TimeLimit['unit']> = { reported: 'hours', accepted: 'hours', dispatched: 'days', handled: 'days', verified: 'days' };
const MAX_ATTRIBUTES = 20;
const isList = (datatype: AttributeType | undefined) => datatype === 'singlevaluelist' || datatype === 'multivaluelist';

function limitsToForm(limits: Readonly<Record<string, TimeLimit | undefined>>): Values['limits'] {
  return Object.fromEntries(
    STAGES.map((stage) => {
      const limit = limits[stage];
      return [stage, limit ? { unit: limit.unit, amount: limit.amount } : { unit: DEFAULT_UNIT[stage], amount: null }];
    }),
  ) as Values['limits'];
}

function limitsFromForm(limits: Values['limits'] | undefined): Partial<Record<StageStatus, TimeLimit>> {
  const out: Partial<Record<StageStatus, TimeLimit>> = {};
  for (const stage of STAGES) {
    const limit = limits?.[stage];
    if (limit && typeof limit.amount === 'number') out[stage] = { unit: limit.unit, amount: limit.amount };
  }
  return out;
}

const attributesOf = (c: Pick<CategoryItem, 'attributes'> | undefined): CategoryAttribute[] =>
  ((c?.attributes ?? []) as CategoryAttribute[]).slice().sort((a, b) => a.order - b.order);

function attributesToForm(attributes: readonly CategoryAttribute[]): AttributeValue[] {
  return attributes.map((a) => ({ code: a.code, description: a.description, datatype: a.datatype, required: a.required, values: a.values?.map((v) => v.name) }));
}

/** The questions in the order listed; a list question's choices keep the keys they had in `previous`. */
function attributesFromForm(rows: readonly AttributeValue[] | undefined, previous: readonly CategoryAttribute[]): CategoryAttribute[] {
  return (rows ?? []).map((row, i) => {
    const code = (row.code ?? '').trim();
    const before = previous.find((p) => p.code === code);
    const values = (row.values ?? []).map((v) => v.trim()).filter(Boolean);
    return {
      code,
      datatype: row.datatype,
      required: Boolean(row.required),
      description: (row.description ?? '').trim(),
      order: i + 1,
      ...(isList(row.datatype) ? { values: choicesWithKeys(values, before?.values) } : {}),
    };
  });
}

/** What a new category starts from: its parent's force type, limits, verification and questions. */
function inherited(parent: CategoryItem): Partial<Values> {
  return {
    forceType: parent.forceType,
    limits: limitsToForm(parent.limits),
    reporterVerifies: parent.reporterVerifies,
    listNearby: parent.listNearby,
    attributes: attributesToForm(attributesOf(parent)),
  };
}

/** A new category goes last among its siblings (top-level ones count in hundreds, as the defaults do). */
function nextSortOrder(categories: readonly CategoryItem[], parentCode: string | null): number {
  if (parentCode === null) {
    const last = Math.max(0, ...categories.filter((c) => c.parentCode === null).map((c) => c.sortOrder));
    return Math.min(100_000, Math.floor(last / 100) * 100 + 100);
  }
  const family = categories.filter((c) => c.code === parentCode || c.parentCode === parentCode).map((c) => c.sortOrder);
  return Math.min(100_000, Math.max(0, ...family) + 1);
}

/** The server's answer to a stale version carries the category as it now is. */
function conflictCurrent(error: unknown, code: string | undefined): CategoryItem | null {
  if (!isApiError(error, 409) || !code) return null;
  const current = error.body.current as Partial<CategoryItem> | undefined;
  return current && current.code === code && typeof current.version === 'number' ? (current as CategoryItem) : null;
}

/**
 * Create a category (top level, or under a parent whose settings it starts from) or edit one.
 * The checks mirror the server's; its own answers (a taken code, a stale version, a definition
 * that does not fit the tree) show above the form, and a stale version can be reloaded.
 */
export function CategoryDialog({
  state,
  categories,
  pending,
  error,
  onCreate,
  onUpdate,
  onReload,
  onClose,
}: RecordDialogProps<CategoryDialogState, CreateCategoryInput, UpdateCategoryInput & { code: string }> & {
  categories: readonly CategoryItem[];
  /** Edit again from the category as the server now has it (after a 409). */
  onReload: (latest: CategoryItem) => void;
}) {
  const t = useT(messages);
  const { pick, lang } = useLang();
  // English stage and unit names ("Acceptance", "working hours") need more room than Chinese ones.
  const english = lang === 'en';
  const [form] = Form.useForm<Values>();
  const editing = state?.mode === 'edit' ? state.category : null;
  const parentCode = Form.useWatch('parentCode', form);
  const latest = conflictCurrent(error, editing?.code);
  const errorRef = useRef<HTMLDivElement>(null);

  // The server's answer shows above the form: bring it into view from the buttons at the bottom.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);

  const parents = useMemo(() => categories.filter((c) => c.parentCode === null), [categories]);
  const taken = useMemo(() => new Set(categories.map((c) => c.code)), [categories]);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') {
      const c = state.category;
      form.setFieldsValue({
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        description: c.description,
        forceType: c.forceType,
        limits: limitsToForm(c.limits),
        reporterVerifies: c.reporterVerifies,
        listNearby: c.listNearby,
        sortOrder: c.sortOrder,
        attributes: attributesToForm(attributesOf(c)),
      });
      return;
    }
    const parent = categories.find((c) => c.code === state.parentCode && c.parentCode === null);
    form.setFieldsValue({
      parentCode: parent?.code,
      limits: limitsToForm({}),
      reporterVerifies: true,
      listNearby: true,
      attributes: [],
      ...(parent ? inherited(parent) : {}),
      sortOrder: nextSortOrder(categories, parent?.code ?? null),
    });
    // The form is filled when the dialog opens, not again when the list refreshes behind it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, form]);

  const chooseParent = (code: string | undefined) => {
    const parent = parents.find((c) => c.code === code);
    form.setFieldsValue({ ...(parent ? inherited(parent) : {}), sortOrder: nextSortOrder(categories, parent?.code ?? null) });
    if (form.getFieldValue('code')) void form.validateFields(['code']).catch(() => undefined);
  };

  const submit = (values: Values) => {
    const limits = limitsFromForm(values.limits);
    if (editing) {
      const next = {
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        description: (values.description ?? '').trim(),
        forceType: values.forceType,
        limits,
        reporterVerifies: values.reporterVerifies,
        listNearby: values.listNearby,
        sortOrder: values.sortOrder ?? 0,
        attributes: attributesFromForm(values.attributes, attributesOf(editing)),
      };
      const changed = Object.fromEntries(
        Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(editing[key as keyof typeof next])),
      ) as Partial<typeof next>;
      if (Object.keys(changed).length === 0) return onClose();
      onUpdate({ code: editing.code, version: editing.version ?? 1, ...changed });
      return;
    }
    const parent = parents.find((c) => c.code === values.parentCode);
    const part = (values.code ?? '').trim();
    onCreate({
      code: parent ? `${parent.code}.${part}` : part,
      parentCode: parent?.code ?? null,
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      description: (values.description ?? '').trim(),
      forceType: values.forceType ?? 'committee_member',
      limits,
      reporterVerifies: values.reporterVerifies,
      listNearby: values.listNearby,
      sortOrder: values.sortOrder ?? 0,
      attributes: attributesFromForm(values.attributes, attributesOf(parent)),
    });
  };

  const amountRule = (stage: StageStatus) => ({
    validator: (_: unknown, amount: number | null | undefined) => {
      if (amount === null || amount === undefined) return Promise.resolve();
      if (!(amount > 0 && amount <= 1000)) return Promise.reject(new Error(`${pick(STAGE_LABELS[stage])}：${t('catAmountRule')}`));
      const unit = form.getFieldValue(['limits', stage, 'unit']) as TimeLimit['unit'] | undefined;
      if (unit === 'days' && !Number.isInteger(amount)) return Promise.reject(new Error(`${pick(STAGE_LABELS[stage])}：${t('catDaysRule')}`));
      return Promise.resolve();
    },
  });

  return (
    <Modal
      open={Boolean(state)}
      title={editing ? t('catEditTitle', { name: pick({ zh: editing.nameZh, en: editing.nameEn }) }) : t('catCreateTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'category-save' } as never}
      confirmLoading={pending}
      destroyOnHidden
      width={680}
    >
      <div ref={errorRef}>
        {error ? <ErrorAlert error={error} style={{ marginBottom: latest ? 8 : 12 }} /> : null}
        {latest ? (
          <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t('catConflictHelp')}</Typography.Text>
            <Button size="small" onClick={() => onReload(latest)} data-testid="category-reload">
              {t('catConflictReload')}
            </Button>
          </Flex>
        ) : null}
      </div>
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="category-form">
        {editing ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'code', label: t('catCode'), children: <Typography.Text code>{editing.code}</Typography.Text> },
              { key: 'parent', label: t('catParent'), children: parentLabel(categories.find((c) => c.code === editing.parentCode), pick) ?? t('catParentNone') },
            ]}
          />
        ) : (
          <>
            <Form.Item name="parentCode" label={t('catParent')} extra={t('catParentHelp')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('catParentNone')}
                onChange={chooseParent}
                options={parents.map((c) => ({ value: c.code, label: parentLabel(c, pick) }))}
                data-testid="category-parent"
              />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('catCode')}
              extra={t('catCodeHelp')}
              rules={[
                { required: true, message: t('required') },
                {
                  validator: (_, value: string | undefined) => {
                    const part = (value ?? '').trim();
                    if (!part) return Promise.resolve();
                    if (!CODE_PART.test(part)) return Promise.reject(new Error(t('catCodeRule')));
                    const code = parentCode ? `${parentCode}.${part}` : part;
                    return taken.has(code) ? Promise.reject(new Error(t('catCodeTaken'))) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input prefix={parentCode ? `${parentCode}.` : undefined} autoComplete="off" spellCheck={false} data-testid="category-code" />
            </Form.Item>
          </>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="nameZh" label={t('catNameZh')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 40 }]} style={{ flex: 1, minWidth: 200 }}>
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('catNameEn')} rules={[{ required: true, whitespace: true, message: t('required') }, { max: 80 }]} style={{ flex: 1, minWidth: 200 }}>
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('catDescription')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="forceType" label={t('catForceType')} rules={[{ required: true, message: t('required') }]} style={{ flex: 1, minWidth: 200 }}>
            <Select options={FORCE_TYPES.map((f) => ({ value: f, label: pick(FORCE_TYPE_LABELS[f]) }))} data-testid="category-force-type" />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('catSortOrder')} extra={t('catSortOrderHelp')} rules={[{ type: 'integer', min: 0, max: 100_000 }]} style={{ width: 160 }}>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="reporterVerifies" extra={t('catReporterVerifiesHelp')} valuePropName="checked">
          <Checkbox data-testid="category-reporter-verifies">{t('catReporterVerifies')}</Checkbox>
        </Form.Item>
        <Form.Item name="listNearby" extra={t('catListNearbyHelp')} valuePropName="checked">
          <Checkbox data-testid="category-list-nearby">{t('catListNearby')}</Checkbox>
        </Form.Item>
        <Form.Item label={t('catLimits')} extra={t('catLimitsHelp')}>
          <Flex vertical gap={8}>
            {STAGES.map((stage) => (
              <Flex key={stage} gap={8} align="flex-start">
                <Typography.Text style={{ width: english ? 104 : 72, flex: 'none', lineHeight: '32px' }}>{pick(STAGE_LABELS[stage])}</Typography.Text>
                <Form.Item style={{ marginBottom: 0 }}>
                  <Space.Compact>
                    <Form.Item name={['limits', stage, 'amount']} noStyle rules={[amountRule(stage)]} dependencies={[['limits', stage, 'unit']]}>
                      <InputNumber
                        placeholder={t('catNoLimits')}
                        style={{ width: 120 }}
                        aria-label={t('catLimitAmount', { stage: pick(STAGE_LABELS[stage]) })}
                        data-testid={`limit-amount-${stage}`}
                      />
                    </Form.Item>
                    <Form.Item name={['limits', stage, 'unit']} noStyle>
                      <Select
                        style={{ width: english ? 160 : 120 }}
                        options={(['hours', 'days'] as const).map((unit) => ({ value: unit, label: pick(LIMIT_UNIT_LABELS[unit]) }))}
                        data-testid={`limit-unit-${stage}`}
                      />
                    </Form.Item>
                  </Space.Compact>
                </Form.Item>
              </Flex>
            ))}
          </Flex>
        </Form.Item>
        <Form.Item label={t('catAttributes')} extra={t('catAttributesHelp')}>
          <Form.List name="attributes">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} vertical gap={4} style={{ paddingBottom: 8, borderBottom: '1px dashed rgba(0,0,0,0.1)' }} data-testid="category-attribute">
                    <Flex gap={8} align="flex-start" wrap>
                      <Form.Item
                        name={[field.name, 'code']}
                        style={{ marginBottom: 0, width: 140 }}
                        rules={[
                          { required: true, message: t('required') },
                          { pattern: ATTRIBUTE_CODE, message: t('catAttributeCodeRule') },
                          {
                            validator: (_, code: string | undefined) => {
                              const all = (form.getFieldValue('attributes') as AttributeValue[] | undefined) ?? [];
                              const same = all.filter((a) => a.code && a.code.trim() === (code ?? '').trim()).length;
                              return code && same > 1 ? Promise.reject(new Error(t('catAttributeDuplicate'))) : Promise.resolve();
                            },
                          },
                        ]}
                      >
                        <Input placeholder={t('catAttributeCode')} aria-label={t('catAttributeCode')} autoComplete="off" spellCheck={false} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'description']}
                        style={{ marginBottom: 0, flex: 1, minWidth: 160 }}
                        rules={[{ required: true, whitespace: true, message: t('required') }, { max: 200 }]}
                      >
                        <Input placeholder={t('catAttributeLabel')} aria-label={t('catAttributeLabel')} autoComplete="off" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'datatype']} style={{ marginBottom: 0, width: 120 }}>
                        <Select aria-label={t('catAttributeType')} options={ATTRIBUTE_TYPES.map((a) => ({ value: a, label: pick(ATTRIBUTE_TYPE_LABELS[a]) }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'required']} valuePropName="checked" style={{ marginBottom: 0, lineHeight: '32px' }}>
                        <Checkbox>{t('catAttributeRequired')}</Checkbox>
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('catRemoveAttribute')} title={t('catRemoveAttribute')} />
                    </Flex>
                    <Form.Item noStyle dependencies={[['attributes', field.name, 'datatype']]}>
                      {() =>
                        isList(form.getFieldValue(['attributes', field.name, 'datatype']) as AttributeType | undefined) ? (
                          <Form.Item
                            name={[field.name, 'values']}
                            style={{ marginBottom: 0 }}
                            rules={[
                              {
                                validator: (_, values: string[] | undefined) => {
                                  const list = (values ?? []).map((v) => v.trim()).filter(Boolean);
                                  if (list.length === 0) return Promise.reject(new Error(t('catAttributeValuesRule')));
                                  return list.length > 100 || list.some((v) => v.length > 100) ? Promise.reject(new Error(t('catAttributeValuesRule'))) : Promise.resolve();
                                },
                              },
                            ]}
                          >
                            <Select mode="tags" open={false} suffixIcon={null} placeholder={t('catAttributeValues')} aria-label={t('catAttributeValues')} tokenSeparators={['\n']} />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                  </Flex>
                ))}
                {fields.length < MAX_ATTRIBUTES ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ datatype: 'string', required: false })}>
                    {t('catAddAttribute')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        {!editing && parentCode ? (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('catParentLeafHelp')}
          </Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}

function parentLabel(c: CategoryItem | undefined, pick: (text: { zh: string; en: string }) => string): string | undefined {
  return c ? `${pick({ zh: c.nameZh, en: c.nameEn })}（${c.code}）` : undefined;
}
