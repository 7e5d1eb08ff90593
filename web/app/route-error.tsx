import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../components/status-pages.tsx';
import { defineMessages, useT } from '../lib/i18n.tsx';

const messages = defineMessages(
  { updated: '系统已更新', updatedBody: '请刷新页面以载入新版本。', failed: '页面出错了', failedBody: '请刷新页面重试。', reload: '刷新页面' },
  { updated: 'Gongzhi was updated', updatedBody: 'Reload the page to load the new version.', failed: 'This page failed', failedBody: 'Reload the page to try again.', reload: 'Reload' },
);

/** A page's code could not load (usually a new release replaced it) or a page crashed. */
export function RouteError() {
  const error = useRouteError();
  const t = useT(messages);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const stale = error instanceof TypeError && /dynamically imported module|Importing a module script failed|error loading/i.test(error.message);
  return (
    <Result
      status={stale ? 'info' : 'error'}
      title={t(stale ? 'updated' : 'failed')}
      subTitle={t(stale ? 'updatedBody' : 'failedBody')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('reload')}
        </Button>
      }
    />
  );
}
