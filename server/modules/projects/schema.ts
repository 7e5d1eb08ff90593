import { z } from 'zod';
import { cursorParam, formatParam, limitParam, regionCodeParam } from '../../platform/http/schemas.ts';
import { FUNDING_SOURCES } from './domain.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const date = z.iso.date();
const statusKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const ladderStep = z.strictObject({
  key: statusKey,
  label: z.strictObject({ zh: z.string().trim().min(1).max(20), en: z.string().trim().min(1).max(40) }),
  percent: z.number().int().min(0).max(100),
});
export const ladderView = z.object({ steps: z.array(z.object({ key: z.string(), label: bilingual, percent: z.number() })), version: z.number() });
export const updateLadderBody = z.strictObject({ version: z.number().int().min(1), steps: z.array(ladderStep).min(2).max(20) });

export const fundingLine = z.strictObject({
  source: z.enum(FUNDING_SOURCES),
  amountFen: fen,
  note: z.string().trim().max(200).nullable().optional(),
});

/** Owners anyone may name through the projects API; pairings and clusters own projects through their own modules. */
export const ownerInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('org'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('other'), name: z.string().trim().min(2).max(80) }),
]);

const projectFields = {
  title: z.string().trim().min(2).max(120),
  description: z.string().trim().max(2000).nullable().optional(),
  regionCode: regionCodeParam,
  budgetFen: fen,
  funding: z.array(fundingLine).max(20).default([]),
  startDate: date,
  endDate: date.nullable().optional(),
  statusKey: statusKey.optional(),
};

export const projectBody = z.strictObject(projectFields);
export const createProjectBody = z.strictObject({
  ...projectFields,
  parentId: z.uuid().optional(),
  owners: z.array(ownerInput).max(10).default([]),
});

export const updateProjectBody = z.strictObject({
  version: z.number().int().min(1),
  title: projectFields.title.optional(),
  description: projectFields.description,
  budgetFen: fen.optional(),
  funding: z.array(fundingLine).max(20).optional(),
  startDate: date.optional(),
  endDate: date.nullable().optional(),
  statusKey: statusKey.optional(),
});

/** A progress report as JSON; a multipart form carries the same fields as text, plus photos. */
export const progressBody = z.strictObject({
  date,
  percent: z.number().int().min(0).max(100),
  statusKey: statusKey.optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export const progressForm = progressBody.extend({ percent: z.coerce.number().int().min(0).max(100), note: z.string().trim().max(2000).optional() });

export const verifyBody = z.strictObject({ version: z.number().int().min(1) });

export const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(40).optional(),
  region: regionCodeParam.optional(),
  status: z.string().regex(/^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*$/).max(400).optional(),
  ownerKind: z.enum(['pairing', 'cluster', 'org', 'other', 'agri']).optional(),
  ownerId: z.string().min(1).max(80).optional(),
  parentId: z.uuid().optional(),
  all: z.enum(['true', 'false']).optional(),
  cursor: cursorParam,
  limit: limitParam,
  format: formatParam,
});
export const boardQuery = listQuery.pick({ q: true, region: true, ownerKind: true, ownerId: true });

export const idParams = z.strictObject({ id: z.uuid() });
export const entryParams = z.strictObject({ id: z.uuid(), entryId: z.uuid() });
export const photoParams = z.strictObject({ id: z.uuid(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

const progress = z.object({ reported: z.number(), verified: z.number() });
const owner = z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() });

export const projectSummary = z.object({
  id: z.string(),
  title: z.string(),
  parentId: z.string().nullable(),
  rootId: z.string(),
  depth: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  owners: z.array(owner),
  budgetFen: z.number(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  statusKey: z.string(),
  status: bilingual,
  progress,
  childCount: z.number(),
  version: z.number(),
});

export const progressEntry = z.object({
  id: z.string(),
  date: z.string(),
  percent: z.number(),
  statusKey: z.string().nullable(),
  note: z.string().nullable(),
  attachments: z.array(z.object({ hash: z.string(), mime: z.string(), size: z.number(), name: z.string(), url: z.string() })),
  reportedBy: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  version: z.number(),
});

export const projectDetail = projectSummary.extend({
  description: z.string().nullable(),
  funding: z.array(z.object({ source: z.string(), sourceLabel: bilingual, amountFen: z.number(), note: z.string().nullable() })),
  orgIds: z.array(z.string()),
  children: z.array(projectSummary),
  ancestors: z.array(z.object({ id: z.string(), title: z.string() })),
  entries: z.array(progressEntry),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const boardView = z.object({
  steps: z.array(z.object({ key: z.string(), label: bilingual, percent: z.number() })),
  columns: z.array(z.object({ key: z.string(), items: z.array(projectSummary) })),
  total: z.number(),
});

export type CreateProjectInput = z.infer<typeof createProjectBody>;
export type ProjectInput = z.infer<typeof projectBody>;
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;
export type ProgressInput = z.infer<typeof progressBody>;
export type ProjectSummary = z.infer<typeof projectSummary>;
export type ProjectDetail = z.infer<typeof projectDetail>;
export type ProjectListQuery = z.infer<typeof listQuery>;
