import { Button, Flex } from 'antd';
import { useT } from '../lib/i18n.tsx';
import { common } from '../lib/messages.ts';
import { useCursorPaging } from '../lib/url-state.ts';

/** First / previous / next for lists paged by cursor; the cursor lives in the URL. */
export function CursorPager({ nextCursor, loading }: { nextCursor: string | null | undefined; loading?: boolean }) {
  const t = useT(common);
  const paging = useCursorPaging();
  if (paging.isFirst && !nextCursor) return null;
  return (
    <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
      <Button disabled={paging.isFirst || loading} onClick={paging.first}>
        {t('firstPage')}
      </Button>
      <Button disabled={!paging.hasPrevious || loading} onClick={paging.previous}>
        {t('prevPage')}
      </Button>
      <Button type="primary" disabled={!nextCursor || loading} onClick={() => nextCursor && paging.next(nextCursor)}>
        {t('nextPage')}
      </Button>
    </Flex>
  );
}
