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

  test('a village cadre finds the sign-in account to link a member to by name, not by its id', async () => {
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
    expect(await option.innerText()).toMatch(/网格员/);
    await option.click();
    expect(await page.getByTestId('linked-user').innerText()).toContain('（grid）');
    await page.context().close();
  });
});
