import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

describe('grid members', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('in the member dialog a village cadre finds sign-in accounts by name (one already linked elsewhere cannot be chosen), and assigns a micro-grid but not a grid', async () => {
    const page = await newPage(browser);
    await signIn(page, 'village');
    await page.goto('/grid/members');
    await page.getByTestId('members-table').waitFor();
    await page.getByRole('button', { name: '新增成员' }).click();
    await see(page, '关联登录账号');
    await page.getByTestId('linked-user').click();
    await page.keyboard.type('grid');
    const option = page.locator('.ant-select-item-option', { hasText: '（grid）' }).first();
    await option.waitFor();
    // The demo grid worker's account already serves their member record: shown, not choosable.
    expect(await option.innerText()).toMatch(/网格员.*已关联成员/);
    expect(await option.getAttribute('class')).toContain('ant-select-item-option-disabled');
    const servedBy = /已关联成员「(.+)」/.exec(await option.innerText())![1]!;
    await option.click({ force: true });
    expect(await page.getByTestId('linked-user').innerText()).not.toContain('（grid）');
    await page.keyboard.press('Escape');

    // A micro-grid assignment takes a micro-grid: a grid in the tree only opens to its micro-grids.
    const picker = page.getByRole('dialog').getByTestId('region-picker').last();
    await picker.click();
    const gridNode = page.locator('.ant-select-tree-node-content-wrapper', { hasText: /^怡湖第一网格$/ });
    await gridNode.click();
    expect(await picker.innerText()).not.toContain('怡湖第一网格');
    await page.locator('.ant-select-tree-treenode', { has: gridNode }).locator('.ant-select-tree-switcher').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '第一微网格' }).first().click();
    expect(await picker.innerText()).toContain('第一微网格');
    await page.getByRole('button', { name: /取\s*消/ }).click();

    // The member that account serves names it in their details, not by its id.
    await page.getByPlaceholder('姓名、单位或完整手机号').fill(servedBy);
    await page.getByPlaceholder('姓名、单位或完整手机号').press('Enter');
    await page.getByTestId('members-table').getByText(servedBy, { exact: true }).click();
    await see(page, '（grid）');
    await page.context().close();
  });
});
