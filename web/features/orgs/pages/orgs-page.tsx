import { App, Button, Flex, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorTable } from '../../../components/cursor-table.tsx';
import { FilterSelect } from '../../../components/filter-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ListActions } from '../../../components/list-actions.tsx';
import { ListSearch } from '../../../components/list-search.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { recordDialog } from '../../../lib/record-dialog.ts';
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
import type { Org, OrgFilters } from '../types.ts';

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
  const [dialogState, setDialogState] = useState<OrgDialogState | null>(null);
  const dialog = recordDialog(dialogState, setDialogState, {
    create: createOrg,
    update: updateOrg,
    created: (o) => void message.success(t('created', { name: o.name })),
    saved: () => void message.success(t('saved')),
  });

  const filter = (patch: Partial<Record<keyof OrgFilters, string | null>>) => update({ ...patch, cursor: null });
  const toggleArchived = (o: Org) =>
    setArchived
      .mutateAsync({ id: o.id, version: o.version, archived: !o.archived })
      .then(() => void message.success(t(o.archived ? 'restoredDone' : 'archivedDone', { name: o.name })))
      .catch((error: unknown) => void message.error(errorMessage(error)));
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
            onCreate={() => dialog.open({ mode: 'create' })}
            importEntity="orgs"
            importLabel={t('importOrgs')}
            exportLabel={t('exportOrgs')}
            onExport={() => exportOrgs(filters, t('title'))}
          />
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <ListSearch placeholder={t('searchPlaceholder')} style={{ width: isWide ? 220 : '100%' }} data-testid="org-search" />
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
        <FilterSelect param="tag" placeholder={t('resourceFilter')} options={tagOptions} style={{ width: 130 }} />
        <FilterSelect param="need" placeholder={t('needFilter')} options={tagOptions} style={{ width: 120 }} />
        <Space>
          <Switch size="small" checked={params.includeArchived === 'true'} onChange={(v) => filter({ includeArchived: v ? 'true' : null })} />
          <Typography.Text type="secondary">{t('showArchived')}</Typography.Text>
        </Space>
      </Flex>
      <CursorTable<Org>
        query={orgs}
        rowKey="id"
        size={isWide ? 'middle' : 'small'}
        emptyText={t('emptyOrgs')}
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
                      <Button type="link" size="small" onClick={() => dialog.open({ mode: 'edit', org: o })}>
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
      <OrgDialog {...dialog.props} />
    </>
  );
}
