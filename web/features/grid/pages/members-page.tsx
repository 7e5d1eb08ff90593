import { App, Flex, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CursorTable } from '../../../components/cursor-table.tsx';
import { FilterSelect } from '../../../components/filter-select.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ListActions } from '../../../components/list-actions.tsx';
import { ListSearch } from '../../../components/list-search.tsx';
import { useActiveToggle } from '../../../components/use-active-toggle.tsx';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { recordDialog } from '../../../lib/record-dialog.ts';
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
import { FORCE_TYPES, ROLES, type Member, type MemberFilters } from '../types.ts';

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
  const [dialogState, setDialogState] = useState<MemberDialogState | null>(null);
  const dialog = recordDialog(dialogState, setDialogState, {
    create: createMember,
    update: updateMember,
    created: (m) => void message.success(t('created', { name: m.name })),
    saved: () => void message.success(t('saved')),
  });

  const filter = (patch: Partial<Record<keyof MemberFilters, string | null>>) => update({ ...patch, cursor: null });

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

  return (
    <>
      <PageHeader
        title={t('membersTitle')}
        subtitle={isWide ? t('membersSubtitle') : undefined}
        extra={
          <ListActions
            canWrite={canWrite}
            createLabel={t('newMember')}
            onCreate={() => dialog.open({ mode: 'create' })}
            importEntity="grid.members"
            importLabel={t('importMembers')}
            exportLabel={t('exportMembers')}
            onExport={() => exportMembers(filters, t('membersTitle'))}
          />
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <ListSearch placeholder={t('searchPlaceholder')} style={{ width: isWide ? 260 : '100%' }} data-testid="member-search" />
        <FilterSelect param="forceType" placeholder={t('allForceTypes')} options={FORCE_TYPES.map((f) => ({ value: f, label: pick(FORCE_TYPE_LABELS[f]) }))} style={{ width: 150 }} />
        <FilterSelect param="role" placeholder={t('allRoles')} options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} style={{ width: 120 }} />
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
      <CursorTable<Member>
        query={members}
        above={
          members.data ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {t('total', { total: members.data.total })}
            </Typography.Text>
          ) : null
        }
        rowKey="id"
        size={isWide ? 'middle' : 'small'}
        emptyText={t('emptyMembers')}
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
      <MemberDrawer id={params.member} canWrite={canWrite} onClose={() => update({ member: null })} onEdit={(m) => dialog.open({ mode: 'edit', member: m })} onToggleActive={toggleActive} />
      <MemberDialog {...dialog.props} />
    </>
  );
}
