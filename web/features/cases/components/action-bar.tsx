import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { common } from '../../../lib/messages.ts';
import { useAct, type ActionInput } from '../api/act.ts';
import { ACTION_LABELS, messages, ONE_TAP } from '../messages.ts';
import type { ActionType } from '../types.ts';
import { ActionDialog } from './action-dialog.tsx';

const PRIMARY: readonly ActionType[] = ['accept', 'dispatch', 'handle', 'verify_pass', 'close', 'resume', 'approve_extension'];
const DANGER: readonly ActionType[] = ['reject', 'verify_fail', 'deny_extension'];
/** One tap, but final: asked once more, since a mistaken close cannot be taken back. */
const CONFIRM: readonly ActionType[] = ['verify_pass', 'close'];

/**
 * The actions the user may take on a case: one tap for the simple ones, a short dialog for those
 * that need a reason, notes, photos or an assignee. A 409 (someone else acted first) shows a
 * notice; the lists and the case refresh either way.
 */
export function ActionBar({
  caseId,
  version,
  actions,
  compact = false,
}: {
  caseId: string;
  version: number;
  actions: readonly ActionType[];
  compact?: boolean;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const { pick } = useLang();
  const { message, modal } = App.useApp();
  const act = useAct();
  const [open, setOpen] = useState<ActionType | null>(null);

  if (actions.length === 0) return compact ? null : <Typography.Text type="secondary">{t('noActions')}</Typography.Text>;

  const run = (action: ActionType, extra: Omit<ActionInput, 'id' | 'action' | 'version'> = {}) => {
    act.mutate(
      { id: caseId, action, version, ...extra },
      {
        onSuccess: () => {
          setOpen(null);
          void message.success(t('done', { action: pick(ACTION_LABELS[action]) }));
        },
        onError: (error) => {
          if (isApiError(error, 409)) {
            setOpen(null);
            void message.warning(t('conflict'));
          } else if (ONE_TAP.includes(action)) {
            void message.error(error.message);
          }
        },
      },
    );
  };

  return (
    <>
      <Flex gap={8} wrap data-testid="case-actions">
        {actions.map((action) => (
          <Button
            key={action}
            size="middle"
            type={PRIMARY.includes(action) ? 'primary' : 'default'}
            danger={DANGER.includes(action)}
            loading={act.isPending && act.variables?.action === action}
            data-testid={`action-${action}`}
            onClick={(event) => {
              event.stopPropagation();
              event.preventDefault();
              if (CONFIRM.includes(action)) {
                void modal.confirm({
                  title: t('confirmFinal', { action: pick(ACTION_LABELS[action]) }),
                  content: t('confirmFinalHint'),
                  okText: pick(ACTION_LABELS[action]),
                  cancelText: tc('cancel'),
                  onOk: () => run(action),
                });
              } else if (ONE_TAP.includes(action)) run(action);
              else {
                act.reset();
                setOpen(action);
              }
            }}
          >
            {pick(ACTION_LABELS[action])}
          </Button>
        ))}
      </Flex>
      {act.isPaused ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="offline-waiting">
          {t('offlineAction')}
        </Typography.Text>
      ) : null}
      {open ? (
        <ActionDialog
          caseId={caseId}
          action={open}
          pending={act.isPending}
          error={act.error}
          onSubmit={(extra) => run(open, extra)}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
