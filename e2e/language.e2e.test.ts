import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

describe('language switch', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('Chinese by default; English on request, remembered across reloads; and back', async () => {
    const page = await newPage(browser);
    await signIn(page);
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Cockpit' }).waitFor();
    await page.getByRole('menuitem', { name: 'Regions and grids' }).waitFor();
    // Figure labels come from the API in both languages.
    await see(page, 'Villages and communities');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Cockpit' }).waitFor();

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    await see(page, '村（社区）');
    expect(await page.getByText('Villages and communities').count()).toBe(0);
    await page.context().close();
  });
});
