import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Image, Input, Progress, Select, Slider, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useAddEvidence } from '../api/add-evidence.ts';
import { useUpdateTask } from '../api/update-task.ts';
import { messages, TASK_STATUS_LABELS } from '../messages.ts';
import type { Task, TaskStatus } from '../types.ts';

/** One task: its progress (editable by those who may), and the evidence under it with a form to add more. */
export function TaskItem({ pairingId, task, editable }: { pairingId: string; task: Task; editable: boolean }) {
  const t = useT(messages);
  const { pick } = useLang();
  const { message } = App.useApp();
  const updateTask = useUpdateTask();
  const addEvidence = useAddEvidence();
  const [progress, setProgress] = useState(task.progress);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);

  const save = (change: { status?: TaskStatus; progress?: number }) =>
    updateTask
      .mutateAsync({ id: pairingId, taskId: task.id, version: task.version, ...change })
      .then(() => void message.success(t('taskSaved')))
      .catch((error: unknown) => {
        setProgress(task.progress);
        void message.error(errorMessage(error));
      });

  const submitEvidence = () =>
    addEvidence
      .mutateAsync({ id: pairingId, taskId: task.id, note: note.trim(), photos })
      .then(() => {
        setNote('');
        setPhotos([]);
        void message.success(t('evidenceSaved'));
      })
      .catch((error: unknown) => void message.error(errorMessage(error)));

  return (
    <Card size="small" title={task.title} extra={<Typography.Text type="secondary">{`${t('due')} ${formatDate(task.dueDate)}`}</Typography.Text>} data-testid="task-item">
      <Flex vertical gap={8}>
        {task.description ? <Typography.Text type="secondary">{task.description}</Typography.Text> : null}
        <Typography.Text>
          {t('taskOwner')}：{task.ownerName}
        </Typography.Text>
        {editable ? (
          <Flex gap={12} align="center" wrap>
            <Select
              value={task.status}
              style={{ width: 110 }}
              onChange={(status: TaskStatus) => void save({ status })}
              options={(['todo', 'in_progress', 'done'] as const).map((s) => ({ value: s, label: pick(TASK_STATUS_LABELS[s]) }))}
            />
            <Slider min={0} max={100} step={10} value={progress} onChange={setProgress} onChangeComplete={(v) => void save({ progress: v })} style={{ flex: 1, minWidth: 160 }} />
            <Typography.Text>{progress}%</Typography.Text>
          </Flex>
        ) : (
          <Space>
            {pick(TASK_STATUS_LABELS[task.status])}
            <Progress percent={task.progress} size="small" style={{ width: 160 }} />
          </Space>
        )}
        {task.evidence.length ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('evidence')}</Typography.Text>
            {task.evidence.map((e) => (
              <div key={e.id}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} {e.by}
                </Typography.Text>
                {e.note ? <div>{e.note}</div> : null}
                {e.photos.length ? (
                  <Image.PreviewGroup>
                    <Space wrap>
                      {e.photos.map((p) => (
                        <Image key={p.hash} src={p.url} alt={p.name} width={72} height={72} style={{ objectFit: 'cover' }} />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                ) : null}
              </div>
            ))}
          </Flex>
        ) : null}
        {editable ? (
          <Flex gap={8} wrap align="center">
            <Input placeholder={t('evidenceNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} style={{ flex: 1, minWidth: 200 }} />
            <Upload
              accept="image/jpeg,image/png,image/webp"
              multiple
              fileList={photos.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
              beforeUpload={(file) => {
                setPhotos((list) => [...list, file].slice(0, 6));
                return false;
              }}
              onRemove={(file) => setPhotos((list) => list.filter((_, i) => String(i) !== file.uid))}
            >
              <Button icon={<UploadOutlined />}>{t('photos')}</Button>
            </Upload>
            <Button type="primary" disabled={!note.trim() && photos.length === 0} loading={addEvidence.isPending} onClick={() => void submitEvidence()}>
              {t('addEvidence')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
