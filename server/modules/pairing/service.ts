import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inScope } from '../../platform/access/policy.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { lockForAppend, type Db } from '../../platform/db/index.ts';
import { AppError, conflict, notFound, unprocessable, versionConflict } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import type { OrgDomain } from '../orgs/domain.ts';
import { ancestorPathsOf, orgsByIds, orgsWithin, type OrgRecord } from '../orgs/service.ts';
import { createOwnedProject, getProject, projectsOwnedBy } from '../projects/service.ts';
import { listRegions, regionsByCode, withinPathOf } from '../regions/service.ts';
import {
  capacityMessage,
  checkTransition,
  computeCoverage,
  defaultTitle,
  matchableSides,
  mechanismProblems,
  overCapacity,
  partyKey,
  slotsProblems,
  taskDueDate,
  type Mechanism,
  type MechanismSlot,
  type PairingStatus,
  type PartyDraft,
  type PartyRole,
  type TaskStatus,
} from './domain.ts';
import * as repo from './repository.ts';
import type { CreatePairingInput, PairingDetail, PairingListQuery, PairingSummary, TransitionInput, UpdatePairingInput } from './schema.ts';

export const DATA_DIR = join(import.meta.dirname, '../../../data/pairing');
/** Serialises writes that count active pairings against capacities (PostgreSQL; SQLite has one writer). */
const CAPACITY_LOCK_KEY = 0x6a7a0101;

/* ---------- configuration ---------- */

interface ConfigFiles {
  mechanisms: { key: string; name: { zh: string; en: string }; description?: string; slots: MechanismSlot[] }[];
  modes: { key: string; name: { zh: string; en: string }; description?: string; tasks: { key: string; title: string; description?: string; dueDays: number }[] }[];
}

/** The shipped mechanisms, modes and task templates; rows already there (perhaps edited) are left alone. */
export async function loadReferenceConfig(ctx: AppContext): Promise<void> {
  const read = <T>(file: string) => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;
  const { mechanisms } = read<Pick<ConfigFiles, 'mechanisms'>>('mechanisms.json');
  const { modes } = read<Pick<ConfigFiles, 'modes'>>('modes.json');
  const now = ctx.clock.now().toISOString();
  const stamps = { created_at: now, updated_at: now, version: 1 };
  await ctx.db.transaction().execute((trx) =>
    repo.insertMissingConfig(trx, {
      mechanisms: mechanisms.map((m, sort) => ({ key: m.key, name_zh: m.name.zh, name_en: m.name.en, description: m.description ?? null, slots: JSON.stringify(m.slots), sort, ...stamps })),
      modes: modes.map((m, sort) => ({ key: m.key, name_zh: m.name.zh, name_en: m.name.en, description: m.description ?? null, active: 1, sort, ...stamps })),
      templates: modes.flatMap((m) =>
        m.tasks.map((t, sort) => ({ id: t.key, mode_key: m.key, title: t.title, description: t.description ?? null, due_days: t.dueDays, active: 1, sort, ...stamps })),
      ),
    }),
  );
}

interface Config {
  mechanisms: Map<string, Mechanism & { row: repo.MechanismRow }>;
  modes: Map<string, { row: repo.ModeRow; templates: repo.TemplateRow[] }>;
}

/** Mechanisms and modes (with their task templates) as read through `db`, for this module's files. */
export async function configOf(db: Db): Promise<Config> {
  const [mechanisms, modes, templates] = await Promise.all([repo.mechanisms(db), repo.modes(db), repo.templates(db)]);
  return {
    mechanisms: new Map(mechanisms.map((row) => [row.key, { key: row.key, name: { zh: row.name_zh, en: row.name_en }, slots: JSON.parse(row.slots) as MechanismSlot[], row }])),
    modes: new Map(modes.map((row) => [row.key, { row, templates: templates.filter((t) => t.mode_key === row.key) }])),
  };
}

const templateView = (t: repo.TemplateRow) => ({ id: t.id, modeKey: t.mode_key, title: t.title, description: t.description, dueDays: t.due_days, active: t.active === 1, version: t.version });

export async function getConfig(ctx: AppContext, db: Db = ctx.db) {
  const config = await configOf(db);
  return {
    mechanisms: [...config.mechanisms.values()].map((m) => ({
      key: m.key,
      name: m.name,
      description: m.row.description,
      slots: m.slots,
      matchable: matchableSides(m) !== null,
      version: m.row.version,
    })),
    modes: [...config.modes.values()].map(({ row, templates }) => ({
      key: row.key,
      name: { zh: row.name_zh, en: row.name_en },
      description: row.description,
      active: row.active === 1,
      templates: templates.map(templateView),
      version: row.version,
    })),
  };
}

/** Refuse (422) with every broken rule at once; nothing when there is none. For this module's files. */
export function fail(problems: readonly string[], details?: { message: string; [k: string]: unknown }[]): void {
  if (problems.length) throw unprocessable(problems.join('；'), details ?? problems.map((message) => ({ message })));
}

async function configWrite(ctx: AppContext, actor: Actor, action: string, entityId: string, write: (trx: Db) => Promise<{ before: unknown; after: unknown }>) {
  await ctx.db.transaction().execute(async (trx) => {
    const { before, after } = await write(trx);
    await recordAudit(trx, ctx, actor, { action, entity: 'pairing_config', entityId, before, after });
  });
  return getConfig(ctx);
}

export async function updateMechanism(ctx: AppContext, actor: Actor, key: string, input: { version: number; name?: { zh: string; en: string }; description?: string | null; slots?: MechanismSlot[] }) {
  if (input.slots) fail(slotsProblems(input.slots));
  return configWrite(ctx, actor, 'pairing.mechanism.update', key, async (trx) => {
    const row = (await repo.mechanisms(trx)).find((m) => m.key === key);
    if (!row) throw notFound('mechanism');
    const changes: Partial<repo.MechanismRow> = { updated_at: ctx.clock.now().toISOString() };
    if (input.name) Object.assign(changes, { name_zh: input.name.zh, name_en: input.name.en });
    if (input.description !== undefined) changes.description = input.description;
    if (input.slots) changes.slots = JSON.stringify(input.slots);
    if (!(await repo.updateMechanism(trx, key, input.version, changes))) throw versionConflict(row);
    return { before: row, after: changes };
  });
}

export async function createMode(
  ctx: AppContext,
  actor: Actor,
  input: { key: string; name: { zh: string; en: string }; description?: string | null; templates: { title: string; description?: string | null; dueDays: number }[] },
) {
  return configWrite(ctx, actor, 'pairing.mode.create', input.key, async (trx) => {
    const existing = await repo.modes(trx);
    if (existing.some((m) => m.key === input.key)) throw conflict(`帮扶方式标识「${input.key}」已存在 Mode ${input.key} exists`);
    const now = ctx.clock.now().toISOString();
    const stamps = { created_at: now, updated_at: now, version: 1 };
    const mode: repo.ModeRow = { key: input.key, name_zh: input.name.zh, name_en: input.name.en, description: input.description ?? null, active: 1, sort: existing.length, ...stamps };
    const templates = input.templates.map((t, sort) => ({ id: newId(), mode_key: input.key, title: t.title, description: t.description ?? null, due_days: t.dueDays, active: 1, sort, ...stamps }));
    await repo.insertMode(trx, mode, templates);
    return { before: null, after: { mode, templates } };
  });
}

export async function updateMode(ctx: AppContext, actor: Actor, key: string, input: { version: number; name?: { zh: string; en: string }; description?: string | null; active?: boolean }) {
  return configWrite(ctx, actor, 'pairing.mode.update', key, async (trx) => {
    const row = (await repo.modes(trx)).find((m) => m.key === key);
    if (!row) throw notFound('mode');
    const changes: Partial<repo.ModeRow> = { updated_at: ctx.clock.now().toISOString() };
    if (input.name) Object.assign(changes, { name_zh: input.name.zh, name_en: input.name.en });
    if (input.description !== undefined) changes.description = input.description;
    if (input.active !== undefined) changes.active = input.active ? 1 : 0;
    if (!(await repo.updateMode(trx, key, input.version, changes))) throw versionConflict(row);
    return { before: row, after: changes };
  });
}

export async function createTemplate(ctx: AppContext, actor: Actor, modeKey: string, input: { title: string; description?: string | null; dueDays: number }) {
  return configWrite(ctx, actor, 'pairing.template.create', modeKey, async (trx) => {
    if (!(await repo.modes(trx)).some((m) => m.key === modeKey)) throw notFound('mode');
    const now = ctx.clock.now().toISOString();
    const sort = (await repo.templates(trx)).filter((t) => t.mode_key === modeKey).length;
    const row: repo.TemplateRow = { id: newId(), mode_key: modeKey, title: input.title, description: input.description ?? null, due_days: input.dueDays, active: 1, sort, created_at: now, updated_at: now, version: 1 };
    await repo.insertTemplate(trx, row);
    return { before: null, after: row };
  });
}

export async function updateTemplate(ctx: AppContext, actor: Actor, id: string, input: { version: number; title?: string; description?: string | null; dueDays?: number; active?: boolean }) {
  return configWrite(ctx, actor, 'pairing.template.update', id, async (trx) => {
    const row = (await repo.templates(trx)).find((t) => t.id === id);
    if (!row) throw notFound('task template');
    const changes: Partial<repo.TemplateRow> = { updated_at: ctx.clock.now().toISOString() };
    if (input.title !== undefined) changes.title = input.title;
    if (input.description !== undefined) changes.description = input.description;
    if (input.dueDays !== undefined) changes.due_days = input.dueDays;
    if (input.active !== undefined) changes.active = input.active ? 1 : 0;
    if (!(await repo.updateTemplate(trx, id, input.version, changes))) throw versionConflict(row);
    return { before: row, after: changes };
  });
}

/* ---------- presenting ---------- */

function visibilityOf(actor: Actor): repo.Visibility {
  const byOrg = actor.role === 'org_liaison' || actor.role === 'enterprise';
  return { scope: actor.scopePaths, orgId: byOrg ? (actor.orgId ?? '') : null };
}

async function regionNames(ctx: AppContext, db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await regionsByCode(ctx, codes, db)).map((r) => [r.code, r.name]));
}

async function present(ctx: AppContext, db: Db, rows: readonly repo.PairingRow[]): Promise<{ summaries: PairingSummary[]; parties: repo.PartyRow[]; tasks: repo.TaskRow[]; orgs: Map<string, OrgRecord> }> {
  const ids = rows.map((r) => r.id);
  const [config, parties, tasks] = await Promise.all([configOf(db), repo.partiesOf(db, ids), repo.tasksOf(db, ids)]);
  const [orgs, names] = await Promise.all([orgsByIds(ctx, parties.map((p) => p.org_id), db), regionNames(ctx, db, rows.map((r) => r.region_code))]);
  const summaries = rows.map((r) => {
    const mode = config.modes.get(r.mode_key)?.row;
    const mechanism = config.mechanisms.get(r.mechanism_key);
    const own = tasks.filter((t) => t.pairing_id === r.id);
    return {
      id: r.id,
      title: r.title,
      modeKey: r.mode_key,
      modeName: mode ? { zh: mode.name_zh, en: mode.name_en } : { zh: r.mode_key, en: r.mode_key },
      mechanismKey: r.mechanism_key,
      mechanismName: mechanism?.name ?? { zh: r.mechanism_key, en: r.mechanism_key },
      status: r.status as PairingStatus,
      startDate: r.start_date,
      endDate: r.end_date,
      regionCode: r.region_code,
      regionName: names.get(r.region_code) ?? r.region_code,
      parties: parties
        .filter((p) => p.pairing_id === r.id)
        .map((p) => ({ orgId: p.org_id, name: orgs.get(p.org_id)?.name ?? p.org_id, domain: p.domain, regionCode: p.region_code, role: p.role as PartyRole, lead: p.is_lead === 1 })),
      taskCount: own.length,
      taskProgress: own.length ? Math.round(own.reduce((a, t) => a + t.progress, 0) / own.length) : 0,
      source: r.source,
      version: r.version,
    };
  });
  return { summaries, parties, tasks, orgs };
}

/* ---------- reading ---------- */

/** Summaries of these pairings, in the order given (for the demo and other modules; no scope check). */
export async function summariesOf(ctx: AppContext, ids: readonly string[]): Promise<PairingSummary[]> {
  const rows = await repo.findByIds(ctx.db, ids);
  const byId = new Map((await present(ctx, ctx.db, rows)).summaries.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is PairingSummary => p !== undefined);
}

export type PairingListInput = Omit<PairingListQuery, 'format'>;

async function filterOf(ctx: AppContext, actor: Actor, input: Omit<PairingListInput, 'limit' | 'cursor'>, limit: number, cursor?: string): Promise<repo.PairingFilter> {
  return {
    visibility: visibilityOf(actor),
    status: input.status?.split(','),
    modeKey: input.modeKey,
    mechanismKey: input.mechanismKey,
    withinPath: await withinPathOf(ctx, input.region),
    orgId: input.orgId,
    q: input.q,
    afterId: cursor,
    limit,
  };
}

export async function listPairings(ctx: AppContext, actor: Actor, input: PairingListInput) {
  const rows = await repo.list(ctx.db, ctx.dialect, await filterOf(ctx, actor, input, input.limit + 1, input.cursor));
  const page = rows.slice(0, input.limit);
  return { items: (await present(ctx, ctx.db, page)).summaries, nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

export async function allPairings(ctx: AppContext, actor: Actor, input: Omit<PairingListInput, 'limit' | 'cursor'>): Promise<PairingSummary[]> {
  const rows = await repo.list(ctx.db, ctx.dialect, await filterOf(ctx, actor, input, 20_000));
  return (await present(ctx, ctx.db, rows)).summaries;
}

/** The pairing if the actor may see it; otherwise "not found", never "forbidden". */
export async function loadVisible(db: Db, actor: Actor, id: string): Promise<repo.PairingRow> {
  const row = await repo.findById(db, id);
  if (!row || !(await repo.isVisible(db, visibilityOf(actor), id))) throw notFound('pairing');
  return row;
}

const photoUrl = (pairingId: string, hash: string) => `/api/v1/pairings/${pairingId}/photos/${hash}`;

export async function getPairing(ctx: AppContext, actor: Actor, id: string): Promise<PairingDetail> {
  const row = await loadVisible(ctx.db, actor, id);
  const { summaries, tasks, orgs } = await present(ctx, ctx.db, [row]);
  const [evidence, projects] = await Promise.all([repo.evidenceOf(ctx.db, tasks.map((t) => t.id)), projectsOwnedBy(ctx, 'pairing', [id])]);
  return {
    ...summaries[0]!,
    note: row.note,
    statusReason: row.status_reason,
    capacityOverride: row.capacity_override,
    activatedAt: row.activated_at,
    endedAt: row.ended_at,
    tasks: tasks.map((t) => ({
      id: t.id,
      templateId: t.template_id,
      title: t.title,
      description: t.description,
      ownerOrgId: t.owner_org_id,
      ownerName: orgs.get(t.owner_org_id)?.name ?? t.owner_org_id,
      dueDate: t.due_date,
      status: t.status as TaskStatus,
      progress: t.progress,
      evidence: evidence
        .filter((e) => e.task_id === t.id)
        .map((e) => ({
          id: e.id,
          note: e.note,
          photos: (JSON.parse(e.photos) as { hash: string; mime: string; size: number; name: string }[]).map((p) => ({ ...p, url: photoUrl(id, p.hash) })),
          by: e.created_by_name,
          at: e.created_at,
        })),
      version: t.version,
    })),
    projects,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/* ---------- creating ---------- */

interface DraftOptions {
  status: 'proposed' | 'active';
  capacityOverride?: string;
  source: 'manual' | 'matchmaker' | 'demo';
  runId?: string | null;
}

/**
 * Check a new pairing against every rule and build its rows; writes nothing. Broken rules throw:
 * 422 for the mechanism, capacity and unknown parties, 409 for a duplicate.
 */
async function draftPairing(ctx: AppContext, trx: Db, actor: Actor, input: CreatePairingInput, options: DraftOptions, config: Config): Promise<repo.NewPairing> {
  const mode = config.modes.get(input.modeKey);
  if (!mode || mode.row.active !== 1) throw unprocessable(`帮扶方式「${input.modeKey}」不存在或已停用 Unknown or retired pairing mode`, [{ path: 'modeKey', message: input.modeKey }]);
  const mechanism = config.mechanisms.get(input.mechanismKey);
  if (!mechanism) throw unprocessable(`结对机制「${input.mechanismKey}」不存在 Unknown mechanism`, [{ path: 'mechanismKey', message: input.mechanismKey }]);
  if (input.endDate && input.endDate < input.startDate) throw unprocessable('结束日期早于开始日期 The end date is before the start date', [{ path: 'endDate', message: 'before start' }]);
  const orgs = await orgsByIds(ctx, input.parties.map((p) => p.orgId), trx);
  const ancestors = actor.scopePaths === null ? [] : ancestorPathsOf(actor.scopePaths);
  const unknown = input.parties.filter((p) => {
    const org = orgs.get(p.orgId);
    return !org || org.archived || !(inScope(actor.scopePaths, org.regionPath) || ancestors.includes(org.regionPath));
  });
  fail(
    unknown.map((p) => `组织 ${p.orgId} 不存在、已删除或不在管辖范围内 Organisation ${p.orgId} is unknown, archived or out of scope`),
    unknown.map((p) => ({ path: 'parties', message: p.orgId })),
  );
  const parties: PartyDraft[] = input.parties.map((p) => {
    const org = orgs.get(p.orgId)!;
    return { orgId: p.orgId, name: org.name, domain: org.domain, role: p.role, lead: p.lead };
  });
  fail(mechanismProblems(mechanism, parties));
  if (!parties.some((p) => inScope(actor.scopePaths, orgs.get(p.orgId)!.regionPath))) {
    throw unprocessable('结对方中至少要有一个在您的管辖范围内 At least one party must lie in your scope');
  }
  const key = partyKey(parties.map((p) => p.orgId));
  const same = await repo.findSame(trx, input.modeKey, key, ['proposed', 'active']);
  if (same) {
    throw conflict(`这些组织已在「${mode.row.name_zh}」方式下结对（${same.title}） These organisations are already paired under this mode`, { existingId: same.id, existingStatus: same.status });
  }
  if (options.status === 'active') await checkCapacity(trx, parties, orgs, options.capacityOverride);

  const home = parties.find((p) => p.role === 'helped') ?? parties.find((p) => p.lead)!;
  const homeOrg = orgs.get(home.orgId)!;
  const lead = parties.find((p) => p.lead)!;
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const stamps = { created_at: now, updated_at: now, version: 1 };
  return {
    pairing: {
      id,
      title: input.title ?? defaultTitle(parties, mode.row.name_zh),
      mode_key: input.modeKey,
      mechanism_key: input.mechanismKey,
      status: options.status,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      region_code: homeOrg.regionCode,
      region_path: homeOrg.regionPath,
      party_key: key,
      note: input.note ?? null,
      status_reason: null,
      capacity_override: options.status === 'active' ? (options.capacityOverride ?? null) : null,
      source: options.source,
      run_id: options.runId ?? null,
      created_by: actor.userId,
      activated_at: options.status === 'active' ? now : null,
      ended_at: null,
      ...stamps,
    },
    parties: parties.map((p, sort) => {
      const org = orgs.get(p.orgId)!;
      return { pairing_id: id, org_id: p.orgId, role: p.role, is_lead: p.lead ? 1 : 0, domain: org.domain, region_code: org.regionCode, region_path: org.regionPath, sort };
    }),
    tasks: mode.templates
      .filter((t) => t.active === 1)
      .map((t, sort) => ({
        id: newId(),
        pairing_id: id,
        template_id: t.id,
        title: t.title,
        description: t.description,
        owner_org_id: lead.orgId,
        due_date: taskDueDate(input.startDate, t.due_days, input.endDate ?? null),
        status: 'todo',
        progress: 0,
        sort,
        ...stamps,
      })),
  };
}

/** Refuse (422) when a party would carry more active pairings than its capacity, unless overridden with a reason. */
async function checkCapacity(trx: Db, parties: readonly PartyDraft[], orgs: Map<string, OrgRecord>, override: string | undefined): Promise<void> {
  const counts = await repo.activeCounts(trx, parties.map((p) => p.orgId));
  const over = overCapacity(parties.map((p) => ({ orgId: p.orgId, name: p.name, capacity: orgs.get(p.orgId)!.capacity, active: counts.get(p.orgId) ?? 0 })));
  if (over.length && !override) {
    throw unprocessable(`超出结对容量：${capacityMessage(over)}。如确需结对，请填写超容量原因 Over capacity; an admin may override with a reason`, over.map((o) => ({ path: 'parties', message: o.name, orgId: o.orgId, capacity: o.capacity, active: o.active })));
  }
}

/** A database refusal of a second active pairing (the unique index) is a duplicate, as the rule says. */
function duplicateFromDb(error: unknown): never {
  const text = String((error as { message?: string }).message ?? '');
  if (/unique|duplicate key/i.test(text) && /pairings_one_active|pairings\.mode_key|party_key/i.test(text)) {
    throw conflict('这些组织已在该方式下结对 These organisations are already actively paired under this mode');
  }
  throw error;
}

async function insertPairing(ctx: AppContext, trx: Db, actor: Actor, draft: repo.NewPairing): Promise<void> {
  await repo.insert(trx, draft).catch(duplicateFromDb);
  await recordAudit(trx, ctx, actor, {
    action: 'pairing.create',
    entity: 'pairing',
    entityId: draft.pairing.id,
    regionCode: draft.pairing.region_code,
    after: { ...draft.pairing, parties: draft.parties.map((p) => ({ orgId: p.org_id, role: p.role, lead: p.is_lead === 1 })), tasks: draft.tasks.length },
  });
}

export async function createPairing(ctx: AppContext, actor: Actor, input: CreatePairingInput): Promise<PairingDetail> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    await lockForAppend(trx as never, ctx.dialect, CAPACITY_LOCK_KEY);
    const draft = await draftPairing(ctx, trx, actor, input, { status: input.status, capacityOverride: input.capacityOverride, source: 'manual' }, await configOf(trx));
    await insertPairing(ctx, trx, actor, draft);
    return draft.pairing.id;
  });
  return getPairing(ctx, actor, id);
}

export interface BatchProblem {
  index: number;
  message: string;
  status: number;
}

/**
 * Create several pairings in one transaction, all or none. Each is checked against the rules with
 * the earlier ones of the batch already in place, so the batch cannot duplicate itself or overfill
 * a capacity. Any broken rule rolls the batch back with a 422 that lists every item's problem.
 */
export async function createPairings(ctx: AppContext, actor: Actor, inputs: readonly CreatePairingInput[], options: Pick<DraftOptions, 'source' | 'runId'>): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockForAppend(trx as never, ctx.dialect, CAPACITY_LOCK_KEY);
    const config = await configOf(trx);
    const ids: string[] = [];
    const problems: BatchProblem[] = [];
    for (const [index, input] of inputs.entries()) {
      try {
        const draft = await draftPairing(ctx, trx, actor, input, { ...options, status: input.status, capacityOverride: input.capacityOverride }, config);
        await insertPairing(ctx, trx, actor, draft);
        ids.push(draft.pairing.id);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        problems.push({ index, message: error.message, status: error.status });
      }
    }
    if (problems.length) {
      throw unprocessable(
        `${problems.length} 项不能结对，均未保存 ${problems.length} of ${inputs.length} cannot be paired; nothing was saved`,
        problems.map((p) => ({ path: `suggestions.${p.index}`, ...p })),
      );
    }
    return ids;
  });
}

/* ---------- changing ---------- */

/** Admins write pairings inside their scope; others answer "not found". */
async function loadWritable(db: Db, actor: Actor, id: string): Promise<repo.PairingRow> {
  const row = await loadVisible(db, actor, id);
  if (visibilityOf(actor).orgId !== null) throw notFound('pairing');
  return row;
}

export async function updatePairing(ctx: AppContext, actor: Actor, id: string, input: UpdatePairingInput): Promise<PairingDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadWritable(trx, actor, id);
    if (row.status === 'concluded' || row.status === 'dissolved') throw unprocessable('已结束的结对不能修改 A finished pairing cannot be edited');
    const startDate = input.startDate ?? row.start_date;
    const endDate = input.endDate === undefined ? row.end_date : input.endDate;
    if (endDate !== null && endDate < startDate) throw unprocessable('结束日期早于开始日期 The end date is before the start date');
    const changes: Partial<repo.PairingRow> = { updated_at: ctx.clock.now().toISOString(), start_date: startDate, end_date: endDate };
    if (input.title !== undefined) changes.title = input.title;
    if (input.note !== undefined) changes.note = input.note;
    if (!(await repo.update(trx, id, input.version, changes))) throw versionConflict((await present(ctx, trx, [row])).summaries[0]);
    await recordAudit(trx, ctx, actor, { action: 'pairing.update', entity: 'pairing', entityId: id, regionCode: row.region_code, before: { title: row.title, startDate: row.start_date, endDate: row.end_date, note: row.note }, after: changes });
  });
  return getPairing(ctx, actor, id);
}

/** proposed → active (rules checked again) → concluded; or dissolved, with a reason. */
export async function transitionPairing(ctx: AppContext, actor: Actor, id: string, input: TransitionInput): Promise<PairingDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockForAppend(trx as never, ctx.dialect, CAPACITY_LOCK_KEY);
    const row = await loadWritable(trx, actor, id);
    const check = checkTransition(row.status as PairingStatus, input.to, input.reason ?? null);
    if (!check.ok) throw unprocessable(check.message);
    const now = ctx.clock.now().toISOString();
    const changes: Partial<repo.PairingRow> = { status: input.to, updated_at: now };
    if (input.to === 'active') {
      const config = await configOf(trx);
      const parties = await repo.partiesOf(trx, [id]);
      const orgs = await orgsByIds(ctx, parties.map((p) => p.org_id), trx);
      const drafts: PartyDraft[] = parties.map((p) => ({ orgId: p.org_id, name: orgs.get(p.org_id)?.name ?? p.org_id, domain: (orgs.get(p.org_id)?.domain ?? p.domain) as OrgDomain, role: p.role as PartyRole, lead: p.is_lead === 1 }));
      const mechanism = config.mechanisms.get(row.mechanism_key);
      if (mechanism) fail(mechanismProblems(mechanism, drafts));
      const archived = drafts.filter((d) => orgs.get(d.orgId)?.archived);
      fail(archived.map((d) => `「${d.name}」已删除 ${d.name} is archived`));
      const same = await repo.findSame(trx, row.mode_key, row.party_key, ['active'], id);
      if (same) throw conflict(`这些组织已在该方式下结对（${same.title}） These organisations are already actively paired under this mode`, { existingId: same.id });
      await checkCapacity(trx, drafts, orgs, input.capacityOverride);
      Object.assign(changes, { activated_at: now, capacity_override: input.capacityOverride ?? null });
    } else {
      Object.assign(changes, { ended_at: now, status_reason: input.reason ?? null });
    }
    if (!(await repo.update(trx, id, input.version, changes).catch(duplicateFromDb))) throw versionConflict((await present(ctx, trx, [row])).summaries[0]);
    await recordAudit(trx, ctx, actor, { action: `pairing.${input.to === 'active' ? 'activate' : input.to === 'concluded' ? 'conclude' : 'dissolve'}`, entity: 'pairing', entityId: id, regionCode: row.region_code, before: { status: row.status }, after: changes });
  });
  return getPairing(ctx, actor, id);
}

/* ---------- projects ---------- */

/** A co-building project owned by this active pairing (and any co-owning pairings); its parties take part. */
export async function createPairingProject(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Parameters<typeof createOwnedProject>[3] & { coOwnerPairingIds: string[] },
) {
  const { coOwnerPairingIds, ...project } = input;
  const projectId = await ctx.db.transaction().execute(async (trx) => {
    const owners = [await loadWritable(trx, actor, id)];
    for (const other of coOwnerPairingIds.filter((o) => o !== id)) owners.push(await loadWritable(trx, actor, other));
    const inactive = owners.filter((o) => o.status !== 'active');
    fail(inactive.map((o) => `「${o.title}」不在结对中，不能新建项目 Projects belong to active pairings`));
    const parties = await repo.partiesOf(trx, owners.map((o) => o.id));
    return createOwnedProject(
      ctx,
      trx,
      actor,
      project,
      owners.map((o) => ({ kind: 'pairing', id: o.id, name: o.title })),
      parties.map((p) => p.org_id),
    );
  });
  return getProject(ctx, actor, projectId);
}

/* ---------- coverage ---------- */

/** Which towns and villages of a subtree are covered, which organisations are idle or over capacity, which needs are unmet. */
export async function coverage(ctx: AppContext, actor: Actor, regionCode: string) {
  const region = (await regionsByCode(ctx, [regionCode]))[0];
  if (!region || !inScope(actor.scopePaths, region.path)) throw notFound('region');
  const [towns, villages, active, config, inside] = await Promise.all([
    listRegions(ctx, systemActor, { within: region.code, level: 'town', limit: 100_000 }),
    listRegions(ctx, systemActor, { within: region.code, level: 'village', limit: 100_000 }),
    repo.activeWithin(ctx.db, region.path),
    configOf(ctx.db),
    orgsWithin(ctx, region.path),
  ]);
  const insideIds = new Set(inside.map((o) => o.id));
  const partners = await orgsByIds(ctx, active.flatMap((a) => a.parties.map((p) => p.org_id)).filter((id) => !insideIds.has(id)));
  const townOf = (path: string) => towns.items.find((t) => path.startsWith(t.path))?.code ?? null;
  const villageOf = (path: string) => villages.items.find((v) => path.startsWith(v.path))?.code ?? null;
  return {
    region: { code: region.code, name: region.name },
    ...computeCoverage({
      towns: towns.items.map((t) => ({ code: t.code, name: t.name })),
      villages: villages.items.map((v) => ({ code: v.code, name: v.name, townCode: townOf(v.path) ?? '' })),
      orgs: [...inside, ...partners.values()],
      pairings: active.map(({ pairing, parties }) => ({
        id: pairing.id,
        modeKey: pairing.mode_key,
        mechanismKey: pairing.mechanism_key,
        townCode: townOf(pairing.region_path),
        villageCode: villageOf(pairing.region_path),
        partyIds: parties.map((p) => p.org_id),
      })),
      modes: [...config.modes.values()].filter((m) => m.row.active === 1).map((m) => ({ key: m.row.key, name: m.row.name_zh })),
      mechanisms: [...config.mechanisms.values()].map((m) => ({ key: m.key, name: m.name.zh })),
    }),
  };
}

/* ---------- indicators ---------- */

export const countActivePairings = (ctx: AppContext, path: string) => repo.countActive(ctx.db, path);
export const countActiveParties = (ctx: AppContext, path: string, domains: readonly OrgDomain[], by: 'org_id' | 'region_code') => repo.countActiveParties(ctx.db, path, domains, by);
export const countModes = (ctx: AppContext) => repo.countActiveModes(ctx.db);
export const countTemplates = (ctx: AppContext) => repo.countActiveTemplates(ctx.db);

export async function activePairingRecords(ctx: AppContext, path: string, limit: number, offset: number) {
  const rows = await repo.listActive(ctx.db, path, limit, offset);
  return (await present(ctx, ctx.db, rows)).summaries.map((p) => ({
    id: p.id,
    title: p.title,
    mode: p.modeName.zh,
    mechanism: p.mechanismName.zh,
    region: p.regionName,
    parties: p.parties.map((x) => x.name).join('、'),
    startDate: p.startDate,
  }));
}

export async function activePartyRecords(ctx: AppContext, path: string, domains: readonly OrgDomain[], by: 'org_id' | 'region_code', limit: number, offset: number) {
  const rows = await repo.listActiveParties(ctx.db, path, domains, by, limit, offset);
  if (by === 'org_id') {
    const orgs = await orgsByIds(ctx, rows.map((r) => r.key));
    return rows.map((r) => ({ id: r.key, name: orgs.get(r.key)?.name ?? r.key, domain: orgs.get(r.key)?.domain ?? '', pairings: r.pairings }));
  }
  const names = await regionNames(ctx, ctx.db, rows.map((r) => r.key));
  return rows.map((r) => ({ code: r.key, name: names.get(r.key) ?? r.key, pairings: r.pairings }));
}

export async function modeRecords(ctx: AppContext) {
  const config = await configOf(ctx.db);
  return [...config.modes.values()]
    .filter((m) => m.row.active === 1)
    .map(({ row, templates }) => ({ key: row.key, name: row.name_zh, tasks: templates.filter((t) => t.active === 1).length }));
}

export async function templateRecords(ctx: AppContext) {
  const config = await configOf(ctx.db);
  return [...config.modes.values()]
    .filter((m) => m.row.active === 1)
    .flatMap(({ row, templates }) => templates.filter((t) => t.active === 1).map((t) => ({ id: t.id, mode: row.name_zh, title: t.title, dueDays: t.due_days })));
}
