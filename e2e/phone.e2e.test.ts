import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, signIn } from './browser.ts';

describe('phone width', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('a grid worker starts at their inbox; the menu folds into a drawer and the cockpit fits the screen', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, 'grid');
    await page.waitForURL((url) => url.pathname === '/cases');
    await page.getByTestId('case-card').first().waitFor();

    // No side menu: a menu button opens the same menu in a drawer, the inbox first.
    expect(await page.getByTestId('sider').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '区域与网格' }).count()).toBe(0);
    await page.getByTestId('menu-button').click();
    await page.getByRole('menuitem', { name: '区域与网格' }).waitFor();
    expect((await page.getByRole('menuitem').first().innerText()).trim()).toBe('事件办理');
    await page.getByRole('menuitem', { name: '驾驶舱' }).click();
    await page.getByRole('menuitem', { name: '区域与网格' }).waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();

    // The figures are on screen and nothing runs off the right edge.
    const figure = page.locator('[data-testid^="figure-"]').first();
    await figure.waitFor();
    const box = await figure.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
