import { z } from 'zod';
import { cursorParam, formatParam, positionCursorParam, regionCodeParam } from '../../platform/http/schemas.ts';
import { ATTRIBUTE_TYPES, CATEGORY_CODE, FORCE_TYPES, STAGES, TRACKING_NUMBER } from './domain.ts';
import { ACTION_TYPES, CASE_STATUSES, LEVELS, MAX_NOTES_LENGTH, MAX_REASON_LENGTH } from './workflow.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, '照片应为已上传照片的哈希 a photo is the sha256 of an uploaded photo');
const status = z.enum(CASE_STATUSES);

/* ---------- categories ---------- */

const timeLimit = z.strictObject({ unit: z.enum(['hours', 'days']), amount: z.number().positive().max(1000) });
const stageLimits = z.partialRecord(z.enum(STAGES), timeLimit);
const attribute = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/),
  datatype: z.enum(ATTRIBUTE_TYPES),
  required: z.boolean(),
  description: z.string().trim().min(1).max(200),
  order: z.number().int().min(0).max(1000),
  // A key holds no comma: several answers to a multiple-choice question travel comma-separated.
  values: z.array(z.strictObject({ key: z.string().min(1).max(60).regex(/^[^,]+$/, '选项代码不能含逗号 A value key may not contain a comma'), name: z.string().min(1).max(100) })).max(100).optional(),
});

export const category = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string(),
  forceType: z.enum(FORCE_TYPES),
  limits: z.record(z.string(), z.object({ unit: z.enum(['hours', 'days']), amount: z.number() })),
  reporterVerifies: z.boolean(),
  listNearby: z.boolean(),
  attributes: z.array(z.any()),
  sortOrder: z.number(),
  active: z.boolean(),
  reportable: z.boolean(),
  version: z.number().optional(),
});

export const categoryList = z.object({ items: z.array(category) });

export const createCategoryBody = z.strictObject({
  code: z.string().regex(CATEGORY_CODE),
  parentCode: z.string().regex(CATEGORY_CODE).nullable().default(null),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
  forceType: z.enum(FORCE_TYPES),
  limits: stageLimits,
  reporterVerifies: z.boolean(),
  /** List open cases of this kind near a new report's pin (default yes; no for disputes). */
  listNearby: z.boolean().default(true),
  attributes: z.array(attribute).max(20).default([]),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});

export const updateCategoryBody = z.strictObject({
  version: z.number().int().min(1),
  nameZh: z.string().trim().min(1).max(40).optional(),
  nameEn: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(500).optional(),
  forceType: z.enum(FORCE_TYPES).optional(),
  limits: stageLimits.optional(),
  reporterVerifies: z.boolean().optional(),
  listNearby: z.boolean().optional(),
  attributes: z.array(attribute).max(20).optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
});

export const categoryParams = z.strictObject({ code: z.string().regex(CATEGORY_CODE) });

/* ---------- reporting ---------- */

/** A report as JSON. The same fields arrive as text in a multipart form, with `attribute[CODE]` fields and photos. */
export const reportBody = z.strictObject({
  category: z.string().min(1).max(64),
  description: z.string().trim().min(2, '请描述问题 Describe the problem').max(1000),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: z.string().trim().max(200).optional(),
  /** The caller's name, when staff enter a report for someone who phoned; kept encrypted. */
  name: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(20).optional(),
  attributes: z.record(z.string().max(40), z.string().max(2000)).optional(),
});
export type ReportBody = z.infer<typeof reportBody>;

/** The multipart form's text fields, before they are read as a report. */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const reportFields = z.strictObject({
  category: z.string().min(1).max(64),
  description: z.string().trim().min(2, '请描述问题 Describe the problem').max(1000),
  // A form field left empty is missing, not 0 (which would place the report off Africa's coast).
  lat: z.preprocess(emptyToUndefined, z.coerce.number().min(-90).max(90)),
  lng: z.preprocess(emptyToUndefined, z.coerce.number().min(-180).max(180)),
  address: z.string().trim().max(200).optional(),
  /** The caller's name, when staff enter a report for someone who phoned; kept encrypted. */
  name: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(20).optional(),
});

export const reportResult = z.object({
  id: z.string(),
  trackingNo: z.string(),
  reporterToken: z.string().nullable(),
  status,
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  routedBy: z.string(),
  photos: z.number(),
  withinScope: z.boolean().nullable(),
});

export const trackingParams = z.strictObject({ trackingNo: z.string().regex(TRACKING_NUMBER, '跟踪号格式不正确 Not a tracking number') });
export const trackingQuery = z.strictObject({ token: z.string().min(10).max(100).optional() });

export const publicCase = z.object({
  trackingNo: z.string(),
  category: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  status,
  statusLabel: bilingual,
  open: z.boolean(),
  regionName: z.string(),
  reportedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  expectedAt: z.string().nullable(),
  reporterVerifies: z.boolean(),
  /** With the reporter's token: the report itself, and whether the reporter may verify now. */
  own: z.object({ description: z.string(), canVerify: z.boolean(), handlingNotes: z.string().nullable() }).nullable(),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), label: bilingual, status, note: z.string().nullable() })),
});

export const verifyBody = z.strictObject({
  token: z.string().min(10).max(100),
  result: z.enum(['pass', 'fail']),
  reason: z.string().trim().min(1).max(MAX_REASON_LENGTH).optional(),
});

export const nearbyQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  category: z.string().min(1).max(64),
});

export const nearbyResult = z.object({
  radiusMeters: z.number(),
  /** False for a kind that is never listed (disputes): the items are then empty whatever is near. */
  listed: z.boolean(),
  items: z.array(
    z.object({ trackingNo: z.string(), category: z.string(), status, statusLabel: bilingual, distanceMeters: z.number(), reportedAt: z.string() }),
  ),
});

/* ---------- staff ---------- */

export const caseParams = z.strictObject({ id: z.string().min(1).max(64) });
export const actionParams = caseParams.extend({ action: z.enum(ACTION_TYPES) });
export const photoParams = caseParams.extend({ hash: sha256 });

export const actionBody = z.strictObject({
  version: z.number().int().min(1),
  notes: z.string().max(MAX_NOTES_LENGTH).optional(),
  reason: z.string().max(MAX_REASON_LENGTH).optional(),
  assignee: z.strictObject({ kind: z.enum(['member', 'unit']), id: z.string().min(1).max(64) }).optional(),
  amount: timeLimit.optional(),
  photos: z.array(sha256).max(6).optional(),
});
export type ActionBody = z.infer<typeof actionBody>;

const csv = (values: readonly string[]) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as [string, ...string[]])));

export const listQuery = z.strictObject({
  view: z.enum(['all', 'inbox']).default('all'),
  status: csv(CASE_STATUSES).optional(),
  category: z.string().max(64).optional(),
  region: regionCodeParam.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(40).optional(),
  cursor: positionCursorParam,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  format: formatParam,
});
export type ListQuery = z.infer<typeof listQuery>;

export const mapQuery = listQuery.pick({ status: true, category: true, region: true, overdue: true, from: true, to: true }).strict();

const assignee = z.object({ kind: z.enum(['member', 'unit']), id: z.string(), name: z.string().optional() });

export const caseSummary = z.object({
  id: z.string(),
  trackingNo: z.string(),
  category: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  description: z.string(),
  status,
  statusLabel: bilingual,
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string().nullable(),
  source: z.string(),
  assignee: assignee.nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  escalationLevel: z.enum(LEVELS),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  closedOnTime: z.boolean().nullable(),
  version: z.number(),
  /** In lists: what the signed-in user may do now (one-tap actions in the inbox). */
  availableActions: z.array(z.enum(ACTION_TYPES)).optional(),
});

export const caseList = z.object({ items: z.array(caseSummary), total: z.number(), nextCursor: z.string().nullable() });

export const timelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  label: bilingual,
  from: z.string().nullable(),
  to: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable(), role: z.string() }),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  public: z.boolean(),
});

export const photo = z.object({ hash: z.string(), mime: z.string(), size: z.number(), stage: z.string(), url: z.string() });

export const caseDetail = caseSummary.extend({
  reporterPhone: z.string().nullable(),
  /** Masked (王**) like the phone, unless the reader may see personal data. */
  reporterName: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  reporterVerifies: z.boolean(),
  handling: z.object({ notes: z.string(), photos: z.array(z.string()) }).nullable(),
  extension: z.object({ reason: z.string(), amount: z.object({ unit: z.string(), amount: z.number() }), requestedAt: z.string() }).nullable(),
  suspension: z.object({ from: z.string(), at: z.string(), reason: z.string() }).nullable(),
  rejectionReason: z.string().nullable(),
  timeline: z.array(timelineEntry),
  photos: z.array(photo),
  availableActions: z.array(z.enum(ACTION_TYPES)),
});
export type CaseDetail = z.infer<typeof caseDetail>;
export type CaseSummary = z.infer<typeof caseSummary>;

export const candidatesResult = z.object({
  forceType: z.enum(FORCE_TYPES),
  forceTypeLabel: bilingual,
  members: z.array(z.object({ memberId: z.string(), name: z.string(), unit: z.string().nullable(), forceType: z.string(), role: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
});

export const photosResult = z.object({ photos: z.array(photo) });

export type CategoryItem = z.infer<typeof category>;
export type CaseList = z.infer<typeof caseList>;
export type PublicCase = z.infer<typeof publicCase>;
export type NearbyResult = z.infer<typeof nearbyResult>;
export type ReportResult = z.infer<typeof reportResult>;
export type CandidatesResult = z.infer<typeof candidatesResult>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type Photo = z.infer<typeof photo>;

/* ---------- notifications ---------- */

export const notificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  cursor: cursorParam,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const notificationParams = z.strictObject({ id: z.string().min(1).max(64) });

export type NotificationList = z.infer<typeof notificationList>;

export const notificationList = z.object({
  items: z.array(
    z.object({ id: z.string(), kind: z.string(), message: z.string(), caseId: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() }),
  ),
  unread: z.number(),
  nextCursor: z.string().nullable(),
});
