import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, signIn } from './browser.ts';

describe('region browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('walks the tree 青白江区 → 大弯街道 → 怡湖社区 and shows its details and map', async () => {
    const page = await newPage(browser);
    await signIn(page);
    await page.getByRole('menuitem', { name: '区域与网格' }).click();
    await page.waitForURL(/\/regions/);

    const tree = page.getByTestId('region-tree');
    const details = page.getByTestId('region-details');
    await tree.getByText('青白江区', { exact: true }).waitFor();
    await details.getByTestId('region-name').getByText('青白江区').waitFor();

    await tree.getByText('大弯街道', { exact: true }).click();
    await details.getByTestId('region-name').getByText('大弯街道').waitFor();

    await tree.getByText('怡湖社区', { exact: true }).click();
    await details.getByTestId('region-name').getByText('怡湖社区居民委员会').waitFor();
    expect(new URL(page.url()).searchParams.get('code')).toBe('510113002001');

    // Breadcrumb of ancestors, the code, the counts of what lies within, and the map.
    const text = await details.innerText();
    expect(text).toContain('青白江区');
    expect(text).toContain('510113002001');
    await details.getByTestId('region-counts').getByText('网格', { exact: true }).waitFor();
    await page.locator('.leaflet-container').waitFor({ state: 'visible' });
    expect(await page.locator('.leaflet-container path.leaflet-interactive, .leaflet-container path').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  test('retires a micro-grid after asking, and the undo link in the message restores it', async () => {
    const page = await newPage(browser);
    await signIn(page);
    // A micro-grid of 龙顺村, far from where the other tests report cases.
    await page.goto('/regions?code=5101131082170101');
    const details = page.getByTestId('region-details');
    await details.getByTestId('region-name').waitFor();
    const name = (await details.getByTestId('region-name').innerText()).trim();

    await details.getByRole('button', { name: /撤\s*销/ }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title').getByText(`撤销「${name}」？`).waitFor();
    await confirm.getByRole('button', { name: /撤\s*销/ }).click();
    const toast = page.locator('.ant-message');
    await toast.getByText(`已撤销「${name}」`).waitFor();
    await details.getByRole('button', { name: /恢\s*复/ }).waitFor();

    await toast.getByRole('button', { name: /撤\s*回/ }).click();
    await toast.getByText(`已恢复「${name}」`).waitFor();
    await details.getByRole('button', { name: /撤\s*销/ }).waitFor();
    expect(await details.getByRole('button', { name: /恢\s*复/ }).count()).toBe(0);
    await page.context().close();
  });
});
