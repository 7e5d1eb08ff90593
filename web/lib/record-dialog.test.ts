import { describe, expect, test, vi } from 'vitest';
import { recordDialog, type DialogMutation } from './record-dialog.ts';

type State = { mode: 'create' } | { mode: 'edit'; id: string };

/** A save that remembers its calls and answers when told. */
function fakeMutation<I, R>(over: Partial<DialogMutation<I, R>> = {}) {
  const calls: { input: I; onSuccess: (result: R) => void }[] = [];
  const mutation = {
    mutate: vi.fn((input: I, options: { onSuccess: (result: R) => void }) => void calls.push({ input, onSuccess: options.onSuccess })),
    reset: vi.fn(),
    isPending: false,
    error: null as unknown,
    ...over,
  };
  return { mutation, calls };
}

function setup(state: State | null, over: { create?: Partial<DialogMutation<string, { name: string }>>; update?: Partial<DialogMutation<number, boolean>> } = {}) {
  const create = fakeMutation<string, { name: string }>(over.create);
  const update = fakeMutation<number, boolean>(over.update);
  const setState = vi.fn();
  const created = vi.fn();
  const saved = vi.fn();
  const dialog = recordDialog<State, string, { name: string }, number, boolean>(state, setState, { create: create.mutation, update: update.mutation, created, saved });
  return { dialog, create, update, setState, created, saved };
}

describe('recordDialog', () => {
  test('opening clears both saves’ last errors, then opens', () => {
    const { dialog, create, update, setState } = setup(null);
    dialog.open({ mode: 'edit', id: 'm1' });
    expect(create.mutation.reset).toHaveBeenCalledOnce();
    expect(update.mutation.reset).toHaveBeenCalledOnce();
    expect(setState).toHaveBeenCalledExactlyOnceWith({ mode: 'edit', id: 'm1' });
  });

  test('shows the error of the save it is open for', () => {
    const errors = { create: { error: new Error('create') }, update: { error: new Error('update') } };
    expect(setup({ mode: 'create' }, errors).dialog.props.error).toBe(errors.create.error);
    expect(setup({ mode: 'edit', id: 'm1' }, errors).dialog.props.error).toBe(errors.update.error);
    expect(setup(null, errors).dialog.props.error).toBe(errors.create.error);
  });

  test('is pending while either save runs', () => {
    expect(setup({ mode: 'create' }).dialog.props.pending).toBe(false);
    expect(setup({ mode: 'create' }, { update: { isPending: true } }).dialog.props.pending).toBe(true);
    expect(setup({ mode: 'edit', id: 'm1' }, { create: { isPending: true } }).dialog.props.pending).toBe(true);
  });

  test('a create stays open until it succeeds, then says so with its result and closes', () => {
    const { dialog, create, setState, created, saved } = setup({ mode: 'create' });
    dialog.props.onCreate('张三');
    expect(create.calls.map((c) => c.input)).toEqual(['张三']);
    expect(setState).not.toHaveBeenCalled();
    create.calls[0]!.onSuccess({ name: '张三' });
    expect(created).toHaveBeenCalledExactlyOnceWith({ name: '张三' });
    expect(saved).not.toHaveBeenCalled();
    expect(setState).toHaveBeenCalledExactlyOnceWith(null);
  });

  test('an update stays open until it succeeds, then says so and closes', () => {
    const { dialog, update, setState, created, saved } = setup({ mode: 'edit', id: 'm1' });
    dialog.props.onUpdate(7);
    expect(update.calls.map((c) => c.input)).toEqual([7]);
    expect(setState).not.toHaveBeenCalled();
    update.calls[0]!.onSuccess(true);
    expect(saved).toHaveBeenCalledExactlyOnceWith(true);
    expect(created).not.toHaveBeenCalled();
    expect(setState).toHaveBeenCalledExactlyOnceWith(null);
  });

  test('close closes', () => {
    const { dialog, setState } = setup({ mode: 'create' });
    dialog.props.onClose();
    expect(setState).toHaveBeenCalledExactlyOnceWith(null);
    expect(dialog.props.state).toEqual({ mode: 'create' });
  });
});
