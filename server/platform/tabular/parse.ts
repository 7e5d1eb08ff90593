import ExcelJS, { type CellValue, type Row } from 'exceljs';
import { AppError } from '../http/errors.ts';
import type { ImportRow, RowError, TabularColumn } from './types.ts';

/**
 * Reading an uploaded spreadsheet: recognise xlsx or csv by its bytes, find the header row, map
 * the headers onto the entity's columns and convert every cell by its column's type. Bad cells
 * become row errors (row = the spreadsheet's own row number, column = the Chinese header), so an
 * official can go straight to the cell in Excel.
 */

export type FileFormat = 'xlsx' | 'csv';

/** More data rows than this are refused before any of them is looked at. */
export const MAX_ROWS = 100_000;

/** A title row or two above the header is common in government sheets; look this far for the header. */
const HEADER_SEARCH_ROWS = 10;

export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as Excel shows it (for csv: the record number). */
  row: number;
  cells: Cell[];
}

export interface ParseResult {
  format: FileFormat;
  /** Data rows in the file (good and bad), empty rows not counted. */
  total: number;
  rows: ImportRow[];
  errors: RowError[];
}

const unsupported = (message: string) => new AppError(415, 'unsupported_media_type', message);

const tooManyRows = () =>
  new AppError(413, 'payload_too_large', `文件超过 ${MAX_ROWS.toLocaleString('en')} 行，请拆分后分批导入 The file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it`);

/* ---------- recognising the file ---------- */

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buffer: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => buffer[i] === byte);
}

/** Control characters never found in a text file (tabs and line breaks aside) mean binary data: an image, a zip. */
function looksBinary(text: string): boolean {
  const end = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7f || (c < 0x20 && (c < 0x09 || c > 0x0d))) return true;
  }
  return false;
}

/**
 * The text of a csv upload: UTF-8 (BOM stripped), UTF-16 with a BOM (Excel's "Unicode text"),
 * or GB18030/GBK as older Excel versions save csv in China. Null when it is not text at all.
 */
export function decodeText(buffer: Uint8Array): string | null {
  let text: string | null = null;
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) text = new TextDecoder('utf-8').decode(buffer.subarray(3));
  else if (buffer[0] === 0xff && buffer[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buffer.subarray(2));
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = new TextDecoder('utf-16be').decode(buffer.subarray(2));
  else {
    for (const encoding of ['utf-8', 'gb18030']) {
      try {
        text = new TextDecoder(encoding, { fatal: true }).decode(buffer);
        break;
      } catch {
        // not this encoding; try the next
      }
    }
  }
  if (text === null || looksBinary(text)) return null;
  return text;
}

type Sniffed = { format: 'xlsx' } | { format: 'csv'; text: string };

function sniff(buffer: Uint8Array): Sniffed {
  if (buffer.length === 0) throw new AppError(400, 'bad_request', '文件为空 The file is empty');
  if (startsWith(buffer, ZIP_MAGIC)) return { format: 'xlsx' };
  if (startsWith(buffer, OLE_MAGIC)) {
    throw unsupported('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入 Legacy .xls is not supported: save it as .xlsx');
  }
  const text = decodeText(buffer);
  if (text === null) throw unsupported('文件不是 .xlsx 或 .csv 表格 The file is neither .xlsx nor .csv');
  return { format: 'csv', text };
}

/** Which reader a file needs, from its bytes rather than its name or declared type; 415 for anything else. */
export function detectFormat(buffer: Uint8Array): FileFormat {
  return sniff(buffer).format;
}

/* ---------- csv ---------- */

/** The separator Excel used: commas, or tabs (Unicode text), or semicolons (European locales). */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/)).replace(/"[^"]*"/g, '');
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const commas = count(',');
  const tabs = count('\t');
  const semicolons = count(';');
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas && semicolons > tabs) return ';';
  return ',';
}

/** RFC 4180 records; lenient where Excel is (a stray quote inside an unquoted field is kept as is). */
export function parseCsv(text: string, maxRows = MAX_ROWS + HEADER_SEARCH_ROWS): SheetRow[] {
  const delimiter = detectDelimiter(text);
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let record = 1;
  let nonEmpty = 0;
  const endField = () => {
    cells.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (cells.some((c) => c !== '')) {
      if (++nonEmpty > maxRows) throw tooManyRows();
      rows.push({ row: record, cells });
    }
    record++;
    cells = [];
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n') endRecord();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}

/* ---------- xlsx ---------- */

function cellOf(value: CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellOf(value.result as CellValue);
  if ('hyperlink' in value) return cellOf(value.text as CellValue);
  return null;
}

function cellsOf(row: Row): Cell[] {
  // row.values is 1-based and sparse
  const values = row.values as (CellValue | undefined)[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
  return cells;
}

/** Our template's explanation sheet; a user may have moved it to the front. */
const NOTES_SHEET = '说明';

/**
 * The first worksheet's rows. The whole workbook is loaded at once (uploads are at most 10 MB):
 * ExcelJS's streaming reader garbles a multi-byte character that falls on a chunk boundary,
 * which in a large Chinese file means a few corrupted names.
 */
async function readXlsx(buffer: Buffer, maxRows: number): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unsupported('文件已损坏或不是有效的 .xlsx 表格 The file is damaged or not a valid .xlsx workbook');
  }
  const sheet = workbook.worksheets.find((ws) => ws.name !== NOTES_SHEET);
  if (!sheet) throw unsupported('文件中没有工作表 The workbook has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = cellsOf(row);
    if (!cells.some((c) => c !== null && c !== '')) return;
    rows.push({ row: row.number, cells });
  });
  if (rows.length > maxRows) throw tooManyRows();
  return rows;
}

/** The non-empty rows of the first sheet (xlsx) or of the file (csv). */
export async function readSheet(buffer: Buffer): Promise<{ format: FileFormat; rows: SheetRow[] }> {
  const sniffed = sniff(buffer);
  const limit = MAX_ROWS + HEADER_SEARCH_ROWS;
  if (sniffed.format === 'xlsx') return { format: 'xlsx', rows: await readXlsx(buffer, limit) };
  return { format: 'csv', rows: parseCsv(sniffed.text, limit) };
}

/* ---------- cells to values ---------- */

type Converted = { value: unknown } | { error: string };

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 in the 1900 date system (with its leap-year quirk folded in for dates after March 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

function textOf(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return String(cell).trim();
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER_TEXT = /^[+-]?\d+$/;
/** "1,234,567" as typed or exported with thousands separators. */
const withoutThousands = (s: string) => (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replaceAll(',', '') : s);

const TRUE_WORDS = new Set(['是', 'true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['否', 'false', '0', 'no', 'n']);


function convertDate(cell: Cell): Converted {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { error: '日期无效 Invalid date' } : { value: isoDate(cell) };
  if (typeof cell === 'number') {
    // An Excel serial day number in a cell that was not formatted as a date.
    if (cell >= 1 && cell < 2_958_466) return { value: isoDate(new Date(EXCEL_EPOCH + Math.floor(cell) * MS_PER_DAY)) };
    return { error: '日期无效 Invalid date' };
  }
  const s = textOf(cell);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const date = m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return date ? { value: date } : { error: `日期格式应为 2024-01-05 或 2024/1/5，收到「${s}」 Expected a date like 2024-01-05` };
}

function optionsText(column: TabularColumn): string {
  return (column.options ?? []).map((o) => column.optionLabels?.[o] ?? o).join('、');
}

/** Convert one cell by its column's type. Blank cells are handled by the caller. */
export function convertCell(column: TabularColumn, cell: Cell): Converted {
  switch (column.type) {
    case 'string': {
      const s = textOf(cell);
      if (column.maxLength !== undefined && [...s].length > column.maxLength) {
        return { error: `不能超过 ${column.maxLength} 个字 At most ${column.maxLength} characters` };
      }
      return { value: s };
    }
    case 'integer': {
      const n = typeof cell === 'number' ? cell : INTEGER_TEXT.test(withoutThousands(textOf(cell))) ? Number(withoutThousands(textOf(cell))) : NaN;
      if (!Number.isSafeInteger(n)) return { error: `应为整数，收到「${textOf(cell)}」 Expected an integer` };
      return { value: n };
    }
    case 'number': {
      const s = withoutThousands(textOf(cell));
      const n = typeof cell === 'number' ? cell : NUMBER_TEXT.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(n)) return { error: `应为数字，收到「${textOf(cell)}」 Expected a number` };
      return { value: n };
    }
    case 'date':
      return convertDate(cell);
    case 'boolean': {
      if (typeof cell === 'boolean') return { value: cell };
      const s = textOf(cell).toLowerCase();
      if (TRUE_WORDS.has(s)) return { value: true };
      if (FALSE_WORDS.has(s)) return { value: false };
      return { error: `应为「是」或「否」，收到「${textOf(cell)}」 Expected 是 or 否 (yes or no)` };
    }
    case 'enum': {
      const s = textOf(cell);
      const lower = s.toLowerCase();
      for (const option of column.options ?? []) {
        if (option.toLowerCase() === lower || column.optionLabels?.[option] === s) return { value: option };
      }
      return { error: `应为 ${optionsText(column)} 之一，收到「${s}」 Expected one of: ${(column.options ?? []).join(', ')}` };
    }
    case 'geojson': {
      const s = textOf(cell);
      try {
        const value = JSON.parse(s) as unknown;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: '应为 GeoJSON 对象 Expected a GeoJSON object' };
        return { value };
      } catch {
        return { error: '不是合法的 JSON 文本 Not valid JSON' };
      }
    }
    default:
      return { error: `不支持的列类型 Unsupported column type ${String(column.type as string)}` };
  }
}

/* ---------- headers and rows ---------- */

function normaliseHeader(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim().toLowerCase();
}

/** Every accepted spelling of every column's header: the Chinese one, the English one, the key. */
function headerIndex(columns: readonly TabularColumn[]): Map<string, TabularColumn> {
  const index = new Map<string, TabularColumn>();
  for (const column of columns) {
    for (const name of [column.header.zh, column.header.en, column.key]) index.set(normaliseHeader(name), column);
  }
  return index;
}

/** Values that spreadsheet programs run as formulas; our csv export prefixes them with an apostrophe. */
const FORMULA_START = /^'[=+\-@\t\r]/;

export interface ParseOptions {
  /** Undo the apostrophe the csv export puts before text that would otherwise run as a formula. */
  unescapeFormulas?: boolean;
}

/**
 * Map sheet rows onto columns. The header is the first row (within the first few non-empty rows)
 * that names one of the columns, so a title row above it does no harm.
 */
export function parseRows(columns: readonly TabularColumn[], sheetRows: readonly SheetRow[], options: ParseOptions = {}): Omit<ParseResult, 'format'> {
  const index = headerIndex(columns);
  const searched = sheetRows.slice(0, HEADER_SEARCH_ROWS);
  const headerAt = Math.max(
    0,
    searched.findIndex((r) => r.cells.some((c) => !isBlank(c) && index.has(normaliseHeader(textOf(c))))),
  );
  const header = sheetRows[headerAt];
  if (!header) {
    return { total: 0, rows: [], errors: [{ row: 1, message: '文件中没有表头和数据 The file has no header row' }] };
  }

  const errors: RowError[] = [];
  const positions: { at: number; column: TabularColumn }[] = [];
  const seen = new Set<string>();
  header.cells.forEach((cell, at) => {
    if (isBlank(cell)) return;
    const text = textOf(cell);
    const column = index.get(normaliseHeader(text));
    if (!column) {
      errors.push({ row: header.row, column: text, message: `未知的列「${text}」 Unknown column` });
    } else if (seen.has(column.key)) {
      errors.push({ row: header.row, column: column.header.zh, message: `列「${column.header.zh}」重复 The column appears twice` });
    } else {
      seen.add(column.key);
      positions.push({ at, column });
    }
  });
  for (const column of columns) {
    if (column.required && !seen.has(column.key)) {
      errors.push({ row: header.row, column: column.header.zh, message: `缺少必填列「${column.header.zh}」 Required column missing` });
    }
  }
  if (errors.length > 0) return { total: 0, rows: [], errors };

  const dataRows = sheetRows.slice(headerAt + 1);
  if (dataRows.length > MAX_ROWS) throw tooManyRows();
  const rows: ImportRow[] = [];
  let total = 0;
  for (const sheetRow of dataRows) {
    if (sheetRow.cells.every(isBlank)) continue;
    total++;
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const { at, column } of positions) {
      let cell = sheetRow.cells[at] ?? null;
      if (options.unescapeFormulas && typeof cell === 'string' && FORMULA_START.test(cell)) cell = cell.slice(1);
      if (isBlank(cell)) {
        if (column.required) {
          errors.push({ row: sheetRow.row, column: column.header.zh, message: '必填 Required' });
          ok = false;
        } else values[column.key] = null;
        continue;
      }
      const converted = convertCell(column, cell);
      if ('error' in converted) {
        errors.push({ row: sheetRow.row, column: column.header.zh, message: converted.error });
        ok = false;
      } else values[column.key] = converted.value;
    }
    if (ok && isTemplateExample(columns, values)) {
      errors.push({ row: sheetRow.row, message: '这是模板中的示例行，请替换或删除后再导入 This is the template’s example row: replace or delete it' });
      ok = false;
    }
    if (ok) rows.push({ row: sheetRow.row, values });
  }
  return { total, rows, errors };
}

/**
 * The row is the template's example, unchanged: every column with an example holds it (and every
 * other column is empty). Imported as it stands, it would create or change a record by accident.
 */
function isTemplateExample(columns: readonly TabularColumn[], values: Readonly<Record<string, unknown>>): boolean {
  const withExample = columns.filter((c) => c.example !== undefined);
  if (withExample.length === 0) return false;
  return columns.every((column) => {
    const value = values[column.key] ?? null;
    if (column.example === undefined) return value === null;
    const example = convertCell(column, column.example);
    return !('error' in example) && example.value === value;
  });
}

/** Read and convert an upload in one step. */
export async function parseSpreadsheet(columns: readonly TabularColumn[], buffer: Buffer): Promise<ParseResult> {
  const sheet = await readSheet(buffer);
  const parsed = parseRows(columns, sheet.rows, { unescapeFormulas: sheet.format === 'csv' });
  return { format: sheet.format, ...parsed };
}
