import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../lib/i18n.tsx';
import { common } from '../lib/messages.ts';

/** Nothing here; a feature may say what was not found and where to go back to. */
export function NotFoundPage({ title, body, back }: { title?: string; body?: string; back?: { to: string; label: string } } = {}) {
  const t = useT(common);
  return (
    <Result
      status="404"
      title={title ?? t('notFoundTitle')}
      subTitle={body ?? t('notFoundBody')}
      extra={
        <Link to={back?.to ?? '/'}>
          <Button type="primary">{back?.label ?? t('backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const t = useT(common);
  return (
    <Result
      status="403"
      title={t('forbiddenTitle')}
      subTitle={t('forbiddenBody')}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
