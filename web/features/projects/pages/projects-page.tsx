import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Segmented, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useCreateProject } from '../api/create-project.ts';
import { exportProjects } from '../api/export-projects.ts';
import { useBoard } from '../api/get-board.ts';
import { useLadder } from '../api/get-ladder.ts';
import { useProjects } from '../api/list-projects.ts';
import { ProjectBoard } from '../components/project-board.tsx';
import { ProjectDrawer } from '../components/project-drawer.tsx';
import { ProjectFormModal } from '../components/project-form.tsx';
import { ProjectTable } from '../components/project-table.tsx';
import { messages } from '../messages.ts';
import type { ProjectFilters, ProjectInput } from '../types.ts';

const PAGE_SIZE = 20;
const WRITERS = new Set(['district_admin', 'town_admin']);

/** Co-building projects as a board by step of the ladder, or as a filtered list; a project opens in a drawer. */
export default function ProjectsPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const me = useMe().data;
  const [params, update] = useUrlParams(['view', 'q', 'status', 'region', 'ownerKind', 'cursor', 'project'] as const);
  const view = params.view === 'list' ? 'list' : 'board';
  const filters: ProjectFilters = { q: params.q, status: view === 'list' ? params.status : undefined, region: params.region, ownerKind: params.ownerKind };
  const board = useBoard({ q: params.q, region: params.region, ownerKind: params.ownerKind });
  const list = useProjects({ ...filters, cursor: params.cursor, limit: PAGE_SIZE });
  const ladder = useLadder().data;
  const create = useCreateProject();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [search, setSearch] = useState(params.q ?? '');
  const filter = (patch: Partial<Record<'q' | 'status' | 'region' | 'ownerKind', string | null>>) => update({ ...patch, cursor: null });
  const open = (id: string) => update({ project: id });

  const download = async () => {
    setExporting(true);
    try {
      await exportProjects(filters, t('title'));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const onCreate = (input: ProjectInput, ownerOrgId?: string) =>
    create.mutate(
      { ...input, owners: ownerOrgId ? [{ kind: 'org', id: ownerOrgId }] : [] },
      {
        onSuccess: (p) => {
          void message.success(t('created', { name: p.title }));
          setCreating(false);
          open(p.id);
        },
      },
    );

  const failed = view === 'board' ? board : list;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={isWide ? t('subtitle') : undefined}
        extra={
          <>
            {me && WRITERS.has(me.role) ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  create.reset();
                  setCreating(true);
                }}
              >
                {t('newProject')}
              </Button>
            ) : null}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void download()}>
              {t('export')}
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={view}
          onChange={(v) => update({ view: v === 'list' ? 'list' : null, cursor: null })}
          options={[
            { value: 'board', label: t('board') },
            { value: 'list', label: t('list') },
          ]}
        />
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
        />
        {view === 'list' ? (
          <Select
            allowClear
            placeholder={t('allStatuses')}
            value={params.status}
            onChange={(v?: string) => filter({ status: v ?? null })}
            options={(ladder?.steps ?? []).map((s) => ({ value: s.key, label: pick(s.label) }))}
            style={{ width: 130 }}
          />
        ) : null}
        <Select
          allowClear
          placeholder={t('ownerKind')}
          value={params.ownerKind}
          onChange={(v?: string) => filter({ ownerKind: v ?? null })}
          options={[
            { value: 'pairing', label: t('ownerPairing') },
            { value: 'org', label: t('ownerOrg') },
            { value: 'other', label: t('ownerOther') },
          ]}
          style={{ width: 120 }}
        />
        <RegionPicker allowClear value={params.region} onChange={(v) => filter({ region: v || null })} style={{ width: isWide ? 200 : '100%' }} />
      </Flex>
      {failed.isError ? <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} style={{ marginBottom: 12 }} /> : null}
      {view === 'board' ? (
        board.data ? (
          <ProjectBoard board={board.data} onOpen={open} />
        ) : (
          <Skeleton active />
        )
      ) : (
        <>
          <ProjectTable items={list.data?.items ?? []} loading={list.isFetching} onOpen={open} compact={!isWide} />
          <CursorPager nextCursor={list.data?.nextCursor} loading={list.isFetching} />
        </>
      )}
      <ProjectDrawer id={params.project} onOpen={open} onClose={() => update({ project: null })} />
      <ProjectFormModal askOwner open={creating} pending={create.isPending} error={create.error} onSubmit={onCreate} onClose={() => setCreating(false)} />
    </>
  );
}
