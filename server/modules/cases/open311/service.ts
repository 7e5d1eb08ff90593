/**
 * Open311 GeoReport v2 on top of the cases service: categories are services, cases are service
 * requests, an API token is the `api_key`. Failures are `Open311Failure`s carrying the
 * specification's status (400, 403 or 404) and a description.
 */
import { can, inScope } from '../../../platform/access/policy.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { resolveActor } from '../../../platform/auth/service.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import {
  ancestorPath,
  callerName,
  open311Status,
  open311StatusNotes,
  OPEN311_DEFAULT_DAYS,
  OPEN311_MAX_REQUESTS,
  parseW3cDate,
  reportableCategories,
  w3cDate,
  type Category,
} from '../domain.ts';
import * as repo from '../repository.ts';
import { categoriesOf, reportCase, type CategoryRecord } from '../service.ts';
import type { CaseState, CaseStatus } from '../workflow.ts';
import type { CreatedRequest, Discovery, Service, ServiceDefinition, ServiceRequest } from './serialize.ts';

export class Open311Failure extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    description: string,
  ) {
    super(description);
  }
}

const badRequest = (description: string) => new Open311Failure(400, description);

/** The specification's limit on a request's description (the product's own form takes 1,000). */
export const OPEN311_MAX_DESCRIPTION = 4_000;

/** Any failure as the specification's error: 403 and 404 as such, every other client error as 400. */
export function toOpen311Failure(error: unknown): Open311Failure | null {
  if (error instanceof Open311Failure) return error;
  if (error instanceof AppError) {
    if (error.status >= 500) return null;
    if (error.status === 401 || error.status === 403) return new Open311Failure(403, error.message);
    if (error.status === 404) return new Open311Failure(404, error.message);
    const detail = error.details.map((d) => [d.path, d.message].filter(Boolean).join(': ')).join('; ');
    return badRequest(detail ? `${error.message} (${detail})` : error.message);
  }
  return null;
}

/** Before any category has been edited: when this interface first went out. */
export const FIRST_CHANGESET = '2026-11-28T00:00:00+08:00';

/**
 * The discovery document's changeset: when the services or their definitions last changed (the
 * latest edit of a category), so that clients know to refresh what they cache.
 */
export async function changeset(ctx: AppContext): Promise<string> {
  const latest = (await categoriesOf(ctx)).reduce<string | null>((max, c) => (max === null || c.updatedAt > max ? c.updatedAt : max), null);
  return latest ? w3cDate(latest) : FIRST_CHANGESET;
}

export function discoveryDocument(baseUrl: string, changeset: string): Discovery {
  return {
    changeset,
    contact: '共治 Gongzhi 网格事件服务 Grid case service',
    key_service: '向管理员申请 API 令牌 Ask an administrator for an API token',
    endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: baseUrl, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
  };
}

function serviceOf(c: Category, all: readonly Category[]): Service {
  const parent = c.parentCode ? all.find((p) => p.code === c.parentCode) : undefined;
  return {
    service_code: c.code,
    service_name: c.nameZh,
    description: c.description || `${c.nameZh} ${c.nameEn}`,
    metadata: c.attributes.length > 0,
    type: 'realtime',
    keywords: [c.nameEn, parent?.nameEn].filter(Boolean).join(', '),
    group: parent?.nameZh ?? c.nameZh,
  };
}

export async function serviceList(ctx: AppContext): Promise<Service[]> {
  const all = await categoriesOf(ctx);
  return reportableCategories(all).map((c) => serviceOf(c, all));
}

async function serviceCategory(ctx: AppContext, code: string): Promise<CategoryRecord> {
  const all = await categoriesOf(ctx);
  const found = reportableCategories(all).find((c) => c.code === code);
  if (!found) throw new Open311Failure(404, `service_code ${code} not found`);
  return all.find((c) => c.code === code)!;
}

export async function serviceDefinition(ctx: AppContext, code: string): Promise<ServiceDefinition> {
  const category = await serviceCategory(ctx, code);
  return {
    service_code: category.code,
    // The specification's order is a positive integer used once per service: the position.
    attributes: [...category.attributes]
      .sort((a, b) => a.order - b.order || a.code.localeCompare(b.code))
      .map((a, position) => ({
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: null,
        order: position + 1,
        description: a.description,
        ...(a.values ? { values: a.values } : {}),
      })),
  };
}

/** The caller behind an `api_key`, who must be allowed to report cases; otherwise 403. */
async function reporterFor(ctx: AppContext, apiKey: unknown): Promise<Actor> {
  if (typeof apiKey !== 'string' || apiKey === '') throw new Open311Failure(403, 'api_key is required');
  const actor = await resolveActor(ctx, { apiToken: apiKey });
  if (actor.role === null || !can(ctx.permissions, actor, 'cases.report')) throw new Open311Failure(403, 'api_key is invalid or may not create requests');
  return actor;
}

function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  throw badRequest(`${name} must be given once, as text`);
}

function coordinate(body: Record<string, unknown>, name: 'lat' | 'long', min: number, max: number): number | undefined {
  const raw = text(body, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw) || value < min || value > max) throw badRequest(`${name} must be a number from ${min} to ${max}`);
  return value;
}

/** `attribute[CODE]` fields, as a form sends them (a repeated field for a multi-value list). */
function attributesOf(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]{1,60})\](\[\])?$/.exec(key);
    if (!match) continue;
    out[match[1]!] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}


/**
 * Where a request with only an address goes: the caller's own region. Cases are held by micro-grids,
 * villages, towns and the district, not by grids, so a grid's worker sends it to the grid's village.
 */
async function fallbackRegionOf(ctx: AppContext, actor: Actor): Promise<{ code: string; name: string; path: string } | null> {
  const code = actor.scopeCodes[0];
  let root = code ? await ctx.regions.get(code) : null;
  const village = root?.level === 'grid' ? ancestorPath(root.path, 'village') : null;
  if (village) root = await ctx.regions.get(village.split('/').filter(Boolean).at(-1)!);
  return root ? { code: root.code, name: root.name, path: root.path } : null;
}

export async function createRequest(ctx: AppContext, body: unknown): Promise<CreatedRequest[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request needs form-encoded parameters');
  const params = body as Record<string, unknown>;
  const actor = await reporterFor(ctx, params.api_key);
  const code = text(params, 'service_code');
  if (!code) throw badRequest('service_code is required');
  const category = await serviceCategory(ctx, code);
  const lat = coordinate(params, 'lat', -90, 90);
  const lng = coordinate(params, 'long', -180, 180);
  const address = text(params, 'address_string');
  const addressId = text(params, 'address_id');
  if ((lat === undefined) !== (lng === undefined)) throw badRequest('lat and long go together');
  if (lat === undefined && !address && !addressId) throw badRequest('a location is required: lat and long, address_string or address_id');
  const description = text(params, 'description') ?? category.nameZh;
  if (description.length > OPEN311_MAX_DESCRIPTION) throw badRequest(`description is longer than ${OPEN311_MAX_DESCRIPTION.toLocaleString('en')} characters`);
  // The same limits as the product's own report form.
  if ((address ?? addressId ?? '').length > 200) throw badRequest('address_string or address_id is longer than 200 characters');
  const accountId = text(params, 'account_id');
  if (accountId && accountId.length > 100) throw badRequest('account_id is longer than 100 characters');
  const name = callerName(text(params, 'first_name'), text(params, 'last_name'));
  if (name && name.length > 40) throw badRequest('first_name and last_name together are longer than 40 characters');
  const fallbackRegion = lat === undefined ? await fallbackRegionOf(ctx, actor) : null;
  const result = await reportCase(
    ctx,
    actor,
    {
      category: category.code,
      description: description.length >= 2 ? description : `${description} ${category.nameZh}`,
      lat: lat ?? null,
      lng: lng ?? null,
      address: address ?? addressId,
      name,
      phone: text(params, 'phone'),
      attributes: attributesOf(params),
    },
    { source: 'open311', fallbackRegion },
  );
  return [
    {
      service_request_id: result.trackingNo,
      service_notice: `已受理，转${result.region.name}办理 Received; routed to ${result.region.name}`,
      account_id: accountId ?? null,
    },
  ];
}

/**
 * A case as Open311 shows it. Free text written by people — the description and the address (a
 * caller's "in front of No. 8") — goes only to callers with an API key; anyone sees the category,
 * status, place on the map and times.
 */
function toRequest(row: repo.CaseRow, categories: readonly Category[], withText: boolean): ServiceRequest {
  const status = row.status as CaseStatus;
  const state = JSON.parse(row.state_json) as CaseState;
  const category = categories.find((c) => c.code === row.category_code);
  return {
    service_request_id: row.tracking_no,
    status: open311Status(status),
    status_notes: open311StatusNotes(status, state.rejectionReason),
    service_name: category?.nameZh ?? row.category_code,
    service_code: row.category_code,
    description: withText ? row.description : null,
    agency_responsible: row.assignee_kind === 'unit' && row.assignee_name ? row.assignee_name : row.region_name,
    service_notice: null,
    requested_datetime: w3cDate(row.created_at),
    updated_datetime: w3cDate(row.updated_at),
    expected_datetime: open311Status(status) === 'open' && row.deadline ? w3cDate(row.deadline) : null,
    address: withText ? row.address : null,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: null,
  };
}

/** A comma-delimited list; the parameter may also be repeated (status=open&status=closed). */
function list(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((p): p is string => typeof p === 'string')) throw badRequest(`${name} must be text`);
  const items = parts.flatMap((p) => p.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function date(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'string' ? parseW3cDate(value) : null;
  if (!parsed) throw badRequest(`${name} must be a W3C date-time such as 2026-03-02T09:00:00+08:00`);
  return parsed;
}

/**
 * Anyone may read requests, without the free text; these methods need no key, so a key changes
 * only what is shown, never which requests: the caller behind a valid `api_key` who may read
 * cases also sees the description and address of the requests in their regions. A key that is
 * not valid is refused (403).
 */
async function viewerFor(ctx: AppContext, apiKey: unknown): Promise<Actor | null> {
  if (apiKey === undefined || apiKey === '') return null;
  if (typeof apiKey !== 'string') throw badRequest('api_key must be given once');
  const actor = await resolveActor(ctx, { apiToken: apiKey });
  if (actor.role === null) throw new Open311Failure(403, 'api_key is invalid');
  return can(ctx.permissions, actor, 'cases.read') ? actor : null;
}

const readsText = (viewer: Actor | null, row: repo.CaseRow) => viewer !== null && inScope(viewer.scopePaths, row.region_path);

export async function findRequests(ctx: AppContext, query: Record<string, unknown>): Promise<ServiceRequest[]> {
  const viewer = await viewerFor(ctx, query.api_key);
  const ids = list(query.service_request_id, 'service_request_id');
  const categories = await categoriesOf(ctx);
  // Request ids override every other argument.
  if (ids) {
    const found = await repo.open311Requests(ctx.db, { trackingNos: ids, scopePaths: null, limit: OPEN311_MAX_REQUESTS });
    return found.map((r) => toRequest(r, categories, readsText(viewer, r)));
  }
  const statuses = list(query.status, 'status');
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw badRequest('status must be open or closed');
  const codes = list(query.service_code, 'service_code');
  // Without dates, the last 90 days; with one date, the 90 days after the start or before the end.
  const span = OPEN311_DEFAULT_DAYS * 86_400_000;
  const givenStart = date(query.start_date, 'start_date');
  const givenEnd = date(query.end_date, 'end_date');
  const end = givenEnd ?? (givenStart ? new Date(givenStart.getTime() + span) : ctx.clock.now());
  const start = givenStart ?? new Date(end.getTime() - span);
  if (start > end) throw badRequest('start_date is after end_date');
  if (end.getTime() - start.getTime() > span) throw badRequest(`start_date and end_date may not span more than ${OPEN311_DEFAULT_DAYS} days`);
  const rows = await repo.open311Requests(ctx.db, {
    codes,
    statuses: statuses?.flatMap((s) => (s === 'open' ? ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'suspended'] : ['closed', 'rejected'])),
    from: start.toISOString(),
    to: end.toISOString(),
    scopePaths: null,
    limit: OPEN311_MAX_REQUESTS,
  });
  return rows.map((r) => toRequest(r, categories, readsText(viewer, r)));
}

export async function findRequest(ctx: AppContext, id: string, query: Record<string, unknown>): Promise<ServiceRequest[]> {
  const viewer = await viewerFor(ctx, query.api_key);
  const rows = await repo.open311Requests(ctx.db, { trackingNos: [id], scopePaths: null, limit: 1 });
  if (rows.length === 0) throw new Open311Failure(404, `service_request_id ${id} not found`);
  const categories = await categoriesOf(ctx);
  return rows.map((r) => toRequest(r, categories, readsText(viewer, r)));
}

/** Requests are created at once, so a token is simply the case's id; it names the request id. */
export async function findToken(ctx: AppContext, token: string): Promise<{ service_request_id: string; token: string }[]> {
  const row = /^[0-9a-f-]{36}$/.test(token) ? await repo.findCase(ctx.db, token) : undefined;
  if (!row || row.source !== 'open311') throw new Open311Failure(404, `token ${token} not found`);
  return [{ service_request_id: row.tracking_no, token }];
}
