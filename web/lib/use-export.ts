import { App } from 'antd';
import { useState } from 'react';
import { errorMessage } from './api.ts';

/** Runs an export with `setBusy` on while it lasts; a failure goes to `onError` rather than up. */
export async function runExport(task: () => Promise<unknown>, setBusy: (busy: boolean) => void, onError: (error: unknown) => void): Promise<void> {
  setBusy(true);
  try {
    await task();
  } catch (error) {
    onError(error);
  } finally {
    setBusy(false);
  }
}

/** Downloading a list or a file: `exporting` while it is made; a failure is shown as a message. */
export function useExport() {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const run = (task: () => Promise<unknown>) => void runExport(task, setExporting, (error) => void message.error(errorMessage(error)));
  return { exporting, run };
}
