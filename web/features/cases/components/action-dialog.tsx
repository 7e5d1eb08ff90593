import { Alert, Form, Input, InputNumber, Modal, Radio, Select, Spin } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useOnline } from '../../../lib/online.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useCandidates } from '../api/candidates.ts';
import { useUploadPhotos } from '../api/upload-photos.ts';
import { ACTION_LABELS, messages } from '../messages.ts';
import type { ActionType } from '../types.ts';
import type { ActionInput } from '../api/act.ts';
import { PhotoInput } from './photo-input.tsx';

const NEEDS_REASON: readonly ActionType[] = ['reject', 'return', 'verify_fail', 'suspend', 'request_extension'];

/** The few fields an action needs: a reason, handling notes and photos, an assignee, an extension. */
export function ActionDialog({
  caseId,
  action,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  caseId: string;
  action: ActionType;
  pending: boolean;
  error: unknown;
  onSubmit: (input: Omit<ActionInput, 'id' | 'action' | 'version'>) => void;
  onCancel: () => void;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [assignee, setAssignee] = useState<string | undefined>();
  const [amount, setAmount] = useState<{
    unit: 'days' | 'hours';
    amount: number;
  }>({ unit: 'days', amount: 2 });
  const candidates = useCandidates(caseId, action === 'dispatch');
  const upload = useUploadPhotos();
  const online = useOnline();

  const needsReason = NEEDS_REASON.includes(action);
  const ready = (!needsReason || text.trim().length > 0) && (action !== 'handle' || text.trim().length > 0) && (action !== 'dispatch' || Boolean(assignee));

  const submit = async () => {
    if (!ready) return;
    if (action === 'handle') {
      const hashes = photos.length > 0 ? (await upload.mutateAsync({ id: caseId, files: photos })).photos.map((p) => p.hash) : [];
      onSubmit({ notes: text.trim(), photos: hashes });
      return;
    }
    if (action === 'dispatch' && assignee) {
      const [kind, id] = assignee.split(':') as ['member' | 'unit', string];
      onSubmit({
        assignee: { kind, id },
        ...(text.trim() ? { notes: text.trim() } : {}),
      });
      return;
    }
    if (action === 'request_extension') return onSubmit({ reason: text.trim(), amount });
    if (needsReason || action === 'deny_extension') return onSubmit(text.trim() ? { reason: text.trim() } : {});
    onSubmit(text.trim() ? { notes: text.trim() } : {});
  };

  return (
    <Modal
      open
      title={pick(ACTION_LABELS[action])}
      onCancel={onCancel}
      onOk={() => void submit()}
      okButtonProps={
        {
          disabled: !ready,
          loading: pending || upload.isPending,
          'data-testid': 'action-confirm',
        } as never
      }
      destroyOnHidden
    >
      <Form layout="vertical">
        {action === 'dispatch' ? (
          <Form.Item label={t('chooseAssignee')} required>
            {candidates.isPending ? (
              <Spin />
            ) : candidates.isError ? (
              <ErrorAlert error={candidates.error} />
            ) : (
              <Select
                data-testid="assignee"
                value={assignee}
                onChange={setAssignee}
                showSearch
                optionFilterProp="label"
                options={[
                  {
                    label: `${t('members')}（${pick(candidates.data.forceTypeLabel)}）`,
                    options: candidates.data.members.map((m) => ({
                      value: `member:${m.memberId}`,
                      label: `${m.name}${m.unit ? ` · ${m.unit}` : ''}`,
                    })),
                  },
                  {
                    label: t('units'),
                    options: candidates.data.units.map((u) => ({
                      value: `unit:${u.id}`,
                      label: u.name,
                    })),
                  },
                ]}
              />
            )}
          </Form.Item>
        ) : null}
        {action === 'request_extension' ? (
          <Form.Item label={t('extensionAmount')} required>
            <InputNumber
              min={1}
              max={amount.unit === 'days' ? 30 : 210}
              value={amount.amount}
              onChange={(n) => setAmount({ ...amount, amount: n ?? 1 })}
              style={{ width: 100 }}
            />{' '}
            <Radio.Group
              value={amount.unit}
              onChange={(e) =>
                setAmount({
                  ...amount,
                  unit: e.target.value as 'days' | 'hours',
                })
              }
            >
              <Radio.Button value="days">{t('days')}</Radio.Button>
              <Radio.Button value="hours">{t('hours')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item label={action === 'handle' ? t('handleNotes') : needsReason ? t('reason') : t('notes')} required={needsReason || action === 'handle'}>
          <Input.TextArea
            data-testid="action-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={needsReason ? 500 : 2000}
          />
        </Form.Item>
        {action === 'handle' ? (
          <Form.Item label={t('addPhotos')}>
            <PhotoInput value={photos} onChange={setPhotos} label={t('addPhotos')} testId="handling-photos" />
          </Form.Item>
        ) : null}
        {error || upload.error ? <ErrorAlert error={error ?? upload.error} /> : null}
        {!online && (pending || upload.isPending) ? <Alert type="warning" showIcon title={t('offlineAction')} data-testid="offline-waiting" /> : null}
      </Form>
    </Modal>
  );
}
