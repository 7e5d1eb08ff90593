import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellType, TabularColumn, TabularEntity } from './types.ts';

/**
 * Writing spreadsheets people open in Excel or WPS: xlsx with a bold frozen Chinese header and
 * sensible widths, or csv in UTF-8 with a BOM (without it Excel shows Chinese as mojibake).
 * Enum values are written as their Chinese labels, which the import accepts back.
 */

export type TableFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const UTF8_BOM = '\uFEFF';
/** How far down a template's drop-down lists and text formatting reach. */
const TEMPLATE_ROWS = 1000;

const TYPE_LABELS: Record<CellType, string> = {
  string: '文本 Text',
  integer: '整数 Integer',
  number: '数字 Number',
  date: '日期 Date',
  boolean: '是/否 Yes/No',
  enum: '选项 Option',
  geojson: 'GeoJSON',
};

function dateOnly(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}

/** A value as a person reads it in the cell: labels for options, 是/否 for booleans, JSON text for shapes. */
function cellValue(column: TabularColumn, value: unknown, format: TableFormat): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'enum':
      return column.optionLabels?.[String(value)] ?? String(value);
    case 'boolean':
      if (typeof value === 'boolean' || typeof value === 'number') return value ? '是' : '否';
      return String(value);
    case 'date': {
      const date = dateOnly(value);
      if (date === null) return String(value);
      return format === 'xlsx' ? new Date(`${date}T00:00:00Z`) : date;
    }
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : String(value);
    case 'geojson':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'string':
      return typeof value === 'string' ? value : String(value);
    default:
      return String(value);
  }
}

/** Display width in Excel's units: Chinese characters take two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return width;
}

function columnWidths(columns: readonly TabularColumn[], rows: readonly (string | number | Date | null)[][]): number[] {
  return columns.map((column, i) => {
    let width = Math.max(textWidth(column.header.zh), 6);
    for (const row of rows.slice(0, 200)) {
      const v = row[i];
      if (v !== null && v !== undefined) width = Math.max(width, v instanceof Date ? 10 : textWidth(String(v)));
    }
    return Math.min(width + 2, column.type === 'geojson' ? 40 : 60);
  });
}

/** Sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

interface DataValidationTarget {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** Drop-down lists for option and yes/no columns, so people pick a valid value in Excel. */
function addDropDowns(sheet: ExcelJS.Worksheet, columns: readonly TabularColumn[], lastRow: number): void {
  if (lastRow < 2) return;
  columns.forEach((column, i) => {
    const choices = column.type === 'enum' ? (column.options ?? []).map((o) => column.optionLabels?.[o] ?? o) : column.type === 'boolean' ? ['是', '否'] : [];
    const list = choices.join(',');
    // Excel refuses inline lists longer than 255 characters or containing commas inside a choice.
    if (choices.length === 0 || list.length > 250 || choices.some((c) => c.includes(',') || c.includes('"'))) return;
    const letter = columnLetter(i + 1);
    // exceljs supports range validations but its typings do not declare them.
    (sheet as unknown as DataValidationTarget).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`"${list}"`],
      showErrorMessage: true,
      errorTitle: column.header.zh,
      error: `请从 ${choices.join('、')} 中选择`,
    });
  });
}

interface XlsxSheet {
  name: string;
  columns: readonly TabularColumn[];
  rows: readonly Record<string, unknown>[];
  /** Rows the drop-downs reach at least (templates reach further than the example row). */
  minValidatedRows?: number;
}

async function writeXlsx(sheets: readonly XlsxSheet[], notes?: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  // The streaming writer is about twice as fast as the in-memory workbook for large exports.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Gongzhi 共治';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(sheetName(spec.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    const values = spec.rows.map((row) => spec.columns.map((c) => cellValue(c, row[c.key], 'xlsx')));
    const widths = columnWidths(spec.columns, values);
    sheet.columns = spec.columns.map((column, i) => ({
      key: column.key,
      width: widths[i],
      // Codes and names stay text when typed in (Excel would turn 510113002001 into 5.10113E+11).
      style: column.type === 'string' ? { numFmt: '@' } : column.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
    addDropDowns(sheet, spec.columns, Math.max(values.length + 1, spec.minValidatedRows ?? 0));
    const header = sheet.addRow(spec.columns.map((c) => c.header.zh));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    header.commit();
    for (const row of values) sheet.addRow(row).commit();
    sheet.commit();
  }
  notes?.(workbook);
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** RFC 4180 quoting; text that Excel would run as a formula gets a leading apostrophe. */
function csvField(column: TabularColumn | null, value: string | number | Date | null): string {
  if (value === null) return '';
  let text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (column?.type === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(columns: readonly TabularColumn[], rows: readonly Record<string, unknown>[]): Buffer {
  const lines = [columns.map((c) => csvField(null, c.header.zh)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c, cellValue(c, row[c.key], 'csv'))).join(','));
  return Buffer.from(`${UTF8_BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The rows of an entity as a spreadsheet, one column per declared column, headers in Chinese. */
export async function writeTable(entity: Pick<TabularEntity, 'label' | 'columns'>, rows: readonly Record<string, unknown>[], format: TableFormat): Promise<Buffer> {
  if (format === 'csv') return writeCsv(entity.columns, rows);
  return writeXlsx([{ name: entity.label.zh, columns: entity.columns, rows }]);
}

/** What the 说明 sheet says about one column. */
function allowedValues(column: TabularColumn): string {
  switch (column.type) {
    case 'enum':
      return (column.options ?? []).map((o) => (column.optionLabels?.[o] ? `${column.optionLabels[o]}（${o}）` : o)).join('、');
    case 'boolean':
      return '是、否（也可填 true/false、1/0）';
    case 'date':
      return '2024-01-05 或 2024/1/5';
    case 'integer':
      return '整数 Whole numbers';
    case 'number':
      return '数字 Numbers';
    case 'geojson':
      return 'GeoJSON 文本 GeoJSON text';
    case 'string':
      return column.maxLength ? `最多 ${column.maxLength} 字 Up to ${column.maxLength} characters` : '';
    default:
      return '';
  }
}

function exampleRow(columns: readonly TabularColumn[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c.key, c.example ?? null]));
}

/**
 * The import template: the header and one example row; for xlsx also a 说明 sheet that lists each
 * column's headers, type, whether it is required, the values it accepts, and a note.
 */
export async function writeTemplate(entity: Pick<TabularEntity, 'label' | 'columns'>, format: TableFormat): Promise<Buffer> {
  const rows = [exampleRow(entity.columns)];
  if (format === 'csv') return writeCsv(entity.columns, rows);
  return writeXlsx([{ name: entity.label.zh, columns: entity.columns, rows, minValidatedRows: TEMPLATE_ROWS }], (workbook) => {
    const notes = workbook.addWorksheet('说明', { views: [{ state: 'frozen', ySplit: 1 }] });
    notes.columns = [18, 24, 14, 14, 40, 60].map((width) => ({ width }));
    const header = notes.addRow(['列名 Header', '英文列名 English header', '类型 Type', '必填 Required', '可填的值 Allowed values', '说明 Note']);
    header.font = { bold: true };
    header.commit();
    for (const column of entity.columns) {
      notes.addRow([column.header.zh, column.header.en, TYPE_LABELS[column.type], column.required ? '是' : '否', allowedValues(column), column.note ?? '']).commit();
    }
    notes.addRow([]).commit();
    notes.addRow(['第 2 行是示例，导入前请替换或删除。表头可用中文或英文列名；空行会被跳过；任何一行有错则整批不导入。']).commit();
    notes.addRow(['Row 2 is an example: replace or delete it before importing. Headers may be Chinese or English; empty rows are skipped; if any row has an error, nothing is imported.']).commit();
    notes.commit();
  });
}
