import { z } from 'zod';
import { isValidPhone } from '../../platform/access/pii.ts';
import { cursorParam, formatParam, limitParam, regionCodeParam } from '../../platform/http/schemas.ts';
import { ASSIGNMENT_ROLES, FORCE_TYPES, NAME_MAX, normalisePhone, STAFFING_KEYS, UNIT_MAX } from './domain.ts';

export const forceType = z.enum(FORCE_TYPES);
export const assignmentRole = z.enum(ASSIGNMENT_ROLES);
export const microGridCode = z.string().regex(/^\d{16}$/, '微网格编码为 16 位数字 A micro-grid code has 16 digits');
const memberId = z.string().min(1).max(64);
const version = z.number().int().min(1);

const phone = z
  .string()
  .max(20)
  .transform((v) => normalisePhone(v))
  .refine((v) => isValidPhone(v), '手机号格式不正确 Invalid phone number');

/* ---------- members ---------- */

export const assignmentView = z.object({
  microGridCode: z.string(),
  microGridName: z.string().nullable(),
  role: assignmentRole,
  createdAt: z.string(),
});

export const memberView = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked (138****5678) unless the reader's role may see personal data, and then only on the detail read. */
  phone: z.string(),
  phoneMasked: z.boolean(),
  unit: z.string().nullable(),
  forceType,
  userId: z.string().nullable(),
  /** The linked sign-in account's names, for showing it. */
  account: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  active: z.boolean(),
  assignments: z.array(assignmentView),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const memberPage = z.object({ items: z.array(memberView), nextCursor: z.string().nullable(), total: z.number() });

export const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(40).optional(),
  forceType: forceType.optional(),
  microGrid: microGridCode.optional(),
  region: regionCodeParam.optional(),
  role: assignmentRole.optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  cursor: cursorParam,
  limit: limitParam,
  format: formatParam,
});

/** The list's filters as the spreadsheet export receives them; other keys are ignored. */
export const exportFilters = z.object({
  q: z.string().trim().min(1).max(40).optional(),
  forceType: forceType.optional(),
  microGrid: microGridCode.optional(),
  region: regionCodeParam.optional(),
  role: assignmentRole.optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
});

export const idParams = z.strictObject({ id: memberId });

/** Accounts a member can be linked to: by name or username, within the editor's scope. */
export const accountsQuery = z.strictObject({ q: z.string().trim().max(80).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const accountsResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string(), linkedTo: z.object({ memberId: z.string(), name: z.string() }).nullable() }),
  ),
});
export const assignmentParams = z.strictObject({ id: memberId, microGridCode });

const assignmentInput = z.strictObject({ microGridCode, role: assignmentRole.default('member') });

export const createMemberBody = z
  .strictObject({
    name: z.string().trim().min(1).max(NAME_MAX),
    phone,
    unit: z.string().trim().max(UNIT_MAX).nullable().optional(),
    forceType,
    regionCode: regionCodeParam.optional(),
    userId: z.string().min(1).max(64).nullable().optional(),
    assignments: z.array(assignmentInput).max(50).default([]),
  })
  .refine((b) => b.regionCode !== undefined || b.assignments.length > 0, {
    message: '请填写所属区域或至少一个微网格 Give a home region or at least one micro-grid',
    path: ['regionCode'],
  });

export const updateMemberBody = z.strictObject({
  version,
  name: z.string().trim().min(1).max(NAME_MAX).optional(),
  phone: phone.optional(),
  unit: z.string().trim().max(UNIT_MAX).nullable().optional(),
  forceType: forceType.optional(),
  regionCode: regionCodeParam.optional(),
  userId: z.string().min(1).max(64).nullable().optional(),
});

export const versionBody = z.strictObject({ version });
export const assignBody = assignmentInput;

/* ---------- coverage ---------- */

const counts = z.object(Object.fromEntries(FORCE_TYPES.map((t) => [t, z.number()])) as Record<(typeof FORCE_TYPES)[number], z.ZodNumber>);
const staffingKey = z.enum(STAFFING_KEYS);

export const staffingRule = z.strictObject({
  minimum: z.partialRecord(staffingKey, z.number().int().min(0).max(1000)),
  requireLeader: z.boolean().default(false),
});

export const lack = z.object({ key: z.union([staffingKey, z.literal('leader')]), required: z.number(), actual: z.number() });

export const microGridCoverage = z.object({
  code: z.string(),
  name: z.string(),
  gridCode: z.string().nullable(),
  counts,
  total: z.number(),
  leaders: z.number(),
  status: z.enum(['ok', 'lacking', 'empty']),
  lacking: z.array(lack),
});

export const coverageQuery = z.strictObject({ region: regionCodeParam });

export const coverageResponse = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  rule: staffingRule,
  totals: counts.extend({ total: z.number() }),
  summary: z.object({ microGrids: z.number(), ok: z.number(), lacking: z.number(), empty: z.number() }),
  microGrids: z.array(microGridCoverage),
  understaffed: z.array(microGridCoverage),
});

export const staffingRuleView = z.object({ rule: staffingRule, version: z.number(), updatedAt: z.string().nullable() });
export const putStaffingRuleBody = staffingRule.extend({ version: z.number().int().min(0) });

/* ---------- drawn areas ---------- */

export const geojsonImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).optional() });

const featureProperties = z.object({
  code: regionCodeParam.optional(),
  name: z.string().trim().min(1).max(60),
  level: z.enum(['grid', 'micro_grid']),
  parentCode: regionCodeParam,
});

export const geojsonImportBody = z.strictObject({
  type: z.literal('FeatureCollection'),
  // Members GIS tools write beside the features; read and ignored.
  name: z.string().max(200).optional(),
  crs: z.unknown().optional(),
  bbox: z.array(z.number()).optional(),
  features: z
    .array(
      z.strictObject({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        bbox: z.array(z.number()).optional(),
        // Extra attributes a GIS export carries are ignored; the four above are read.
        properties: featureProperties,
        geometry: z.unknown(),
      }),
    )
    .min(1)
    .max(2000),
});

export const overlap = z.object({
  parentCode: z.string(),
  a: z.object({ code: z.string(), name: z.string() }),
  b: z.object({ code: z.string(), name: z.string() }),
});

export const geojsonImportResponse = z.object({
  dryRun: z.boolean(),
  created: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() })),
  overlaps: z.array(overlap),
});

export const overlapsQuery = z.strictObject({ village: regionCodeParam });
export const overlapsResponse = z.object({ village: z.object({ code: z.string(), name: z.string() }), checked: z.number(), overlaps: z.array(overlap) });

export type MemberView = z.infer<typeof memberView>;
export type CreateMemberInput = z.infer<typeof createMemberBody>;
export type UpdateMemberInput = z.infer<typeof updateMemberBody>;
export type ListInput = z.infer<typeof listQuery>;
export type MicroGridCoverage = z.infer<typeof microGridCoverage>;
export type CoverageResponse = z.infer<typeof coverageResponse>;
