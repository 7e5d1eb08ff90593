import { describe, expect, test, vi } from 'vitest';
import { runExport } from './use-export.ts';

describe('runExport', () => {
  test('is busy while the file is made, and not after', async () => {
    const busy: boolean[] = [];
    let finish: () => void = () => undefined;
    const done = runExport(() => new Promise<void>((resolve) => (finish = resolve)), (b) => busy.push(b), () => undefined);
    expect(busy).toEqual([true]);
    finish();
    await done;
    expect(busy).toEqual([true, false]);
  });

  test('a failure goes to onError, and the button is free again', async () => {
    const busy: boolean[] = [];
    const onError = vi.fn();
    const failure = new Error('网络连接失败');
    await expect(runExport(() => Promise.reject(failure), (b) => busy.push(b), onError)).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
    expect(busy).toEqual([true, false]);
  });

  test('a success reports no error', async () => {
    const onError = vi.fn();
    await runExport(async () => 'file.xlsx', () => undefined, onError);
    expect(onError).not.toHaveBeenCalled();
  });
});
