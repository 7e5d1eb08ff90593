import { App, Button, Flex, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ListActions } from '../../../components/list-actions.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useSetOrgArchived } from '../api/archive-org.ts';
import { useCreateOrg } from '../api/create-org.ts';
import { exportOrgs } from '../api/export-orgs.ts';
import { useVocabulary } from '../api/get-vocabulary.ts';
import { useOrgs } from '../api/list-orgs.ts';
import { useUpdateOrg } from '../api/update-org.ts';
import { OrgDialog, type OrgDialogState } from '../components/org-dialog.tsx';
import { DomainTag, TagList } from '../components/tags.tsx';
import { messages } from '../messages.ts';
import type { CreateOrgInput, Org, OrgFilters, UpdateOrgInput } from '../types.ts';

const PAGE_SIZE = 20;
const WRITERS = new Set(['district_admin', 'town_admin']);

/** The registry of party organisations and units: search, filter by domain, region and tags, edit, import and export. */
export default function OrgsPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const me = useMe().data;
  const canWrite = Boolean(me && WRITERS.has(me.role));
  const vocabulary = useVocabulary().data;
  const [params, update] = useUrlParams(['q', 'domain', 'region', 'tag', 'need', 'includeArchived', 'cursor'] as const);
  const filters: OrgFilters = { q: params.q, domain: params.domain, region: params.region, tag: params.tag, need: params.need, includeArchived: params.includeArchived };
  const orgs = useOrgs({ ...filters, cursor: params.cursor, limit: PAGE_SIZE });
  const createOrg = useCreateOrg();
  const updateOrg = useUpdateOrg();
  const setArchived = useSetOrgArchived();
  const [dialog, setDialog] = useState<OrgDialogState | null>(null);
  const [search, setSearch] = useState(params.q ?? '');
  const [exporting, setExporting] = useState(false);

  const filter = (patch: Partial<Record<keyof OrgFilters, string | null>>) => update({ ...patch, cursor: null });
  const open = (state: OrgDialogState) => {
    createOrg.reset();
    updateOrg.reset();
    setDialog(state);
  };
  const onCreate = (input: CreateOrgInput) =>
    createOrg.mutate(input, {
      onSuccess: (o) => {
        void message.success(t('created', { name: o.name }));
        setDialog(null);
      },
    });
  const onUpdate = (input: UpdateOrgInput & { id: string }) =>
    updateOrg.mutate(input, {
      onSuccess: () => {
        void message.success(t('saved'));
        setDialog(null);
      },
    });
  const toggleArchived = (o: Org) =>
    setArchived
      .mutateAsync({ id: o.id, version: o.version, archived: !o.archived })
      .then(() => void message.success(t(o.archived ? 'restoredDone' : 'archivedDone', { name: o.name })))
      .catch((error: unknown) => void message.error(errorMessage(error)));
  const download = async () => {
    setExporting(true);
    try {
      await exportOrgs(filters, t('title'));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };
  const tagOptions = (vocabulary?.tags ?? []).map((tag) => ({ value: tag.key, label: pick(tag) }));

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={isWide ? t('subtitle') : undefined}
        extra={
          <ListActions
            canWrite={canWrite}
            createLabel={t('newOrg')}
            onCreate={() => open({ mode: 'create' })}
            importEntity="orgs"
            importLabel={t('importOrgs')}
            exportLabel={t('exportOrgs')}
            exporting={exporting}
            onExport={() => void download()}
          />
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) filter({ q: null });
          }}
          onSearch={(q) => filter({ q: q.trim() || null })}
          style={{ width: isWide ? 220 : '100%' }}
          data-testid="org-search"
        />
        <Select
          allowClear
          mode="multiple"
          placeholder={t('allDomains')}
          value={params.domain ? params.domain.split(',') : []}
          onChange={(v: string[]) => filter({ domain: v.join(',') || null })}
          options={(vocabulary?.domains ?? []).map((d) => ({ value: d.key, label: pick(d) }))}
          style={{ minWidth: 160 }}
        />
        <RegionPicker allowClear value={params.region} onChange={(v) => filter({ region: v || null })} style={{ width: isWide ? 200 : '100%' }} />
        <Select allowClear placeholder={t('resourceFilter')} value={params.tag} onChange={(v?: string) => filter({ tag: v ?? null })} options={tagOptions} style={{ width: 130 }} />
        <Select allowClear placeholder={t('needFilter')} value={params.need} onChange={(v?: string) => filter({ need: v ?? null })} options={tagOptions} style={{ width: 120 }} />
        <Space>
          <Switch size="small" checked={params.includeArchived === 'true'} onChange={(v) => filter({ includeArchived: v ? 'true' : null })} />
          <Typography.Text type="secondary">{t('showArchived')}</Typography.Text>
        </Space>
      </Flex>
      {orgs.isError ? <ErrorAlert error={orgs.error} onRetry={() => void orgs.refetch()} style={{ marginBottom: 12 }} /> : null}
      <Table<Org>
        rowKey="id"
        size={isWide ? 'middle' : 'small'}
        loading={orgs.isFetching}
        dataSource={orgs.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('emptyOrgs') }}
        data-testid="orgs-table"
        columns={[
          {
            key: 'name',
            title: t('name'),
            render: (_, o) => (
              <Space size={4}>
                <Typography.Text strong delete={o.archived}>
                  {o.name}
                </Typography.Text>
                {o.archived ? <Tag>{t('archived')}</Tag> : null}
              </Space>
            ),
          },
          { key: 'domain', title: t('domain'), render: (_, o) => <DomainTag domain={o.domain} /> },
          { key: 'region', title: t('region'), dataIndex: 'regionName' },
          { key: 'capacity', title: t('capacity'), dataIndex: 'capacity', align: 'right' },
          { key: 'resources', title: t('resources'), render: (_, o) => <TagList tags={o.resourceTags} /> },
          { key: 'needs', title: t('needs'), render: (_, o) => (o.needTags.length ? <TagList tags={o.needTags} color="orange" /> : '—') },
          ...(isWide
            ? [
                { key: 'parent', title: t('parent'), render: (_: unknown, o: Org) => o.parentName ?? '—' },
                { key: 'liaison', title: t('liaison'), render: (_: unknown, o: Org) => [o.liaisonName, o.liaisonPhone].filter(Boolean).join(' ') || '—' },
              ]
            : []),
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, o: Org) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => open({ mode: 'edit', org: o })}>
                        {pick({ zh: '编辑', en: 'Edit' })}
                      </Button>
                      {o.anchorRegionCode ? null : o.archived ? (
                        <Button type="link" size="small" onClick={() => void toggleArchived(o)}>
                          {t('restore')}
                        </Button>
                      ) : (
                        <Popconfirm title={t('archiveTitle', { name: o.name })} description={t('archiveBody')} onConfirm={() => toggleArchived(o)}>
                          <Button type="link" size="small" danger>
                            {t('archive')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CursorPager nextCursor={orgs.data?.nextCursor} loading={orgs.isFetching} />
      <OrgDialog
        state={dialog}
        pending={createOrg.isPending || updateOrg.isPending}
        error={createOrg.error ?? updateOrg.error}
        onCreate={onCreate}
        onUpdate={onUpdate}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
