/** What a create-or-edit dialog is open for; the dialog's own state adds the record or the defaults. */
export interface DialogMode {
  mode: 'create' | 'edit';
}

/** A save as the dialog uses it; TanStack Query's `useMutation` result fits. */
export interface DialogMutation<I, R> {
  mutate(input: I, options: { onSuccess: (result: R) => void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
}

/** What a registry's create-or-edit dialog takes: the state it is open for (`null` when closed), the save's progress and error, the saves, and close. */
export interface RecordDialogProps<S extends DialogMode, C, U> {
  state: S | null;
  pending: boolean;
  error: unknown;
  onCreate: (input: C) => void;
  onUpdate: (input: U) => void;
  onClose: () => void;
}

/**
 * A registry's create-or-edit dialog over two saves: opening it clears the last attempt's error,
 * the error shown is the one of the save the dialog is open for, and a save that succeeds says so
 * (`created`, `saved`) and closes the dialog. `state` and `setState` come from the page's `useState`.
 */
export function recordDialog<S extends DialogMode, C, RC, U, RU>(
  state: S | null,
  setState: (state: S | null) => void,
  options: { create: DialogMutation<C, RC>; update: DialogMutation<U, RU>; created: (result: RC) => void; saved: (result: RU) => void },
): { open: (state: S) => void; props: RecordDialogProps<S, C, U> } {
  const { create, update } = options;
  const close = () => setState(null);
  return {
    open: (next) => {
      create.reset();
      update.reset();
      setState(next);
    },
    props: {
      state,
      pending: create.isPending || update.isPending,
      error: state?.mode === 'edit' ? update.error : create.error,
      onCreate: (input) =>
        create.mutate(input, {
          onSuccess: (result) => {
            options.created(result);
            close();
          },
        }),
      onUpdate: (input) =>
        update.mutate(input, {
          onSuccess: (result) => {
            options.saved(result);
            close();
          },
        }),
      onClose: close,
    },
  };
}
