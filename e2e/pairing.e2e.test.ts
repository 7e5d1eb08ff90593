import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, signIn } from './browser.ts';

describe('pairing matchmaker', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('runs the matchmaker, accepts one suggestion, and finds it among the proposed pairings', async () => {
    const page = await newPage(browser);
    await signIn(page);
    await page.getByRole('menuitem', { name: '结对共建' }).click();
    await page.waitForURL(/\/pairing/);
    await page.getByRole('tab', { name: '智能匹配' }).click();

    // Every village of the demo district is paired already: match over all of them, for medical support.
    const form = page.getByTestId('matchmaker-form');
    await form.getByLabel('帮扶方式').click();
    await page.locator('.ant-select-item-option', { hasText: '医疗帮扶' }).click();
    await form.getByText('全部', { exact: true }).click();
    await page.getByTestId('matchmaker-run').click();

    const result = page.getByTestId('matchmaker-result');
    await result.getByText('已验证为最优解').waitFor();
    const rows = page.getByTestId('suggestions-table').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first();
    const village = (await first.locator('td').nth(1).innerText()).trim();
    const partner = (await first.locator('td').nth(2).innerText()).split('\n')[0]!.trim();
    await first.locator('input[type="checkbox"]').check();
    await page.getByTestId('matchmaker-accept').click();
    await page.getByText('已生成 1 个拟结对').waitFor();

    // The page returns to the list, filtered to proposed pairings, and the new one is there.
    await page.waitForURL(/status=proposed/);
    const short = village.replace(/(居民|村民)委员会$/, '');
    const row = page.getByTestId('pairings-table').locator('tbody tr', { hasText: `${partner}结对${short}` });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('拟结对');
    await page.context().close();
  });
});
