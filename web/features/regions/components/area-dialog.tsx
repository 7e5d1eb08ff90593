import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { messages, LEVEL_LABELS } from '../messages.ts';
import type { Area, EditableLevel, RegionDetail } from '../types.ts';

export type AreaDialogState =
  | { mode: 'create'; parent: RegionDetail; level: EditableLevel; geometry: Area | null }
  | { mode: 'edit'; region: RegionDetail; geometry: Area | null };

export interface AreaValues {
  name: string;
  code?: string;
  geometry?: Area;
}

interface FormValues {
  name: string;
  code?: string;
  geometryText?: string;
}

function vertexCount(geometry: Area): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + Math.max(0, ring.length - 1), 0), 0);
}

/**
 * Name, optional code and boundary of a grid or micro-grid. The boundary arrives drawn on the
 * map or is pasted as GeoJSON; the server checks it and its message is shown here as is.
 */
export function AreaDialog({ state, onSubmit, onClose, pending, error }: { state: AreaDialogState | null; onSubmit: (values: AreaValues) => void; onClose: () => void; pending: boolean; error: unknown }) {
  const t = useT(messages);
  const { pick } = useLang();
  const [form] = Form.useForm<FormValues>();
  const [jsonError, setJsonError] = useState<string | null>(null);

  useEffect(() => {
    if (!state) return;
    setJsonError(null);
    form.setFieldsValue({
      name: state.mode === 'edit' ? state.region.name : '',
      code: undefined,
      geometryText: state.geometry ? JSON.stringify(state.geometry) : '',
    });
  }, [state, form]);

  if (!state) return null;
  const level = state.mode === 'create' ? state.level : (state.region.level as EditableLevel);
  const title = state.mode === 'create' ? t('dialogCreate', { level: pick(LEVEL_LABELS[level]) }) : t('dialogEdit', { name: state.region.name });

  const submit = (values: FormValues) => {
    const text = values.geometryText?.trim() ?? '';
    let geometry: Area | undefined;
    if (text) {
      try {
        geometry = JSON.parse(text) as Area;
      } catch (e) {
        setJsonError(t('invalidJson', { reason: e instanceof Error ? e.message : String(e) }));
        return;
      }
    }
    setJsonError(null);
    onSubmit({ name: values.name.trim(), code: values.code?.trim() || undefined, geometry });
  };

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending} destroyOnHidden mask={{ closable: false }}>
      {state.mode === 'create' ? (
        <Typography.Paragraph type="secondary">
          {t('parent')}：{state.parent.name}（{state.parent.code}）
        </Typography.Paragraph>
      ) : null}
      {error ? <ErrorAlert error={error} style={{ marginBottom: 12 }} /> : null}
      {jsonError ? <Alert type="error" showIcon title={jsonError} style={{ marginBottom: 12 }} /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('nameRequired') }, { max: 60 }]}>
          <Input autoFocus maxLength={60} />
        </Form.Item>
        {state.mode === 'create' ? (
          <Form.Item name="code" label={t('codeOptional')} extra={t('codeHelp', { parent: state.parent.code })} rules={[{ pattern: new RegExp(`^${state.parent.code}\\d{2}$`), message: t('codeHelp', { parent: state.parent.code }) }]}>
            <Input inputMode="numeric" maxLength={state.parent.code.length + 2} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="geometryText"
          label={t('geometry')}
          extra={
            <>
              {state.geometry ? `${t('vertexCount', { count: vertexCount(state.geometry) })} · ` : ''}
              {state.mode === 'edit' && !state.geometry ? t('geometryUnchanged') : t('geometryHelp')}
            </>
          }
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} style={{ fontFamily: 'monospace', fontSize: 12 }} spellCheck={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
