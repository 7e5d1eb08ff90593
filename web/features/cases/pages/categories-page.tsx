import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useActiveToggle } from '../../../components/use-active-toggle.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { common } from '../../../lib/messages.ts';
import { recordDialog } from '../../../lib/record-dialog.ts';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { FORCE_TYPE_COLORS, FORCE_TYPE_LABELS } from '../../grid/index.ts';
import { useAllCategories } from '../api/categories.ts';
import { useCreateCategory } from '../api/create-category.ts';
import { useUpdateCategory } from '../api/update-category.ts';
import { CategoryDialog, type CategoryDialogState } from '../components/category-dialog.tsx';
import { categoryTree, limitsText, type CategoryRow, type CategoryStatusFilter } from '../category-tree.ts';
import { messages } from '../messages.ts';
import type { CategoryAttribute, CategoryItem } from '../types.ts';

/**
 * `/cases/categories` (district admins): the two-level taxonomy of case categories — who handles
 * each, the time allowed at each stage, whether the reporter checks the result, the extra
 * questions — with search, a status filter, and create, edit, deactivate and reactivate.
 */
export default function CategoriesPage() {
  const t = useT(messages);
  const tc = useT(common);
  const { lang, pick } = useLang();
  const { message } = App.useApp();
  const toggle = useActiveToggle();
  const isWide = useIsWide('md');
  const [params, update] = useUrlParams(['q', 'status'] as const);
  const status: CategoryStatusFilter = params.status === 'active' || params.status === 'inactive' ? params.status : 'all';
  const categories = useAllCategories();
  const createCategory = useCreateCategory();
  const updateCategory = useUpdateCategory();
  const setActive = useUpdateCategory();
  const [dialogState, setDialogState] = useState<CategoryDialogState | null>(null);
  const [search, setSearch] = useState(params.q ?? '');

  const items = useMemo(() => categories.data?.items ?? [], [categories.data]);
  const byCode = useMemo(() => new Map(items.map((c) => [c.code, c])), [items]);
  const rows = useMemo(() => categoryTree(items, { q: params.q, status }), [items, params.q, status]);
  const filtering = Boolean(params.q) || status !== 'all';

  // Rows start folded; a search or filter opens every parent it shows. Folding by hand lasts until the filter changes.
  const signature = `${params.q ?? ''}|${status}`;
  const [expansion, setExpansion] = useState<{ signature: string; keys: readonly Key[] } | null>(null);
  const expandedKeys = expansion?.signature === signature ? expansion.keys : filtering ? rows.filter((r) => r.children).map((r) => r.code) : [];

  const name = (c: CategoryItem) => pick({ zh: c.nameZh, en: c.nameEn });
  const parentInactive = (c: CategoryItem) => c.parentCode !== null && byCode.get(c.parentCode)?.active === false;

  const dialog = recordDialog(dialogState, setDialogState, {
    create: createCategory,
    update: updateCategory,
    created: (c) => {
      void message.success(t('catCreated', { name: name(c) }));
      if (c.parentCode) setExpansion({ signature, keys: [...new Set([...expandedKeys, c.parentCode])] });
    },
    saved: () => void message.success(t('catSaved')),
  });

  const toggleActive = (c: CategoryItem) => {
    const children = items.filter((k) => k.parentCode === c.code && k.active).length;
    toggle({
      key: `category-${c.code}`,
      active: c.active,
      version: c.version ?? 1,
      confirm: {
        title: t('catDeactivateTitle', { name: name(c) }),
        content: children > 0 ? `${t('catDeactivateBody')} ${t('catDeactivateChildren', { n: children })}` : t('catDeactivateBody'),
        okText: t('catDeactivate'),
      },
      deactivate: async () => (await setActive.mutateAsync({ code: c.code, version: c.version ?? 1, active: false })).version ?? 1,
      reactivate: (version) =>
        setActive
          .mutateAsync({ code: c.code, version, active: true })
          .then(() =>
            parentInactive(c)
              ? void message.warning(`${t('catReactivated', { name: name(c) })} · ${t('catParentInactiveHelp')}`)
              : void message.success(t('catReactivated', { name: name(c) })),
          ),
      deactivatedText: t('catDeactivated', { name: name(c) }),
      undoText: t('catUndo'),
    });
  };

  const clearFilters = () => {
    setSearch('');
    update({ q: null, status: null });
  };

  return (
    <>
      <PageHeader
        title={t('catTitle')}
        subtitle={isWide ? t('catSubtitle') : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.open({ mode: 'create' })} data-testid="category-new">
            {t('catNew')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('catSearch')}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            update({ q: e.target.value.trim() || null }, { replace: true });
          }}
          onSearch={(q) => update({ q: q.trim() || null }, { replace: true })}
          style={{ width: isWide ? 260 : '100%' }}
          data-testid="category-search"
        />
        <Select
          value={status}
          onChange={(v: CategoryStatusFilter) => update({ status: v === 'all' ? null : v })}
          options={[
            { value: 'all', label: t('catStatusAll') },
            { value: 'active', label: t('catStatusActive') },
            { value: 'inactive', label: t('catStatusInactive') },
          ]}
          style={{ width: 120 }}
          data-testid="category-status-filter"
        />
      </Flex>
      {categories.isError ? <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} style={{ marginBottom: 12 }} /> : null}
      {categories.data ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('catTotal', { total: items.length, inactive: items.filter((c) => !c.active).length })}
        </Typography.Text>
      ) : null}
      <Table<CategoryRow>
        rowKey="code"
        size={isWide ? 'middle' : 'small'}
        loading={categories.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpansion({ signature, keys }) }}
        locale={{
          emptyText: categories.isPending ? (
            <span />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtering ? t('catNoMatch') : t('catEmpty')}>
              {filtering ? (
                <Button onClick={clearFilters}>{tc('reset')}</Button>
              ) : (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.open({ mode: 'create' })}>
                  {t('catNew')}
                </Button>
              )}
            </Empty>
          ),
        }}
        data-testid="categories-table"
        columns={[
          {
            key: 'name',
            title: t('catName'),
            // Both names: the page's language first.
            render: (_, c) => (
              <Flex vertical>
                <Typography.Text strong={c.parentCode === null} delete={!c.active}>
                  {lang === 'zh' ? c.nameZh : c.nameEn}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {lang === 'zh' ? c.nameEn : c.nameZh}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'code', title: t('catCode'), render: (_, c) => <Typography.Text code>{c.code}</Typography.Text> },
          { key: 'forceType', title: t('catForceType'), render: (_, c) => <Tag color={FORCE_TYPE_COLORS[c.forceType]}>{pick(FORCE_TYPE_LABELS[c.forceType])}</Tag> },
          {
            key: 'limits',
            title: t('catLimits'),
            render: (_, c) => {
              const lines = limitsText(c.limits, lang);
              return lines.length > 0 ? (
                <Space size={[4, 4]} wrap style={{ maxWidth: lang === 'zh' ? 300 : 340 }} data-testid="category-limits">
                  {lines.map((line) => (
                    <Tag key={line} variant="filled" style={{ marginInlineEnd: 0 }}>
                      {line}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('catNoLimits')}</Typography.Text>
              );
            },
          },
          { key: 'reporterVerifies', title: t('catReporterVerifies'), render: (_, c) => (c.reporterVerifies ? tc('yes') : tc('no')) },
          {
            key: 'attributes',
            title: t('catAttributes'),
            render: (_, c) => {
              const attributes = c.attributes as CategoryAttribute[];
              return attributes.length > 0 ? (
                <Tooltip title={attributes.map((a) => a.description).join('、')}>
                  <span>{t('catAttributesCount', { n: attributes.length })}</span>
                </Tooltip>
              ) : (
                '—'
              );
            },
          },
          {
            key: 'status',
            title: t('catStatus'),
            render: (_, c) => (
              <Space size={4} wrap>
                <Tag color={c.active ? 'green' : undefined} data-testid="category-status">
                  {c.active ? t('catStatusActive') : t('catStatusInactive')}
                </Tag>
                {c.active && parentInactive(c) ? (
                  <Tooltip title={t('catParentInactiveHelp')}>
                    <Tag color="orange">{t('catParentInactive')}</Tag>
                  </Tooltip>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: tc('actions'),
            fixed: isWide ? 'right' : undefined,
            render: (_, c) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => dialog.open({ mode: 'edit', category: c })} data-testid="category-edit">
                  {t('catEdit')}
                </Button>
                {c.parentCode === null ? (
                  <Button type="link" size="small" onClick={() => dialog.open({ mode: 'create', parentCode: c.code })} data-testid="category-new-child">
                    {t('catNewChild')}
                  </Button>
                ) : null}
                <Button type="link" size="small" danger={c.active} onClick={() => toggleActive(c)} data-testid="category-toggle">
                  {c.active ? t('catDeactivate') : t('catReactivate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CategoryDialog {...dialog.props} categories={items} onReload={(latest) => dialog.open({ mode: 'edit', category: latest })} />
    </>
  );
}
