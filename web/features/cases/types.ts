/** Types of the cases API, inferred from the server's zod schemas (type-only: nothing is bundled). */
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
export type { ActionType, CaseStatus } from '../../../server/modules/cases/workflow.ts';

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
