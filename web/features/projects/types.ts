import type { z } from 'zod';
import type { boardView, createProjectBody, ladderView, progressBody, projectBody, projectDetail, projectSummary } from '../../../server/modules/projects/schema.ts';

/** Types come from the server's zod schemas. */
export type ProjectSummary = z.infer<typeof projectSummary>;
export type ProjectDetail = z.infer<typeof projectDetail>;
export type Board = z.infer<typeof boardView>;
export type Ladder = z.infer<typeof ladderView>;
export type ProjectInput = z.input<typeof projectBody>;
export type CreateProjectInput = z.input<typeof createProjectBody>;
export type ProgressInput = z.input<typeof progressBody>;
export type FundingSource = NonNullable<ProjectInput['funding']>[number]['source'];

export interface ProjectPage {
  items: ProjectSummary[];
  nextCursor: string | null;
}

/** The list's filters, as they ride in the URL and in the export. */
export interface ProjectFilters {
  q?: string;
  status?: string;
  region?: string;
  ownerKind?: string;
}

/** 12345678 fen → "123,456.78". Money stays integer fen everywhere else. */
export function formatYuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "1234.5" yuan → 123450 fen, or null when it is not an amount. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = Number(yuan);
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n * 100);
}
