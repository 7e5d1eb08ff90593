/**
 * A pairing's tasks and the evidence of their progress. Tasks are made with the pairing, from its
 * mode's templates (`service.ts`), and are updated only while the pairing is active.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Db } from '../../platform/db/index.ts';
import { FileStore, type CheckedFile, type StoredFile } from '../../platform/files/files.ts';
import { notFound, unprocessable, versionConflict } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { applyTaskChange, type TaskStatus } from './domain.ts';
import * as repo from './repository.ts';
import type { PairingDetail } from './schema.ts';
import { getPairing, loadVisible } from './service.ts';

async function loadTask(db: Db, actor: Actor, id: string, taskId: string): Promise<{ pairing: repo.PairingRow; task: repo.TaskRow }> {
  const pairing = await loadVisible(db, actor, id);
  const task = await repo.findTask(db, taskId);
  if (!task || task.pairing_id !== id) throw notFound('task');
  if (pairing.status !== 'active') throw unprocessable(`结对${pairing.status === 'proposed' ? '尚未生效' : '已结束'}，任务不能更新 Tasks are updated while the pairing is active`);
  return { pairing, task };
}

export interface TaskChange {
  version: number;
  status?: TaskStatus;
  progress?: number;
  dueDate?: string;
  ownerOrgId?: string;
}

/** Apply a task change inside `trx` (the caller holds the transaction). */
export async function writeTaskChange(ctx: AppContext, trx: Db, actor: Actor, id: string, taskId: string, input: TaskChange): Promise<void> {
  const { pairing, task } = await loadTask(trx, actor, id, taskId);
  const change = applyTaskChange({ status: task.status as TaskStatus, progress: task.progress }, input);
  if (!change.ok) throw unprocessable(change.message);
  if (input.ownerOrgId && !(await repo.partiesOf(trx, [id])).some((p) => p.org_id === input.ownerOrgId)) {
    throw unprocessable('任务负责单位应为结对方之一 The task owner is one of the parties', [{ path: 'ownerOrgId', message: input.ownerOrgId }]);
  }
  const changes: Partial<repo.TaskRow> = { ...change.next, updated_at: ctx.clock.now().toISOString() };
  if (input.dueDate) changes.due_date = input.dueDate;
  if (input.ownerOrgId) changes.owner_org_id = input.ownerOrgId;
  if (!(await repo.updateTask(trx, taskId, input.version, changes))) throw versionConflict(task);
  await recordAudit(trx, ctx, actor, { action: 'pairing.task.update', entity: 'pairing_task', entityId: taskId, regionCode: pairing.region_code, before: { status: task.status, progress: task.progress }, after: changes });
}

export async function updateTask(ctx: AppContext, actor: Actor, id: string, taskId: string, input: TaskChange): Promise<PairingDetail> {
  await ctx.db.transaction().execute((trx) => writeTaskChange(ctx, trx, actor, id, taskId, input));
  return getPairing(ctx, actor, id);
}

/** Tasks of these pairings (for the demo, which moves them along). */
export async function tasksOfPairings(ctx: AppContext, ids: readonly string[], db: Db = ctx.db) {
  return (await repo.tasksOf(db, ids)).map((t) => ({ id: t.id, pairingId: t.pairing_id, title: t.title, version: t.version }));
}

/** Record evidence inside `trx`; the photos must already be stored. */
export async function writeEvidence(ctx: AppContext, trx: Db, actor: Actor, id: string, taskId: string, note: string | null, photos: readonly (StoredFile & { name: string })[]): Promise<void> {
  const { pairing } = await loadTask(trx, actor, id, taskId);
  const row: repo.EvidenceRow = {
    id: newId(),
    task_id: taskId,
    note,
    photos: JSON.stringify(photos.map((p) => ({ hash: p.hash, mime: p.mime, size: p.size, name: p.name }))),
    created_by: actor.userId,
    created_by_name: actor.displayName ?? actor.username,
    created_at: ctx.clock.now().toISOString(),
  };
  await repo.insertEvidence(trx, row);
  await recordAudit(trx, ctx, actor, { action: 'pairing.task.evidence', entity: 'pairing_task', entityId: taskId, regionCode: pairing.region_code, after: { note, photos: photos.map((p) => p.hash) } });
}

/** A note and photos as evidence of a task's progress. Photos are stored only once everything else is valid. */
export async function addEvidence(ctx: AppContext, actor: Actor, id: string, taskId: string, note: string | null, photos: readonly CheckedFile[]): Promise<PairingDetail> {
  if (!note && photos.length === 0) throw unprocessable('请填写说明或上传照片 Add a note or photos', [{ path: 'note', message: 'empty' }]);
  await loadTask(ctx.db, actor, id, taskId);
  const stored = await new FileStore(ctx.config.dataDir).putAll(photos);
  await ctx.db.transaction().execute((trx) =>
    writeEvidence(ctx, trx, actor, id, taskId, note, stored.map((p, i) => ({ ...p, name: photos[i]!.filename }))),
  );
  return getPairing(ctx, actor, id);
}

export async function evidencePhoto(ctx: AppContext, actor: Actor, id: string, hash: string): Promise<{ mime: string; data: Buffer }> {
  await loadVisible(ctx.db, actor, id);
  const evidence = await repo.photoOf(ctx.db, id, hash);
  const photo = evidence ? (JSON.parse(evidence.photos) as { hash: string; mime: string }[]).find((p) => p.hash === hash) : undefined;
  const data = photo ? await new FileStore(ctx.config.dataDir).read(hash) : null;
  if (!photo || !data) throw notFound('photo');
  return { mime: photo.mime, data };
}
