import { z } from 'zod';
import { cursorParam, formatParam, limitParam, regionCodeParam } from '../../platform/http/schemas.ts';
import { MAX_CAPACITY, ORG_DOMAINS, TAGS } from './domain.ts';

export const orgDomain = z.enum(ORG_DOMAINS);
export const tag = z.enum(TAGS);
const tags = z.array(tag).max(TAGS.length);
const phone = z.string().trim().max(20);
export const idParam = z.uuid();

export const orgView = z.object({
  id: z.string(),
  name: z.string(),
  domain: orgDomain,
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  anchorRegionCode: z.string().nullable(),
  liaisonName: z.string().nullable(),
  /** Masked (138****5678) unless the viewer may see personal data and asked for one record. */
  liaisonPhone: z.string().nullable(),
  capacity: z.number().int(),
  resourceTags: z.array(z.string()),
  needTags: z.array(z.string()),
  note: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(40).optional(),
  domain: z
    .string()
    .max(200)
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .refine((v) => v.split(',').every((d) => (ORG_DOMAINS as readonly string[]).includes(d)), '未知的领域 Unknown domain')
    .optional(),
  region: regionCodeParam.optional(),
  tag: tag.optional(),
  need: tag.optional(),
  parentId: idParam.optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  cursor: cursorParam,
  limit: limitParam,
  format: formatParam,
});

export const idParams = z.strictObject({ id: idParam });

export const createOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(80),
  domain: orgDomain,
  parentId: idParam.nullable().optional(),
  regionCode: regionCodeParam,
  liaisonName: z.string().trim().min(1).max(40).nullable().optional(),
  liaisonPhone: phone.nullable().optional(),
  capacity: z.number().int().min(0).max(MAX_CAPACITY),
  resourceTags: tags.default([]),
  needTags: tags.default([]),
  note: z.string().trim().max(500).nullable().optional(),
});

export const updateOrgBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(2).max(80).optional(),
  domain: orgDomain.optional(),
  parentId: idParam.nullable().optional(),
  regionCode: regionCodeParam.optional(),
  liaisonName: z.string().trim().min(1).max(40).nullable().optional(),
  liaisonPhone: phone.nullable().optional(),
  capacity: z.number().int().min(0).max(MAX_CAPACITY).optional(),
  resourceTags: tags.optional(),
  needTags: tags.optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

export const archiveBody = z.strictObject({ version: z.number().int().min(1) });

export const vocabularyResponse = z.object({
  domains: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
  tags: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
});

export type OrgView = z.infer<typeof orgView>;
export type CreateOrgInput = z.infer<typeof createOrgBody>;
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;
export type ListOrgsQuery = z.infer<typeof listQuery>;
