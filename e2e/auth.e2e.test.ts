import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

describe('sign-in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('a wrong password shows the server’s message and keeps the user on the sign-in page', async () => {
    const page = await newPage(browser);
    await page.goto('/cockpit');
    // Signed out: the app sends us to sign in, remembering where we were going.
    await page.waitForURL(/\/login\?next=%2Fcockpit/);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await see(page, '用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  test('admin signs in, sees the cockpit, and signs out', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    await see(page, '青白江区的实时指标');
    expect(new URL(page.url()).pathname).toBe('/cockpit');
    // The menu lists the modules an administrator may open.
    for (const item of ['驾驶舱', '区域与网格', '表格导入导出', '用户管理', '审计日志']) {
      await page.getByRole('menuitem', { name: item }).waitFor();
    }

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/cockpit');
    await page.waitForURL(/\/login/);
    await page.context().close();
  });
});
