import { decryptPii, encryptPii, isValidPhone, maskPhone } from '../../platform/access/pii.ts';
import { inScope, maySeePersonalData } from '../../platform/access/policy.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Db } from '../../platform/db/index.ts';
import { conflict, notFound, unprocessable, validationFailed, versionConflict } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import type { RegionSummary } from '../regions/schema.ts';
import { listRegions, regionsByCode } from '../regions/service.ts';
import { normalizeTags, orgProblems, regionOrgDomain, regionOrgName, type OrgDomain, type Tag } from './domain.ts';
import * as repo from './repository.ts';
import type { CreateOrgInput, ListOrgsQuery, OrgView, UpdateOrgInput } from './schema.ts';

/** What other modules know of an organisation: no personal data. */
export interface OrgRecord {
  id: string;
  name: string;
  domain: OrgDomain;
  parentId: string | null;
  regionCode: string;
  regionPath: string;
  anchorRegionCode: string | null;
  capacity: number;
  resourceTags: Tag[];
  needTags: Tag[];
  archived: boolean;
  version: number;
}

const CAPACITY_OF_REGION_ORG: Record<'town' | 'village' | 'urban_community', number> = { town: 10, village: 5, urban_community: 5 };

function toRecord(row: repo.OrgRow): OrgRecord {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain as OrgDomain,
    parentId: row.parent_id,
    regionCode: row.region_code,
    regionPath: row.region_path,
    anchorRegionCode: row.anchor_region_code,
    capacity: row.capacity,
    resourceTags: JSON.parse(row.resource_tags) as Tag[],
    needTags: JSON.parse(row.need_tags) as Tag[],
    archived: row.archived_at !== null,
    version: row.version,
  };
}

/** Every path above a scope root: organisations there (district bureaus) are visible inside it. */
export function ancestorPathsOf(scopePaths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const path of scopePaths) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) out.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...out];
}

function isVisible(actor: Actor, path: string): boolean {
  return inScope(actor.scopePaths, path) || (actor.scopePaths !== null && ancestorPathsOf(actor.scopePaths).includes(path));
}

async function regionNames(ctx: AppContext, db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await regionsByCode(ctx, codes, db)).map((r) => [r.code, r.name]));
}

/** A region read through `db`, so that it works inside a transaction on SQLite's single connection. */
async function regionOf(ctx: AppContext, db: Db, code: string): Promise<RegionSummary | null> {
  return (await regionsByCode(ctx, [code], db))[0] ?? null;
}

function phoneOf(ctx: AppContext, row: repo.OrgRow, unmasked: boolean): string | null {
  if (!row.liaison_phone_enc) return null;
  const plain = decryptPii(ctx.config.secret, row.liaison_phone_enc);
  return unmasked ? plain : maskPhone(plain);
}

async function toViews(ctx: AppContext, db: Db, rows: readonly repo.OrgRow[], unmasked = false): Promise<OrgView[]> {
  const parentIds = rows.map((r) => r.parent_id).filter((id): id is string => id !== null);
  const [parents, names] = await Promise.all([repo.findByIds(db, parentIds), regionNames(ctx, db, rows.map((r) => r.region_code))]);
  const parentName = new Map(parents.map((p) => [p.id, p.name]));
  return rows.map((row) => {
    const record = toRecord(row);
    return {
      id: row.id,
      name: row.name,
      domain: record.domain,
      parentId: row.parent_id,
      parentName: row.parent_id ? (parentName.get(row.parent_id) ?? null) : null,
      regionCode: row.region_code,
      regionName: names.get(row.region_code) ?? row.region_code,
      anchorRegionCode: row.anchor_region_code,
      liaisonName: row.liaison_name,
      liaisonPhone: phoneOf(ctx, row, unmasked),
      capacity: row.capacity,
      resourceTags: record.resourceTags,
      needTags: record.needTags,
      note: row.note,
      archived: record.archived,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  });
}

/* ---------- reading ---------- */

export type OrgListInput = Omit<ListOrgsQuery, 'format'>;

async function filterOf(ctx: AppContext, actor: Actor, input: OrgListInput, limit: number): Promise<repo.OrgFilter> {
  let withinPath: string | undefined;
  if (input.region) {
    const region = await regionOf(ctx, ctx.db, input.region);
    if (!region || !isVisible(actor, region.path)) throw notFound('region');
    withinPath = region.path;
  }
  return {
    q: input.q,
    domains: input.domain?.split(','),
    withinPath,
    scope: actor.scopePaths,
    ancestorPaths: actor.scopePaths === null ? [] : ancestorPathsOf(actor.scopePaths),
    tag: input.tag,
    need: input.need,
    parentId: input.parentId,
    includeArchived: input.includeArchived === 'true',
    afterId: input.cursor,
    limit,
  };
}

/** Organisations the actor may see, phones masked. */
export async function listOrgs(ctx: AppContext, actor: Actor, input: OrgListInput) {
  const rows = await repo.list(ctx.db, ctx.dialect, await filterOf(ctx, actor, input, input.limit + 1));
  const page = rows.slice(0, input.limit);
  return { items: await toViews(ctx, ctx.db, page), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

async function loadVisible(ctx: AppContext, db: Db, actor: Actor, id: string): Promise<repo.OrgRow> {
  const row = await repo.findById(db, id);
  if (!row || !isVisible(actor, row.region_path)) throw notFound('organisation');
  return row;
}

async function loadWritable(ctx: AppContext, db: Db, actor: Actor, id: string): Promise<repo.OrgRow> {
  const row = await repo.findById(db, id);
  if (!row || !inScope(actor.scopePaths, row.region_path)) throw notFound('organisation');
  return row;
}

/** One organisation; its liaison's phone is shown in full to roles that may see it, and that read is audited. */
export async function getOrg(ctx: AppContext, actor: Actor, id: string): Promise<OrgView> {
  const row = await loadVisible(ctx, ctx.db, actor, id);
  const unmasked = maySeePersonalData(actor.role) && row.liaison_phone_enc !== null;
  if (unmasked) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, actor, { action: 'org.read_personal', entity: 'org', entityId: id, regionCode: row.region_code, after: { field: 'liaisonPhone' } }),
    );
  }
  return (await toViews(ctx, ctx.db, [row], unmasked))[0]!;
}

/* ---------- writing ---------- */

function checkPhone(phone: string | null | undefined): void {
  if (phone && !isValidPhone(phone)) {
    throw validationFailed('联络员手机号格式不正确 Invalid liaison phone number', [{ path: 'liaisonPhone', message: 'invalid phone' }]);
  }
}

async function parentChain(db: Db, parentId: string | null): Promise<string[]> {
  const chain: string[] = [];
  let current = parentId;
  while (current && chain.length < 32) {
    const row = await repo.findById(db, current);
    if (!row) break;
    if (row.parent_id) chain.push(row.parent_id);
    current = row.parent_id;
  }
  return chain;
}

async function resolveRegion(ctx: AppContext, db: Db, actor: Actor, code: string): Promise<RegionSummary> {
  const region = await regionOf(ctx, db, code);
  if (!region || !inScope(actor.scopePaths, region.path)) {
    throw unprocessable(`区域 ${code} 不存在或不在您的管辖范围内 Region ${code} is unknown or outside your scope`, [{ path: 'regionCode', message: code }]);
  }
  return region;
}

async function resolveParent(ctx: AppContext, db: Db, actor: Actor, parentId: string | null | undefined): Promise<repo.OrgRow | null> {
  if (!parentId) return null;
  const parent = await repo.findById(db, parentId);
  if (!parent || !isVisible(actor, parent.region_path)) {
    throw unprocessable('上级单位不存在 The parent unit does not exist', [{ path: 'parentId', message: parentId }]);
  }
  return parent;
}

function failIfProblems(problems: string[]): void {
  if (problems.length > 0) throw unprocessable(problems.join('；'), problems.map((message) => ({ message })));
}

function auditView(row: Partial<repo.OrgRow>) {
  const { liaison_phone_enc, ...rest } = row;
  return liaison_phone_enc === undefined ? rest : { ...rest, liaison_phone_enc: liaison_phone_enc ? 'set' : null };
}

async function insertOrg(ctx: AppContext, trx: Db, actor: Actor, row: repo.OrgRow): Promise<void> {
  if (await repo.findByName(trx, row.name, row.region_code)) throw conflict(`该区域已有名为「${row.name}」的组织 An organisation of that name exists in this region`);
  await repo.insert(trx, [row]);
  await recordAudit(trx, ctx, actor, { action: 'org.create', entity: 'org', entityId: row.id, regionCode: row.region_code, after: auditView(row) });
}

/** Build and check a new organisation row; writes nothing. */
export async function draftOrg(ctx: AppContext, db: Db, actor: Actor, input: CreateOrgInput): Promise<repo.OrgRow> {
  checkPhone(input.liaisonPhone);
  const region = await resolveRegion(ctx, db, actor, input.regionCode);
  const parent = await resolveParent(ctx, db, actor, input.parentId);
  failIfProblems(
    orgProblems({
      domain: input.domain,
      capacity: input.capacity,
      needTags: input.needTags,
      regionLevel: region.level,
      parentId: parent?.id ?? null,
      selfId: null,
      parentChain: [],
    }),
  );
  const now = ctx.clock.now().toISOString();
  return {
    id: newId(),
    name: input.name,
    domain: input.domain,
    parent_id: parent?.id ?? null,
    region_code: region.code,
    region_path: region.path,
    anchor_region_code: null,
    liaison_name: input.liaisonName ?? null,
    liaison_phone_enc: input.liaisonPhone ? encryptPii(ctx.config.secret, input.liaisonPhone) : null,
    capacity: input.capacity,
    resource_tags: JSON.stringify(normalizeTags(input.resourceTags)),
    need_tags: JSON.stringify(normalizeTags(input.needTags)),
    note: input.note ?? null,
    archived_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

export async function createOrg(ctx: AppContext, actor: Actor, input: CreateOrgInput, db?: Db): Promise<OrgView> {
  const write = async (trx: Db) => {
    const row = await draftOrg(ctx, trx, actor, input);
    await insertOrg(ctx, trx, actor, row);
    return row;
  };
  const row = db ? await write(db) : await ctx.db.transaction().execute(write);
  return (await toViews(ctx, db ?? ctx.db, [row]))[0]!;
}

/** The changes an update makes, checked; throws on a broken rule. */
export async function draftUpdate(ctx: AppContext, db: Db, actor: Actor, row: repo.OrgRow, input: Omit<UpdateOrgInput, 'version'>): Promise<Partial<repo.OrgRow>> {
  checkPhone(input.liaisonPhone);
  if (row.anchor_region_code && ((input.domain && input.domain !== row.domain) || (input.regionCode && input.regionCode !== row.region_code))) {
    throw unprocessable('镇村（社区）党组织的领域和区域随区划确定，不能修改 The domain and region of a town or village organisation follow the region tree');
  }
  const region = input.regionCode && input.regionCode !== row.region_code ? await resolveRegion(ctx, db, actor, input.regionCode) : await regionOf(ctx, db, row.region_code);
  const parent = input.parentId === undefined ? (row.parent_id ? ((await repo.findById(db, row.parent_id)) ?? null) : null) : await resolveParent(ctx, db, actor, input.parentId);
  const domain = input.domain ?? (row.domain as OrgDomain);
  const needTags = input.needTags ?? (JSON.parse(row.need_tags) as Tag[]);
  failIfProblems(
    orgProblems({
      domain,
      capacity: input.capacity ?? row.capacity,
      needTags,
      regionLevel: region?.level ?? '',
      parentId: parent?.id ?? null,
      selfId: row.id,
      parentChain: parent ? [parent.id, ...(await parentChain(db, parent.id))] : [],
    }),
  );
  const changes: Partial<repo.OrgRow> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.domain !== undefined) changes.domain = input.domain;
  if (input.parentId !== undefined) changes.parent_id = input.parentId;
  if (region && region.code !== row.region_code) Object.assign(changes, { region_code: region.code, region_path: region.path });
  if (input.liaisonName !== undefined) changes.liaison_name = input.liaisonName;
  if (input.liaisonPhone !== undefined) changes.liaison_phone_enc = input.liaisonPhone ? encryptPii(ctx.config.secret, input.liaisonPhone) : null;
  if (input.capacity !== undefined) changes.capacity = input.capacity;
  if (input.resourceTags !== undefined) changes.resource_tags = JSON.stringify(normalizeTags(input.resourceTags));
  if (input.needTags !== undefined) changes.need_tags = JSON.stringify(normalizeTags(input.needTags));
  if (input.note !== undefined) changes.note = input.note;
  return changes;
}

/** Apply checked changes with optimistic concurrency and an audit entry, inside `trx`. */
export async function applyUpdate(ctx: AppContext, trx: Db, actor: Actor, row: repo.OrgRow, version: number, changes: Partial<repo.OrgRow>): Promise<repo.OrgRow> {
  const name = changes.name ?? row.name;
  const regionCode = changes.region_code ?? row.region_code;
  if (name !== row.name || regionCode !== row.region_code) {
    const clash = await repo.findByName(trx, name, regionCode);
    if (clash && clash.id !== row.id) throw conflict(`该区域已有名为「${name}」的组织 An organisation of that name exists in this region`);
  }
  const stamped = { ...changes, updated_at: ctx.clock.now().toISOString() };
  if (!(await repo.update(trx, row.id, version, stamped))) throw versionConflict((await toViews(ctx, trx, [(await repo.findById(trx, row.id)) ?? row]))[0]);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof repo.OrgRow]]));
  await recordAudit(trx, ctx, actor, { action: 'org.update', entity: 'org', entityId: row.id, regionCode, before: auditView(before), after: auditView(changes) });
  return { ...row, ...stamped, version: version + 1 };
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: string, input: UpdateOrgInput): Promise<OrgView> {
  const { version, ...patch } = input;
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await loadWritable(ctx, trx, actor, id);
    return applyUpdate(ctx, trx, actor, row, version, await draftUpdate(ctx, trx, actor, row, patch));
  });
  return (await toViews(ctx, ctx.db, [updated]))[0]!;
}

/** Archive (soft delete): the record stays for the pairings that name it, but takes no new ones. */
export async function setArchived(ctx: AppContext, actor: Actor, id: string, version: number, archived: boolean): Promise<OrgView> {
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await loadWritable(ctx, trx, actor, id);
    if (archived && row.anchor_region_code) throw unprocessable('镇村（社区）党组织随区划存在，不能删除 A town or village organisation stays while its region exists');
    if (archived && row.archived_at) throw conflict('该组织已删除 Already archived');
    if (!archived && !row.archived_at) throw conflict('该组织未删除 Not archived');
    if (archived && (await repo.childCount(trx, id)) > 0) throw unprocessable('请先处理其下属单位 Move or archive its units first');
    const now = ctx.clock.now().toISOString();
    const changes = { archived_at: archived ? now : null, updated_at: now };
    if (!(await repo.update(trx, id, version, changes))) throw versionConflict((await toViews(ctx, trx, [row]))[0]);
    await recordAudit(trx, ctx, actor, { action: archived ? 'org.archive' : 'org.restore', entity: 'org', entityId: id, regionCode: row.region_code });
    return { ...row, ...changes, version: version + 1 };
  });
  return (await toViews(ctx, ctx.db, [updated]))[0]!;
}

/* ---------- reference data ---------- */

/** Every town, village and community gets its own party organisation; idempotent. */
export async function loadReferenceOrgs(ctx: AppContext): Promise<number> {
  const existing = await repo.anchorCodes(ctx.db);
  const rows: repo.OrgRow[] = [];
  const now = ctx.clock.now().toISOString();
  for (const level of ['town', 'village'] as const) {
    const regions = await listRegions(ctx, systemActor, { level, limit: 1_000_000 });
    for (const region of regions.items) {
      const domain = regionOrgDomain(region.level, region.kind);
      if (!domain || existing.has(region.code)) continue;
      rows.push({
        id: newId(),
        name: regionOrgName(region.shortName, region.kind),
        domain,
        parent_id: null,
        region_code: region.code,
        region_path: region.path,
        anchor_region_code: region.code,
        liaison_name: null,
        liaison_phone_enc: null,
        capacity: CAPACITY_OF_REGION_ORG[domain as 'town' | 'village' | 'urban_community'],
        resource_tags: '[]',
        need_tags: '[]',
        note: null,
        archived_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
  }
  // A village's organisation sits under its town's.
  const townOrg = new Map([...(await repo.findByAnchors(ctx.db, [...existing])), ...rows.filter((r) => r.domain === 'town')].map((r) => [r.region_code, r.id]));
  for (const row of rows) {
    if (row.domain === 'town') continue;
    const townCode = row.region_path.split('/').filter(Boolean).at(-2);
    row.parent_id = (townCode && townOrg.get(townCode)) ?? null;
  }
  if (rows.length > 0) await ctx.db.transaction().execute((trx) => repo.insert(trx, rows));
  return rows.length;
}

/* ---------- for other modules ---------- */

export async function orgsByIds(ctx: AppContext, ids: readonly string[], db: Db = ctx.db): Promise<Map<string, OrgRecord>> {
  return new Map((await repo.findByIds(db, ids)).map((r) => [r.id, toRecord(r)]));
}

/** The own organisations of these towns, villages and communities, by region code. */
export async function regionOrgs(ctx: AppContext, regionCodes: readonly string[]): Promise<Map<string, OrgRecord>> {
  return new Map((await repo.findByAnchors(ctx.db, regionCodes)).map((r) => [r.anchor_region_code!, toRecord(r)]));
}

/** Live organisations inside a region's subtree, plus those located above it (district bureaus for a town). */
export async function orgsAround(ctx: AppContext, regionPath: string, domains?: readonly OrgDomain[]): Promise<OrgRecord[]> {
  return (await repo.inSubtree(ctx.db, regionPath, ancestorPathsOf([regionPath]), domains)).map(toRecord);
}

/** Live organisations inside a region's subtree only. */
export async function orgsWithin(ctx: AppContext, regionPath: string, domains?: readonly OrgDomain[]): Promise<OrgRecord[]> {
  return (await repo.inSubtree(ctx.db, regionPath, [], domains)).map(toRecord);
}

/* ---------- spreadsheets ---------- */

/** All matching organisations for an export (which the spreadsheet facility audits); phones in full only for roles that may see them. */
export async function exportOrgs(ctx: AppContext, actor: Actor, input: Omit<OrgListInput, 'cursor' | 'limit'>): Promise<OrgView[]> {
  const rows = await repo.list(ctx.db, ctx.dialect, await filterOf(ctx, actor, { ...input, limit: 0 }, 100_000));
  return toViews(ctx, ctx.db, rows, maySeePersonalData(actor.role));
}

export interface OrgImportRow {
  id?: string;
  name: string;
  domain: OrgDomain;
  parentName?: string;
  regionCode: string;
  liaisonName?: string | null;
  /** A masked number (with *) means "unchanged". */
  liaisonPhone?: string | null;
  capacity: number;
  resourceTags: Tag[];
  needTags: Tag[];
  note?: string | null;
}

/**
 * One spreadsheet row inside the import's transaction: an id or the name within its region finds
 * the organisation to update, otherwise a new one is made. Unchanged rows are left alone.
 */
export async function importOrg(ctx: AppContext, trx: Db, actor: Actor, input: OrgImportRow): Promise<'created' | 'updated' | 'unchanged'> {
  let parentId: string | null = null;
  if (input.parentName) {
    const candidates = (await repo.findByNames(trx, [input.parentName])).filter((r) => isVisible(actor, r.region_path));
    if (candidates.length !== 1) throw unprocessable(`上级单位「${input.parentName}」${candidates.length ? '重名，无法确定' : '不存在'} Parent unit not found or ambiguous`);
    parentId = candidates[0]!.id;
  }
  const existing = input.id ? await repo.findById(trx, input.id) : await repo.findByName(trx, input.name, input.regionCode);
  if (input.id && !existing) throw unprocessable(`编号 ${input.id} 的组织不存在 No organisation with this id`);
  const keepPhone = typeof input.liaisonPhone === 'string' && input.liaisonPhone.includes('*');
  if (!existing) {
    if (keepPhone) throw validationFailed('联络电话不完整 The liaison phone is masked', [{ path: 'liaisonPhone', message: 'masked' }]);
    const row = await draftOrg(ctx, trx, actor, { ...input, parentId });
    await insertOrg(ctx, trx, actor, row);
    return 'created';
  }
  const row = await loadWritable(ctx, trx, actor, existing.id);
  const current = toRecord(row);
  const currentPhone = row.liaison_phone_enc ? decryptPii(ctx.config.secret, row.liaison_phone_enc) : null;
  const same = (a: readonly string[], b: readonly string[]) => a.join() === normalizeTags(b as Tag[]).join();
  const patch: Omit<UpdateOrgInput, 'version'> = {};
  if (input.name !== row.name) patch.name = input.name;
  if (input.domain !== row.domain) patch.domain = input.domain;
  if (parentId !== row.parent_id && input.parentName !== undefined) patch.parentId = parentId;
  if (input.regionCode !== row.region_code) patch.regionCode = input.regionCode;
  if ((input.liaisonName ?? null) !== row.liaison_name) patch.liaisonName = input.liaisonName ?? null;
  if (!keepPhone && (input.liaisonPhone ?? null) !== currentPhone) patch.liaisonPhone = input.liaisonPhone ?? null;
  if (input.capacity !== row.capacity) patch.capacity = input.capacity;
  if (!same(current.resourceTags, input.resourceTags)) patch.resourceTags = input.resourceTags;
  if (!same(current.needTags, input.needTags)) patch.needTags = input.needTags;
  if ((input.note ?? null) !== row.note) patch.note = input.note ?? null;
  if (Object.keys(patch).length === 0) return 'unchanged';
  await applyUpdate(ctx, trx, actor, row, row.version, await draftUpdate(ctx, trx, actor, row, patch));
  return 'updated';
}
