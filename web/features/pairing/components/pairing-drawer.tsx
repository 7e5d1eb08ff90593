import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useIsWide } from '../../../lib/responsive.ts';
import { useMe } from '../../auth/index.ts';
import { ProjectFormModal, ProjectTable, type ProjectInput } from '../../projects/index.ts';
import { useCreatePairingProject } from '../api/create-pairing-project.ts';
import { usePairing } from '../api/get-pairing.ts';
import { useTransitionPairing } from '../api/transition-pairing.ts';
import { messages } from '../messages.ts';
import type { PairingDetail, TransitionInput } from '../types.ts';
import { Parties } from './parties.tsx';
import { StatusTag } from './status-tag.tsx';
import { TaskItem } from './task-item.tsx';

const ADMINS = new Set(['district_admin', 'town_admin']);
const TASK_EDITORS = new Set(['district_admin', 'town_admin', 'village_cadre', 'org_liaison']);

/** One pairing: its parties, its tasks with progress and evidence, its projects, and its next steps. */
export function PairingDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isWide = useIsWide('md');
  const me = useMe().data;
  const pairing = usePairing(id);
  const transition = useTransitionPairing();
  const createProject = useCreatePairingProject();
  const [asking, setAsking] = useState<TransitionInput['to'] | null>(null);
  const [reason, setReason] = useState('');
  const [creating, setCreating] = useState(false);
  const p = pairing.data;
  const isAdmin = Boolean(me && ADMINS.has(me.role));

  const move = (detail: PairingDetail, to: TransitionInput['to'], why?: string) =>
    transition
      .mutateAsync({ id: detail.id, version: detail.version, to, ...(why ? (to === 'active' ? { capacityOverride: why } : { reason: why }) : {}) })
      .then(() => {
        void message.success(t('transitioned'));
        setAsking(null);
        setReason('');
      })
      .catch((error: unknown) => void message.error(errorMessage(error)));

  const addProject = (input: ProjectInput) =>
    createProject.mutate(
      { id: p!.id, ...input },
      {
        onSuccess: (project) => {
          void message.success(t('projectCreated', { name: project.title }));
          setCreating(false);
        },
      },
    );

  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={p?.title ?? t('pairing')} size={isWide ? 760 : '100%'} destroyOnHidden>
      {pairing.isError ? <ErrorAlert error={pairing.error} onRetry={() => void pairing.refetch()} /> : null}
      {pairing.isPending ? <Skeleton active /> : null}
      {p ? (
        <Flex vertical gap={16} data-testid="pairing-drawer">
          <Descriptions size="small" column={isWide ? 2 : 1} bordered>
            <Descriptions.Item label={t('status')}>
              <StatusTag status={p.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('mode')}>{pick(p.modeName)}</Descriptions.Item>
            <Descriptions.Item label={t('mechanism')}>{pick(p.mechanismName)}</Descriptions.Item>
            <Descriptions.Item label={t('period')}>
              {formatDate(p.startDate)} — {formatDate(p.endDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('parties')} span={isWide ? 2 : 1}>
              <Parties parties={p.parties} />
            </Descriptions.Item>
            {p.source === 'matchmaker' ? <Descriptions.Item label={t('source')}>{t('sourceMatchmaker')}</Descriptions.Item> : null}
            {p.statusReason ? <Descriptions.Item label={t('statusReason')}>{p.statusReason}</Descriptions.Item> : null}
          </Descriptions>
          {p.capacityOverride ? <Alert type="warning" showIcon title={t('overCapacityNote', { reason: p.capacityOverride })} /> : null}
          {isAdmin ? (
            <Space wrap>
              {p.status === 'proposed' ? (
                <Button type="primary" loading={transition.isPending} onClick={() => void move(p, 'active')}>
                  {t('activate')}
                </Button>
              ) : null}
              {p.status === 'active' ? (
                <Button loading={transition.isPending} onClick={() => void move(p, 'concluded')}>
                  {t('conclude')}
                </Button>
              ) : null}
              {p.status === 'proposed' || p.status === 'active' ? (
                <Button danger onClick={() => setAsking('dissolved')}>
                  {t('dissolve')}
                </Button>
              ) : null}
            </Space>
          ) : null}
          <div>
            <Typography.Title level={5}>{t('tasks')}</Typography.Title>
            <Flex vertical gap={8}>
              {p.tasks.map((task) => (
                <TaskItem key={`${task.id}-${task.version}`} pairingId={p.id} task={task} editable={p.status === 'active' && Boolean(me && TASK_EDITORS.has(me.role))} />
              ))}
            </Flex>
          </div>
          <div>
            <Flex justify="space-between" align="center">
              <Typography.Title level={5}>{t('projects')}</Typography.Title>
              {isAdmin && p.status === 'active' ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    createProject.reset();
                    setCreating(true);
                  }}
                >
                  {t('newProject')}
                </Button>
              ) : null}
            </Flex>
            <ProjectTable items={p.projects} onOpen={(projectId) => void navigate(`/projects?project=${projectId}`)} compact />
          </div>
        </Flex>
      ) : null}
      <Modal
        open={asking !== null}
        title={t('dissolve')}
        onCancel={() => setAsking(null)}
        okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
        confirmLoading={transition.isPending}
        onOk={() => p && asking && void move(p, asking, reason.trim())}
      >
        <Input.TextArea placeholder={t('reasonRequired')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
      <ProjectFormModal open={creating} title={t('newProject')} defaultRegion={p?.regionCode} pending={createProject.isPending} error={createProject.error} onSubmit={addProject} onClose={() => setCreating(false)} />
    </Drawer>
  );
}
