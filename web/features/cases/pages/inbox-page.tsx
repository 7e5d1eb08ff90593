import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Input, Segmented, Select, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCursorPaging, useUrlParams } from '../../../lib/url-state.ts';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useCategories } from '../api/categories.ts';
import { useCases } from '../api/list-cases.ts';
import { CaseCard } from '../components/case-card.tsx';
import { messages, STATUS_LABELS } from '../messages.ts';
import type { CaseStatus } from '../types.ts';

const PAGE = 20;

/** `/cases`: the grid worker's inbox (mine, overdue first, one-tap actions) and the list of all cases in scope. */
export default function InboxPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const [filters, update] = useUrlParams(['view', 'status', 'category', 'overdue', 'q', 'cursor'] as const);
  const paging = useCursorPaging();
  const view = filters.view === 'all' ? 'all' : 'inbox';
  const categories = useCategories();
  const cases = useCases({
    view,
    status: filters.status,
    category: filters.category,
    overdue: filters.overdue === 'true' ? 'true' : undefined,
    q: filters.q,
    cursor: paging.cursor,
    limit: PAGE,
  });

  return (
    <>
      <PageHeader
        title={t('inboxTitle')}
        subtitle={t('inboxSubtitle')}
        extra={
          <>
            <Link to="/cases/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-case">
                {t('newCase')}
              </Button>
            </Link>
            <Link to="/case-map">
              <Button icon={<EnvironmentOutlined />}>{t('map')}</Button>
            </Link>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={view}
          onChange={(v) => update({ view: v === 'all' ? 'all' : null, cursor: null })}
          options={[
            { value: 'inbox', label: t('tabInbox') },
            { value: 'all', label: t('tabAll') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('allStatuses')}
          value={filters.status}
          onChange={(v: string | undefined) => update({ status: v ?? null, cursor: null })}
          options={(Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => ({
            value: s,
            label: pick(STATUS_LABELS[s]),
          }))}
          style={{ minWidth: 120 }}
        />
        <Select
          allowClear
          placeholder={t('allCategories')}
          value={filters.category}
          onChange={(v: string | undefined) => update({ category: v ?? null, cursor: null })}
          options={(categories.data?.items ?? [])
            .filter((c) => c.parentCode === null)
            .map((c) => ({
              value: c.code,
              label: pick({ zh: c.nameZh, en: c.nameEn }),
            }))}
          style={{ minWidth: 120 }}
        />
        <Checkbox checked={filters.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : null, cursor: null })}>
          {t('overdueOnly')}
        </Checkbox>
        <Input.Search
          allowClear
          data-testid="case-search"
          placeholder={t('trackPlaceholder')}
          defaultValue={filters.q}
          onSearch={(v) =>
            update({
              q: v.trim().toUpperCase() || null,
              view: v.trim() ? 'all' : (filters.view ?? null),
              cursor: null,
            })
          }
          style={{ width: 240 }}
        />
      </Flex>
      {cases.isPending ? (
        <Skeleton active />
      ) : cases.isError ? (
        <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Empty description={t('noCases')} />
      ) : (
        <Flex vertical gap={8} data-testid="case-list">
          <Typography.Text type="secondary">{t('total', { total: cases.data.total })}</Typography.Text>
          {cases.data.items.map((item) => (
            <CaseCard key={item.id} item={item} />
          ))}
          <CursorPager nextCursor={cases.data.nextCursor} loading={cases.isFetching} />
        </Flex>
      )}
    </>
  );
}
