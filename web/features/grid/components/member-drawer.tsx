import { App, Button, Descriptions, Drawer, Flex, Popconfirm, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { RegionPicker } from '../../regions/index.ts';
import { useAssignMember } from '../api/assign-member.ts';
import { useMember } from '../api/get-member.ts';
import { useUnassignMember } from '../api/unassign-member.ts';
import { FORCE_TYPE_COLORS, FORCE_TYPE_LABELS, messages, ROLE_LABELS } from '../messages.ts';
import { ROLES, type AssignmentRole, type Member } from '../types.ts';

/** One member: details (the full phone for roles that may see it), and their micro-grids, editable by writers. */
export function MemberDrawer({
  id,
  canWrite,
  onClose,
  onEdit,
  onToggleActive,
}: {
  id: string | undefined;
  canWrite: boolean;
  onClose: () => void;
  onEdit: (member: Member) => void;
  onToggleActive: (member: Member) => void;
}) {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const isWide = useIsWide('md');
  const member = useMember(id);
  const assign = useAssignMember();
  const unassign = useUnassignMember();
  const [microGrid, setMicroGrid] = useState<string | undefined>();
  const [role, setRole] = useState<AssignmentRole>('member');
  const m = member.data;

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={m ? m.name : t('detailTitle')} size={isWide ? 560 : '100%'} destroyOnHidden>
      {member.isError ? <ErrorAlert error={member.error} onRetry={() => void member.refetch()} /> : null}
      {member.isPending ? <Skeleton active /> : null}
      {m ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('phone')}>
              <Typography.Text copyable={!m.phoneMasked}>{m.phone}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.phoneMasked ? t('phoneMaskedNote') : t('phoneRevealed')}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('unit')}>{m.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('forceType')}>
              <Tag color={FORCE_TYPE_COLORS[m.forceType]}>{pick(FORCE_TYPE_LABELS[m.forceType])}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('homeRegion')}>{m.regionName ?? m.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>{m.active ? <Tag color="green">{t('statusActive')}</Tag> : <Tag>{t('statusInactive')}</Tag>}</Descriptions.Item>
            {m.userId ? <Descriptions.Item label={t('linkedUser')}>{m.account ? `${m.account.displayName}（${m.account.username}）` : m.userId}</Descriptions.Item> : null}
            <Descriptions.Item label={t('createdAt')}>{formatDateTime(m.createdAt)}</Descriptions.Item>
          </Descriptions>
          {canWrite ? (
            <Flex gap={8} wrap>
              <Button onClick={() => onEdit(m)}>{t('edit')}</Button>
              <Button danger={m.active} onClick={() => onToggleActive(m)}>
                {m.active ? t('deactivate') : t('reactivate')}
              </Button>
            </Flex>
          ) : null}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('assignments')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="microGridCode"
            pagination={false}
            dataSource={m.assignments}
            locale={{ emptyText: t('noAssignments') }}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'name', title: t('microGrid'), render: (_, a) => <span title={a.microGridCode}>{a.microGridName ?? a.microGridCode}</span> },
              { key: 'role', title: t('role'), render: (_, a) => <Tag color={a.role === 'leader' ? 'red' : undefined}>{pick(ROLE_LABELS[a.role])}</Tag> },
              ...(canWrite
                ? [
                    {
                      key: 'actions',
                      title: '',
                      render: (_: unknown, a: Member['assignments'][number]) => (
                        <Flex gap={4} wrap>
                          <Button
                            size="small"
                            onClick={() => void run(() => assign.mutateAsync({ id: m.id, microGridCode: a.microGridCode, role: a.role === 'leader' ? 'member' : 'leader' }), t('saved'))}
                          >
                            {a.role === 'leader' ? t('makeMember') : t('makeLeader')}
                          </Button>
                          <Popconfirm title={`${t('unassign')} ${a.microGridName ?? a.microGridCode}?`} onConfirm={() => void run(() => unassign.mutateAsync({ id: m.id, microGridCode: a.microGridCode }), t('unassigned', { code: a.microGridCode }))}>
                            <Button size="small" danger>
                              {t('unassign')}
                            </Button>
                          </Popconfirm>
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {canWrite ? (
            <Flex gap={8} wrap align="center">
              <RegionPicker maxLevel="micro_grid" value={microGrid} onChange={setMicroGrid} placeholder={t('chooseMicroGrid')} style={{ flex: 1, minWidth: 200 }} />
              <Select<AssignmentRole> value={role} onChange={setRole} style={{ width: 110 }} options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />
              <Button
                type="primary"
                disabled={!microGrid}
                loading={assign.isPending}
                onClick={() =>
                  microGrid &&
                  void run(async () => {
                    await assign.mutateAsync({ id: m.id, microGridCode: microGrid, role });
                    setMicroGrid(undefined);
                  }, t('assigned', { code: microGrid }))
                }
              >
                {t('assign')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}
