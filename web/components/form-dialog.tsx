import { Modal, type ModalProps } from 'antd';
import { ErrorAlert } from './error-alert.tsx';

/**
 * A dialog around a form: OK submits the form and spins while the save runs, the save's error
 * stands above the fields, and the fields are thrown away on closing.
 */
export function FormDialog({
  form,
  pending,
  error,
  children,
  ...modal
}: Omit<ModalProps, 'onOk' | 'confirmLoading' | 'destroyOnHidden'> & { form: { submit: () => void }; pending: boolean; error: unknown }) {
  return (
    <Modal {...modal} onOk={() => form.submit()} confirmLoading={pending} destroyOnHidden>
      {error ? <ErrorAlert error={error} style={{ marginBottom: 12 }} /> : null}
      {children}
    </Modal>
  );
}
