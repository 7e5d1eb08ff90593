import { Alert, Button } from 'antd';
import { ApiError, errorMessage } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { common } from '../lib/messages.ts';

/** The server's message, its details (field or row), and a retry button when one makes sense. */
export function ErrorAlert({ error, onRetry, style }: { error: unknown; onRetry?: () => void; style?: React.CSSProperties }) {
  const t = useT(common);
  const details = error instanceof ApiError ? error.details.slice(0, 10) : [];
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={errorMessage(error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {details.map((d, i) => (
              <li key={i}>
                {[d.row === undefined ? null : `#${d.row}`, d.column ?? d.path ?? null].filter(Boolean).join(' · ')}
                {d.row !== undefined || d.column || d.path ? '：' : ''}
                {d.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
