import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButton } from '../../../components/export-button.tsx';
import { FilterSelect } from '../../../components/filter-select.tsx';
import { ListSearch } from '../../../components/list-search.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
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
  const open = (id: string) => update({ project: id });

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
            <ExportButton label={t('export')} onExport={() => exportProjects(filters, t('title'))} />
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
        <ListSearch placeholder={t('searchPlaceholder')} style={{ width: isWide ? 220 : '100%' }} />
        {view === 'list' ? <FilterSelect param="status" placeholder={t('allStatuses')} options={(ladder?.steps ?? []).map((s) => ({ value: s.key, label: pick(s.label) }))} style={{ width: 130 }} /> : null}
        <FilterSelect
          param="ownerKind"
          placeholder={t('ownerKind')}
          options={[
            { value: 'pairing', label: t('ownerPairing') },
            { value: 'org', label: t('ownerOrg') },
            { value: 'other', label: t('ownerOther') },
          ]}
          style={{ width: 120 }}
        />
        <RegionPicker allowClear value={params.region} onChange={(v) => update({ region: v || null, cursor: null })} style={{ width: isWide ? 200 : '100%' }} />
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
