import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timingSafeEqual } from 'node:crypto';
import { blindIndex, decryptPii, encryptPii, isValidPhone, maskName, maskPhone, normalisePhone } from '../../platform/access/pii.ts';
import { inScope, isAncestorOfScope, maySeePersonalData } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { sha256 } from '../../platform/auth/domain.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { WorkingCalendar, type WorkingCalendarOptions } from '../../platform/calendar/working-days.ts';
import type { Db } from '../../platform/db/index.ts';
import { FileStore, type CheckedFile, type StoredFile } from '../../platform/files/files.ts';
import { MAX_UPLOAD_FILES } from '../../platform/http/app.ts';
import { AppError, conflict, forbidden, notFound, unprocessable, validationFailed } from '../../platform/http/errors.ts';
import { newId, newSecret } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { distanceMeters } from '../../platform/geo/spatial-index.ts';
import { regionsByCode } from '../regions/service.ts';
import {
  actionLabel,
  ancestorPath,
  boundingBox,
  categoryProblems,
  checkAttributes,
  closedOnTime,
  closesOnVerification,
  DEFAULT_CATEGORIES,
  deadlinePolicy,
  escalationDeadline,
  FORCE_TYPE_LABELS,
  handlingPhotoRefusal,
  inboxStatuses,
  isAssignee,
  isOpen,
  isPublicAction,
  LEVEL_ROLE,
  levelOfCode,
  NEARBY_RADIUS_METERS,
  pastDeadline,
  publicNote,
  reporterActor,
  reportableCategories,
  statusLabel,
  workflowActor,
  type Category,
  type ForceType,
  type Person,
  type RouteDecision,
  type StageLimits,
} from './domain.ts';
import { submitCase, type NewCase } from './intake.ts';
import { candidatesFor, personOf } from './members.ts';
import { deliver, storeNotifications, type NewNotification, type OutgoingNotification } from './notifications.ts';
import * as repo from './repository.ts';
import { routePoint } from './routing.ts';
import { listQuery, type ActionBody, type CaseDetail, type CaseSummary, type ListQuery } from './schema.ts';
import {
  applyEscalation,
  availableActions,
  newCaseState,
  nextEscalation,
  transition,
  type ActionType,
  type Actor as WorkflowActor,
  type Assignee,
  type CaseAction,
  type CaseState,
  type CaseStatus,
  type Level,
  type TimelineEntry,
} from './workflow.ts';

/* ---------- the working calendar ---------- */

/** A deployment's own holidays and working days, beside the data: `<dataDir>/working-calendar.json`. */
export const CALENDAR_FILE = 'working-calendar.json';
const calendars = new WeakMap<AppContext, WorkingCalendar>();

export function calendarOf(ctx: AppContext): WorkingCalendar {
  let calendar = calendars.get(ctx);
  if (!calendar) {
    const file = join(ctx.config.dataDir, CALENDAR_FILE);
    const options = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WorkingCalendarOptions) : {};
    calendars.set(ctx, (calendar = new WorkingCalendar(options)));
  }
  return calendar;
}

/* ---------- categories ---------- */

export type CategoryRecord = Category & { version: number; updatedAt: string };

function toCategory(row: repo.CategoryRow): CategoryRecord {
  return {
    code: row.code,
    parentCode: row.parent_code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    description: row.description,
    forceType: row.force_type as ForceType,
    limits: JSON.parse(row.limits_json) as StageLimits,
    reporterVerifies: row.reporter_verifies === 1,
    listNearby: row.list_nearby === 1,
    attributes: JSON.parse(row.attributes_json) as Category['attributes'],
    sortOrder: row.sort_order,
    active: row.active === 1,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

function toCategoryRow(c: Category, now: string, version = 1): repo.CategoryRow {
  return {
    code: c.code,
    parent_code: c.parentCode,
    name_zh: c.nameZh,
    name_en: c.nameEn,
    description: c.description,
    force_type: c.forceType,
    limits_json: JSON.stringify(c.limits),
    reporter_verifies: c.reporterVerifies ? 1 : 0,
    list_nearby: c.listNearby ? 1 : 0,
    attributes_json: JSON.stringify(c.attributes),
    sort_order: c.sortOrder,
    active: c.active ? 1 : 0,
    created_at: now,
    updated_at: now,
    version,
  };
}

/** Categories change rarely: each process keeps them a few seconds (an edit here refreshes at once). */
const CATEGORY_TTL_MS = 5_000;
/**
 * Older than the TTL but younger than this, the cached categories still answer at once while one
 * read refreshes them in the background, so no report waits for that read under steady traffic;
 * after a quiet spell longer than this, the next report waits for fresh ones.
 */
const CATEGORY_STALE_LIMIT_MS = 60_000;
const categoryCache = new WeakMap<AppContext, { at: number; items: CategoryRecord[] }>();
/** Bumped by every edit: a read that started before an edit must not put its rows in the cache. */
const categoryGeneration = new WeakMap<AppContext, number>();
/** The read in progress per process and the generation it started in: one at a time. */
const categoryReads = new WeakMap<AppContext, { generation: number; reading: Promise<CategoryRecord[]> }>();

/** The categories, from a per-process cache of 5 s (intake reads them for every report). */
export async function categoriesOf(ctx: AppContext): Promise<CategoryRecord[]> {
  const cached = categoryCache.get(ctx);
  const age = cached ? performance.now() - cached.at : Infinity;
  if (cached && age < CATEGORY_TTL_MS) return cached.items;
  const reading = readCategories(ctx);
  if (cached && age < CATEGORY_STALE_LIMIT_MS) {
    reading.catch(() => undefined); // the next report tries again
    return cached.items;
  }
  return reading;
}

function readCategories(ctx: AppContext): Promise<CategoryRecord[]> {
  const generation = categoryGeneration.get(ctx) ?? 0;
  const running = categoryReads.get(ctx);
  if (running && running.generation === generation) return running.reading;
  const reading = repo
    .listCategories(ctx.db)
    .then((rows) => {
      const items = rows.map(toCategory);
      if ((categoryGeneration.get(ctx) ?? 0) === generation) categoryCache.set(ctx, { at: performance.now(), items });
      return items;
    })
    .finally(() => {
      if (categoryReads.get(ctx)?.reading === reading) categoryReads.delete(ctx);
    });
  categoryReads.set(ctx, { generation, reading });
  return reading;
}

function invalidateCategories(ctx: AppContext): void {
  categoryGeneration.set(ctx, (categoryGeneration.get(ctx) ?? 0) + 1);
  categoryCache.delete(ctx);
}

function categoryName(categories: readonly CategoryRecord[], code: string) {
  const c = categories.find((x) => x.code === code);
  return { code, nameZh: c?.nameZh ?? code, nameEn: c?.nameEn ?? code };
}

/** The default categories, for a deployment that has none of them yet; existing ones are left as edited. */
export async function loadReferenceCategories(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const inserted = await ctx.db.transaction().execute((trx) => repo.insertMissingCategories(trx, DEFAULT_CATEGORIES.map((c) => toCategoryRow(c, now))));
  invalidateCategories(ctx);
  return inserted;
}

export async function listCategories(ctx: AppContext, options: { includeInactive: boolean }) {
  // The administrators' list (with versions, for editing) reads the table itself: another
  // instance's edit shows at once, not after the cache's 5 s.
  const all = options.includeInactive ? (await repo.listCategories(ctx.db)).map(toCategory) : await categoriesOf(ctx);
  const reportable = new Set(reportableCategories(all).map((c) => c.code));
  const items = all.filter((c) => options.includeInactive || c.active).map((c) => ({ ...c, reportable: reportable.has(c.code) }));
  return { items: options.includeInactive ? items : items.map(({ version: _version, ...c }) => c) };
}

export async function createCategory(ctx: AppContext, actor: Actor, input: Omit<Category, 'active'>) {
  const category: Category = { ...input, active: true };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const problems = categoryProblems(category, (await repo.listCategories(trx)).map(toCategory));
    if (problems.length > 0) throw unprocessable(problems.join('; '), problems.map((message) => ({ message })));
    if (await repo.findCategory(trx, input.code)) throw conflict(`分类编码 ${input.code} 已存在 The code is taken`);
    await repo.insertCategory(trx, toCategoryRow(category, now));
    await recordAudit(trx, ctx, actor, { action: 'case_category.create', entity: 'case_category', entityId: input.code, after: category });
  });
  invalidateCategories(ctx);
  return { ...category, version: 1, reportable: true };
}

export async function updateCategory(ctx: AppContext, actor: Actor, code: string, patch: Partial<Omit<Category, 'code' | 'parentCode'>> & { version: number }) {
  const { version, ...changes } = patch;
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCategory(trx, code);
    if (!row) throw notFound('category');
    const before = toCategory(row);
    const after: Category = { ...before, ...changes };
    const problems = categoryProblems(after, (await repo.listCategories(trx)).map(toCategory));
    if (problems.length > 0) throw unprocessable(problems.join('; '), problems.map((message) => ({ message })));
    const { created_at: _created, version: _v, ...columns } = toCategoryRow(after, ctx.clock.now().toISOString());
    if (!(await repo.updateCategory(trx, code, version, columns))) {
      throw new AppError(409, 'version_conflict', '分类已被他人修改 The category was changed by someone else', [], { current: before });
    }
    await recordAudit(trx, ctx, actor, { action: 'case_category.update', entity: 'case_category', entityId: code, before, after });
    return { ...after, version: version + 1 };
  });
  invalidateCategories(ctx);
  const reportable = reportableCategories(await categoriesOf(ctx)).some((c) => c.code === code);
  return { ...updated, reportable };
}

/* ---------- files ---------- */

const stores = new WeakMap<AppContext, FileStore>();

export function fileStore(ctx: AppContext): FileStore {
  let store = stores.get(ctx);
  if (!store) stores.set(ctx, (store = new FileStore(ctx.config.dataDir)));
  return store;
}

/** Photos per case and stage (report, handling). */
export const MAX_PHOTOS_PER_STAGE = MAX_UPLOAD_FILES;

/* ---------- reporting ---------- */

export type ReportSource = 'public' | 'grid_worker' | 'staff' | 'open311';

export interface ReportInput {
  category: string;
  description: string;
  lat?: number | null;
  lng?: number | null;
  address?: string;
  /** The caller's name (optional). */
  name?: string;
  phone?: string;
  attributes?: Record<string, string | readonly string[]>;
}

export interface ReportOptions {
  source: ReportSource;
  photos?: readonly CheckedFile[];
  /** Where a report without a location goes (Open311's address-only requests): the caller's own region. */
  fallbackRegion?: { code: string; name: string; path: string } | null;
}

export interface ReportResult {
  id: string;
  trackingNo: string;
  reporterToken: string | null;
  status: CaseStatus;
  region: { code: string; name: string; level: string };
  routedBy: string;
  photos: number;
  /** For staff: whether the case landed within their own scope (else it went to another area, and they cannot open it). */
  withinScope: boolean | null;
}

/** The reportable categories by code, worked out once per cached list of categories. */
const reportableByList = new WeakMap<readonly CategoryRecord[], Map<string, CategoryRecord>>();

async function reportableCategory(ctx: AppContext, code: string): Promise<CategoryRecord> {
  const all = await categoriesOf(ctx);
  let reportable = reportableByList.get(all);
  if (!reportable) {
    const codes = new Set(reportableCategories(all).map((c) => c.code));
    reportableByList.set(all, (reportable = new Map(all.filter((c) => codes.has(c.code)).map((c) => [c.code, c]))));
  }
  const category = reportable.get(code);
  if (!category) {
    throw validationFailed(`未知或不可选的事件分类 ${code} Unknown category`, [{ path: 'category', message: `unknown or not reportable: ${code}` }]);
  }
  return category;
}

async function routeReport(ctx: AppContext, input: ReportInput, options: ReportOptions): Promise<RouteDecision> {
  if (typeof input.lat === 'number' && typeof input.lng === 'number') {
    const route = await routePoint(ctx, input.lng, input.lat);
    if (!route) {
      throw unprocessable('该位置不在服务范围内 The location is outside the area this service covers', [{ path: 'lat', message: 'outside the service area' }]);
    }
    return route;
  }
  const region = options.fallbackRegion;
  const level = region ? levelOfCode(region.code) : null;
  if (!region || level === null || level === 'grid' || level === 'higher') {
    throw validationFailed('请提供位置 A location is required', [{ path: 'lat', message: 'lat and lng are required' }]);
  }
  return { region, level, method: 'district' };
}

/** Validate, route and write a new report (with its photos); resolves once it is durable. */
export async function reportCase(ctx: AppContext, actor: Actor, input: ReportInput, options: ReportOptions): Promise<ReportResult> {
  const category = await reportableCategory(ctx, input.category);
  const attributes = checkAttributes(category, input.attributes ?? {});
  if (!attributes.ok) throw validationFailed('事件属性不完整或无效 Some answers are missing or invalid', attributes.problems);
  const phone = input.phone ? normalisePhone(input.phone) || null : null;
  if (phone && !isValidPhone(phone)) throw validationFailed('手机号格式不正确 Invalid phone number', [{ path: 'phone', message: 'invalid phone' }]);
  const photos = options.photos ?? [];
  if (photos.length > MAX_PHOTOS_PER_STAGE) throw new AppError(413, 'payload_too_large', `最多上传 ${MAX_PHOTOS_PER_STAGE} 张照片 At most ${MAX_PHOTOS_PER_STAGE} photos`);
  const route = await routeReport(ctx, input, options);

  // Everything is valid: only now are the photos written.
  const stored = await fileStore(ctx).putAll(photos);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const id = newId();
  const token = newSecret(18);
  const state = newCaseState({ level: route.level, reporterVerifies: category.reporterVerifies, at: now, deadlines: deadlinePolicy(calendarOf(ctx), category) });
  const item: NewCase = {
    row: {
      id,
      category_code: category.code,
      description: input.description,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      address: input.address?.trim() || null,
      attributes_json: Object.keys(attributes.values).length > 0 ? JSON.stringify(attributes.values) : null,
      source: options.source,
      reporter_user_id: actor.userId,
      reporter_phone_enc: phone ? encryptPii(ctx.config.secret, phone) : null,
      reporter_phone_index: phone ? blindIndex(ctx.config.secret, phone) : null,
      reporter_name_enc: input.name?.trim() ? encryptPii(ctx.config.secret, input.name.trim()) : null,
      reporter_token_hash: sha256(token),
      region_code: route.region.code,
      region_path: route.region.path,
      region_name: route.region.name,
      region_level: route.level,
      route_method: route.method,
      status: state.status,
      assignee_kind: null,
      assignee_id: null,
      assignee_name: null,
      deadline: state.deadline,
      escalation_level: route.level,
      escalated_for: null,
      missed_deadline: 0,
      state_json: JSON.stringify(state),
      created_at: nowIso,
      updated_at: nowIso,
      closed_at: null,
      closed_on_time: null,
      version: 1,
    },
    event: {
      id: newId(),
      case_id: id,
      at: nowIso,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      actor_role: actor.role ?? 'reporter',
      action: 'report',
      from_status: null,
      to_status: 'reported',
      note: null,
      detail_json: JSON.stringify({ source: options.source, routedBy: route.method, photos: stored.length }),
      public: 1,
    },
    photos: stored.map((p) => ({ case_id: id, hash: p.hash, stage: 'report', mime: p.mime, size: p.size, created_at: nowIso })),
    // New cases reach the grid workers through their inbox; notifications are kept for what needs a
    // person's attention (an assignment, a return, a failed check, an escalation).
    notifications: [],
    actor,
    audit: {
      action: 'case.report',
      entity: 'case',
      regionCode: route.region.code,
      after: { category: category.code, source: options.source, region: route.region.code, routedBy: route.method, photos: stored.length },
    },
  };
  const trackingNo = await submitCase(ctx, item);
  return {
    id,
    trackingNo,
    reporterToken: token,
    status: state.status,
    region: { code: route.region.code, name: route.region.name, level: route.level },
    routedBy: route.method,
    photos: stored.length,
    withinScope: actor.role === null ? null : inScope(actor.scopePaths, route.region.path),
  };
}

/* ---------- reading cases ---------- */

function stateOf(row: repo.CaseRow): CaseState {
  return JSON.parse(row.state_json) as CaseState;
}

function assigneeOf(row: Pick<repo.CaseRow, 'assignee_kind' | 'assignee_id' | 'assignee_name'>): Assignee | null {
  if (!row.assignee_kind || !row.assignee_id) return null;
  return { kind: row.assignee_kind as Assignee['kind'], id: row.assignee_id, ...(row.assignee_name ? { name: row.assignee_name } : {}) };
}

function partiesOf(row: repo.CaseRow) {
  return { regionPath: row.region_path, assignee: assigneeOf(row), reporterUserId: row.reporter_user_id };
}

function visibleTo(person: Person, row: Pick<repo.CaseRow, 'region_path' | 'assignee_kind' | 'assignee_id' | 'assignee_name'>): boolean {
  return inScope(person.scopePaths, row.region_path) || isAssignee(person, assigneeOf(row));
}

async function loadVisible(db: Db, person: Person, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, id);
  if (!row || !visibleTo(person, row)) throw notFound('case');
  return row;
}

function toSummary(row: repo.CaseSummaryRow, categories: readonly CategoryRecord[], now: Date): CaseSummary {
  const status = row.status as CaseStatus;
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    category: categoryName(categories, row.category_code),
    description: row.description,
    status,
    statusLabel: statusLabel(status),
    region: { code: row.region_code, name: row.region_name, level: row.region_level },
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    source: row.source,
    assignee: assigneeOf(row),
    deadline: row.deadline,
    overdue: pastDeadline({ status, deadline: row.deadline }, now),
    escalationLevel: row.escalation_level as Level,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closedOnTime: row.closed_on_time === null ? null : row.closed_on_time === 1,
    version: row.version,
  };
}

function photoUrl(caseId: string, hash: string): string {
  return `/api/v1/cases/${caseId}/photos/${hash}`;
}

/**
 * A case as staff see it. The reporter's phone and name are masked unless `revealPhone` (a read
 * that the caller audits) and the role may see them: the answers to actions and conflicts mask them.
 */
async function toDetail(ctx: AppContext, db: Db, row: repo.CaseRow, viewer: Actor, person: Person, revealPhone = false): Promise<CaseDetail> {
  const [categories, events, photos] = await Promise.all([categoriesOf(ctx), repo.listEvents(db, row.id), repo.listPhotos(db, row.id)]);
  const state = stateOf(row);
  const reveal = revealPhone && maySeePersonalData(viewer.role);
  const plainPhone = row.reporter_phone_enc ? decryptPii(ctx.config.secret, row.reporter_phone_enc) : null;
  const plainName = row.reporter_name_enc ? decryptPii(ctx.config.secret, row.reporter_name_enc) : null;
  return {
    ...toSummary(row, categories, ctx.clock.now()),
    reporterPhone: plainPhone === null ? null : reveal ? plainPhone : maskPhone(plainPhone),
    reporterName: plainName === null ? null : reveal ? plainName : maskName(plainName),
    attributes: row.attributes_json ? (JSON.parse(row.attributes_json) as Record<string, string>) : {},
    reporterVerifies: state.reporterVerifies,
    handling: state.handling ? { notes: state.handling.notes, photos: [...state.handling.photos] } : null,
    extension: state.extension ? { reason: state.extension.reason, amount: state.extension.amount, requestedAt: state.extension.requestedAt } : null,
    suspension: state.suspension,
    rejectionReason: state.rejectionReason,
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      label: actionLabel(e.action),
      from: e.from_status,
      to: e.to_status,
      actor: { id: e.actor_id, name: e.actor_name, role: e.actor_role },
      note: e.note,
      detail: e.detail_json ? (JSON.parse(e.detail_json) as Record<string, unknown>) : null,
      public: e.public === 1,
    })),
    photos: photos.map((p) => ({ hash: p.hash, mime: p.mime, size: p.size, stage: p.stage, url: photoUrl(row.id, p.hash) })),
    availableActions: availableActions(state, workflowActor(person, partiesOf(row))),
  };
}

/** A case as staff see it; reading the reporter's phone number or name unmasked is audited. */
export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseDetail> {
  const person = await personOf(ctx, actor);
  const row = await loadVisible(ctx.db, person, id);
  if ((row.reporter_phone_enc || row.reporter_name_enc) && maySeePersonalData(actor.role)) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, actor, { action: 'case.reporter.read', entity: 'case', entityId: row.id, regionCode: row.region_code }),
    );
  }
  return toDetail(ctx, ctx.db, row, actor, person, true);
}

async function caseFilter(ctx: AppContext, actor: Actor, person: Person, q: Omit<ListQuery, 'format' | 'limit' | 'cursor'>) {
  let regionPath: string | undefined;
  if (q.region) {
    const region = await ctx.regions.get(q.region);
    if (!region || !(inScope(person.scopePaths, region.path) || isAncestorOfScope(person.scopePaths, region.path))) throw notFound('region');
    regionPath = region.path;
  }
  const nowIso = ctx.clock.now().toISOString();
  return {
    scopePaths: person.scopePaths,
    memberId: person.memberId,
    unitIds: actor.scopeCodes,
    inbox: q.view === 'inbox' ? { statuses: inboxStatuses(actor.role) } : undefined,
    status: q.status,
    category: q.category,
    regionPath,
    overdueAt: q.overdue === 'true' ? nowIso : undefined,
    from: q.from,
    to: q.to ? new Date(Date.parse(q.to) + 86_400_000).toISOString().slice(0, 10) : undefined,
    trackingNo: q.q,
    now: nowIso,
  };
}

export async function listCases(ctx: AppContext, actor: Actor, q: Omit<ListQuery, 'format'>) {
  const person = await personOf(ctx, actor);
  const filter = await caseFilter(ctx, actor, person, q);
  const offset = q.cursor ? Number(q.cursor) : 0;
  const [rows, total, categories] = await Promise.all([
    repo.listCases(ctx.db, { ...filter, offset, limit: q.limit }),
    repo.countCases(ctx.db, { ...filter, offset: 0, limit: 0 }),
    categoriesOf(ctx),
  ]);
  const now = ctx.clock.now();
  return {
    items: rows.map((r) => ({
      ...toSummary(r, categories, now),
      availableActions: availableActions(JSON.parse(r.state_json) as CaseState, workflowActor(person, { regionPath: r.region_path, assignee: assigneeOf(r), reporterUserId: r.reporter_user_id })),
    })),
    total,
    nextCursor: offset + rows.length < total ? String(offset + rows.length) : null,
  };
}

/** Rows for the spreadsheet export of a filtered list (every page, up to 100,000). */
export async function exportCases(ctx: AppContext, actor: Actor, filters: Record<string, string>) {
  const q = listQuery.parse({ ...filters, limit: '1' });
  const person = await personOf(ctx, actor);
  const filter = await caseFilter(ctx, actor, person, q);
  const rows = await repo.listCases(ctx.db, { ...filter, offset: 0, limit: 100_000 });
  const categories = await categoriesOf(ctx);
  return rows.map((r) => ({
    trackingNo: r.tracking_no,
    category: categoryName(categories, r.category_code).nameZh,
    status: statusLabel(r.status as CaseStatus).zh,
    region: r.region_name,
    description: r.description,
    reportedAt: r.created_at,
    deadline: r.deadline,
    closedAt: r.closed_at,
    closedOnTime: r.closed_on_time === null ? null : r.closed_on_time === 1,
  }));
}

/** Cases as map points (GeoJSON), coloured by status and category on the client. */
export async function casesMap(ctx: AppContext, actor: Actor, q: Omit<ListQuery, 'format' | 'limit' | 'cursor' | 'view'>) {
  const person = await personOf(ctx, actor);
  const filter = await caseFilter(ctx, actor, person, { ...q, view: 'all' });
  const rows = await repo.mapCases(ctx.db, { ...filter, offset: 0, limit: 5_000 });
  const categories = await categoriesOf(ctx);
  const now = ctx.clock.now();
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: { type: 'Point' as const, coordinates: [r.lng!, r.lat!] },
      properties: {
        id: r.id,
        trackingNo: r.tracking_no,
        category: r.category_code,
        categoryName: categoryName(categories, r.category_code).nameZh,
        status: r.status,
        overdue: pastDeadline({ status: r.status as CaseStatus, deadline: r.deadline }, now),
        reportedAt: r.created_at,
      },
    })),
  };
}

/* ---------- acting on a case ---------- */

/** How an actor appears on the timeline and in the audit log. */
interface Recorded {
  id: string | null;
  name: string | null;
  role: string;
}

interface TransitionOutcome {
  notes: OutgoingNotification[];
}

const SYSTEM_CLOSER: WorkflowActor = { role: 'district_admin', id: null, level: 'district', inScope: true, isReporter: false, isAssignee: false };

function eventRow(caseId: string, entry: TimelineEntry, recorded: Recorded): repo.EventRow {
  const note = entry.reason ?? entry.notes ?? null;
  const detail: Record<string, unknown> = {};
  if (entry.assignee) detail.assignee = entry.assignee;
  if (entry.amount) detail.amount = entry.amount;
  if (entry.photos && entry.photos.length > 0) detail.photos = entry.photos;
  if (entry.level) detail.level = entry.level;
  if (entry.deadline) detail.deadline = entry.deadline;
  if (entry.reason && entry.notes) detail.notes = entry.notes;
  return {
    id: newId(),
    case_id: caseId,
    at: entry.at,
    actor_id: recorded.id,
    actor_name: recorded.name,
    actor_role: recorded.role,
    action: entry.action,
    from_status: entry.from,
    to_status: entry.to,
    note,
    detail_json: Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
    public: isPublicAction(entry.action) ? 1 : 0,
  };
}

function stateColumns(next: CaseState) {
  return {
    status: next.status,
    assignee_kind: next.assignee?.kind ?? null,
    assignee_id: next.assignee?.id ?? null,
    assignee_name: next.assignee?.name ?? null,
    deadline: next.deadline,
    state_json: JSON.stringify(next),
  };
}

function notificationsFor(row: repo.CaseRow, entry: TimelineEntry, next: CaseState, categoryZh: string): NewNotification[] {
  const base = { caseId: row.id };
  switch (entry.action) {
    case 'dispatch':
      if (!next.assignee) return [];
      return [
        {
          ...base,
          kind: 'assigned',
          message: `事件 ${row.tracking_no}「${categoryZh}」已派遣给您，请及时处置 Case ${row.tracking_no} was dispatched to you`,
          target: next.assignee.kind === 'member' ? { member: next.assignee.id } : { role: 'grid_worker', regionPath: ancestorOrSelf(row.region_path, next.assignee.id) },
        },
      ];
    case 'verify_fail':
      if (!next.assignee) return [];
      return [
        {
          ...base,
          kind: 'verify_failed',
          message: `事件 ${row.tracking_no} 核查未通过，请重新处置 Case ${row.tracking_no} failed verification`,
          target: next.assignee.kind === 'member' ? { member: next.assignee.id } : { role: 'grid_worker', regionPath: ancestorOrSelf(row.region_path, next.assignee.id) },
        },
      ];
    case 'request_extension':
    case 'return': {
      const path = ancestorPath(row.region_path, 'village') ?? row.region_path;
      return [
        {
          ...base,
          kind: entry.action === 'return' ? 'returned' : 'extension_requested',
          message:
            entry.action === 'return'
              ? `事件 ${row.tracking_no} 被退回，请重新派遣 Case ${row.tracking_no} was returned`
              : `事件 ${row.tracking_no} 申请延期，请审批 Case ${row.tracking_no} asks for more time`,
          target: { role: 'village_cadre', regionPath: path },
        },
      ];
    }
    default:
      return [];
  }
}

/** The path of a unit (a region code on the case's path), for addressing its people. */
function ancestorOrSelf(path: string, code: string): string {
  const i = path.indexOf(`${code}/`);
  return i < 0 ? path : path.slice(0, i + code.length + 1);
}

/**
 * Apply one action inside `trx`: the workflow decides; the case row is updated only if still at
 * the version read (else 409 with the current state); the timeline, the audit log and the
 * notifications are written in the same transaction.
 */
async function applyAction(
  ctx: AppContext,
  trx: Db,
  row: repo.CaseRow,
  action: CaseAction,
  actor: WorkflowActor,
  recorded: Recorded,
  auditActor: Actor,
  current: () => Promise<unknown>,
): Promise<TransitionOutcome> {
  const categories = await categoriesOf(ctx);
  const category = categories.find((c) => c.code === row.category_code);
  const policy = deadlinePolicy(calendarOf(ctx), category ?? { limits: {} });
  const now = ctx.clock.now();
  const state = stateOf(row);
  const result = transition(state, action, actor, { at: now, deadlines: policy });
  if (!result.ok) {
    switch (result.reason) {
      case 'not_allowed_in_state':
        throw conflict(`当前状态下不能执行此操作 Not possible in the case's current state: ${result.message}`, { current: await current() });
      case 'not_permitted_for_role':
        throw forbidden(`无权执行此操作 ${result.message}`);
      case 'invalid_input':
        throw unprocessable(result.message, [{ path: action.type, message: result.message }]);
    }
  }
  let next = result.next;
  const entries: { entry: TimelineEntry; recorded: Recorded }[] = [{ entry: result.timelineEntry, recorded }];
  if (action.type === 'verify_pass' && closesOnVerification(actor.isReporter && actor.role === 'reporter')) {
    const closing = transition(next, { type: 'close', notes: '居民确认后自动结案 Closed on the reporter’s confirmation' }, SYSTEM_CLOSER, { at: now, deadlines: policy });
    if (closing.ok) {
      next = closing.next;
      entries.push({ entry: { ...closing.timelineEntry, actor: { role: 'system', id: null } }, recorded: { id: null, name: '系统', role: 'system' } });
    }
  }
  const missed = row.missed_deadline === 1 || pastDeadline(state, now);
  const closing = next.status === 'closed' && state.status !== 'closed';
  const changes: Partial<repo.CaseRow> = {
    ...stateColumns(next),
    missed_deadline: missed ? 1 : 0,
    updated_at: now.toISOString(),
    ...(closing ? { closed_at: now.toISOString(), closed_on_time: closedOnTime(missed, state.deadline, now) ? 1 : 0 } : {}),
  };
  if (!(await repo.updateCase(trx, row.id, row.version, changes))) {
    throw new AppError(409, 'version_conflict', '事件已被他人处理，请刷新后重试 The case was changed by someone else', [], { current: await current() });
  }
  await repo.insertEvents(trx, entries.map((e) => eventRow(row.id, e.entry, e.recorded)));
  if (action.type === 'handle' && action.photos && action.photos.length > 0) {
    // Photos taken while handling were uploaded first; the handling now refers to them.
    for (const hash of action.photos) {
      if (!(await repo.findPhoto(trx, row.id, hash))) throw unprocessable(`照片 ${hash.slice(0, 12)}… 未上传到此事件 The photo was not uploaded to this case`);
    }
  }
  const categoryZh = category?.nameZh ?? row.category_code;
  const notes = await storeNotifications(
    trx,
    ctx,
    entries.flatMap((e) => notificationsFor(row, e.entry, next, categoryZh)),
  );
  await recordAudit(trx, ctx, auditActor, {
    action: `case.${action.type}`,
    entity: 'case',
    entityId: row.id,
    regionCode: row.region_code,
    before: { status: state.status, assignee: state.assignee, deadline: state.deadline, version: row.version },
    after: { status: next.status, assignee: next.assignee, deadline: next.deadline, version: row.version + 1, ...(closing ? { closedOnTime: changes.closed_on_time === 1 } : {}) },
  });
  return { notes };
}

async function actionFrom(ctx: AppContext, row: repo.CaseRow, type: ActionType, body: ActionBody): Promise<CaseAction> {
  switch (type) {
    case 'dispatch': {
      if (!body.assignee) throw validationFailed('请选择派遣对象 Choose whom to dispatch to', [{ path: 'assignee', message: 'required' }]);
      return { type, assignee: await resolveAssignee(ctx, row, body.assignee), ...(body.notes ? { notes: body.notes } : {}) };
    }
    case 'handle':
      return { type, notes: body.notes ?? '', photos: body.photos ?? [] };
    case 'request_extension':
      return { type, reason: body.reason ?? '', amount: body.amount ?? { unit: 'days', amount: 0 } };
    case 'reject':
    case 'return':
    case 'verify_fail':
    case 'suspend':
      return { type, reason: body.reason ?? '', ...(body.notes ? { notes: body.notes } : {}) } as CaseAction;
    case 'deny_extension':
      return { type, ...(body.reason ? { reason: body.reason } : {}) };
    case 'accept':
    case 'verify_pass':
    case 'close':
    case 'approve_extension':
    case 'resume':
      return { type, ...(body.notes ? { notes: body.notes } : {}) };
  }
}

/** Units a case can go to: the offices of the grid, village and town it lies in. */
async function unitsOf(ctx: AppContext, row: Pick<repo.CaseRow, 'region_path'>) {
  const codes = row.region_path.split('/').filter((c) => {
    const level = levelOfCode(c);
    return level === 'grid' || level === 'village' || level === 'town';
  });
  const regions = await regionsByCode(ctx, codes);
  return regions
    .map((r) => ({ id: r.code, name: r.name, level: r.level }))
    .sort((a, b) => b.id.length - a.id.length || b.id.localeCompare(a.id));
}

/** The micro-grid's members of the force type the category names: the people a case can go to. */
async function teamOf(ctx: AppContext, row: repo.CaseRow, forceType: ForceType) {
  if (row.region_level !== 'micro_grid') return [];
  return candidatesFor(ctx, row.region_code, forceType);
}

async function resolveAssignee(ctx: AppContext, row: repo.CaseRow, given: { kind: 'member' | 'unit'; id: string }): Promise<Assignee> {
  if (given.kind === 'unit') {
    const unit = (await unitsOf(ctx, row)).find((u) => u.id === given.id);
    if (!unit) throw unprocessable('只能派遣给事件所在网格、村社区或镇街 A case goes to an office of its own grid, village or town', [{ path: 'assignee.id', message: given.id }]);
    return { kind: 'unit', id: unit.id, name: unit.name };
  }
  const category = (await categoriesOf(ctx)).find((c) => c.code === row.category_code);
  const member = (await teamOf(ctx, row, category?.forceType ?? 'committee_member')).find((m) => m.memberId === given.id);
  if (!member) {
    throw unprocessable('该成员不是此微网格中对口此类事件的成员 The member is not one of this micro-grid’s members for this kind of case', [{ path: 'assignee.id', message: given.id }]);
  }
  return { kind: 'member', id: member.memberId, name: member.name };
}

/** A staff action on a case, with the version the user saw. */
export async function act(ctx: AppContext, actor: Actor, id: string, type: ActionType, body: ActionBody): Promise<CaseDetail> {
  const person = await personOf(ctx, actor);
  const before = await loadVisible(ctx.db, person, id);
  const action = await actionFrom(ctx, before, type, body);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, person, id);
    const current = () => toDetail(ctx, trx, row, actor, person);
    if (row.version !== body.version) {
      throw new AppError(409, 'version_conflict', '事件已被他人处理，请刷新后重试 The case was changed by someone else', [], { current: await current() });
    }
    const wfActor = workflowActor(person, partiesOf(row));
    return applyAction(ctx, trx, row, action, wfActor, { id: actor.userId, name: actor.displayName, role: actor.role ?? 'reporter' }, actor, async () =>
      toDetail(ctx, trx, (await repo.findCase(trx, id)) ?? row, actor, person),
    );
  });
  await deliver(ctx, outcome.notes);
  return toDetail(ctx, ctx.db, (await repo.findCase(ctx.db, id))!, actor, person);
}

/** Who a case can be dispatched to: its micro-grid's members of the category's force type, and the offices above. */
export async function candidates(ctx: AppContext, actor: Actor, id: string) {
  const person = await personOf(ctx, actor);
  const row = await loadVisible(ctx.db, person, id);
  const category = (await categoriesOf(ctx)).find((c) => c.code === row.category_code);
  const forceType = category?.forceType ?? 'committee_member';
  return { forceType, forceTypeLabel: FORCE_TYPE_LABELS[forceType], members: await teamOf(ctx, row, forceType), units: await unitsOf(ctx, row) };
}

/**
 * Photos taken while handling, uploaded by the assignee just before 处置: checked whole (by the
 * route), counted against the stage's limit, then stored. The count is checked again under the
 * case's row lock, so two uploads at once cannot pass the limit together.
 */
export async function addPhotos(ctx: AppContext, actor: Actor, id: string, files: readonly CheckedFile[]) {
  const person = await personOf(ctx, actor);
  const row = await loadVisible(ctx.db, person, id);
  const refusal = handlingPhotoRefusal(stateOf(row), workflowActor(person, partiesOf(row)));
  if (refusal === 'wrong_state') {
    throw conflict(`事件当前为「${statusLabel(row.status as CaseStatus).zh}」，不在处置阶段，不能上传处置照片 Handling photos are uploaded while the case is being handled`);
  }
  if (refusal === 'not_permitted') throw forbidden('只有承办人可以上传处置照片 Only the assignee uploads handling photos');
  if (files.length === 0) throw validationFailed('请选择照片 Choose a photo', [{ path: 'photos', message: 'no file' }]);
  const tooMany = (existing: readonly string[]) => {
    const added = new Set(files.map((f) => f.hash).filter((hash) => !existing.includes(hash))).size;
    if (existing.length + added <= MAX_PHOTOS_PER_STAGE) return null;
    return new AppError(413, 'payload_too_large', `每个事件的处置照片最多 ${MAX_PHOTOS_PER_STAGE} 张，已有 ${existing.length} 张 At most ${MAX_PHOTOS_PER_STAGE} handling photos per case`, [
      { path: 'photos', message: `${existing.length} already uploaded` },
    ]);
  };
  const refused = tooMany(await repo.photoHashes(ctx.db, id, 'handling'));
  if (refused) throw refused;
  const stored: StoredFile[] = await fileStore(ctx).putAll(files);
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockCase(trx, id);
    const raced = tooMany(await repo.photoHashes(trx, id, 'handling'));
    if (raced) throw raced;
    await repo.insertPhotos(trx, stored.map((p) => ({ case_id: id, hash: p.hash, stage: 'handling', mime: p.mime, size: p.size, created_at: nowIso })));
    await recordAudit(trx, ctx, actor, { action: 'case.photo', entity: 'case', entityId: id, regionCode: row.region_code, after: { photos: stored.map((p) => p.hash) } });
  });
  return { photos: stored.map((p) => ({ ...p, stage: 'handling', url: photoUrl(id, p.hash) })) };
}

export async function photoFile(ctx: AppContext, actor: Actor, id: string, hash: string): Promise<{ mime: string; data: Buffer }> {
  const person = await personOf(ctx, actor);
  await loadVisible(ctx.db, person, id);
  const photo = await repo.findPhoto(ctx.db, id, hash);
  const data = photo ? await fileStore(ctx).read(hash) : null;
  if (!photo || !data) throw notFound('photo');
  return { mime: photo.mime, data };
}

/* ---------- the public side ---------- */

function tokenMatches(row: repo.CaseRow, token: string | undefined): boolean {
  if (!token || !row.reporter_token_hash) return false;
  const a = Buffer.from(sha256(token));
  const b = Buffer.from(row.reporter_token_hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A case by tracking number as anyone sees it: status and public timeline, nothing personal. */
export async function publicCase(ctx: AppContext, trackingNo: string, token?: string, db: Db = ctx.db) {
  const row = await repo.findCaseByTracking(db, trackingNo);
  if (!row) throw notFound('case');
  const [categories, events] = await Promise.all([categoriesOf(ctx), repo.listEvents(db, row.id, true)]);
  const state = stateOf(row);
  const status = row.status as CaseStatus;
  const own = tokenMatches(row, token);
  return {
    trackingNo: row.tracking_no,
    category: categoryName(categories, row.category_code),
    status,
    statusLabel: statusLabel(status),
    open: isOpen(status),
    regionName: row.region_name,
    reportedAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    // The current step's time limit; none while the case is suspended (its clock is stopped).
    expectedAt: isOpen(status) && status !== 'suspended' ? row.deadline : null,
    reporterVerifies: state.reporterVerifies,
    // The reporter sees what was done before being asked whether it solved the problem.
    own: own
      ? { description: row.description, canVerify: availableActions(state, reporterActor(true)).includes('verify_pass'), handlingNotes: state.handling?.notes ?? null }
      : null,
    timeline: events.map((e) => ({ at: e.at, action: e.action, label: actionLabel(e.action), status: e.to_status as CaseStatus, note: publicNote(e.action, e.note) })),
  };
}

/** The reporter's verdict on the handling, with the token they were given at submission. */
export async function verifyByReporter(ctx: AppContext, trackingNo: string, input: { token: string; result: 'pass' | 'fail'; reason?: string }) {
  const first = await repo.findCaseByTracking(ctx.db, trackingNo);
  if (!first) throw notFound('case');
  if (!tokenMatches(first, input.token)) throw forbidden('核查凭证不正确 The verification code does not match this case');
  const action: CaseAction = input.result === 'pass' ? { type: 'verify_pass' } : { type: 'verify_fail', reason: input.reason ?? '' };
  const reporter: Actor = { ...anonymousReporter, displayName: '上报人' };
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = (await repo.findCaseByTracking(trx, trackingNo))!;
    return applyAction(ctx, trx, row, action, reporterActor(true), { id: null, name: '上报人', role: 'reporter' }, reporter, () =>
      publicCase(ctx, trackingNo, input.token, trx),
    );
  });
  await deliver(ctx, outcome.notes);
  return publicCase(ctx, trackingNo, input.token);
}

const anonymousReporter: Actor = {
  kind: 'anonymous',
  userId: null,
  username: null,
  displayName: null,
  role: null,
  orgId: null,
  scopeCodes: [],
  scopePaths: [],
  sessionId: null,
  csrfToken: null,
};

/** Open cases of the same category within 100 m: the resident may follow one instead of reporting again. */
export async function nearbyCases(ctx: AppContext, q: { lat: number; lng: number; category: string }) {
  // Some kinds are not listed to anyone (disputes): their neighbours' cases are their own business.
  const category = (await categoriesOf(ctx)).find((c) => c.code === q.category);
  if (category && !category.listNearby) return { radiusMeters: NEARBY_RADIUS_METERS, listed: false, items: [] };
  const box = boundingBox(q.lat, q.lng, NEARBY_RADIUS_METERS);
  const rows = await repo.openCasesInBox(ctx.db, q.category, box, 200);
  const items = rows
    .map((r) => ({
      trackingNo: r.tracking_no,
      category: r.category_code,
      status: r.status as CaseStatus,
      statusLabel: statusLabel(r.status as CaseStatus),
      distanceMeters: Math.round(distanceMeters({ lat: q.lat, lng: q.lng }, { lat: r.lat!, lng: r.lng! })),
      reportedAt: r.created_at,
    }))
    .filter((r) => r.distanceMeters <= NEARBY_RADIUS_METERS)
    .sort((a, b) => a.distanceMeters - b.distanceMeters);
  return { radiusMeters: NEARBY_RADIUS_METERS, listed: true, items: items.slice(0, 20) };
}

/* ---------- escalation ---------- */

/**
 * The sweep: every overdue case goes one level up (micro-grid → village → town → district), gets
 * that level's fresh deadline, and that level is notified. Each case is escalated by a conditional
 * update on its version, level and deadline, so of several sweepers (app instances on one
 * PostgreSQL) exactly one escalates it; running the sweep again changes nothing until the new
 * deadline passes too. Returns the number of cases escalated.
 */
export async function escalateOverdue(ctx: AppContext, batch = 500): Promise<number> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const rows = await repo.overdueCases(ctx.db, nowIso, batch);
  if (rows.length === 0) return 0;
  const categories = await categoriesOf(ctx);
  let escalated = 0;
  const toDeliver: OutgoingNotification[] = [];
  for (const row of rows) {
    const state = stateOf(row);
    const level = nextEscalation(state, now);
    const expected = { version: row.version, level: row.escalation_level, deadline: row.deadline! };
    if (level === null) {
      // At the top already: remember this deadline was seen, so the sweep stops picking the case.
      await repo.markEscalationSeen(ctx.db, row.id, row.deadline!);
      continue;
    }
    const category = categories.find((c) => c.code === row.category_code);
    const policy = deadlinePolicy(calendarOf(ctx), category ?? { limits: {} });
    const { next, timelineEntry } = applyEscalation(state, level, { at: now, newDeadline: escalationDeadline(policy, state.status, now) });
    const notes = await ctx.db.transaction().execute(async (trx) => {
      const won = await repo.escalateCase(trx, row.id, expected, {
        escalation_level: level,
        escalated_for: row.deadline,
        deadline: next.deadline,
        state_json: JSON.stringify(next),
        updated_at: nowIso,
        missed_deadline: 1,
      });
      if (!won) return null;
      await repo.insertEvents(trx, [eventRow(row.id, timelineEntry, { id: null, name: '系统', role: 'system' })]);
      const target = ancestorPath(row.region_path, level) ?? row.region_path;
      const out = await storeNotifications(trx, ctx, [
        {
          kind: 'escalated',
          caseId: row.id,
          message: `事件 ${row.tracking_no}「${category?.nameZh ?? row.category_code}」逾期未办，已升级督办 Case ${row.tracking_no} is overdue and was escalated`,
          target: { role: LEVEL_ROLE[level], regionPath: target },
        },
      ]);
      await recordAudit(trx, ctx, systemActorForSweep, {
        action: 'case.escalate',
        entity: 'case',
        entityId: row.id,
        regionCode: row.region_code,
        before: { level: row.escalation_level, deadline: row.deadline },
        after: { level, deadline: next.deadline },
      });
      return out;
    });
    if (notes) {
      escalated++;
      toDeliver.push(...notes);
    }
  }
  await deliver(ctx, toDeliver);
  return escalated;
}

const systemActorForSweep: Actor = { ...anonymousReporter, kind: 'system', username: 'system', displayName: '系统', scopePaths: null };

/* ---------- indicators ---------- */

export async function openCount(ctx: AppContext, path: string): Promise<number> {
  return repo.countOpen(ctx.db, path);
}

export async function overdueCount(ctx: AppContext, path: string): Promise<number> {
  return repo.countOverdue(ctx.db, path, ctx.clock.now().toISOString());
}

/** Percent of closed cases closed on time, one decimal; 0 when none closed. */
export async function closedOnTimeRate(ctx: AppContext, path: string, from?: string, to?: string): Promise<number> {
  const { closed, onTime } = await repo.closedCounts(ctx.db, path, from, toExclusive(to));
  return closed === 0 ? 0 : Math.round((onTime / closed) * 1000) / 10;
}

function toExclusive(to?: string): string | undefined {
  return to ? new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10) : undefined;
}

export async function indicatorRows(
  ctx: AppContext,
  set: repo.IndicatorSet,
  q: { regionPath: string; from?: string; to?: string; limit: number; offset: number },
): Promise<{ rows: Record<string, unknown>[]; total: number }> {
  const nowIso = ctx.clock.now().toISOString();
  const rows = await repo.indicatorRecords(ctx.db, set, { path: q.regionPath, now: nowIso, from: q.from, to: toExclusive(q.to), limit: q.limit, offset: q.offset });
  const categories = await categoriesOf(ctx);
  let total: number;
  if (set === 'open') total = await openCount(ctx, q.regionPath);
  else if (set === 'overdue') total = await overdueCount(ctx, q.regionPath);
  else total = (await repo.closedCounts(ctx.db, q.regionPath, q.from, toExclusive(q.to))).closed;
  return {
    rows: rows.map((r) => ({
      id: r.id,
      trackingNo: r.tracking_no,
      category: categoryName(categories, r.category_code).nameZh,
      status: statusLabel(r.status as CaseStatus).zh,
      region: r.region_name,
      reportedAt: r.created_at,
      deadline: r.deadline,
      closedAt: r.closed_at,
      closedOnTime: r.closed_on_time === null ? null : r.closed_on_time === 1,
    })),
    total,
  };
}
