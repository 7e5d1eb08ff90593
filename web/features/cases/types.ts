/** Types of the cases API, inferred from the server's zod schemas (type-only: nothing is bundled). */
import type { z } from 'zod';
import type { createCategoryBody, updateCategoryBody } from '../../../server/modules/cases/schema.ts';
import type { AttributeType } from '../../../server/modules/cases/domain.ts';
import type { StageStatus } from '../../../server/modules/cases/workflow.ts';

export type {
  CandidatesResult,
  CaseDetail,
  CaseList,
  CaseSummary,
  CategoryItem,
  NearbyResult,
  NotificationList,
  Photo,
  PublicCase,
  ReportResult,
  TimelineEntry,
} from '../../../server/modules/cases/schema.ts';
export type { ActionType, CaseStatus, StageStatus } from '../../../server/modules/cases/workflow.ts';
export type { AttributeType, CategoryAttribute } from '../../../server/modules/cases/domain.ts';

export type CreateCategoryInput = z.input<typeof createCategoryBody>;
export type UpdateCategoryInput = z.input<typeof updateCategoryBody>;
export type TimeLimit = NonNullable<CreateCategoryInput['limits'][StageStatus]>;

/** The stages a category may limit, in the order a case passes them (the server's `STAGES`). */
export const STAGES = ['reported', 'accepted', 'dispatched', 'handled', 'verified'] as const satisfies readonly StageStatus[];
/** The kinds of extra question (the server's `ATTRIBUTE_TYPES`). */
export const ATTRIBUTE_TYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const satisfies readonly AttributeType[];
/** A category code: lowercase letters, digits and underscores; a sub-category is `parent.child` (the server's `CATEGORY_CODE`). */
export const CODE_PART = /^[a-z][a-z0-9_]{1,30}$/;
/** An extra question's code (the server's attribute schema). */
export const ATTRIBUTE_CODE = /^[a-z][a-z0-9_]{0,40}$/;

export interface CaseMapFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    id: string;
    trackingNo: string;
    category: string;
    categoryName: string;
    status: string;
    overdue: boolean;
    reportedAt: string;
  };
}

export interface CaseMap {
  type: 'FeatureCollection';
  features: CaseMapFeature[];
}

/** What the resident's own phone remembers about reports made from it. */
export interface SavedReport {
  trackingNo: string;
  token: string;
  savedAt: string;
}
