import type { z } from 'zod';
import type { createOrgBody, orgView, updateOrgBody, vocabularyResponse } from '../../../server/modules/orgs/schema.ts';

/** Types come from the server's zod schemas. */
export type Org = z.infer<typeof orgView>;
export type OrgDomain = Org['domain'];
export type Tag = NonNullable<CreateOrgInput['resourceTags']>[number];
export type CreateOrgInput = z.input<typeof createOrgBody>;
export type UpdateOrgInput = z.input<typeof updateOrgBody>;
export type Vocabulary = z.infer<typeof vocabularyResponse>;

export interface OrgPage {
  items: Org[];
  nextCursor: string | null;
}

/** The list's filters, as they ride in the URL and in the export. */
export interface OrgFilters {
  q?: string;
  domain?: string;
  region?: string;
  tag?: string;
  need?: string;
  includeArchived?: string;
}

/** Domains whose organisation is a region's own (made from the region tree). */
export const REGION_DOMAINS: readonly OrgDomain[] = ['town', 'village', 'urban_community'];
