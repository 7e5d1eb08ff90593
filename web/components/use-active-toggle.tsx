import { RollbackOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../lib/api.ts';

export interface ActiveToggle {
  /** Names the undo message, so a second deactivation replaces it. */
  key: string;
  active: boolean;
  /** The record's current version (reactivating an inactive record sends it). */
  version: number;
  confirm: { title: string; content: ReactNode; okText: string };
  /** Deactivate; resolves to the record's new version. */
  deactivate(): Promise<number>;
  /** Reactivate at that version and say so; a failure is shown by the toggle. */
  reactivate(version: number): Promise<unknown>;
  deactivatedText: string;
  undoText: string;
}

/**
 * Deactivating a record in a registry: ask first (it disappears from the choices people make),
 * then confirm with an undo link for ten seconds. Reactivating an inactive record needs no question.
 */
export function useActiveToggle(): (toggle: ActiveToggle) => void {
  const { message, modal } = App.useApp();
  return (o) => {
    const reactivate = (version: number) => o.reactivate(version).catch((error: unknown) => void message.error(errorMessage(error)));
    if (!o.active) return void reactivate(o.version);
    modal.confirm({
      title: o.confirm.title,
      content: o.confirm.content,
      okText: o.confirm.okText,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const version = await o.deactivate();
          const key = `deactivated-${o.key}`;
          void message.open({
            key,
            type: 'success',
            duration: 10,
            content: (
              <span>
                {o.deactivatedText}
                <Button
                  type="link"
                  size="small"
                  icon={<RollbackOutlined />}
                  onClick={() => {
                    message.destroy(key);
                    void reactivate(version);
                  }}
                >
                  {o.undoText}
                </Button>
              </span>
            ),
          });
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  };
}
