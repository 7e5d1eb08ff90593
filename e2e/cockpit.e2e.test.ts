import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

describe('cockpit', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('shows the district’s figures from the API, and a figure opens the records behind it', async () => {
    const page = await newPage(browser);
    await signIn(page);
    await page.goto('/cockpit?region=510113000000');

    const towns = page.getByTestId('figure-regions.towns');
    const villages = page.getByTestId('figure-regions.villages');
    await villages.waitFor();
    expect(await towns.innerText()).toMatch(/镇（街道）\s*7\s*个/);
    expect(await villages.innerText()).toMatch(/村（社区）\s*83\s*个/);

    await villages.getByText('83').click();
    await page.waitForURL(/\/indicators\/regions\.villages\?region=510113000000/);
    await page.getByRole('heading', { name: /村（社区）/ }).waitFor();
    const table = page.getByTestId('records-table');
    await table.getByText('怡湖社区居民委员会').waitFor();
    await see(page, '共 83 条');
    // The records come 20 to a page.
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(20);
    await page.context().close();
  });
});
