import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

const PHONE = { width: 390, height: 844 };
/** Inside the demo micro-grid 5101130020010101 (怡湖第一网格第一微网格). */
const POINT = { lat: '30.8945', lng: '104.2635' };
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 a photo of rubbish')]);

/** Open the case with this tracking number from the signed-in cases page. */
async function openCase(page: Page, trackingNo: string): Promise<void> {
  await page.goto(`/cases?view=all&q=${trackingNo}`);
  await page.locator(`[data-tracking-no="${trackingNo}"]`).click();
  await page.getByTestId('case-title').filter({ hasText: trackingNo }).waitFor();
}

/** On the report page: pin the point by its coordinates and choose a category and sub-category. */
async function placeAndCategory(page: Page, category: string, sub: string): Promise<void> {
  await page.getByLabel('纬度').fill(POINT.lat);
  await page.getByLabel('经度').fill(POINT.lng);
  await page.getByTestId('category-picker').click();
  await page
    .getByRole('menuitemcheckbox', { name: category })
    .or(page.locator('.ant-cascader-menu-item', { hasText: category }))
    .first()
    .click();
  await page.locator('.ant-cascader-menu-item', { hasText: sub }).first().click();
}

async function actionDone(page: Page, label: RegExp): Promise<void> {
  await page.getByText(label).first().waitFor();
}

describe('a resident’s report, from a phone to closure', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('reported on /report, accepted, dispatched and handled by the grid, verified by the resident, shown closed', async () => {
    // The resident, on a phone, without signing in.
    const resident = await newPage(browser, PHONE);
    await resident.goto('/report');
    await see(resident, '随手拍 · 上报问题');
    // Without a tile server the map is not blank: the district's outline and its towns by name.
    await resident.getByTestId('pin-map').getByText('弥牟镇').waitFor();
    expect(await resident.getByTestId('pin-map').locator('path').count()).toBeGreaterThan(0);
    // The grey submit button says what it still needs.
    expect(await resident.getByTestId('still-needed').innerText()).toBe('还需填写：位置、问题类别、问题描述');
    // A latitude alone is not a place yet: no pin until the longitude is typed too.
    await resident.getByLabel('纬度').fill(POINT.lat);
    expect(await resident.getByTestId('still-needed').innerText()).toContain('位置');
    expect(await resident.getByLabel('经度').inputValue()).toBe('');
    await placeAndCategory(resident, '环境卫生', '垃圾堆放');
    // Placed, the map shows the street level: the grids around the pin, by name.
    await resident.getByTestId('pin-map').getByText('怡湖第一网格', { exact: true }).first().waitFor();
    await resident.getByTestId('description').fill('垃');
    await see(resident, '请至少写 2 个字');
    expect(await resident.getByTestId('still-needed').innerText()).toBe('还需填写：问题描述');
    await resident.getByTestId('description').fill('小区东门外垃圾堆了三天没人清运');
    expect(await resident.getByTestId('still-needed').count()).toBe(0);
    // A GIF is turned away when chosen, not when the report is sent.
    await resident.getByTestId('photo-input').setInputFiles({ name: 'moving.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await see(resident, '只能上传 JPEG、PNG 或 WebP 格式的照片');
    await resident.getByTestId('photo-input').setInputFiles({
      name: 'rubbish.jpg',
      mimeType: 'image/jpeg',
      buffer: JPEG,
    });
    await resident.getByTestId('submit-report').click();
    const trackingNo = (await resident.getByTestId('tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^QBJ-\d{8}-\d{6}$/);
    const overflow = await resident.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The grid worker accepts it from the inbox with one tap, in a spot without signal: the tap
    // waits, says so, and goes through once the phone is back online.
    const grid = await newPage(browser, PHONE);
    await signIn(grid, 'grid');
    await grid.goto(`/cases?view=all&q=${trackingNo}`);
    const card = grid.locator(`[data-tracking-no="${trackingNo}"]`);
    await card.getByTestId('action-accept').waitFor();
    await grid.context().setOffline(true);
    await card.getByTestId('action-accept').click();
    await card.getByTestId('offline-waiting').waitFor();
    await grid.context().setOffline(false);
    await card.getByTestId('case-status').filter({ hasText: '已立案' }).waitFor();

    // The village cadre dispatches it to the grid.
    const village = await newPage(browser);
    await signIn(village, 'village');
    await openCase(village, trackingNo);
    await village.getByTestId('action-dispatch').click();
    await village.getByTestId('assignee').click();
    await village.keyboard.type('怡湖第一网格');
    await village.locator('.ant-select-item-option[title="怡湖第一网格"]').click();
    await village.getByTestId('action-confirm').click();
    await actionDone(village, /已派遣/);
    await village.getByTestId('case-status').filter({ hasText: '处置中' }).waitFor();

    // The grid worker's bell says it was dispatched to them; the notification opens the case.
    await grid.goto('/cases');
    await grid.getByTestId('notification-bell').locator('.ant-badge-count').waitFor();
    await grid.getByTestId('notification-bell').click();
    await grid.getByTestId('notification').filter({ hasText: trackingNo }).first().click();
    await grid.getByTestId('case-title').filter({ hasText: trackingNo }).waitFor();

    // The grid worker handles it from the inbox card, with a photo taken on the spot: typing and
    // tapping inside the dialog stay in the dialog.
    await grid.goto(`/cases?view=all&q=${trackingNo}`);
    await card.getByTestId('action-handle').click();
    await grid.getByTestId('action-text').click();
    await grid.getByTestId('action-text').fill('已联系保洁清运完毕');
    await grid.getByTestId('handling-photos').setInputFiles({
      name: 'after.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([JPEG, Buffer.from('after')]),
    });
    expect(new URL(grid.url()).pathname).toBe('/cases');
    await grid.getByTestId('action-confirm').click();
    await card.getByTestId('case-status').filter({ hasText: '待核查' }).waitFor();
    expect(new URL(grid.url()).pathname).toBe('/cases');
    await openCase(grid, trackingNo);
    await grid.locator('.ant-image img').first().waitFor(); // the photo is on the case

    // The resident sees it handled on the tracking page and confirms; the page shows it closed.
    await resident.getByRole('button', { name: '查看进度' }).click();
    await resident.getByTestId('track-no').filter({ hasText: trackingNo }).waitFor();
    await resident.getByTestId('verify-pass').click();
    await resident.getByTestId('case-status').filter({ hasText: '已结案' }).waitFor();
    await see(resident, '结案');

    // Anyone with the number sees it closed, with nothing personal on the page.
    const stranger = await newPage(browser, PHONE);
    await stranger.goto(`/track/${trackingNo}`);
    await stranger.getByTestId('case-status').filter({ hasText: '已结案' }).waitFor();
    expect(await stranger.getByText('小区东门外垃圾').count()).toBe(0);

    for (const page of [resident, grid, village, stranger]) await page.context().close();
  });

  test('a report cut off by the network is kept on the phone and sent once it is back', async () => {
    const first = await newPage(browser, PHONE);
    await first.goto('/report');
    await see(first, '随手拍 · 上报问题');
    await placeAndCategory(first, '道路设施', '路灯');
    await first.getByTestId('description').fill('巷口路灯一周没亮，晚上很黑');
    await first.getByTestId('phone').fill('13800001234');

    // No connection: the report waits and says so; what was typed is kept on the phone.
    await first.context().setOffline(true);
    await first.getByTestId('submit-report').click();
    await first.getByTestId('offline-waiting').waitFor();
    await first.getByTestId('draft-kept').waitFor();

    // The page closed while offline (its waiting report goes with it), and opened again once the
    // connection is back: what was typed is there.
    const context = first.context();
    await first.close();
    await context.setOffline(false);
    const resident = await context.newPage();
    resident.setDefaultTimeout(20_000);
    await resident.goto('/report');
    await resident.getByTestId('draft-restored').waitFor();
    expect(await resident.getByTestId('description').inputValue()).toBe('巷口路灯一周没亮，晚上很黑');
    expect(await resident.getByTestId('phone').inputValue()).toBe('13800001234');
    expect(await resident.getByLabel('纬度').inputValue()).toBe('30.894500');
    await resident.getByTestId('submit-report').click();
    expect((await resident.getByTestId('tracking-no').innerText()).trim()).toMatch(/^QBJ-\d{8}-\d{6}$/);

    // A report that waited with the page open goes by itself when the connection is back.
    await resident.getByRole('button', { name: '再报一件' }).click();
    await resident.getByTestId('description').fill('路灯杆倾斜，担心倒下');
    await resident.context().setOffline(true);
    await resident.getByTestId('submit-report').click();
    await resident.getByTestId('offline-waiting').waitFor();
    await resident.context().setOffline(false);
    const second = (await resident.getByTestId('tracking-no').innerText()).trim();
    expect(second).toMatch(/^QBJ-\d{8}-\d{6}$/);

    // A tracking link with a broken or wrong token still shows the report, and does not replace
    // the token this phone keeps: the reporter still sees their own report afterwards.
    await resident.goto(`/track/${second}?token=short`); // not a token at all: the phone's own is used
    await resident.getByText('路灯杆倾斜，担心倒下').waitFor();
    await resident.goto(`/track/${second}?token=${'x'.repeat(24)}`); // someone else's: the public view
    await resident.getByTestId('track-no').filter({ hasText: second }).waitFor();
    expect(await resident.getByText('路灯杆倾斜，担心倒下').count()).toBe(0);
    await resident.goto(`/track/${second}`);
    await resident.getByText('路灯杆倾斜，担心倒下').waitFor();

    // Sent: nothing is kept any more.
    await resident.goto('/report');
    await see(resident, '随手拍 · 上报问题');
    expect(await resident.getByTestId('draft-restored').count()).toBe(0);
    expect(await resident.getByTestId('description').inputValue()).toBe('');
    await resident.context().close();
  });

  test('a town admin narrows all cases to one community and exports them to Excel', async () => {
    const page = await newPage(browser);
    await signIn(page, 'town');
    await page.goto('/cases?view=all&region=510113002001');
    await see(page, '管辖范围内的全部事件');
    await page.getByTestId('case-card').first().waitFor();
    const total = await page.getByTestId('case-list').locator('> span').first().innerText();
    await page.goto('/cases?view=all');
    await page.getByTestId('case-card').first().waitFor();
    expect(await page.getByTestId('case-list').locator('> span').first().innerText()).not.toBe(total);

    await page.goto('/cases?view=all&region=510113002001');
    await page.getByTestId('case-card').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cases').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    await page.context().close();
  });

  test('a village cadre enters a caller’s report with the caller’s name, and the case shows who called', async () => {
    const page = await newPage(browser);
    await signIn(page, 'village');
    await page.goto('/cases/new');
    await placeAndCategory(page, '环境卫生', '垃圾堆放');
    await page.getByTestId('description').fill('居民来电：小区门口垃圾三天没人清');
    await page.getByTestId('caller-name').fill('王秀英');
    await page.getByTestId('phone').fill('13600002222');
    await page.getByTestId('submit-report').click();
    const trackingNo = await page.getByTestId('tracking-no').innerText();
    await page.getByRole('button', { name: '查看进度' }).click();
    await page.getByTestId('case-title').filter({ hasText: trackingNo }).waitFor();
    // A village cadre may see the caller's details (the read is audited).
    await see(page, '王秀英');
    await see(page, '13600002222');
    // The case map's old address leads to the case map; anything else that is no case says so.
    await page.goto('/cases/map');
    await page.waitForURL(/\/case-map$/);
    await page.goto('/cases/not-a-case');
    await see(page, '没有找到这个事件');
    await page.getByRole('button', { name: '返回事件列表' }).waitFor();
    await page.context().close();
  });
});
