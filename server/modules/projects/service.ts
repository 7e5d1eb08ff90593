import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inScope } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { chinaDateKey } from '../../platform/calendar/working-days.ts';
import type { Db } from '../../platform/db/index.ts';
import { FileStore, type CheckedFile, type StoredFile } from '../../platform/files/files.ts';
import { notFound, unprocessable, versionConflict } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { orgsByIds } from '../orgs/service.ts';
import { regionsByCode, withinPathOf } from '../regions/service.ts';
import {
  FUNDING_LABELS,
  ladderProblems,
  ownProgress,
  progressEntryProblems,
  projectProblems,
  removedStepsInUse,
  rollUp,
  stepPercent,
  verifyProblem,
  type FundingSource,
  type LadderStep,
  type Progress,
} from './domain.ts';
import * as repo from './repository.ts';
import type { CreateProjectInput, ProgressInput, ProjectDetail, ProjectInput, ProjectListQuery, ProjectSummary, UpdateProjectInput } from './schema.ts';

export const DATA_DIR = join(import.meta.dirname, '../../../data/projects');
const LADDER_KEY = 'status_ladder';

/** An owner named by the module that vouches for it (a pairing, a cluster) or by the projects API. */
export interface OwnerRef {
  kind: string;
  id: string | null;
  name: string;
}

/* ---------- the status ladder ---------- */

export interface Ladder {
  steps: LadderStep[];
  version: number;
}

export async function getLadder(ctx: AppContext, db: Db = ctx.db): Promise<Ladder> {
  const row = await repo.getConfig(db, LADDER_KEY);
  if (!row) throw new Error('the status ladder is missing: reference data was not loaded');
  return { steps: JSON.parse(row.value) as LadderStep[], version: row.version };
}

export async function loadReferenceLadder(ctx: AppContext): Promise<void> {
  const { steps } = JSON.parse(readFileSync(join(DATA_DIR, 'status-ladder.json'), 'utf8')) as { steps: LadderStep[] };
  const now = ctx.clock.now().toISOString();
  await repo.insertConfigIfMissing(ctx.db, { key: LADDER_KEY, value: JSON.stringify(steps), created_at: now, updated_at: now, version: 1 });
}

export async function updateLadder(ctx: AppContext, actor: Actor, input: { version: number; steps: LadderStep[] }): Promise<Ladder> {
  const problems = ladderProblems(input.steps);
  if (problems.length) throw unprocessable(problems.join('；'), problems.map((message) => ({ message })));
  return ctx.db.transaction().execute(async (trx) => {
    const current = await getLadder(ctx, trx);
    const removed = removedStepsInUse(current.steps, input.steps, await repo.usedStatusKeys(trx));
    if (removed.length) throw unprocessable(`仍有项目处于以下状态，不能删除：${removed.join('、')} Steps in use cannot be removed`, removed.map((key) => ({ path: 'steps', message: key })));
    if (!(await repo.updateConfig(trx, LADDER_KEY, input.version, JSON.stringify(input.steps), ctx.clock.now().toISOString()))) throw versionConflict(current);
    await recordAudit(trx, ctx, actor, { action: 'project.ladder', entity: 'project_config', entityId: LADDER_KEY, before: current.steps, after: input.steps });
    return { steps: input.steps, version: input.version + 1 };
  });
}

/* ---------- presenting ---------- */

function visibilityOf(actor: Actor): repo.Visibility {
  const byOrg = actor.role === 'org_liaison' || actor.role === 'enterprise';
  return { scope: actor.scopePaths, orgId: byOrg ? (actor.orgId ?? '') : null };
}

interface Presented {
  summaries: Map<string, ProjectSummary>;
  trees: repo.ProjectRow[];
  entries: repo.ProgressRow[];
  ladder: Ladder;
}

/** Summaries of `rows` with progress rolled up over their whole trees. */
async function present(ctx: AppContext, db: Db, rows: readonly repo.ProjectRow[]): Promise<Presented> {
  const ladder = await getLadder(ctx, db);
  const trees = await repo.treesOf(db, rows.map((r) => r.root_id));
  const [entries, owners, regions] = await Promise.all([
    repo.progressOf(db, trees.map((t) => t.id)),
    repo.ownersOf(db, rows.map((r) => r.id)),
    regionsByCode(ctx, rows.map((r) => r.region_code), db),
  ]);
  const latestReported = new Map<string, number>();
  const latestVerified = new Map<string, number>();
  for (const e of entries) {
    if (!latestReported.has(e.project_id)) latestReported.set(e.project_id, e.percent);
    if (e.verified_at !== null && !latestVerified.has(e.project_id)) latestVerified.set(e.project_id, e.percent);
  }
  const progress = rollUp(
    trees.map((t) => ({
      id: t.id,
      parentId: t.parent_id,
      weight: t.budget_fen,
      own: ownProgress(stepPercent(ladder.steps, t.status_key), latestReported.get(t.id) ?? null, latestVerified.get(t.id) ?? null),
    })),
  );
  const childCount = new Map<string, number>();
  for (const t of trees) if (t.parent_id) childCount.set(t.parent_id, (childCount.get(t.parent_id) ?? 0) + 1);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const summaries = new Map<string, ProjectSummary>();
  for (const r of rows) {
    const step = ladder.steps.find((s) => s.key === r.status_key);
    summaries.set(r.id, {
      id: r.id,
      title: r.title,
      parentId: r.parent_id,
      rootId: r.root_id,
      depth: r.depth,
      regionCode: r.region_code,
      regionName: regionName.get(r.region_code) ?? r.region_code,
      owners: owners.filter((o) => o.project_id === r.id).map((o) => ({ kind: o.kind, id: o.kind === 'other' ? null : o.ref_id, name: o.name })),
      budgetFen: Number(r.budget_fen),
      startDate: r.start_date,
      endDate: r.end_date,
      statusKey: r.status_key,
      status: step?.label ?? { zh: r.status_key, en: r.status_key },
      progress: progress.get(r.id) ?? ({ reported: 0, verified: 0 } satisfies Progress),
      childCount: childCount.get(r.id) ?? 0,
      version: r.version,
    });
  }
  return { summaries, trees, entries, ladder };
}

async function summarize(ctx: AppContext, db: Db, rows: readonly repo.ProjectRow[]): Promise<ProjectSummary[]> {
  const { summaries } = await present(ctx, db, rows);
  return rows.map((r) => summaries.get(r.id)!);
}

/* ---------- reading ---------- */

export type ProjectListInput = Omit<ProjectListQuery, 'format'>;

async function filterOf(ctx: AppContext, actor: Actor, input: Omit<ProjectListInput, 'limit' | 'cursor'>, limit: number, cursor?: string): Promise<repo.ProjectFilter> {
  return {
    visibility: visibilityOf(actor),
    withinPath: await withinPathOf(ctx, input.region),
    status: input.status?.split(','),
    ownerKind: input.ownerKind,
    ownerId: input.ownerId,
    q: input.q,
    parentId: input.parentId,
    topLevel: input.all !== 'true',
    afterId: cursor,
    limit,
  };
}

export async function listProjects(ctx: AppContext, actor: Actor, input: ProjectListInput) {
  const rows = await repo.list(ctx.db, ctx.dialect, await filterOf(ctx, actor, input, input.limit + 1, input.cursor));
  const page = rows.slice(0, input.limit);
  return { items: await summarize(ctx, ctx.db, page), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

/** Every matching project (for exports and the board), capped. */
export async function allProjects(ctx: AppContext, actor: Actor, input: Omit<ProjectListInput, 'limit' | 'cursor'>, cap = 5000): Promise<ProjectSummary[]> {
  const rows = await repo.list(ctx.db, ctx.dialect, await filterOf(ctx, actor, input, cap));
  return summarize(ctx, ctx.db, rows);
}

/** Top-level projects in columns by status, in ladder order. */
export async function board(ctx: AppContext, actor: Actor, input: Omit<ProjectListInput, 'limit' | 'cursor' | 'status' | 'parentId' | 'all'>) {
  const [items, ladder] = await Promise.all([allProjects(ctx, actor, input, 2000), getLadder(ctx)]);
  return {
    steps: ladder.steps,
    columns: ladder.steps.map((step) => ({ key: step.key, items: items.filter((p) => p.statusKey === step.key) })),
    total: items.length,
  };
}

async function loadVisible(ctx: AppContext, db: Db, actor: Actor, id: string): Promise<repo.ProjectRow> {
  const row = await repo.findById(db, id);
  if (!row) throw notFound('project');
  const v = visibilityOf(actor);
  const rootOrgs = v.orgId !== null ? (await repo.orgsOf(db, [row.root_id])).map((o) => o.org_id) : [];
  if (!repo.isVisibleRow(v, row, rootOrgs)) throw notFound('project');
  return row;
}

export async function getProject(ctx: AppContext, actor: Actor, id: string, db: Db = ctx.db): Promise<ProjectDetail> {
  const row = await loadVisible(ctx, db, actor, id);
  const children = (await repo.treesOf(db, [row.root_id])).filter((t) => t.parent_id === row.id);
  const { summaries, trees, entries } = await present(ctx, db, [row, ...children]);
  const [funding, orgs] = await Promise.all([repo.fundingOf(db, [row.id]), repo.orgsOf(db, [row.root_id])]);
  const byId = new Map(trees.map((t) => [t.id, t]));
  const ancestors: { id: string; title: string }[] = [];
  for (let p = row.parent_id ? byId.get(row.parent_id) : undefined; p; p = p.parent_id ? byId.get(p.parent_id) : undefined) ancestors.unshift({ id: p.id, title: p.title });
  return {
    ...summaries.get(row.id)!,
    description: row.description,
    funding: funding.map((f) => ({ source: f.source, sourceLabel: FUNDING_LABELS[f.source as FundingSource], amountFen: Number(f.amount_fen), note: f.note })),
    orgIds: orgs.map((o) => o.org_id),
    children: children.map((c) => summaries.get(c.id)!),
    ancestors,
    entries: entries
      .filter((e) => e.project_id === row.id)
      .slice(0, 200)
      .map((e) => ({
        id: e.id,
        date: e.entry_date,
        percent: e.percent,
        statusKey: e.status_key,
        note: e.note,
        attachments: (JSON.parse(e.attachments) as Photo[]).map((a) => ({ ...a, url: `/api/v1/projects/${row.id}/photos/${a.hash}` })),
        reportedBy: e.reported_by_name,
        verified: e.verified_at !== null,
        verifiedAt: e.verified_at,
        verifiedBy: e.verified_by_name,
        version: e.version,
      })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/* ---------- writing ---------- */

function fail(problems: string[]): void {
  if (problems.length) throw unprocessable(problems.join('；'), problems.map((message) => ({ message })));
}

async function writableRegion(ctx: AppContext, db: Db, actor: Actor, code: string) {
  const region = (await regionsByCode(ctx, [code], db))[0];
  if (!region || !inScope(actor.scopePaths, region.path)) {
    throw unprocessable(`区域 ${code} 不存在或不在您的管辖范围内 Region ${code} is unknown or outside your scope`, [{ path: 'regionCode', message: code }]);
  }
  return region;
}

function fundingRows(projectId: string, lines: ProjectInput['funding'], now: string): repo.FundingRow[] {
  return lines.map((line, sort) => ({ id: newId(), project_id: projectId, source: line.source, amount_fen: line.amountFen, note: line.note ?? null, sort, created_at: now }));
}

/**
 * Create a project inside `db` (a transaction the caller holds). Owners are vouched for by the
 * caller; `orgIds` are the organisations taking part, whose liaisons may see and report on it.
 */
export async function createOwnedProject(
  ctx: AppContext,
  db: Db,
  actor: Actor,
  input: ProjectInput & { parentId?: string },
  owners: readonly OwnerRef[],
  orgIds: readonly string[],
): Promise<string> {
  const region = await writableRegion(ctx, db, actor, input.regionCode);
  const parent = input.parentId ? await loadVisible(ctx, db, actor, input.parentId) : null;
  const ladder = await getLadder(ctx, db);
  const statusKey = input.statusKey ?? ladder.steps[0]!.key;
  fail(
    projectProblems({
      isChild: parent !== null,
      ownerCount: owners.length,
      budgetFen: input.budgetFen,
      funding: input.funding,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      statusKey,
      ladder: ladder.steps,
      regionPath: region.path,
      parentRegionPath: parent?.region_path ?? null,
    }),
  );
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const project: repo.ProjectRow = {
    id,
    title: input.title,
    description: input.description ?? null,
    parent_id: parent?.id ?? null,
    root_id: parent?.root_id ?? id,
    depth: parent ? parent.depth + 1 : 0,
    region_code: region.code,
    region_path: region.path,
    budget_fen: input.budgetFen,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    status_key: statusKey,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const ownerRows = owners.map((o, sort) => ({ project_id: id, kind: o.kind, ref_id: o.id ?? o.name, name: o.name, sort }));
  // Taking part in a child project means taking part in its tree: the organisations sit on the root.
  await repo.insert(db, { project, owners: ownerRows, orgIds: parent ? [] : [...orgIds], funding: fundingRows(id, input.funding, now) });
  await recordAudit(db, ctx, actor, {
    action: 'project.create',
    entity: 'project',
    entityId: id,
    regionCode: region.code,
    after: { ...project, owners: ownerRows.map((o) => `${o.kind}:${o.ref_id}`), funding: input.funding },
  });
  return id;
}

/** The projects API: owners are organisations (checked here) or named parties. */
export async function createProject(ctx: AppContext, actor: Actor, input: CreateProjectInput): Promise<ProjectDetail> {
  const orgIds = input.owners.flatMap((o) => (o.kind === 'org' ? [o.id] : []));
  const id = await ctx.db.transaction().execute(async (trx) => {
    const orgs = await orgsByIds(ctx, orgIds, trx);
    const missing = orgIds.filter((o) => !orgs.get(o) || orgs.get(o)!.archived);
    if (missing.length) throw unprocessable('责任单位不存在 Unknown owner organisation', missing.map((m) => ({ path: 'owners', message: m })));
    const owners: OwnerRef[] = input.owners.map((o) => (o.kind === 'org' ? { kind: 'org', id: o.id, name: orgs.get(o.id)!.name } : { kind: 'other', id: null, name: o.name }));
    return createOwnedProject(ctx, trx, actor, input, owners, orgIds);
  });
  return getProject(ctx, actor, id);
}

export async function updateProject(ctx: AppContext, actor: Actor, id: string, input: UpdateProjectInput): Promise<ProjectDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, trx, actor, id);
    if (!inScope(actor.scopePaths, row.region_path)) throw notFound('project');
    const ladder = await getLadder(ctx, trx);
    const parent = row.parent_id ? await repo.findById(trx, row.parent_id) : undefined;
    const currentFunding = await repo.fundingOf(trx, [id]);
    const funding = input.funding ?? currentFunding.map((f) => ({ source: f.source as FundingSource, amountFen: Number(f.amount_fen), note: f.note }));
    const next = {
      budgetFen: input.budgetFen ?? Number(row.budget_fen),
      startDate: input.startDate ?? row.start_date,
      endDate: input.endDate === undefined ? row.end_date : input.endDate,
      statusKey: input.statusKey ?? row.status_key,
    };
    const owners = await repo.ownersOf(trx, [id]);
    fail(
      projectProblems({
        isChild: row.parent_id !== null,
        ownerCount: owners.length,
        funding,
        ...next,
        ladder: ladder.steps,
        regionPath: row.region_path,
        parentRegionPath: parent?.region_path ?? null,
      }),
    );
    const changes: Partial<repo.ProjectRow> = {
      updated_at: ctx.clock.now().toISOString(),
      budget_fen: next.budgetFen,
      start_date: next.startDate,
      end_date: next.endDate,
      status_key: next.statusKey,
    };
    if (input.title !== undefined) changes.title = input.title;
    if (input.description !== undefined) changes.description = input.description;
    if (!(await repo.update(trx, id, input.version, changes))) throw versionConflict(await getProject(ctx, actor, id, trx));
    if (input.funding) await repo.replaceFunding(trx, id, fundingRows(id, input.funding, changes.updated_at!));
    await recordAudit(trx, ctx, actor, {
      action: 'project.update',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      before: { title: row.title, budgetFen: row.budget_fen, statusKey: row.status_key, startDate: row.start_date, endDate: row.end_date },
      after: { ...changes, funding: input.funding },
    });
  });
  return getProject(ctx, actor, id);
}

type Photo = StoredFile & { name: string };

/** Write a dated progress report inside `trx` (its photos already stored); one that names a status moves the project to it. */
export async function writeProgress(ctx: AppContext, trx: Db, actor: Actor, id: string, input: ProgressInput, photos: readonly Photo[] = []): Promise<string> {
  const row = await loadVisible(ctx, trx, actor, id);
  const ladder = await getLadder(ctx, trx);
  fail(progressEntryProblems({ percent: input.percent, date: input.date, statusKey: input.statusKey ?? null }, ladder.steps, chinaDateKey(ctx.clock.now())));
  const now = ctx.clock.now().toISOString();
  const entry: repo.ProgressRow = {
    id: newId(),
    project_id: id,
    entry_date: input.date,
    percent: input.percent,
    status_key: input.statusKey ?? null,
    note: input.note ?? null,
    attachments: JSON.stringify(photos.map((p) => ({ hash: p.hash, mime: p.mime, size: p.size, name: p.name }))),
    reported_by: actor.userId,
    reported_by_name: actor.displayName ?? actor.username,
    verified_at: null,
    verified_by: null,
    verified_by_name: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertProgress(trx, entry);
  if (input.statusKey && input.statusKey !== row.status_key) {
    if (!(await repo.update(trx, id, row.version, { status_key: input.statusKey, updated_at: now }))) throw versionConflict(await getProject(ctx, actor, id, trx));
  }
  await recordAudit(trx, ctx, actor, { action: 'project.progress', entity: 'project', entityId: id, regionCode: row.region_code, after: entry });
  return entry.id;
}

/** A progress report with photos: the photos are stored only once the project is known to be the actor's. */
export async function addProgress(ctx: AppContext, actor: Actor, id: string, input: ProgressInput, photos: readonly CheckedFile[] = []): Promise<ProjectDetail> {
  await loadVisible(ctx, ctx.db, actor, id);
  const stored = await new FileStore(ctx.config.dataDir).putAll(photos);
  await ctx.db.transaction().execute((trx) => writeProgress(ctx, trx, actor, id, input, stored.map((p, i) => ({ ...p, name: photos[i]!.filename }))));
  return getProject(ctx, actor, id);
}

export async function progressPhoto(ctx: AppContext, actor: Actor, id: string, hash: string): Promise<{ mime: string; data: Buffer }> {
  await loadVisible(ctx, ctx.db, actor, id);
  const entry = await repo.entryWithPhoto(ctx.db, id, hash);
  const photo = entry ? (JSON.parse(entry.attachments) as Photo[]).find((p) => p.hash === hash) : undefined;
  const data = photo ? await new FileStore(ctx.config.dataDir).read(hash) : null;
  if (!photo || !data) throw notFound('photo');
  return { mime: photo.mime, data };
}

/** Mark a progress entry verified inside `trx`: by someone other than its reporter, in scope. */
export async function writeVerification(ctx: AppContext, trx: Db, actor: Actor, id: string, entryId: string, version: number): Promise<void> {
  const row = await loadVisible(ctx, trx, actor, id);
  if (!inScope(actor.scopePaths, row.region_path)) throw notFound('project');
  const entry = await repo.findProgress(trx, entryId);
  if (!entry || entry.project_id !== id) throw notFound('progress entry');
  const problem = verifyProblem(entry.reported_by, actor.userId, entry.verified_at !== null);
  if (problem) throw unprocessable(problem);
  const now = ctx.clock.now().toISOString();
  const changes = { verified_at: now, verified_by: actor.userId, verified_by_name: actor.displayName ?? actor.username, updated_at: now };
  if (!(await repo.updateProgress(trx, entryId, version, changes))) throw versionConflict(entry);
  await recordAudit(trx, ctx, actor, { action: 'project.verify', entity: 'project', entityId: id, regionCode: row.region_code, after: { entryId, percent: entry.percent } });
}

export async function verifyProgress(ctx: AppContext, actor: Actor, id: string, entryId: string, version: number): Promise<ProjectDetail> {
  await ctx.db.transaction().execute((trx) => writeVerification(ctx, trx, actor, id, entryId, version));
  return getProject(ctx, actor, id);
}

/* ---------- for other modules ---------- */

/** Top-level and child projects owned by any of these owners of a kind, with progress. */
export async function projectsOwnedBy(ctx: AppContext, kind: string, refIds: readonly string[]): Promise<ProjectSummary[]> {
  return summarize(ctx, ctx.db, await repo.byOwners(ctx.db, kind, refIds));
}

export async function countOwnedBy(ctx: AppContext, kind: string, regionPath: string): Promise<number> {
  return repo.countOwnedBy(ctx.db, kind, regionPath);
}

export async function listOwnedBy(ctx: AppContext, kind: string, regionPath: string, limit: number, offset: number): Promise<ProjectSummary[]> {
  return summarize(ctx, ctx.db, await repo.listOwnedBy(ctx.db, kind, regionPath, limit, offset));
}
