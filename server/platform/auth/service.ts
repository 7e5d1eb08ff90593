import { decryptPii, encryptPii, isValidPhone, maskPhone } from '../access/pii.ts';
import { isRole, maySeePersonalData, type Role } from '../access/policy.ts';
import { recordAudit } from '../audit/service.ts';
import type { Db } from '../db/index.ts';
import { AppError, conflict, notFound, unprocessable, validationFailed, versionConflict } from '../http/errors.ts';
import { newId, newSecret } from '../ids.ts';
import type { AppContext } from '../module.ts';
import { anonymousActor, type Actor } from './actor.ts';
import {
  API_TOKEN_PREFIX,
  hashPassword,
  passwordProblem,
  sha256,
  THROTTLE,
  throttleCheck,
  throttleFailure,
  verifyPassword,
  type ThrottleState,
} from './domain.ts';
import * as repo from './repository.ts';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  phone: string | null;
  disabled: boolean;
  scopes: { code: string; path: string }[];
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

function toView(ctx: AppContext, row: repo.UserRow, scopes: repo.ScopeRow[], viewer: Actor): UserView {
  let phone: string | null = null;
  if (row.phone_enc) {
    const plain = decryptPii(ctx.config.secret, row.phone_enc);
    phone = maySeePersonalData(viewer.role) || viewer.userId === row.id ? plain : maskPhone(plain);
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    orgId: row.org_id,
    phone,
    disabled: row.disabled === 1,
    scopes: scopes.filter((s) => s.user_id === row.id).map((s) => ({ code: s.region_code, path: s.region_path })),
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** Unmasked personal data shown to someone other than its owner is audited, one entry per response. */
async function auditUnmaskedReads(ctx: AppContext, viewer: Actor, rows: readonly repo.UserRow[]): Promise<void> {
  if (!maySeePersonalData(viewer.role)) return;
  const ids = rows.filter((r) => r.phone_enc !== null && r.id !== viewer.userId).map((r) => r.id);
  if (ids.length === 0) return;
  await recordAudit(ctx.db, ctx, viewer, { action: 'personal_data.read', entity: 'user', entityId: ids.join(','), after: { fields: ['phone'], users: ids.length } });
}

/* ---------- sign-in ---------- */

/** Failed sign-ins per app instance, by username and by client address (which many users may share). */
const throttleMaps = new WeakMap<AppContext, Map<string, ThrottleState>>();
const IP_LIMITS = { ...THROTTLE, maxFailures: 50 };

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  user: UserView;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const now = ctx.clock.now().getTime();
  let throttles = throttleMaps.get(ctx);
  if (!throttles) throttleMaps.set(ctx, (throttles = new Map()));
  const keys = [`u:${input.username.toLowerCase()}`, `ip:${input.ip}`];
  for (const key of keys) {
    const check = throttleCheck(throttles.get(key), now);
    if (!check.allowed) {
      throw new AppError(429, 'rate_limited', `登录失败次数过多，请 ${Math.ceil(check.retryAfterSeconds / 60)} 分钟后再试 Too many failed sign-ins`, [], {
        retryAfterSeconds: check.retryAfterSeconds,
      });
    }
  }
  const user = await repo.findUserByUsername(ctx.db, input.username);
  const ok = user !== undefined && user.disabled === 0 && (await verifyPassword(input.password, user.password_hash));
  if (!ok || !user) {
    for (const key of keys) throttles.set(key, throttleFailure(throttles.get(key), now, key.startsWith('ip:') ? IP_LIMITS : THROTTLE));
    throw new AppError(401, 'unauthenticated', '用户名或密码错误 Wrong username or password');
  }
  throttles.delete(keys[0]!);
  const sessionToken = newSecret();
  const csrfToken = newSecret(18);
  const createdAt = new Date(now).toISOString();
  const expiresAt = new Date(now + ctx.config.sessionHours * 3600_000).toISOString();
  await repo.insertSession(ctx.db, {
    id: sha256(sessionToken),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: createdAt,
    expires_at: expiresAt,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  await ctx.db.updateTable('users').set({ last_login_at: createdAt }).where('id', '=', user.id).execute();
  const scopes = await repo.scopesOf(ctx.db, [user.id]);
  const actor = actorFrom(user, scopes, 'session', sha256(sessionToken), csrfToken);
  return { sessionToken, csrfToken, expiresAt, user: toView(ctx, user, scopes, actor) };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.sessionId) await repo.deleteSession(ctx.db, actor.sessionId);
}

function actorFrom(
  user: { id: string; username: string; display_name: string; role: string; org_id: string | null },
  scopes: repo.ScopeRow[],
  kind: 'session' | 'token',
  sessionId: string | null,
  csrfToken: string | null,
): Actor {
  return {
    kind,
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: isRole(user.role) ? user.role : null,
    orgId: user.org_id,
    scopeCodes: scopes.map((s) => s.region_code),
    scopePaths: scopes.map((s) => s.region_path),
    sessionId,
    csrfToken,
  };
}

/** Who is calling: a session cookie, a bearer token, or nobody. Unknown credentials are anonymous. */
export async function resolveActor(ctx: AppContext, credentials: { sessionToken?: string; apiToken?: string }): Promise<Actor> {
  const nowIso = ctx.clock.now().toISOString();
  if (credentials.apiToken) {
    const found = await repo.findToken(ctx.readDb, sha256(credentials.apiToken));
    if (!found || found.revoked_at !== null || found.disabled === 1) return anonymousActor;
    // A "last used" marker, refreshed at most once a minute and never waited for: machines posting
    // many requests must not queue behind it.
    if (!found.last_used_at || Date.parse(found.last_used_at) < Date.parse(nowIso) - 60_000) {
      ctx.db
        .updateTable('api_tokens')
        .set({ last_used_at: nowIso })
        .where('id', '=', found.token_id)
        .execute()
        .catch((err: unknown) => ctx.log.warn({ err }, 'could not mark token as used'));
    }
    return actorFrom(found, await repo.scopesOf(ctx.readDb, [found.id]), 'token', null, null);
  }
  if (credentials.sessionToken) {
    const found = await repo.findSession(ctx.readDb, sha256(credentials.sessionToken));
    if (!found || found.disabled === 1 || found.expires_at < nowIso) return anonymousActor;
    return actorFrom(found, await repo.scopesOf(ctx.readDb, [found.id]), 'session', found.session_id, found.csrf_token);
  }
  return anonymousActor;
}

export async function me(ctx: AppContext, actor: Actor): Promise<UserView> {
  const user = actor.userId ? await repo.findUserById(ctx.db, actor.userId) : undefined;
  if (!user) throw notFound('user');
  return toView(ctx, user, await repo.scopesOf(ctx.db, [user.id]), actor);
}

/* ---------- user administration ---------- */

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopes: string[];
  orgId?: string | null;
  phone?: string | null;
}

async function resolveScopes(ctx: AppContext, actor: Actor, codes: readonly string[]): Promise<repo.ScopeRow[]> {
  if (codes.length === 0) throw validationFailed('至少需要一个管辖区域 At least one scope region is required', [{ path: 'scopes', message: 'empty' }]);
  const rows: repo.ScopeRow[] = [];
  for (const code of new Set(codes)) {
    const region = await ctx.regions.get(code);
    // An admin can only hand out scope inside their own.
    if (!region || (actor.scopePaths !== null && !actor.scopePaths.some((p) => region.path.startsWith(p)))) {
      throw unprocessable(`区域 ${code} 不存在或不在您的管辖范围内 Region ${code} is unknown or outside your scope`, [{ path: 'scopes', message: code }]);
    }
    rows.push({ user_id: '', region_code: region.code, region_path: region.path });
  }
  return rows;
}

function checkPhone(phone: string | null | undefined): void {
  if (phone && !isValidPhone(phone)) throw validationFailed('手机号格式不正确 Invalid phone number', [{ path: 'phone', message: 'invalid phone' }]);
}

export async function createUser(ctx: AppContext, actor: Actor, input: UserInput): Promise<UserView> {
  const problem = passwordProblem(input.password);
  if (problem) throw validationFailed(problem, [{ path: 'password', message: problem }]);
  checkPhone(input.phone);
  const scopes = await resolveScopes(ctx, actor, input.scopes);
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const row: repo.UserRow = {
    id,
    username: input.username,
    display_name: input.displayName,
    password_hash: await hashPassword(input.password),
    role: input.role,
    org_id: input.orgId ?? null,
    phone_enc: input.phone ? encryptPii(ctx.config.secret, input.phone) : null,
    disabled: 0,
    last_login_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const withId = scopes.map((s) => ({ ...s, user_id: id }));
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, input.username)) throw conflict(`用户名 ${input.username} 已存在 Username is taken`);
    await repo.insertUser(trx, row, withId);
    await recordAudit(trx, ctx, actor, {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      regionCode: withId[0]?.region_code ?? null,
      after: { username: row.username, role: row.role, scopes: input.scopes, orgId: row.org_id },
    });
  });
  return toView(ctx, row, withId, actor);
}

/** A user is visible to an admin whose scope contains one of the user's scope roots. */
async function loadVisibleUser(ctx: AppContext, db: Db, actor: Actor, id: string) {
  const user = await repo.findUserById(db, id);
  if (!user) throw notFound('user');
  const scopes = await repo.scopesOf(db, [id]);
  const visible = actor.scopePaths === null || scopes.some((s) => actor.scopePaths!.some((p) => s.region_path.startsWith(p)));
  if (!visible) throw notFound('user');
  return { user, scopes };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserView> {
  const { user, scopes } = await loadVisibleUser(ctx, ctx.db, actor, id);
  await auditUnmaskedReads(ctx, actor, [user]);
  return toView(ctx, user, scopes, actor);
}

export interface UserPatch {
  version: number;
  displayName?: string;
  role?: Role;
  scopes?: string[];
  orgId?: string | null;
  phone?: string | null;
  disabled?: boolean;
  password?: string;
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, patch: UserPatch): Promise<UserView> {
  checkPhone(patch.phone);
  if (patch.password !== undefined) {
    const problem = passwordProblem(patch.password);
    if (problem) throw validationFailed(problem, [{ path: 'password', message: problem }]);
  }
  if (patch.disabled === true && id === actor.userId) throw unprocessable('不能停用自己的账号 You cannot disable your own account');
  const newScopes = patch.scopes ? await resolveScopes(ctx, actor, patch.scopes) : null;
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const { user, scopes } = await loadVisibleUser(ctx, trx, actor, id);
    const changes: Partial<repo.UserRow> = { updated_at: ctx.clock.now().toISOString() };
    if (patch.displayName !== undefined) changes.display_name = patch.displayName;
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.orgId !== undefined) changes.org_id = patch.orgId;
    if (patch.phone !== undefined) changes.phone_enc = patch.phone ? encryptPii(ctx.config.secret, patch.phone) : null;
    if (patch.disabled !== undefined) changes.disabled = patch.disabled ? 1 : 0;
    if (passwordHash) changes.password_hash = passwordHash;
    if (!(await repo.updateUser(trx, id, patch.version, changes))) throw versionConflict(toView(ctx, user, scopes, actor));
    if (newScopes) await repo.replaceScopes(trx, id, newScopes.map((s) => ({ ...s, user_id: id })));
    if (patch.disabled === true || passwordHash) await repo.deleteSessionsOf(trx, id);
    const after = { ...user, ...changes, version: patch.version + 1 };
    await recordAudit(trx, ctx, actor, {
      action: passwordHash ? 'user.password' : 'user.update',
      entity: 'user',
      entityId: id,
      before: { displayName: user.display_name, role: user.role, disabled: user.disabled === 1, scopes: scopes.map((s) => s.region_code) },
      after: { displayName: after.display_name, role: after.role, disabled: after.disabled === 1, scopes: newScopes?.map((s) => s.region_code) ?? scopes.map((s) => s.region_code) },
    });
    return toView(ctx, after, newScopes?.map((s) => ({ ...s, user_id: id })) ?? scopes, actor);
  });
}

export async function listUsers(ctx: AppContext, actor: Actor, filter: { q?: string; role?: string; cursor?: string; limit: number }) {
  const rows = await repo.listUsers(ctx.db, ctx.dialect, {
    q: filter.q,
    role: filter.role,
    withinPaths: actor.scopePaths,
    afterUsername: filter.cursor,
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const scopes = await repo.scopesOf(ctx.db, page.map((u) => u.id));
  await auditUnmaskedReads(ctx, actor, page);
  return { items: page.map((u) => toView(ctx, u, scopes, actor)), nextCursor: rows.length > filter.limit ? page[page.length - 1]!.username : null };
}

/**
 * Accounts within the actor's scope by name or username, for choosing one (linking a grid member
 * to its sign-in account): who they are, nothing personal, so nothing to audit.
 */
export async function userChoices(ctx: AppContext, actor: Actor, filter: { q?: string; limit: number }) {
  const rows = await repo.listUsers(ctx.db, ctx.dialect, { q: filter.q, withinPaths: actor.scopePaths, enabledOnly: true, limit: filter.limit });
  return { items: rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role })) };
}

/** The names of accounts, by id, for showing which account a record is linked to. */
export async function accountNames(ctx: AppContext, ids: readonly string[], db: Db = ctx.db): Promise<Map<string, { username: string; displayName: string }>> {
  const rows = await repo.usersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((u) => [u.id, { username: u.username, displayName: u.display_name }]));
}

/* ---------- API tokens ---------- */

export async function createToken(ctx: AppContext, actor: Actor, userId: string, name: string) {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertToken(trx, {
      id,
      user_id: userId,
      name,
      token_hash: sha256(token),
      prefix: token.slice(0, 8),
      created_at: ctx.clock.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, ctx, actor, { action: 'token.create', entity: 'api_token', entityId: id, after: { userId, name } });
  });
  return { id, name, token };
}

export async function listTokens(ctx: AppContext, userId: string) {
  return repo.listTokens(ctx.db, userId);
}

export async function revokeToken(ctx: AppContext, actor: Actor, userId: string, tokenId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeToken(trx, tokenId, userId, ctx.clock.now().toISOString()))) throw notFound('token');
    await recordAudit(trx, ctx, actor, { action: 'token.revoke', entity: 'api_token', entityId: tokenId });
  });
}

export async function findUserIdByUsername(ctx: AppContext, username: string): Promise<repo.UserRow | undefined> {
  return repo.findUserByUsername(ctx.db, username);
}
