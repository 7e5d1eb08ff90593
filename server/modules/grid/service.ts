import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blindIndex, decryptPii, encryptPii, isValidPhone, maskPhone } from '../../platform/access/pii.ts';
import { inScope, maySeePersonalData } from '../../platform/access/policy.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { accountNames, findUserIdByUsername, getUser, userChoices } from '../../platform/auth/service.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { bboxOf, validateArea, type Area } from '../../platform/geo/geometry.ts';
import { AppError, conflict, notFound, unprocessable, versionConflict, type ErrorDetail } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext, DemoProgress, RegionRef } from '../../platform/module.ts';
import { seededRandom } from '../../platform/random.ts';
import type { ImportRow, RowError } from '../../platform/tabular/types.ts';
import { createAreasBulk, drawnAreas, getRegion, listInSubtree, regionsByCode, type CreateAreaInput } from '../regions/service.ts';
import type { RegionSummary } from '../regions/schema.ts';
import {
  assembleCoverage,
  DEFAULT_STAFFING_RULE,
  describeLacks,
  FORCE_TYPE_LABELS,
  findOverlaps,
  MEMBER_COLUMNS,
  memberInScope,
  normalisePhone,
  parseMemberRow,
  planDemoAreas,
  planDemoMembers,
  sameMemberProblem,
  totalOf,
  villageOfPath,
  zeroCounts,
  type AssignmentRole,
  type DemoExistingGrid,
  type DemoTown,
  type DemoVillage,
  type DrawnArea,
  type ForceType,
  type MemberRow as ParsedRow,
  type Overlap,
  type StaffingRule,
} from './domain.ts';
import * as repo from './repository.ts';

/** The demo's grid forces, from the shipped demo data (figures are data, never code). */
export function demoForceTotals(): Record<ForceType, number> {
  const file = join(import.meta.dirname, '../../../data/grid/demo.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { forceTotals: Record<ForceType, number> }).forceTotals;
}
import * as s from './schema.ts';
import type { CreateMemberInput, MemberView, UpdateMemberInput } from './schema.ts';

export type { ForceType } from './domain.ts';

const STAFFING_RULE_KEY = 'staffing_rule';
const MAX_EXPORT_ROWS = 200_000;

/* ---------- views ---------- */

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function phoneOf(ctx: AppContext, row: repo.MemberRow, reveal: boolean): { phone: string; phoneMasked: boolean } {
  const plain = decryptPii(ctx.config.secret, row.phone_enc);
  return reveal ? { phone: plain, phoneMasked: false } : { phone: maskPhone(plain), phoneMasked: true };
}

async function regionNames(ctx: AppContext, codes: readonly string[], db: Db = ctx.db): Promise<Map<string, string>> {
  return new Map((await regionsByCode(ctx, codes, db)).map((r) => [r.code, r.name]));
}

async function toViews(ctx: AppContext, rows: readonly repo.MemberRow[], reveal: boolean, db: Db = ctx.db): Promise<MemberView[]> {
  const assignments = await repo.assignmentsOf(db, rows.map((r) => r.id));
  const names = await regionNames(ctx, [...rows.map((r) => r.region_code), ...assignments.map((a) => a.micro_grid_code)], db);
  const byMember = groupBy(assignments, (a) => a.member_id);
  const accounts = await accountNames(ctx, rows.flatMap((r) => (r.user_id ? [r.user_id] : [])), db);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ...phoneOf(ctx, row, reveal),
    unit: row.unit,
    forceType: row.force_type as ForceType,
    userId: row.user_id,
    account: row.user_id ? (accounts.get(row.user_id) ?? null) : null,
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? null,
    active: row.active === 1,
    assignments: (byMember.get(row.id) ?? []).map((a) => ({
      microGridCode: a.micro_grid_code,
      microGridName: names.get(a.micro_grid_code) ?? null,
      role: a.role as AssignmentRole,
      createdAt: a.created_at,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }));
}

/** What the audit log keeps of a member: never the phone. */
function auditView(row: Pick<repo.MemberRow, 'name' | 'unit' | 'force_type' | 'region_code' | 'user_id' | 'active'>) {
  return { name: row.name, unit: row.unit, forceType: row.force_type, regionCode: row.region_code, userId: row.user_id, active: row.active === 1 };
}

/* ---------- lookups and access ---------- */

/** The member with their assignments, if the actor may see them; otherwise "not found". */
async function loadVisible(ctx: AppContext, actor: Actor, id: string, db: Db = ctx.db) {
  const row = await repo.findMember(db, id);
  if (!row) throw notFound('member');
  const assignments = await repo.assignmentsOf(db, [id]);
  if (!memberInScope(actor.scopePaths, row.region_path, assignments.map((a) => a.micro_grid_path))) throw notFound('member');
  return { row, assignments };
}

/** A region the actor holds in scope, or "not found". */
async function loadScopedRegion(ctx: AppContext, actor: Actor, code: string): Promise<RegionRef> {
  const region = await ctx.regions.get(code);
  if (!region || !inScope(actor.scopePaths, region.path)) throw notFound('region');
  return region;
}

function microGridProblem(code: string, found: RegionSummary | undefined, actor: Actor): string | null {
  if (!found || !inScope(actor.scopePaths, found.path)) return `微网格 ${code} 不存在或不在管辖范围内 Micro-grid ${code} is unknown or outside your scope`;
  if (found.level !== 'micro_grid') return `${code} 不是微网格 ${code} is not a micro-grid`;
  if (found.validTo) return `微网格 ${code} 已撤销 Micro-grid ${code} is retired`;
  return null;
}

/** Resolve micro-grid codes the actor may assign people to; any problem is a 422 naming the code. */
async function resolveMicroGrids(ctx: AppContext, actor: Actor, codes: readonly string[], db: Db = ctx.db): Promise<Map<string, RegionSummary>> {
  const found = new Map((await regionsByCode(ctx, codes, db)).map((r) => [r.code, r]));
  const details: ErrorDetail[] = [];
  for (const code of codes) {
    const problem = microGridProblem(code, found.get(code), actor);
    if (problem) details.push({ path: 'microGridCode', message: problem });
  }
  if (details.length > 0) throw unprocessable(details[0]!.message, details);
  return found;
}

/** The home region: the one given (in scope), or the village of the first micro-grid. */
async function resolveHome(ctx: AppContext, actor: Actor, regionCode: string | undefined, firstMicroGrid: RegionSummary | undefined) {
  if (regionCode) {
    const region = await ctx.regions.get(regionCode);
    if (!region || !inScope(actor.scopePaths, region.path)) {
      throw unprocessable(`区域 ${regionCode} 不存在或不在管辖范围内 Region ${regionCode} is unknown or outside your scope`, [{ path: 'regionCode', message: regionCode }]);
    }
    return { code: region.code, path: region.path };
  }
  return homeOfMicroGrid(actor, firstMicroGrid!);
}

function homeOfMicroGrid(actor: Actor, microGrid: Pick<RegionSummary, 'code' | 'path'>): { code: string; path: string } {
  const village = villageOfPath(microGrid.path, 'micro_grid');
  return village && inScope(actor.scopePaths, village.path) ? village : { code: microGrid.code, path: microGrid.path };
}

/**
 * Sign-in accounts within the actor's scope that a member can be linked to, by name or username,
 * each with the member it is linked to already (an account serves one member).
 */
export async function linkableAccounts(ctx: AppContext, actor: Actor, query: { q?: string; limit: number }) {
  const { items } = await userChoices(ctx, actor, { q: query.q || undefined, limit: query.limit });
  const linked = new Map((await repo.membersLinkedTo(ctx.db, items.map((u) => u.id))).map((m) => [m.user_id, { memberId: m.id, name: m.name }]));
  return { items: items.map((u) => ({ ...u, linkedTo: linked.get(u.id) ?? null })) };
}

/** A user account may be linked to one member, and only by someone who can see that account. */
async function checkUserLink(ctx: AppContext, actor: Actor, userId: string): Promise<void> {
  try {
    await getUser(ctx, actor, userId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) {
      throw unprocessable(`用户 ${userId} 不存在或不在管辖范围内 User ${userId} is unknown or outside your scope`, [{ path: 'userId', message: userId }]);
    }
    throw error;
  }
}

async function ensureUnique(trx: Db, phoneIndex: string | null, userId: string | null | undefined, selfId: string | null): Promise<void> {
  if (phoneIndex) {
    const same = (await repo.findByPhoneIndex(trx, [phoneIndex])).find((m) => m.id !== selfId);
    if (same) throw conflict('该手机号已登记为网格力量成员 A member with this phone exists', { field: 'phone' });
  }
  if (userId) {
    const linked = await repo.findMemberIdByUser(trx, userId);
    if (linked && linked !== selfId) throw conflict('该账号已关联其他成员 The user account is linked to another member', { field: 'userId' });
  }
}

/* ---------- members ---------- */

export async function listMembers(ctx: AppContext, actor: Actor, input: Omit<s.ListInput, 'format'>) {
  const filter = await memberFilter(ctx, actor, input);
  const [rows, total] = await Promise.all([
    repo.listMembers(ctx.db, ctx.dialect, { ...filter, afterId: input.cursor, limit: input.limit + 1 }),
    repo.countMembers(ctx.db, ctx.dialect, filter),
  ]);
  const page = rows.slice(0, input.limit);
  return { items: await toViews(ctx, page, false), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null, total };
}

async function memberFilter(ctx: AppContext, actor: Actor, input: Pick<s.ListInput, 'q' | 'forceType' | 'microGrid' | 'region' | 'role' | 'status'>) {
  const regionPath = input.region ? (await loadScopedRegion(ctx, actor, input.region)).path : undefined;
  const phone = input.q ? normalisePhone(input.q) : '';
  return {
    scope: actor.scopePaths,
    regionPath,
    forceType: input.forceType,
    microGrid: input.microGrid,
    role: input.role,
    q: input.q,
    phoneIndex: isValidPhone(phone) ? blindIndex(ctx.config.secret, phone) : undefined,
    active: input.status === 'all' ? null : input.status === 'active',
  };
}

/** One member. Roles that may see personal data get the phone in full, and that read is audited. */
export async function getMember(ctx: AppContext, actor: Actor, id: string): Promise<MemberView> {
  const { row } = await loadVisible(ctx, actor, id);
  const reveal = maySeePersonalData(actor.role);
  if (reveal) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, actor, { action: 'member.phone.read', entity: 'grid_member', entityId: id, regionCode: row.region_code }),
    );
  }
  return (await toViews(ctx, [row], reveal))[0]!;
}

export async function createMember(ctx: AppContext, actor: Actor, input: CreateMemberInput): Promise<MemberView> {
  const roles = new Map(input.assignments.map((a) => [a.microGridCode, a.role]));
  const microGrids = await resolveMicroGrids(ctx, actor, [...roles.keys()]);
  const home = await resolveHome(ctx, actor, input.regionCode, microGrids.get(input.assignments[0]?.microGridCode ?? ''));
  if (input.userId) await checkUserLink(ctx, actor, input.userId);
  const now = ctx.clock.now().toISOString();
  const row: repo.MemberRow = {
    id: newId(),
    name: input.name,
    phone_enc: encryptPii(ctx.config.secret, input.phone),
    phone_index: blindIndex(ctx.config.secret, input.phone),
    unit: input.unit || null,
    force_type: input.forceType,
    user_id: input.userId ?? null,
    region_code: home.code,
    region_path: home.path,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const assignments = [...roles].map(([code, role]) => ({ member_id: row.id, micro_grid_code: code, micro_grid_path: microGrids.get(code)!.path, role, created_at: now }));
  await ctx.db.transaction().execute(async (trx) => {
    await ensureUnique(trx, row.phone_index, row.user_id, null);
    await repo.insertMembers(trx, [row]);
    await repo.upsertAssignments(trx, assignments);
    await recordAudit(trx, ctx, actor, {
      action: 'member.create',
      entity: 'grid_member',
      entityId: row.id,
      regionCode: row.region_code,
      after: { ...auditView(row), assignments: [...roles].map(([code, role]) => ({ code, role })) },
    });
  });
  return (await toViews(ctx, [row], false))[0]!;
}

export async function updateMember(ctx: AppContext, actor: Actor, id: string, input: UpdateMemberInput): Promise<MemberView> {
  const { row } = await loadVisible(ctx, actor, id);
  const changes: Partial<repo.MemberRow> = { updated_at: ctx.clock.now().toISOString() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.unit !== undefined) changes.unit = input.unit || null;
  if (input.forceType !== undefined) changes.force_type = input.forceType;
  if (input.phone !== undefined) {
    changes.phone_enc = encryptPii(ctx.config.secret, input.phone);
    changes.phone_index = blindIndex(ctx.config.secret, input.phone);
  }
  if (input.regionCode !== undefined) {
    const home = await resolveHome(ctx, actor, input.regionCode, undefined);
    Object.assign(changes, { region_code: home.code, region_path: home.path });
  }
  if (input.userId !== undefined) {
    if (input.userId) await checkUserLink(ctx, actor, input.userId);
    changes.user_id = input.userId;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await ensureUnique(trx, changes.phone_index ?? null, changes.user_id, id);
    if (!(await repo.updateMember(trx, id, input.version, changes))) {
      const current = await repo.findMember(trx, id);
      throw versionConflict(current ? (await toViews(ctx, [current], false, trx))[0] : null);
    }
    await recordAudit(trx, ctx, actor, {
      action: 'member.update',
      entity: 'grid_member',
      entityId: id,
      regionCode: changes.region_code ?? row.region_code,
      before: auditView(row),
      after: { ...auditView({ ...row, ...changes }), phoneChanged: input.phone !== undefined },
    });
  });
  return (await toViews(ctx, [(await repo.findMember(ctx.db, id))!], false))[0]!;
}

/** Deactivate (the member leaves every count and candidate list, assignments kept) or undo that. */
export async function setActive(ctx: AppContext, actor: Actor, id: string, version: number, active: boolean): Promise<MemberView> {
  const { row } = await loadVisible(ctx, actor, id);
  if ((row.active === 1) === active) throw conflict(active ? '该成员已在岗 The member is active' : '该成员已停用 The member is already inactive');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateMember(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.clock.now().toISOString() }))) {
      throw versionConflict((await toViews(ctx, [row], false, trx))[0]);
    }
    await recordAudit(trx, ctx, actor, {
      action: active ? 'member.reactivate' : 'member.deactivate',
      entity: 'grid_member',
      entityId: id,
      regionCode: row.region_code,
      before: { active: row.active === 1 },
      after: { active },
    });
  });
  return (await toViews(ctx, [(await repo.findMember(ctx.db, id))!], false))[0]!;
}

/** Place a member in a micro-grid, or change their role there. `created` is false when they were already in it. */
export async function assign(ctx: AppContext, actor: Actor, id: string, input: { microGridCode: string; role: AssignmentRole }) {
  const { row, assignments } = await loadVisible(ctx, actor, id);
  const microGrid = (await resolveMicroGrids(ctx, actor, [input.microGridCode])).get(input.microGridCode)!;
  const previous = assignments.find((a) => a.micro_grid_code === input.microGridCode);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertAssignments(trx, [
      { member_id: id, micro_grid_code: microGrid.code, micro_grid_path: microGrid.path, role: input.role, created_at: previous?.created_at ?? ctx.clock.now().toISOString() },
    ]);
    await recordAudit(trx, ctx, actor, {
      action: 'member.assign',
      entity: 'grid_member',
      entityId: id,
      regionCode: microGrid.code,
      before: previous ? { microGridCode: microGrid.code, role: previous.role } : null,
      after: { microGridCode: microGrid.code, role: input.role },
    });
  });
  return { created: !previous, member: (await toViews(ctx, [row], false))[0]! };
}

export async function unassign(ctx: AppContext, actor: Actor, id: string, microGridCode: string): Promise<void> {
  const { assignments } = await loadVisible(ctx, actor, id);
  const current = assignments.find((a) => a.micro_grid_code === microGridCode);
  if (!current || !inScope(actor.scopePaths, current.micro_grid_path)) throw notFound('assignment');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteAssignment(trx, id, microGridCode);
    await recordAudit(trx, ctx, actor, {
      action: 'member.unassign',
      entity: 'grid_member',
      entityId: id,
      regionCode: microGridCode,
      before: { microGridCode, role: current.role },
    });
  });
}

/* ---------- staffing rule ---------- */

export async function getStaffingRule(ctx: AppContext, db: Db = ctx.db): Promise<{ rule: StaffingRule; version: number; updatedAt: string | null }> {
  const stored = await repo.getSetting(db, STAFFING_RULE_KEY);
  if (!stored) return { rule: DEFAULT_STAFFING_RULE, version: 0, updatedAt: null };
  const parsed = s.staffingRule.safeParse(JSON.parse(stored.value));
  return { rule: parsed.success ? parsed.data : DEFAULT_STAFFING_RULE, version: stored.version, updatedAt: stored.updated_at };
}

export async function putStaffingRule(ctx: AppContext, actor: Actor, input: StaffingRule & { version: number }) {
  const rule: StaffingRule = { minimum: input.minimum, requireLeader: input.requireLeader };
  const before = await getStaffingRule(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.putSetting(trx, STAFFING_RULE_KEY, input.version, JSON.stringify(rule), ctx.clock.now().toISOString()))) {
      throw versionConflict(await getStaffingRule(ctx, trx));
    }
    await recordAudit(trx, ctx, actor, { action: 'grid.staffing_rule.update', entity: 'grid_setting', entityId: STAFFING_RULE_KEY, before: before.rule, after: rule });
  });
  return getStaffingRule(ctx);
}

/* ---------- coverage ---------- */

async function coverageOf(ctx: AppContext, path: string) {
  const [{ rule }, microGrids, rows, totals] = await Promise.all([
    getStaffingRule(ctx),
    listInSubtree(ctx, path, 'micro_grid', 1_000_000, 0),
    repo.microGridCounts(ctx.db, path),
    repo.countByForceType(ctx.db, path),
  ]);
  const assembled = assembleCoverage(
    microGrids.map((m) => ({ code: m.code, name: m.name, parentCode: m.parentCode })),
    rows.map((r) => ({ microGridCode: r.micro_grid_code, forceType: r.force_type, members: r.n, leaders: r.leaders })),
    rule,
  );
  const byForce = zeroCounts();
  for (const t of totals) if (t.force_type in byForce) byForce[t.force_type as ForceType] = t.n;
  return { rule, totals: { ...byForce, total: totalOf(byForce) }, ...assembled };
}

/** Totals by force type for a region's subtree, every micro-grid's team, and those the staffing rule finds short. */
export async function coverage(ctx: AppContext, actor: Actor, regionCode: string): Promise<s.CoverageResponse> {
  const region = await loadScopedRegion(ctx, actor, regionCode);
  const c = await coverageOf(ctx, region.path);
  return { region: { code: region.code, name: region.name, level: region.level }, rule: c.rule, totals: c.totals, summary: c.summary, microGrids: c.items, understaffed: c.understaffed };
}

/** Micro-grid polygons with their staffing status, for the map. */
export async function coverageGeojson(ctx: AppContext, actor: Actor, regionCode: string) {
  const region = await loadScopedRegion(ctx, actor, regionCode);
  const [c, drawn] = await Promise.all([coverageOf(ctx, region.path), drawnAreas(ctx, actor, region.code, ['micro_grid'])]);
  const byCode = new Map(c.items.map((i) => [i.code, i]));
  return {
    type: 'FeatureCollection' as const,
    features: drawn.features.flatMap((f) => {
      const item = byCode.get(f.properties.code);
      if (!item) return [];
      return [
        {
          type: 'Feature' as const,
          id: item.code,
          properties: { code: item.code, name: item.name, gridCode: item.gridCode, status: item.status, total: item.total, leaders: item.leaders, ...item.counts, lacking: describeLacks(item.lacking) },
          geometry: f.geometry,
        },
      ];
    }),
  };
}

/* ---------- drawn areas ---------- */

class DryRun extends Error {}

async function overlapsAmong(ctx: AppContext, actor: Actor, villageCodes: readonly string[], extra: readonly DrawnArea[]): Promise<Overlap[]> {
  const extraCodes = new Set(extra.map((a) => a.code));
  const areas: DrawnArea[] = [...extra];
  for (const village of villageCodes) {
    const drawn = await drawnAreas(ctx, actor, village, ['grid', 'micro_grid']);
    for (const f of drawn.features) {
      if (extraCodes.has(f.properties.code) || !f.properties.parentCode) continue;
      areas.push({ code: f.properties.code, name: f.properties.name, parentCode: f.properties.parentCode, geometry: f.geometry as Area });
    }
  }
  const overlaps = findOverlaps(areas);
  return extraCodes.size === 0 ? overlaps : overlaps.filter((o) => extraCodes.has(o.a.code) || extraCodes.has(o.b.code));
}

/**
 * Import grid and micro-grid polygons from a GeoJSON FeatureCollection: every feature is checked
 * (parent, code, closed and simple polygon inside its parent) and all are written, or none.
 * Overlaps with siblings are reported, not refused.
 */
/** Corners in one GeoJSON import, all features together. */
export const MAX_IMPORT_VERTICES = 50_000;

/** Positions in a (possibly malformed) GeoJSON geometry's coordinates, without trusting its shape. */
function countPositions(geometry: unknown): number {
  let count = 0;
  const g = geometry as { type?: unknown; geometry?: unknown; coordinates?: unknown } | null;
  const inner = g?.type === 'Feature' ? (g.geometry as { coordinates?: unknown } | null) : g;
  const stack: unknown[] = [inner?.coordinates];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!Array.isArray(value)) continue;
    if (typeof value[0] === 'number') count++;
    else for (const inner of value) stack.push(inner);
  }
  return count;
}

export async function importAreas(ctx: AppContext, actor: Actor, body: { features: { properties: { code?: string; name: string; level: 'grid' | 'micro_grid'; parentCode: string }; geometry: unknown }[] }, dryRun: boolean) {
  // A file of a few villages' grids has some thousands of corners; checking far more than that
  // (self-crossings, containment, overlaps between siblings) would hold the server for seconds.
  const corners = body.features.reduce((sum, f) => sum + countPositions(f.geometry), 0);
  if (corners > MAX_IMPORT_VERTICES) {
    throw new AppError(413, 'payload_too_large', `一次最多导入 ${MAX_IMPORT_VERTICES} 个顶点，本文件有 ${corners} 个，请分批导入 At most ${MAX_IMPORT_VERTICES} vertices per import; this file has ${corners}`);
  }
  // A feature must carry a polygon: an absent one fails the polygon check rather than creating an undrawn area.
  const inputs: CreateAreaInput[] = body.features.map((f) => ({ ...f.properties, geometry: f.geometry ?? {} }));
  let created: (RegionSummary & { index: number })[] = [];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const result = await createAreasBulk(ctx, actor, inputs, trx);
      if (!result.ok) {
        throw unprocessable(
          `${result.problems.length} 个要素有错误，未导入任何内容 ${result.problems.length} features have errors; nothing was imported`,
          result.problems.map((p) => ({ path: `features.${p.index}`, feature: p.index, code: inputs[p.index]?.code ?? null, message: p.message })),
        );
      }
      created = result.created;
      if (dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  const villages = [...new Set(created.map((c) => villageOfPath(c.path, c.level as 'grid' | 'micro_grid')?.code).filter((c): c is string => !!c))];
  const batch = created.flatMap((c) => {
    // Every created area's polygon passed this check already; it is run again for its normalised form.
    const check = validateArea(body.features[c.index]!.geometry);
    return check.ok ? [{ code: c.code, name: c.name, parentCode: c.parentCode!, geometry: check.geometry }] : [];
  });
  return {
    dryRun,
    created: created.map((c) => ({ code: c.code, name: c.name, level: c.level, parentCode: c.parentCode })),
    overlaps: await overlapsAmong(ctx, actor, villages, batch),
  };
}

/** Pairs of sibling grids or micro-grids in a village whose polygons overlap. */
export async function villageOverlaps(ctx: AppContext, actor: Actor, villageCode: string) {
  const village = await loadScopedRegion(ctx, actor, villageCode);
  if (village.level !== 'village') throw unprocessable('请选择一个村或社区 Choose a village or community', [{ path: 'village', message: village.level }]);
  const drawn = await drawnAreas(ctx, actor, village.code, ['grid', 'micro_grid']);
  return { village: { code: village.code, name: village.name }, checked: drawn.features.length, overlaps: await overlapsAmong(ctx, actor, [village.code], []) };
}

/* ---------- spreadsheets ---------- */

interface PlannedMember {
  rowNumber: number;
  member: ParsedRow;
  phoneIndex: string;
}

/**
 * Import members from spreadsheet rows inside the platform's transaction: every row is checked
 * first (cells, micro-grid codes in one query per 500 codes, phones already registered), and
 * nothing is written unless all pass. Then members and assignments are written 500 rows at a time.
 * A phone that is already registered updates that member and adds the listed micro-grids.
 */
export async function importMembers(ctx: AppContext, trx: Tx, actor: Actor, rows: readonly ImportRow[], onProgress: (done: number) => void) {
  const errors: RowError[] = [];
  const planned: PlannedMember[] = [];
  const firstByPhone = new Map<string, PlannedMember>();
  for (const r of rows) {
    const parsed = parseMemberRow(r.values);
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push({ row: r.row, column: e.column, message: e.message });
      continue;
    }
    const phoneIndex = blindIndex(ctx.config.secret, parsed.row.phone);
    const first = firstByPhone.get(phoneIndex);
    if (first) {
      const problem = sameMemberProblem(first.member, parsed.row, first.rowNumber);
      if (problem) {
        errors.push({ row: r.row, ...problem });
        continue;
      }
    } else firstByPhone.set(phoneIndex, { rowNumber: r.row, member: parsed.row, phoneIndex });
    planned.push({ rowNumber: r.row, member: parsed.row, phoneIndex });
  }

  const codes = [...new Set(planned.flatMap((p) => p.member.microGrids))];
  const microGrids = new Map<string, RegionSummary>();
  for (let i = 0; i < codes.length; i += repo.CHUNK) {
    for (const region of await regionsByCode(ctx, codes.slice(i, i + repo.CHUNK), trx)) microGrids.set(region.code, region);
  }
  for (const p of planned) {
    for (const code of p.member.microGrids) {
      const problem = microGridProblem(code, microGrids.get(code), actor);
      if (problem) errors.push({ row: p.rowNumber, column: MEMBER_COLUMNS.microGrids, message: problem });
    }
  }

  const existing = new Map((await repo.findByPhoneIndex(trx, [...firstByPhone.keys()])).map((m) => [m.phone_index, m]));
  if (existing.size > 0 && actor.scopePaths !== null) {
    const paths = groupBy(await repo.assignmentsOf(trx, [...existing.values()].map((m) => m.id)), (a) => a.member_id);
    for (const [phoneIndex, m] of existing) {
      if (memberInScope(actor.scopePaths, m.region_path, (paths.get(m.id) ?? []).map((a) => a.micro_grid_path))) continue;
      errors.push({ row: firstByPhone.get(phoneIndex)!.rowNumber, column: MEMBER_COLUMNS.phone, message: '该手机号已由管辖范围外的成员使用 The phone belongs to a member outside your scope' });
    }
  }
  if (errors.length > 0) return { created: 0, updated: 0, errors: errors.sort((a, b) => a.row - b.row) };

  const now = ctx.clock.now().toISOString();
  const idOf = new Map<string, string>([...existing].map(([index, m]) => [index, m.id]));
  const touched = new Set<string>();
  let created = 0;
  let updated = 0;
  for (let i = 0; i < planned.length; i += repo.CHUNK) {
    const chunk = planned.slice(i, i + repo.CHUNK);
    const newRows: repo.MemberRow[] = [];
    const assignments = new Map<string, repo.AssignmentRow>();
    const fresh = new Set<string>();
    for (const p of chunk) {
      let id = idOf.get(p.phoneIndex);
      const stored = existing.get(p.phoneIndex);
      if (!id) {
        id = newId();
        idOf.set(p.phoneIndex, id);
        fresh.add(id);
        const home = homeOfMicroGrid(actor, microGrids.get(p.member.microGrids[0]!)!);
        newRows.push({
          id,
          name: p.member.name,
          phone_enc: encryptPii(ctx.config.secret, p.member.phone),
          phone_index: p.phoneIndex,
          unit: p.member.unit,
          force_type: p.member.forceType,
          user_id: null,
          region_code: home.code,
          region_path: home.path,
          active: 1,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        created += 1;
      } else if (stored && !touched.has(id)) {
        touched.add(id);
        const changed = stored.name !== p.member.name || stored.unit !== p.member.unit || stored.force_type !== p.member.forceType || stored.active !== 1;
        if (changed) {
          await repo.updateMember(trx, id, stored.version, { name: p.member.name, unit: p.member.unit, force_type: p.member.forceType, active: 1, updated_at: now });
        }
        updated += 1;
      }
      for (const code of p.member.microGrids) {
        const mg = microGrids.get(code)!;
        assignments.set(`${id}|${code}`, { member_id: id, micro_grid_code: code, micro_grid_path: mg.path, role: p.member.role, created_at: now });
      }
    }
    await repo.insertMembers(trx, newRows);
    // Members created in this chunk have no assignments yet; only the others may need their role changed.
    const rowsOf = [...assignments.values()];
    await repo.insertAssignments(trx, rowsOf.filter((a) => fresh.has(a.member_id)));
    await repo.upsertAssignments(trx, rowsOf.filter((a) => !fresh.has(a.member_id)));
    onProgress(Math.min(rows.length, i + chunk.length));
  }
  // The platform records the import itself in the audit log, in this transaction.
  return { created, updated, errors };
}

/** Members as spreadsheet rows, one per member and role; phones in full only for roles that may see them (audited). */
export async function exportMembers(ctx: AppContext, actor: Actor, filters: Record<string, string>): Promise<Record<string, unknown>[]> {
  const input = s.exportFilters.parse(filters);
  const filter = await memberFilter(ctx, actor, input);
  const members = await repo.listMembers(ctx.db, ctx.dialect, { ...filter, limit: MAX_EXPORT_ROWS });
  const assignments = groupBy(await repo.assignmentsOf(ctx.db, members.map((m) => m.id)), (a) => a.member_id);
  const reveal = maySeePersonalData(actor.role);
  if (reveal && members.length > 0) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, actor, { action: 'member.phone.export', entity: 'grid_member', entityId: 'export', after: { count: members.length, filters: input } }),
    );
  }
  const rows: Record<string, unknown>[] = [];
  for (const m of members) {
    const base = { name: m.name, phone: phoneOf(ctx, m, reveal).phone, unit: m.unit ?? '', forceType: m.force_type };
    const byRole = groupBy(assignments.get(m.id) ?? [], (a) => a.role);
    if (byRole.size === 0) rows.push({ ...base, microGrids: '', role: 'member' });
    for (const role of ['leader', 'member'] as const) {
      const list = byRole.get(role);
      if (list) rows.push({ ...base, microGrids: list.map((a) => a.micro_grid_code).join(';'), role });
    }
  }
  return rows;
}

/* ---------- indicators ---------- */

export async function countForceType(ctx: AppContext, path: string, forceType: ForceType): Promise<number> {
  return repo.countOfForceType(ctx.db, path, forceType);
}

/** The members behind a force-type figure, phones masked. */
export async function forceTypeRecords(ctx: AppContext, path: string, forceType: ForceType, limit: number, offset: number) {
  const filter = { scope: null, regionPath: path, forceType, active: true };
  const [rows, total] = await Promise.all([repo.listMembers(ctx.db, ctx.dialect, { ...filter, limit, offset }), repo.countMembers(ctx.db, ctx.dialect, filter)]);
  const views = await toViews(ctx, rows, false);
  return {
    rows: views.map((v) => ({
      id: v.id,
      name: v.name,
      phone: v.phone,
      unit: v.unit,
      forceType: FORCE_TYPE_LABELS[v.forceType].zh,
      regionName: v.regionName,
      microGrids: v.assignments.map((a) => a.microGridCode).join(';'),
    })),
    total,
  };
}

/** The micro-grids behind the micro-grid count, with their team size and staffing status. */
export async function microGridRecords(ctx: AppContext, path: string, limit: number, offset: number) {
  const c = await coverageOf(ctx, path);
  return {
    rows: c.items.slice(offset, offset + limit).map((i) => ({ code: i.code, name: i.name, gridCode: i.gridCode, total: i.total, status: i.status, lacking: describeLacks(i.lacking) })),
    total: c.items.length,
  };
}

/* ---------- for the cases module ---------- */

export interface Candidate {
  memberId: string;
  name: string;
  unit: string | null;
  forceType: ForceType;
  role: AssignmentRole;
}

/** Active members of a micro-grid's team of one force type, leaders first: who a case can be dispatched to. */
export async function listCandidates(ctx: AppContext, microGridCode: string, forceType: ForceType, db: Db = ctx.db): Promise<Candidate[]> {
  const rows = await repo.membersOfMicroGrid(db, microGridCode, forceType);
  return rows.map((r) => ({ memberId: r.id, name: r.name, unit: r.unit, forceType: r.force_type as ForceType, role: r.role as AssignmentRole }));
}

/** The codes of the micro-grids a member serves, in code order. */
export async function microGridsOfMember(ctx: AppContext, memberId: string, db: Db = ctx.db): Promise<string[]> {
  return (await repo.assignmentsOf(db, [memberId])).map((a) => a.micro_grid_code);
}

/** The member record a user account (a grid worker) is linked to, if any. */
export async function memberIdOfUser(ctx: AppContext, userId: string, db: Db = ctx.db): Promise<string | null> {
  return (await repo.findMemberIdByUser(db, userId)) ?? null;
}

/* ---------- the demo dataset ---------- */

const DEMO_DISTRICT = '510113000000';
const DEMO_WORKER = { username: 'grid', grid: '51011300200101' };

/**
 * Grids and micro-grids for every village of the district, then the article's grid forces placed
 * in them (planned by `planDemoAreas` and `planDemoMembers`), written in bulk in one transaction.
 */
export async function seedGridDemo(ctx: AppContext, progress: DemoProgress): Promise<void> {
  const district = await getRegion(ctx, systemActor, DEMO_DISTRICT).catch(() => null);
  if (!district?.geometry) {
    progress('没有区县边界，跳过网格演示数据 No district outline: grid demo skipped');
    return;
  }
  const rng = seededRandom(20_241_011);
  const [towns, villages, drawn, existingMicro] = await Promise.all([
    listInSubtree(ctx, district.path, 'town', 10_000, 0),
    listInSubtree(ctx, district.path, 'village', 10_000, 0),
    drawnAreas(ctx, systemActor, district.code, ['grid']),
    listInSubtree(ctx, district.path, 'micro_grid', 1_000_000, 0),
  ]);
  const demoTowns: DemoTown[] = towns.map((t) => ({ code: t.code, name: t.name, shortName: t.shortName, seat: t.seat }));
  const demoVillages: DemoVillage[] = villages.map((v) => ({ code: v.code, name: v.name, shortName: v.shortName, townCode: v.parentCode! }));
  const microCount = new Map<string, number>();
  for (const m of existingMicro) microCount.set(m.parentCode!, (microCount.get(m.parentCode!) ?? 0) + 1);
  const existing: DemoExistingGrid[] = drawn.features.map((f) => {
    const geometry = f.geometry as Area;
    const bbox = bboxOf(geometry);
    const ring = geometry.type === 'Polygon' ? geometry.coordinates[0]! : [];
    const corners = new Set(ring.map((p) => `${p[0]},${p[1]}`));
    const rectangular = ring.length === 5 && [`${bbox[0]},${bbox[1]}`, `${bbox[2]},${bbox[1]}`, `${bbox[2]},${bbox[3]}`, `${bbox[0]},${bbox[3]}`].every((c) => corners.has(c));
    return { code: f.properties.code, villageCode: f.properties.parentCode!, bbox, rectangular, microGridCount: microCount.get(f.properties.code) ?? 0 };
  });
  const areas = planDemoAreas({ outline: district.geometry as Area, towns: demoTowns, villages: demoVillages, existing, rng });
  const workerId = (await findUserIdByUsername(ctx, DEMO_WORKER.username))?.id ?? null;
  const townOf = new Map(demoVillages.map((v) => [v.code, v.townCode]));
  const homes = new Map([district, ...towns, ...villages].map((r) => [r.code, r.path]));
  const secret = ctx.config.secret;
  const now = ctx.clock.now().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    const result = await createAreasBulk(ctx, systemActor, areas, trx);
    if (!result.ok) throw new Error(`demo areas rejected: ${result.problems.map((p) => `${areas[p.index]?.code}: ${p.message}`).join('; ')}`);
    const microGrids = [...existingMicro, ...result.created.filter((c) => c.level === 'micro_grid')].sort((a, b) => a.code.localeCompare(b.code));
    progress(`${result.created.filter((c) => c.level === 'grid').length} 个网格、${microGrids.length} 个微网格 grids and micro-grids`);
    const pathOf = new Map(microGrids.map((m) => [m.code, m.path]));
    const plan = planDemoMembers({
      forceTotals: demoForceTotals(),
      microGrids: microGrids.map((m) => {
        const village = villageOfPath(m.path, 'micro_grid')!.code;
        return { code: m.code, villageCode: village, townCode: townOf.get(village) ?? '' };
      }),
      villages: demoVillages,
      towns: demoTowns,
      districtCode: district.code,
      workerMicroGrids: microGrids.filter((m) => m.parentCode === DEMO_WORKER.grid).map((m) => m.code),
      rng,
    });
    // Built and written a chunk at a time: 81,500 rows never sit in memory as row objects all at once.
    let assignmentCount = 0;
    for (let i = 0; i < plan.length; i += repo.CHUNK) {
      const members: repo.MemberRow[] = [];
      const assignments: repo.AssignmentRow[] = [];
      for (const p of plan.slice(i, i + repo.CHUNK)) {
        const id = newId();
        members.push({
          id,
          name: p.name,
          phone_enc: encryptPii(secret, p.phone),
          phone_index: blindIndex(secret, p.phone),
          unit: p.unit,
          force_type: p.forceType,
          user_id: p.isDemoWorker ? workerId : null,
          region_code: p.homeCode,
          region_path: homes.get(p.homeCode) ?? district.path,
          active: 1,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        for (const a of p.assignments) assignments.push({ member_id: id, micro_grid_code: a.code, micro_grid_path: pathOf.get(a.code)!, role: a.role, created_at: now });
      }
      await repo.insertMembers(trx, members);
      await repo.insertAssignments(trx, assignments);
      assignmentCount += assignments.length;
    }
    await recordAudit(trx, ctx, systemActor, { action: 'member.import', entity: 'grid_member', entityId: 'demo', after: { members: plan.length, assignments: assignmentCount } });
    progress(`${plan.length} 名网格力量成员 grid members`);
  });
}
