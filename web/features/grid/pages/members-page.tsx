import { App, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ListActions } from '../../../components/list-actions.tsx';
import { useActiveToggle } from '../../../components/use-active-toggle.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useUrlParams } from '../../../lib/url-state.ts';
import { useMe } from '../../auth/index.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useCreateMember } from '../api/create-member.ts';
import { exportMembers } from '../api/export-members.ts';
import { useMembers } from '../api/list-members.ts';
import { useSetMemberActive } from '../api/set-member-active.ts';
import { useUpdateMember } from '../api/update-member.ts';
import { MemberDialog, type MemberDialogState } from '../components/member-dialog.tsx';
import { MemberDrawer } from '../components/member-drawer.tsx';
import { FORCE_TYPE_COLORS, FORCE_TYPE_LABELS, messages, ROLE_LABELS } from '../messages.ts';
import { FORCE_TYPES, ROLES, type CreateMemberInput, type Member, type MemberFilters, type UpdateMemberInput } from '../types.ts';

const PAGE_SIZE = 20;
const WRITERS = new Set(['district_admin', 'town_admin', 'village_cadre']);

export default function MembersPage() {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const toggle = useActiveToggle();
  const isWide = useIsWide('md');
  const me = useMe().data;
  const canWrite = Boolean(me && WRITERS.has(me.role));
  const [params, update] = useUrlParams(['q', 'forceType', 'microGrid', 'region', 'role', 'status', 'cursor', 'member'] as const);
  const filters: MemberFilters = { q: params.q, forceType: params.forceType, microGrid: params.microGrid, region: params.region, role: params.role, status: params.status };
  const members = useMembers({ ...filters, cursor: params.cursor, limit: PAGE_SIZE });
  const createMember = useCreateMember();
  const updateMember = useUpdateMember();
  const setActive = useSetMemberActive();
  const [dialog, setDialog] = useState<MemberDialogState | null>(null);
  const [search, setSearch] = useState(params.q ?? '');
  const [exporting, setExporting] = useState(false);

  const filter = (patch: Partial<Record<keyof MemberFilters, string | null>>) => update({ ...patch, cursor: null });

  const openDialog = (state: MemberDialogState) => {
    createMember.reset();
    updateMember.reset();
    setDialog(state);
  };

  const onCreate = (input: CreateMemberInput) =>
    createMember.mutate(input, {
      onSuccess: (m) => {
        void message.success(t('created', { name: m.name }));
        setDialog(null);
      },
    });

  const onUpdate = (input: UpdateMemberInput & { id: string }) =>
    updateMember.mutate(input, {
      onSuccess: () => {
        void message.success(t('saved'));
        setDialog(null);
      },
    });

  const toggleActive = (m: Member) =>
    toggle({
      key: m.id,
      active: m.active,
      version: m.version,
      confirm: { title: t('deactivateTitle', { name: m.name }), content: t('deactivateBody'), okText: t('deactivate') },
      deactivate: async () => (await setActive.mutateAsync({ id: m.id, version: m.version, active: false })).version,
      reactivate: (version) => setActive.mutateAsync({ id: m.id, version, active: true }).then(() => void message.success(t('reactivated', { name: m.name }))),
      deactivatedText: t('deactivated', { name: m.name }),
      undoText: t('undo'),
    });

  const download = async () => {
    setExporting(true);
    try {
      await exportMembers(filters, t('membersTitle'));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('membersTitle')}
        subtitle={isWide ? t('membersSubtitle') : undefined}
        extra={
          <ListActions
            canWrite={canWrite}
            createLabel={t('newMember')}
            onCreate={() => openDialog({ mode: 'create' })}
            importEntity="grid.members"
            importLabel={t('importMembers')}
            exportLabel={t('exportMembers')}
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
          style={{ width: isWide ? 260 : '100%' }}
          data-testid="member-search"
        />
        <Select
          allowClear
          placeholder={t('allForceTypes')}
          value={params.forceType}
          onChange={(v?: string) => filter({ forceType: v ?? null })}
          options={FORCE_TYPES.map((f) => ({ value: f, label: pick(FORCE_TYPE_LABELS[f]) }))}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('allRoles')}
          value={params.role}
          onChange={(v?: string) => filter({ role: v ?? null })}
          options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
          style={{ width: 120 }}
        />
        <Select
          value={params.status ?? 'active'}
          onChange={(v: string) => filter({ status: v === 'active' ? null : v })}
          options={[
            { value: 'active', label: t('statusActive') },
            { value: 'inactive', label: t('statusInactive') },
            { value: 'all', label: t('statusAll') },
          ]}
          style={{ width: 110 }}
        />
        <RegionPicker allowClear value={params.region} onChange={(v) => filter({ region: v || null })} style={{ width: isWide ? 220 : '100%' }} />
        {params.microGrid ? (
          <Tag closable onClose={() => filter({ microGrid: null })}>
            {t('microGrid')} {params.microGrid}
          </Tag>
        ) : null}
      </Flex>
      {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} style={{ marginBottom: 12 }} /> : null}
      {members.data ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('total', { total: members.data.total })}
        </Typography.Text>
      ) : null}
      <Table<Member>
        rowKey="id"
        size={isWide ? 'middle' : 'small'}
        loading={members.isFetching}
        dataSource={members.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('emptyMembers') }}
        onRow={(m) => ({ onClick: () => update({ member: m.id }), style: { cursor: 'pointer' } })}
        data-testid="members-table"
        columns={[
          { key: 'name', title: t('name'), render: (_, m) => <Typography.Text strong delete={!m.active}>{m.name}</Typography.Text> },
          { key: 'phone', title: t('phone'), dataIndex: 'phone' },
          { key: 'forceType', title: t('forceType'), render: (_, m) => <Tag color={FORCE_TYPE_COLORS[m.forceType]}>{pick(FORCE_TYPE_LABELS[m.forceType])}</Tag> },
          ...(isWide ? [{ key: 'unit', title: t('unit'), render: (_: unknown, m: Member) => m.unit ?? '—' }] : []),
          {
            key: 'microGrids',
            title: t('microGrids'),
            render: (_, m) => (
              <Space size={4} wrap>
                {m.assignments.slice(0, 3).map((a) => (
                  <Tag key={a.microGridCode} color={a.role === 'leader' ? 'red' : undefined} title={a.microGridCode}>
                    {a.microGridName ?? a.microGridCode}
                    {a.role === 'leader' ? ` · ${pick(ROLE_LABELS.leader)}` : ''}
                  </Tag>
                ))}
                {m.assignments.length > 3 ? <Tag>+{m.assignments.length - 3}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager nextCursor={members.data?.nextCursor} loading={members.isFetching} />
      <MemberDrawer id={params.member} canWrite={canWrite} onClose={() => update({ member: null })} onEdit={(m) => openDialog({ mode: 'edit', member: m })} onToggleActive={toggleActive} />
      <MemberDialog
        state={dialog}
        pending={createMember.isPending || updateMember.isPending}
        error={dialog?.mode === 'edit' ? updateMember.error : createMember.error}
        onCreate={onCreate}
        onUpdate={onUpdate}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
