import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/index.ts';
import type { Bilingual } from '../indicators.ts';
import type { AppContext } from '../module.ts';

export type CellType = 'string' | 'integer' | 'number' | 'date' | 'boolean' | 'enum' | 'geojson';

/** One column of a spreadsheet: its Chinese header is what users see; the English one is accepted too. */
export interface TabularColumn {
  key: string;
  header: Bilingual;
  type: CellType;
  required?: boolean;
  /** For `enum`: the accepted values (stored form). */
  options?: readonly string[];
  /** For `enum`: the Chinese label of each value, accepted on import and written on export. */
  optionLabels?: Readonly<Record<string, string>>;
  maxLength?: number;
  /** Shown in the template's example row. */
  example?: string;
  note?: string;
}

export interface RowError {
  /** 1-based spreadsheet row number (the header is row 1). */
  row: number;
  column?: string;
  message: string;
}

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  errors: RowError[];
  /** What was imported (or would be) but deserves a look, such as a grid overlapping its neighbour. */
  warnings: RowError[];
  dryRun: boolean;
  applied: boolean;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  errors: RowError[];
  warnings?: RowError[];
}

export interface ImportRow {
  row: number;
  values: Record<string, unknown>;
}

/**
 * An entity that can be exported to and imported from xlsx/csv. A module declares it in its
 * manifest; the platform provides the template, export, dry run, all-or-nothing import and progress.
 */
export interface TabularEntity {
  id: string;
  label: Bilingual;
  columns: readonly TabularColumn[];
  permissions: { export: string; import?: string };
  /** The rows to export, already limited to the actor's scope and the list's filters. */
  exportRows(ctx: AppContext, actor: Actor, filters: Record<string, string>): Promise<Record<string, unknown>[]>;
  /**
   * Validate and write the rows inside `trx`. Return row errors instead of throwing for bad rows;
   * the platform rolls the whole import back when any error is returned or on a dry run.
   * Warnings do not stop the import.
   */
  importRows?(
    ctx: AppContext,
    trx: Tx,
    actor: Actor,
    rows: readonly ImportRow[],
    onProgress: (done: number) => void,
  ): Promise<ImportOutcome>;
}
