import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { z } from 'zod';
import type {
  coverageResponse,
  createMemberBody,
  geojsonImportResponse,
  memberPage,
  memberView,
  microGridCoverage,
  overlapsResponse,
  staffingRule,
  staffingRuleView,
  updateMemberBody,
} from '../../../server/modules/grid/schema.ts';

/** Types come from the server's zod schemas. */
export type Member = z.infer<typeof memberView>;
export type MemberPage = z.infer<typeof memberPage>;
export type ForceType = Member['forceType'];
export type AssignmentRole = Member['assignments'][number]['role'];
export type CreateMemberInput = z.input<typeof createMemberBody>;
export type UpdateMemberInput = z.input<typeof updateMemberBody>;
export type Coverage = z.infer<typeof coverageResponse>;
export type MicroGridCoverage = z.infer<typeof microGridCoverage>;
export type StaffingStatus = MicroGridCoverage['status'];
export type StaffingRule = z.infer<typeof staffingRule>;
export type StaffingRuleView = z.infer<typeof staffingRuleView>;
export type StaffingKey = keyof StaffingRule['minimum'];
export type GeojsonImportResult = z.infer<typeof geojsonImportResponse>;
export type OverlapReport = z.infer<typeof overlapsResponse>;

export type Area = Polygon | MultiPolygon;
export type CoverageMap = FeatureCollection<Area, { code: string; name: string; gridCode: string | null; status: StaffingStatus; total: number; leaders: number; lacking: string } & Record<ForceType, number>>;
export type DrawnAreas = FeatureCollection<Area, { code: string; name: string; level: 'grid' | 'micro_grid'; parentCode: string }>;

export const FORCE_TYPES = ['agency_cadre', 'town_cadre', 'committee_member', 'enforcement', 'industry_service', 'social_volunteer'] as const satisfies readonly ForceType[];
export const ROLES = ['leader', 'member'] as const satisfies readonly AssignmentRole[];
export const STAFFING_KEYS = ['cadre', 'committee_member', 'agency_cadre', 'town_cadre', 'enforcement', 'industry_service', 'social_volunteer', 'any'] as const satisfies readonly StaffingKey[];

/** The list's filters, as they ride in the URL and in the export. */
export interface MemberFilters {
  q?: string;
  forceType?: string;
  microGrid?: string;
  region?: string;
  role?: string;
  status?: string;
}
