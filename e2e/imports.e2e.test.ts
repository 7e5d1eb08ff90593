import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

const PARENT = '510113002003'; // 大弯社区
type Ring = [number, number][];

function square(lng: number, lat: number, size: number): string {
  const ring: Ring = [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ];
  return JSON.stringify({ type: 'Polygon', coordinates: [ring.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))])] });
}

/** A bow-tie: its edges cross, which no boundary may do. */
const BOW_TIE = JSON.stringify({
  type: 'Polygon',
  coordinates: [
    [
      [104.262, 30.885],
      [104.265, 30.888],
      [104.265, 30.885],
      [104.262, 30.888],
      [104.262, 30.885],
    ],
  ],
});

/** The Chinese headers the server declares for the grid sheet (编码, 名称, 层级, 上级编码, 边界…). */
async function gridHeaders(page: Page): Promise<Record<'code' | 'name' | 'level' | 'parentCode' | 'geometry', string>> {
  const list = await page.evaluate(async () => (await fetch('/api/v1/tabular')).json());
  const entity = (list as { items: { id: string; columns: { key: string; header: { zh: string } }[] }[] }).items.find((e) => e.id === 'regions.grids');
  const header = (key: string) => entity?.columns.find((c) => c.key === key)?.header.zh ?? key;
  return { code: header('code'), name: header('name'), level: header('level'), parentCode: header('parentCode'), geometry: header('geometry') };
}

async function writeSheet(path: string, headers: Record<string, string>, rows: (string | null)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('网格');
  sheet.addRow([headers.code, headers.name, headers.level, headers.parentCode, headers.geometry]);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
}

async function gridNamesUnder(page: Page, parent: string): Promise<string[]> {
  const body = await page.evaluate(async (code) => (await fetch(`/api/v1/regions?parent=${code}&includeRetired=true&limit=500`)).json(), parent);
  return (body as { items: { name: string }[] }).items.map((r) => r.name);
}

describe('spreadsheet import', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-sheets-'));
  });
  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a sheet with one bad row shows the error by row and column and imports nothing; fixed, it imports', async () => {
    const page = await newPage(browser);
    await signIn(page);
    await page.getByRole('menuitem', { name: '表格导入导出' }).click();
    await page.waitForURL(/\/imports/);
    await see(page, '网格与微网格');

    const headers = await gridHeaders(page);
    const good1 = ['', 'E2E导入第一网格', '网格', PARENT, square(104.262, 30.88, 0.003)];
    const good2 = ['', 'E2E导入第二网格', '网格', PARENT, square(104.266, 30.88, 0.003)];
    const bad = ['', 'E2E导入交叉网格', '网格', PARENT, BOW_TIE];
    const badFile = join(dir, 'grids-with-error.xlsx');
    await writeSheet(badFile, headers, [good1, good2, bad]);

    await page.locator('input[type=file]').setInputFiles(badFile);
    await see(page, 'grids-with-error.xlsx');
    await page.getByTestId('apply').click();

    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const errorRows = await errors.locator('tbody tr').allInnerTexts();
    // Row 1 is the header, so the bow-tie is spreadsheet row 4, in the boundary column.
    expect(errorRows.some((row) => /^\s*4\s/.test(row) && row.includes('边界'))).toBe(true);
    await see(page, '未导入任何数据');
    expect((await gridNamesUnder(page, PARENT)).filter((n) => n.startsWith('E2E'))).toEqual([]);

    const goodFile = join(dir, 'grids.xlsx');
    await writeSheet(goodFile, headers, [good1, good2]);
    await page.locator('input[type=file]').setInputFiles(goodFile);
    await see(page, 'grids.xlsx');
    await page.getByTestId('dry-run').click();
    await see(page, '检查通过');
    expect(await page.getByTestId('import-result').innerText()).toMatch(/将新增\s*2/);
    expect((await gridNamesUnder(page, PARENT)).filter((n) => n.startsWith('E2E'))).toEqual([]);
    await page.getByTestId('apply').click();
    await see(page, /导入完成：新增 2 行/);
    // The same file cannot be imported twice by a second click.
    expect(await page.getByTestId('apply').isDisabled()).toBe(true);
    await page.getByTestId('imported-hint').waitFor();
    expect((await gridNamesUnder(page, PARENT)).filter((n) => n.startsWith('E2E')).sort()).toEqual(['E2E导入第一网格', 'E2E导入第二网格']);

    // A grid that partly covers the first one is imported, and the overlap is shown by row.
    const overlapFile = join(dir, 'grids-overlap.xlsx');
    await writeSheet(overlapFile, headers, [['', 'E2E导入错位网格', '网格', PARENT, square(104.2635, 30.8815, 0.003)]]);
    await page.locator('input[type=file]').setInputFiles(overlapFile);
    await see(page, 'grids-overlap.xlsx');
    await page.getByTestId('apply').click();
    await see(page, /导入完成：新增 1 行/);
    await see(page, /\d+ 处提醒/);
    // Row 2 of the sheet overlaps the first grid (and the demo's grids of the same community).
    const warningRows = await page.getByTestId('import-warnings').locator('tbody tr').allInnerTexts();
    expect(warningRows.some((row) => /^\s*2\s/.test(row) && row.includes('边界') && row.includes('E2E导入第一网格'))).toBe(true);
    await page.context().close();
  });
});
