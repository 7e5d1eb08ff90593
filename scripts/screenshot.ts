// Takes docs/screenshot.png (the cockpit at 1280×800) for the README, from a running server:
//   node --import tsx scripts/screenshot.ts [http://localhost:8080]
// The server needs the demo accounts (`npm start` has them). CHROMIUM_PATH picks the browser.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const baseUrl = (process.argv[2] ?? process.env.GONGZHI_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const out = join(root, 'docs', 'screenshot.png');
const username = process.env.GONGZHI_USER ?? 'admin';
const password = process.env.GONGZHI_PASSWORD ?? 'gongzhi-demo';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => url.pathname === '/cockpit');
  await page.locator('[data-testid^="figure-"]').first().waitFor();
  await page.waitForLoadState('networkidle');
  // No hover effect from the sign-in click; let the chart finish its entry animation.
  await page.mouse.move(1279, 799);
  await page.waitForTimeout(1500);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  process.stdout.write(`${out} (${Math.round(statSync(out).size / 1024)} kB)\n`);
} finally {
  await browser.close();
}
