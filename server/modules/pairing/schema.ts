import { z } from 'zod';
import { cursorParam, formatParam, limitParam, regionCodeParam } from '../../platform/http/schemas.ts';
import { ORG_DOMAINS } from '../orgs/domain.ts';
import { projectBody, projectSummary } from '../projects/schema.ts';
import { PAIRING_STATUSES, PARTY_ROLES, TASK_STATUSES } from './domain.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const bilingualInput = z.strictObject({ zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(80) });
const configKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '标识应为小写字母、数字和下划线 Keys are lower-case words');
const date = z.iso.date();
const version = z.number().int().min(1);
const reason = z.string().trim().min(2).max(500);

/* ---------- configuration ---------- */

export const slot = z.strictObject({
  key: configKey,
  label: bilingualInput,
  domains: z.array(z.enum(ORG_DOMAINS)).min(1).max(ORG_DOMAINS.length),
  role: z.enum(PARTY_ROLES),
  min: z.number().int().min(0).max(20),
  max: z.number().int().min(1).max(50).nullable(),
});

export const mechanismView = z.object({
  key: z.string(),
  name: bilingual,
  description: z.string().nullable(),
  slots: z.array(z.object({ key: z.string(), label: bilingual, domains: z.array(z.string()), role: z.string(), min: z.number(), max: z.number().nullable() })),
  matchable: z.boolean(),
  version: z.number(),
});

export const templateView = z.object({ id: z.string(), modeKey: z.string(), title: z.string(), description: z.string().nullable(), dueDays: z.number(), active: z.boolean(), version: z.number() });
export const modeView = z.object({ key: z.string(), name: bilingual, description: z.string().nullable(), active: z.boolean(), templates: z.array(templateView), version: z.number() });
export const configView = z.object({ mechanisms: z.array(mechanismView), modes: z.array(modeView) });

export const keyParams = z.strictObject({ key: configKey });
export const templateParams = z.strictObject({ id: z.string().min(1).max(80) });

export const updateMechanismBody = z.strictObject({
  version,
  name: bilingualInput.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  slots: z.array(slot).min(1).max(6).optional(),
});

const templateInput = z.strictObject({
  title: z.string().trim().min(2).max(80),
  description: z.string().trim().max(500).nullable().optional(),
  dueDays: z.number().int().min(1).max(3650),
});

export const createModeBody = z.strictObject({
  key: configKey,
  name: bilingualInput,
  description: z.string().trim().max(500).nullable().optional(),
  templates: z.array(templateInput).min(1).max(10),
});
export const updateModeBody = z.strictObject({
  version,
  name: bilingualInput.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  active: z.boolean().optional(),
});
export const createTemplateBody = templateInput;
export const updateTemplateBody = z.strictObject({
  version,
  title: templateInput.shape.title.optional(),
  description: templateInput.shape.description,
  dueDays: templateInput.shape.dueDays.optional(),
  active: z.boolean().optional(),
});

/* ---------- pairings ---------- */

export const partyInput = z.strictObject({ orgId: z.uuid(), role: z.enum(PARTY_ROLES), lead: z.boolean().default(false) });

export const createPairingBody = z.strictObject({
  modeKey: configKey,
  mechanismKey: configKey,
  parties: z.array(partyInput).min(2).max(30),
  startDate: date,
  endDate: date.nullable().optional(),
  title: z.string().trim().min(2).max(120).optional(),
  note: z.string().trim().max(1000).nullable().optional(),
  status: z.enum(['proposed', 'active']).default('proposed'),
  capacityOverride: reason.optional(),
});

export const updatePairingBody = z.strictObject({
  version,
  title: z.string().trim().min(2).max(120).optional(),
  startDate: date.optional(),
  endDate: date.nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const transitionBody = z.strictObject({
  version,
  to: z.enum(['active', 'concluded', 'dissolved']),
  reason: reason.optional(),
  capacityOverride: reason.optional(),
});

export const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(40).optional(),
  status: z
    .string()
    .max(60)
    .refine((v) => v.split(',').every((s) => (PAIRING_STATUSES as readonly string[]).includes(s)), '未知状态 Unknown status')
    .optional(),
  modeKey: configKey.optional(),
  mechanismKey: configKey.optional(),
  region: regionCodeParam.optional(),
  orgId: z.uuid().optional(),
  cursor: cursorParam,
  limit: limitParam,
  format: formatParam,
});

export const idParams = z.strictObject({ id: z.uuid() });
export const taskParams = z.strictObject({ id: z.uuid(), taskId: z.uuid() });
export const photoParams = z.strictObject({ id: z.uuid(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

export const updateTaskBody = z.strictObject({
  version,
  status: z.enum(TASK_STATUSES).optional(),
  progress: z.number().int().min(0).max(100).optional(),
  dueDate: date.optional(),
  ownerOrgId: z.uuid().optional(),
});

/** Evidence as JSON (a note); a multipart form carries the same `note` field plus photos. */
export const evidenceBody = z.strictObject({ note: z.string().trim().min(1).max(2000) });

export const pairingProjectBody = projectBody.extend({
  parentId: z.uuid().optional(),
  /** Further active pairings that own the project together with this one. */
  coOwnerPairingIds: z.array(z.uuid()).max(5).default([]),
});

const party = z.object({ orgId: z.string(), name: z.string(), domain: z.string(), regionCode: z.string(), role: z.enum(PARTY_ROLES), lead: z.boolean() });
const photo = z.object({ hash: z.string(), mime: z.string(), size: z.number(), name: z.string(), url: z.string() });
export const taskView = z.object({
  id: z.string(),
  templateId: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(TASK_STATUSES),
  progress: z.number(),
  evidence: z.array(z.object({ id: z.string(), note: z.string().nullable(), photos: z.array(photo), by: z.string().nullable(), at: z.string() })),
  version: z.number(),
});

export const pairingSummary = z.object({
  id: z.string(),
  title: z.string(),
  modeKey: z.string(),
  modeName: bilingual,
  mechanismKey: z.string(),
  mechanismName: bilingual,
  status: z.enum(PAIRING_STATUSES),
  startDate: z.string(),
  endDate: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  parties: z.array(party),
  taskCount: z.number(),
  taskProgress: z.number(),
  source: z.string(),
  version: z.number(),
});

export const pairingDetail = pairingSummary.extend({
  note: z.string().nullable(),
  statusReason: z.string().nullable(),
  capacityOverride: z.string().nullable(),
  activatedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  tasks: z.array(taskView),
  projects: z.array(projectSummary),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/* ---------- coverage and matchmaker ---------- */

export const coverageQuery = z.strictObject({ region: regionCodeParam });

const regionCoverage = z.object({ code: z.string(), name: z.string(), orgId: z.string().nullable(), orgName: z.string().nullable(), activePairings: z.number(), covered: z.boolean() });
const matrix = z.object({ rows: z.array(z.object({ key: z.string(), name: z.string() })), columns: z.array(z.object({ key: z.string(), name: z.string() })), counts: z.array(z.array(z.number())) });
export const coverageView = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  totals: z.object({ towns: z.number(), townsCovered: z.number(), villages: z.number(), villagesCovered: z.number(), pairings: z.number() }),
  towns: z.array(regionCoverage.extend({ villages: z.number(), villagesCovered: z.number() })),
  villages: z.array(regionCoverage.extend({ townCode: z.string(), needs: z.array(z.string()), unmetNeeds: z.array(z.string()) })),
  unpairedOrgs: z.array(z.object({ id: z.string(), name: z.string(), domain: z.string(), regionCode: z.string() })),
  overCapacity: z.array(z.object({ id: z.string(), name: z.string(), domain: z.string(), capacity: z.number(), activePairings: z.number() })),
  unmetNeeds: z.array(z.object({ code: z.string(), name: z.string(), unmetNeeds: z.array(z.string()) })),
  townsByMode: matrix,
  villagesByMechanism: matrix,
});

/** Points each criterion is worth (the fit module's default is 60 / 30 / 10). */
const weight = z.number().min(0).max(100);
export const matchmakerRunBody = z.strictObject({
  region: regionCodeParam,
  villages: z.array(regionCodeParam).min(1).max(2000).optional(),
  weights: z.strictObject({ tags: weight, nearness: weight, balance: weight }),
  mechanism: configKey,
  modeId: configKey,
  maxDistanceKm: z.number().positive().max(1000).optional(),
});

export const suggestion = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  villageOrgId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgDomain: z.string(),
  fit: z.number(),
  explanation: z.object({
    matchingTags: z.array(z.string()),
    distanceKm: z.number().nullable(),
    parts: z.object({ tags: z.number(), nearness: z.number(), balance: z.number() }),
  }),
});

export const matchmakerRunView = z.object({
  runId: z.string(),
  suggestions: z.array(suggestion),
  uncovered: z.array(z.object({ code: z.string(), name: z.string(), reason: z.string() })),
  uncoveredCount: z.number(),
  totalFit: z.number(),
  optimal: z.boolean(),
  candidates: z.object({ villages: z.number(), organisations: z.number(), arcs: z.number() }),
});

export const matchmakerAcceptBody = z.strictObject({
  suggestions: z.array(z.strictObject({ villageCode: regionCodeParam, orgId: z.uuid() })).min(1).max(500),
  mechanism: configKey,
  modeId: configKey,
  runId: z.uuid().optional(),
  startDate: date.optional(),
});

export const matchmakerAcceptView = z.object({ created: z.array(pairingSummary) });

export type CreatePairingInput = z.infer<typeof createPairingBody>;
export type UpdatePairingInput = z.infer<typeof updatePairingBody>;
export type TransitionInput = z.infer<typeof transitionBody>;
export type PairingListQuery = z.infer<typeof listQuery>;
export type PairingSummary = z.infer<typeof pairingSummary>;
export type PairingDetail = z.infer<typeof pairingDetail>;
export type MatchmakerRunInput = z.infer<typeof matchmakerRunBody>;
export type MatchmakerAcceptInput = z.infer<typeof matchmakerAcceptBody>;
