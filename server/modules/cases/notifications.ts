/**
 * Notifications: always in-app (rows read at `GET /api/v1/notifications`), and handed to the
 * deployment's other channels (SMS, email) after the write that caused them has committed. The
 * product ships a logging channel only; a deployment plugs a real gateway in through
 * `NotificationChannel`.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { memberIdOf } from './members.ts';
import * as repo from './repository.ts';

export type NotificationKind = 'assigned' | 'escalated' | 'verify_failed' | 'extension_requested' | 'returned';

/** Who a notification is for: one user, one grid member, or a role within a region. */
export type NotificationTarget =
  | { user: string }
  | { member: string }
  | { role: string; regionPath: string };

export interface OutgoingNotification {
  id: string;
  kind: NotificationKind;
  message: string;
  caseId: string | null;
  target: NotificationTarget;
  createdAt: string;
}

/** A way to reach people outside the app. `deliver` must not throw for a single bad address. */
export interface NotificationChannel {
  readonly name: string;
  deliver(ctx: AppContext, notification: OutgoingNotification): Promise<void>;
}

/** Writes each notification to the log: what the product ships in place of SMS and email. */
export const loggingChannel: NotificationChannel = {
  name: 'log',
  async deliver(ctx, n) {
    ctx.log.info({ notification: { id: n.id, kind: n.kind, caseId: n.caseId, target: n.target } }, `notify: ${n.message}`);
  },
};

const channelsByCtx = new WeakMap<AppContext, readonly NotificationChannel[]>();

/** Replace the channels of an app instance (a deployment's SMS gateway, a test's recorder). */
export function useNotificationChannels(ctx: AppContext, channels: readonly NotificationChannel[]): void {
  channelsByCtx.set(ctx, channels);
}

export function notificationChannels(ctx: AppContext): readonly NotificationChannel[] {
  return channelsByCtx.get(ctx) ?? [loggingChannel];
}

export interface NewNotification {
  kind: NotificationKind;
  message: string;
  caseId: string | null;
  target: NotificationTarget;
}

/** Store notifications inside the caller's transaction; returns them for `deliver` once committed. */
export async function storeNotifications(trx: Db, ctx: AppContext, notes: readonly NewNotification[]): Promise<OutgoingNotification[]> {
  const createdAt = ctx.clock.now().toISOString();
  const out = notes.map((n) => ({ ...n, id: newId(), createdAt }));
  await repo.insertNotifications(
    trx,
    out.map((n) => ({
      id: n.id,
      case_id: n.caseId,
      kind: n.kind,
      message: n.message,
      target_user_id: 'user' in n.target ? n.target.user : null,
      target_member_id: 'member' in n.target ? n.target.member : null,
      target_region_path: 'regionPath' in n.target ? n.target.regionPath : null,
      target_role: 'role' in n.target ? n.target.role : null,
      created_at: n.createdAt,
    })),
  );
  return out;
}

/** Hand committed notifications to the outside channels; a failing channel is logged, never thrown. */
export async function deliver(ctx: AppContext, notes: readonly OutgoingNotification[]): Promise<void> {
  for (const channel of notificationChannels(ctx)) {
    for (const n of notes) {
      try {
        await channel.deliver(ctx, n);
      } catch (err) {
        ctx.log.warn({ err, channel: channel.name, notification: n.id }, 'notification channel failed');
      }
    }
  }
}

/* ---------- the in-app inbox ---------- */

async function recipientOf(ctx: AppContext, actor: Actor): Promise<repo.Recipient> {
  if (!actor.userId) throw notFound('notifications');
  return { userId: actor.userId, memberId: await memberIdOf(ctx, actor), role: actor.role, scopePaths: actor.scopePaths ?? [] };
}

export interface NotificationView {
  id: string;
  kind: string;
  message: string;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function listNotifications(ctx: AppContext, actor: Actor, input: { unread?: boolean; cursor?: string; limit: number }) {
  const recipient = await recipientOf(ctx, actor);
  const rows = await repo.listNotifications(ctx.db, recipient, { unreadOnly: input.unread === true, before: input.cursor, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(
      (n): NotificationView => ({ id: n.id, kind: n.kind, message: n.message, caseId: n.case_id, createdAt: n.created_at, readAt: n.read_at }),
    ),
    unread: await repo.countUnread(ctx.db, recipient),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

export async function markNotificationRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const recipient = await recipientOf(ctx, actor);
  if (!(await repo.findNotification(ctx.db, recipient, id))) throw notFound('notification');
  await repo.markRead(ctx.db, [id], recipient.userId, ctx.clock.now().toISOString());
}

export async function markAllNotificationsRead(ctx: AppContext, actor: Actor): Promise<number> {
  const recipient = await recipientOf(ctx, actor);
  const ids = await repo.unreadIds(ctx.db, recipient, 5_000);
  await repo.markRead(ctx.db, ids, recipient.userId, ctx.clock.now().toISOString());
  return ids.length;
}
