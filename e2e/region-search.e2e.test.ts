import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

/** A search hit in the open picker's list, by the start of its name and the ancestry shown beside it. */
function hit(page: Page, name: string, where: string) {
  return page.getByTestId('region-picker-hit').filter({ hasText: new RegExp(`^${name}`) }).filter({ hasText: where }).first();
}

describe('the region picker searches the server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('a micro-grid nobody has opened in the tree is found by name, shown under its village and grid, and chosen', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.goto('/grid/members');
    await page.getByTestId('members-table').waitFor();
    await page.getByRole('button', { name: '新增成员' }).click();
    await see(page, '关联登录账号');

    const picker = page.getByRole('dialog').getByTestId('region-picker').last();
    await picker.click();
    await page.keyboard.type('怡湖第一');
    const match = hit(page, '怡湖第一网格第一微网格', '怡湖社区 › 怡湖第一网格');
    await match.waitFor();
    // Only micro-grids may be chosen here: the grid itself is not offered.
    const names = await page.getByTestId('region-picker-hit').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toContain('微网格');
    await match.click();
    expect(await picker.innerText()).toContain('怡湖第一网格第一微网格');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.context().close();
  });

  test('on /cases the region filter finds a village by name, says when nothing matches, and returns to the tree when cleared', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.goto('/cases');
    const picker = page.getByTestId('region-picker').first();
    await picker.click();

    await page.keyboard.type('无此地名');
    await see(page, '没有名称或编码与「无此地名」匹配的区域');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    // The tree again, from the district down.
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: /^大弯街道$/ }).waitFor();

    await page.keyboard.type('怡湖');
    const village = hit(page, '怡湖社区', '大弯街道');
    await village.waitFor();
    await village.click();
    await page.waitForURL((url) => url.searchParams.get('region') === '510113002001');
    expect(await picker.innerText()).toContain('怡湖社区');
    await page.context().close();
  });
});
