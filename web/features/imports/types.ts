import type { CellType, ImportSummary, RowError } from '../../../server/platform/tabular/types.ts';
import type { Bilingual } from '../../lib/i18n.tsx';

export type { ImportSummary, RowError };

export interface TabularColumnView {
  key: string;
  header: Bilingual;
  type: CellType;
  required?: boolean;
  /** Accepted values: the stored value and the Chinese label written in sheets (older servers sent plain strings). */
  options?: ({ value: string; label: string } | string)[];
  maxLength?: number;
  example?: string;
  note?: string;
}

/** An entry of GET /tabular: a spreadsheet the user may download, fill in and upload. */
export interface TabularEntityView {
  id: string;
  label: Bilingual;
  columns: TabularColumnView[];
  canImport: boolean;
  canExport: boolean;
}

export interface ImportStarted {
  jobId: string;
  url: string;
}

export interface ImportJob {
  id: string;
  entity: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  summary?: ImportSummary;
  dryRun?: boolean;
  /** A job that failed as a whole (an unreadable file) says why; row problems may be in `details`. */
  error?: { code?: string; message: string; details?: Record<string, unknown>[] };
  startedAt?: string;
  finishedAt?: string | null;
}

export type Format = 'xlsx' | 'csv';
