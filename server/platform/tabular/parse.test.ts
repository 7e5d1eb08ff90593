import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { detectFormat, MAX_ROWS, parseCsv, parseSpreadsheet, readSheet } from './parse.ts';
import type { TabularColumn } from './types.ts';
import { writeTable, writeTemplate } from './write.ts';

const COLUMNS: TabularColumn[] = [
  { key: 'code', header: { zh: '编码', en: 'Code' }, type: 'string', maxLength: 16 },
  { key: 'name', header: { zh: '名称', en: 'Name' }, type: 'string', required: true, maxLength: 6 },
  { key: 'households', header: { zh: '户数', en: 'Households' }, type: 'integer' },
  { key: 'area', header: { zh: '面积（亩）', en: 'Area (mu)' }, type: 'number' },
  { key: 'since', header: { zh: '成立日期', en: 'Founded' }, type: 'date' },
  { key: 'active', header: { zh: '是否启用', en: 'Active' }, type: 'boolean' },
  { key: 'level', header: { zh: '层级', en: 'Level' }, type: 'enum', options: ['grid', 'micro_grid'], optionLabels: { grid: '网格', micro_grid: '微网格' } },
  { key: 'geometry', header: { zh: '边界', en: 'Boundary' }, type: 'geojson' },
];
const ZH = COLUMNS.map((c) => c.header.zh);

async function xlsx(rows: unknown[][], sheetName = '数据'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (text: string) => Buffer.from(text, 'utf8');

/** exceljs types its input as an ArrayBuffer. */
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

async function expectAppError(promise: Promise<unknown> | (() => unknown), status: number, code: string) {
  let caught: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).status).toBe(status);
  expect((caught as AppError).code).toBe(code);
}

describe('reading xlsx', () => {
  it('maps Chinese headers onto columns and converts every type', async () => {
    const file = await xlsx([
      ZH,
      ['51011300200101', ' 第一网格 ', 120, 35.5, new Date(Date.UTC(2024, 0, 5)), '是', '网格', '{"type":"Point","coordinates":[104.2,30.8]}'],
      [51011300200102, '第二网格', '1,234', '12.25', '2024/1/5', false, 'micro_grid', null],
    ]);
    const result = await parseSpreadsheet(COLUMNS, file);
    expect(result.format).toBe('xlsx');
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(2);
    expect(result.rows).toEqual([
      {
        row: 2,
        values: {
          code: '51011300200101',
          name: '第一网格',
          households: 120,
          area: 35.5,
          since: '2024-01-05',
          active: true,
          level: 'grid',
          geometry: { type: 'Point', coordinates: [104.2, 30.8] },
        },
      },
      {
        row: 3,
        values: { code: '51011300200102', name: '第二网格', households: 1234, area: 12.25, since: '2024-01-05', active: false, level: 'micro_grid', geometry: null },
      },
    ]);
  });

  it('reads a date typed as an Excel serial number', async () => {
    const result = await parseSpreadsheet(COLUMNS, await xlsx([['名称', '成立日期'], ['甲', 45296]]));
    expect(result.rows[0]?.values.since).toBe('2024-01-05');
  });

  it('skips empty rows but keeps the spreadsheet row numbers in errors', async () => {
    const file = await xlsx([['名称', '户数'], ['甲', 1], [], [null, null], ['乙', '很多']]);
    const result = await parseSpreadsheet(COLUMNS, file);
    expect(result.total).toBe(2);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.errors).toEqual([{ row: 5, column: '户数', message: expect.stringContaining('整数') }]);
  });

  it('finds the header below a title row', async () => {
    const file = await xlsx([['青白江区网格清单'], ['名称', '层级'], ['甲', '网格']]);
    const result = await parseSpreadsheet(COLUMNS, file);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 3, values: { name: '甲', level: 'grid' } }]);
  });

  it('reads the first sheet, not the 说明 sheet in front of it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['列名', '说明']);
    const data = workbook.addWorksheet('数据');
    data.addRow(['名称']);
    data.addRow(['甲']);
    const result = await parseSpreadsheet(COLUMNS, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.rows).toEqual([{ row: 2, values: { name: '甲' } }]);
  });

  it('refuses a zip that is not a workbook, and a damaged one', async () => {
    const good = await xlsx([['名称'], ['甲']]);
    await expectAppError(readSheet(good.subarray(0, good.length >> 1)), 415, 'unsupported_media_type');
    await expectAppError(readSheet(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])), 415, 'unsupported_media_type');
  });
});

describe('reading csv', () => {
  it('accepts English headers in any case, with a BOM', async () => {
    const result = await parseSpreadsheet(COLUMNS, csv('\uFEFFNAME, households ,level\r\n甲,3,Grid\r\n'));
    expect(result.format).toBe('csv');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 2, values: { name: '甲', households: 3, level: 'grid' } }]);
  });

  it('reads GB18030 text as older Excel saves it', async () => {
    // "编码,名称,层级\r\n,怡湖第一网格,网格\r\n" in GB18030
    const bytes = [177, 224, 194, 235, 44, 195, 251, 179, 198, 44, 178, 227, 188, 182, 13, 10, 44, 226, 249, 186, 254, 181, 218, 210, 187, 205, 248, 184, 241, 44, 205, 248, 184, 241, 13, 10];
    const result = await parseSpreadsheet(COLUMNS, Buffer.from(bytes));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 2, values: { code: null, name: '怡湖第一网格', level: 'grid' } }]);
  });

  it('follows RFC 4180 quoting; a record spanning lines is one row', () => {
    const rows = parseCsv('a,b\r\n"x, ""y""","line one\nline two"\r\nlast,\r\n');
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, "y"', 'line one\nline two'] },
      { row: 3, cells: ['last', ''] },
    ]);
  });

  it('reads tab-separated text (Excel "Unicode text" in UTF-16)', async () => {
    const text = '名称\t户数\r\n甲\t7\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await parseSpreadsheet(COLUMNS, utf16);
    expect(result.rows).toEqual([{ row: 2, values: { name: '甲', households: 7 } }]);
  });

  it('removes the apostrophe the export puts before formula-like text', async () => {
    const result = await parseSpreadsheet(COLUMNS, csv("名称,编码\r\n'=1+1,'-5\r\n"));
    expect(result.rows[0]?.values).toEqual({ name: '=1+1', code: '-5' });
  });
});

describe('cell conversion errors name the row and the Chinese column', () => {
  const cases: [string, string, string][] = [
    ['户数', '3.5', '整数'],
    ['户数', 'abc', '整数'],
    ['面积（亩）', '12亩', '数字'],
    ['成立日期', '2024-02-30', '日期'],
    ['成立日期', '五月', '日期'],
    ['是否启用', '也许', '是'],
    ['层级', '小区', '网格、微网格'],
    ['边界', '{not json', 'JSON'],
    ['边界', '[1,2]', 'GeoJSON'],
    ['名称', '一二三四五六七', '6'],
  ];
  it.each(cases)('%s = %s', async (column, value, hint) => {
    const header = column === '名称' ? '名称' : `名称,${column}`;
    const line = column === '名称' ? `"${value}"` : `甲,"${value.replaceAll('"', '""')}"`;
    const result = await parseSpreadsheet(COLUMNS, csv(`${header}\n\n${line}\n`));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ row: 3, column, message: expect.stringContaining(hint) }]);
  });

  it('accepts every spelling of yes and no, dates and enum labels', async () => {
    const lines = ['是否启用,成立日期,层级,名称', '是,2024-01-05,网格,a', '否,2024/1/5,微网格,b', 'true,2024.01.05,GRID,c', 'FALSE,2024年1月5日,micro_grid,d', '1,20240105,网格,e', '0,2024-01-05 08:30,网格,f'];
    const result = await parseSpreadsheet(COLUMNS, csv(lines.join('\n')));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.values.active)).toEqual([true, false, true, false, true, false]);
    expect(new Set(result.rows.map((r) => r.values.since))).toEqual(new Set(['2024-01-05']));
    expect(result.rows.map((r) => r.values.level)).toEqual(['grid', 'micro_grid', 'grid', 'micro_grid', 'grid', 'grid']);
  });

  it('reports a blank required cell', async () => {
    const result = await parseSpreadsheet(COLUMNS, csv('名称,户数\n甲,1\n ,2\n'));
    expect(result.errors).toEqual([{ row: 3, column: '名称', message: expect.stringContaining('必填') }]);
  });
});

describe('headers', () => {
  it('reports a missing required column on row 1', async () => {
    const result = await parseSpreadsheet(COLUMNS, csv('编码,户数\n1,2\n'));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ row: 1, column: '名称', message: expect.stringContaining('缺少必填列') }]);
  });

  it('reports an unknown column by its own header', async () => {
    const result = await parseSpreadsheet(COLUMNS, await xlsx([['名称', '备注'], ['甲', 'x']]));
    expect(result.errors).toEqual([{ row: 1, column: '备注', message: expect.stringContaining('未知的列') }]);
  });

  it('reports a column given twice', async () => {
    const result = await parseSpreadsheet(COLUMNS, csv('名称,Name\n甲,乙\n'));
    expect(result.errors).toEqual([{ row: 1, column: '名称', message: expect.stringContaining('重复') }]);
  });
});

describe('recognising files', () => {
  it('refuses images, random bytes, legacy .xls and empty files', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    await expectAppError(() => detectFormat(png), 415, 'unsupported_media_type');
    await expectAppError(() => detectFormat(random), 415, 'unsupported_media_type');
    await expectAppError(() => detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), 415, 'unsupported_media_type');
    await expectAppError(() => detectFormat(Buffer.alloc(0)), 400, 'bad_request');
  });

  it(`refuses more than ${MAX_ROWS.toLocaleString('en')} rows`, async () => {
    const text = `名称\n${'甲\n'.repeat(MAX_ROWS + 1)}`;
    await expectAppError(parseSpreadsheet(COLUMNS, csv(text)), 413, 'payload_too_large');
    const atLimit = await parseSpreadsheet(COLUMNS, csv(`名称\n${'甲\n'.repeat(MAX_ROWS)}`));
    expect(atLimit.total).toBe(MAX_ROWS);
  });
});

describe('files we write read back the same', () => {
  const entity = { label: { zh: '测试表', en: 'Test' }, columns: COLUMNS };
  const rows = [
    { code: '510113002001', name: '=甲,"乙"', households: 12, area: 1.5, since: '2024-01-05', active: true, level: 'micro_grid', geometry: '{"type":"Point","coordinates":[1,2]}' },
    { code: null, name: '丙', households: null, area: null, since: null, active: false, level: 'grid', geometry: null },
  ];
  const expected = [
    { row: 2, values: { ...rows[0], geometry: { type: 'Point', coordinates: [1, 2] } } },
    { row: 3, values: rows[1] },
  ];

  it('as xlsx, with a bold frozen Chinese header and labels for options', async () => {
    const file = await writeTable(entity, rows, 'xlsx');
    expect((await parseSpreadsheet(COLUMNS, file)).rows).toEqual(expected);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(file));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...ZH]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('G2').value).toBe('微网格');
  });

  it('an empty list is a header-only sheet', async () => {
    const file = await writeTable(entity, [], 'xlsx');
    expect(await parseSpreadsheet(COLUMNS, file)).toEqual({ format: 'xlsx', total: 0, rows: [], errors: [] });
    expect((await writeTable(entity, [], 'csv')).toString('utf8')).toBe(`\uFEFF${ZH.join(',')}\r\n`);
  });

  it('as csv, in UTF-8 with a BOM and RFC 4180 quoting', async () => {
    const file = await writeTable(entity, rows, 'csv');
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8');
    expect(text).toContain(`\r\n510113002001,"'=甲,""乙""",12,1.5,2024-01-05,是,微网格,`);
    expect((await parseSpreadsheet(COLUMNS, file)).rows).toEqual(expected);
  });

  it('templates: header, example row, and a 说明 sheet in xlsx', async () => {
    const withExamples = COLUMNS.map((c) => ({ ...c, example: c.key === 'name' ? '示例' : c.key === 'level' ? 'grid' : undefined }));
    const file = await writeTemplate({ label: entity.label, columns: withExamples }, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(file));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['测试表', '说明']);
    expect(workbook.worksheets[0]!.getRow(2).getCell(2).value).toBe('示例');
    expect(workbook.worksheets[0]!.getRow(2).getCell(7).value).toBe('网格');
    const notes = workbook.worksheets[1]!;
    expect(notes.getRow(3).values).toEqual([undefined, '名称', 'Name', '文本 Text', '是', expect.stringContaining('6')]);
    expect(String(notes.getRow(8).getCell(5).value)).toContain('网格（grid）');
    const csvTemplate = await writeTemplate({ label: entity.label, columns: withExamples }, 'csv');
    expect(csvTemplate.toString('utf8')).toBe(`\uFEFF${ZH.join(',')}\r\n,示例,,,,,网格,\r\n`);
  });
});

describe('large Chinese workbooks', () => {
  it('reads every character of 30,000 rows of Chinese text intact', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('成员');
    sheet.addRow(['姓名', '单位']);
    for (let i = 0; i < 30_000; i++) sheet.addRow([`张${'三四五六七八九'[i % 7]}${i}`, `青白江区第${i}社区卫生服务中心志愿服务队`]);
    const { rows } = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toHaveLength(30_001);
    const garbled = rows.flatMap((r) => r.cells).filter((c) => typeof c === 'string' && c.includes('\ufffd'));
    expect(garbled).toEqual([]);
    expect(rows[29_999]!.cells).toEqual(['张六29998', '青白江区第29998社区卫生服务中心志愿服务队']);
  });
});
