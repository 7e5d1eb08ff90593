import { DownloadOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Segmented, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCursorPaging, useUrlParams } from '../../../lib/url-state.ts';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { useT } from '../../../lib/i18n.tsx';
import { useExport } from '../../../lib/use-export.ts';
import { RegionPicker } from '../../regions/index.ts';
import { exportCases, useCases } from '../api/list-cases.ts';
import { CaseCard } from '../components/case-card.tsx';
import { CaseFilters } from '../components/case-filters.tsx';
import { messages } from '../messages.ts';

const PAGE = 20;

/** `/cases`: the grid worker's inbox (mine, overdue first, one-tap actions) and the list of all cases in scope. */
export default function InboxPage() {
  const t = useT(messages);
  const [filters, update] = useUrlParams(['view', 'status', 'category', 'overdue', 'region', 'q', 'cursor'] as const);
  const paging = useCursorPaging();
  const exporter = useExport();
  const view: 'all' | 'inbox' = filters.view === 'all' ? 'all' : 'inbox';
  const listFilters = {
    view,
    status: filters.status,
    category: filters.category,
    overdue: filters.overdue === 'true' ? ('true' as const) : undefined,
    region: filters.region,
    q: filters.q,
  };
  const cases = useCases({ ...listFilters, cursor: paging.cursor, limit: PAGE });

  return (
    <>
      <PageHeader
        title={t('inboxTitle')}
        subtitle={t(view === 'all' ? 'allSubtitle' : 'inboxSubtitle')}
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
            <Button icon={<DownloadOutlined />} loading={exporter.exporting} onClick={() => exporter.run(() => exportCases(listFilters, t('exportName')))} data-testid="export-cases">
              {t('exportXlsx')}
            </Button>
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
        <CaseFilters />
        <RegionPicker
          placeholder={t('allRegions')}
          allowClear
          value={filters.region}
          onChange={(code) => update({ region: code || null, cursor: null })}
          style={{ minWidth: 180 }}
        />
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
        <Empty description={t(filters.q ? 'noMatch' : filters.overdue === 'true' ? 'noOverdue' : 'noCases')} data-testid="no-cases" />
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
