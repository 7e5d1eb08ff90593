import type { Selectable } from 'kysely';
import { containsText, type Db, type DialectName } from '../db/index.ts';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  org_id: string | null;
  phone_enc: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserScopesTable {
  user_id: string;
  region_code: string;
  region_path: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
  updated_at: string;
}

declare module '../db/types.ts' {
  interface Database {
    users: UsersTable;
    user_scopes: UserScopesTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
    gongzhi_meta: MetaTable;
  }
}

export type UserRow = Selectable<UsersTable>;
export type ScopeRow = Selectable<UserScopesTable>;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function usersByIds(db: Db, ids: readonly string[]): Promise<Pick<UserRow, 'id' | 'username' | 'display_name'>[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', [...ids]).execute();
}

export async function scopesOf(db: Db, userIds: readonly string[]): Promise<ScopeRow[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('user_scopes').selectAll().where('user_id', 'in', userIds).orderBy('region_path').execute();
}

export async function insertUser(db: Db, user: UserRow, scopes: readonly ScopeRow[]): Promise<void> {
  await db.insertInto('users').values(user).execute();
  if (scopes.length > 0) await db.insertInto('user_scopes').values([...scopes]).execute();
}

export async function updateUser(db: Db, id: string, expectedVersion: number, changes: Partial<UserRow>): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceScopes(db: Db, userId: string, scopes: readonly ScopeRow[]): Promise<void> {
  await db.deleteFrom('user_scopes').where('user_id', '=', userId).execute();
  if (scopes.length > 0) await db.insertInto('user_scopes').values([...scopes]).execute();
}

export interface UserFilter {
  q?: string;
  role?: string;
  /** Only users with a scope root inside one of these paths. */
  withinPaths: readonly string[] | null;
  afterUsername?: string;
  /** Leave out disabled accounts. */
  enabledOnly?: boolean;
  limit: number;
}

export async function listUsers(db: Db, dialect: DialectName, f: UserFilter): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll();
  if (f.q) query = query.where((eb) => eb.or([containsText(dialect, 'username', f.q!), containsText(dialect, 'display_name', f.q!)]));
  if (f.role) query = query.where('role', '=', f.role);
  if (f.enabledOnly) query = query.where('disabled', '=', 0);
  if (f.withinPaths) {
    const paths = f.withinPaths;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_scopes')
          .select('user_scopes.user_id')
          .whereRef('user_scopes.user_id', '=', 'users.id')
          .where((inner) => inner.or(paths.map((p) => inner('user_scopes.region_path', 'like', `${p}%`)))),
      ),
    );
  }
  if (f.afterUsername) query = query.where('username', '>', f.afterUsername);
  return query.orderBy('username').limit(f.limit).execute();
}

export async function insertSession(db: Db, row: Selectable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.org_id', 'users.disabled'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', nowIso).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertToken(db: Db, row: Selectable<ApiTokensTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.org_id', 'users.disabled'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeToken(db: Db, id: string, userId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('gongzhi_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setMeta(db: Db, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('gongzhi_meta')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
