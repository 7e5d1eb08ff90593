import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newPage, see, signIn } from './browser.ts';

/** The sub-categories a resident is offered under 环境卫生 on the public report page. */
async function sanitationChoices(page: Page): Promise<string[]> {
  await page.goto('/report');
  await page.getByTestId('category-picker').click();
  await page.locator('.ant-cascader-menu-item', { hasText: '环境卫生' }).first().click();
  await page.locator('.ant-cascader-menu-item', { hasText: '垃圾堆放' }).first().waitFor();
  return page.locator('.ant-cascader-menu').nth(1).locator('.ant-cascader-menu-item').allInnerTexts();
}

describe('case categories', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('the district admin adds a sub-category with a time limit, renames it and deactivates it; residents see it come and go', async () => {
    const part = `pond_${Date.now().toString(36)}`;
    const code = `sanitation.${part}`;
    const admin = await newPage(browser);
    await signIn(admin);
    await admin.getByRole('menuitem', { name: '事件分类' }).click();
    await admin.waitForURL(/\/cases\/categories/);
    await see(admin, /共 \d+ 个分类/);

    // A sub-category of 环境卫生: it starts from the parent's settings; acceptance gets 1 working day.
    await admin.getByTestId('category-new').click();
    const form = admin.getByTestId('category-form');
    await form.getByTestId('category-parent').click();
    await admin.locator('.ant-select-item-option[title="环境卫生（sanitation）"]').click();
    // The parent's settings are copied in: handling 3 working days.
    await expect.poll(() => form.getByLabel('处置时限').inputValue()).toBe('3');
    await form.getByLabel('编码', { exact: true }).fill(part);
    await form.getByLabel('中文名').fill('池塘漂浮物');
    await form.getByLabel('英文名').fill('Floating rubbish in ponds');
    await form.getByTestId('limit-unit-reported').click();
    await admin.locator('.ant-select-item-option[title="工作日"]:visible').click();
    await expect.poll(() => form.getByTestId('limit-unit-reported').innerText()).toContain('工作日');
    await form.getByLabel('受理时限').fill('1');
    await admin.getByTestId('category-save').click();
    await see(admin, '已新增分类 池塘漂浮物');

    const row = admin.locator(`tr[data-row-key="${code}"]`);
    await row.waitFor();
    const created = await row.innerText();
    expect(created).toContain('池塘漂浮物');
    expect(created).toContain('受理 1 工作日');
    expect(created).toContain('处置 3 工作日');
    expect(created).toContain('社区两委');

    // Residents can choose it at once.
    const resident = await newPage(browser, { width: 390, height: 844 });
    expect(await sanitationChoices(resident)).toContain('池塘漂浮物');

    // Renamed.
    await row.getByTestId('category-edit').click();
    await form.getByLabel('中文名').fill('池塘水面漂浮物');
    await admin.getByTestId('category-save').click();
    await see(admin, '已保存');
    await row.getByText('池塘水面漂浮物').waitFor();

    // Deactivated, after the warning that residents will no longer be able to choose it.
    await row.getByTestId('category-toggle').click();
    const confirm = admin.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '停用「池塘水面漂浮物」？' }).waitFor();
    expect(await confirm.innerText()).toContain('将不能再选择此分类');
    await confirm.getByRole('button', { name: /停\s*用/ }).click();
    await row.getByTestId('category-status').filter({ hasText: '已停用' }).waitFor();

    // Undo brings it back at once; deactivated again, it stays off.
    await admin.locator('.ant-message').getByRole('button', { name: /撤\s*销/ }).click();
    await row.getByTestId('category-status').filter({ hasText: '启用' }).waitFor();
    await row.getByTestId('category-toggle').click();
    await admin.locator('.ant-modal-confirm').getByRole('button', { name: /停\s*用/ }).click();
    await row.getByTestId('category-status').filter({ hasText: '已停用' }).waitFor();

    // Gone from the report page; the other choices are still there.
    const after = await sanitationChoices(resident);
    expect(after).toContain('垃圾堆放');
    expect(after.filter((name) => name.includes('池塘'))).toEqual([]);

    for (const page of [admin, resident]) await page.context().close();
  });

  test('a resident answers a multiple-choice question with several answers and a date-time question with a picker', async () => {
    const part = `noise_${Date.now().toString(36)}`;
    const admin = await newPage(browser);
    await signIn(admin);
    // The category is made through the API, as the admin: the report form is what is tested here.
    const me = (await (await admin.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const created = await admin.request.post('/api/v1/case-categories', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        code: `other.${part}`,
        parentCode: 'other',
        nameZh: '噪音扰民测试',
        nameEn: 'Noise (test)',
        forceType: 'committee_member',
        limits: {},
        reporterVerifies: false,
        attributes: [
          { code: 'source', datatype: 'multivaluelist', required: true, description: '噪音来源', order: 1, values: [{ key: 'works', name: '施工' }, { key: 'dance', name: '广场舞' }, { key: 'shop', name: '商铺音响' }] },
          { code: 'since', datatype: 'datetime', required: true, description: '开始时间', order: 2 },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);

    const resident = await newPage(browser, { width: 390, height: 844 });
    await resident.goto('/report');
    await resident.getByLabel('纬度').fill('30.8945');
    await resident.getByLabel('经度').fill('104.2635');
    await resident.getByTestId('category-picker').click();
    await resident.locator('.ant-cascader-menu-item', { hasText: '其他' }).first().click();
    await resident.locator('.ant-cascader-menu-item', { hasText: '噪音扰民测试' }).first().click();
    await resident.getByTestId('attribute-source').click();
    await resident.locator('.ant-select-item-option', { hasText: '施工' }).click();
    await resident.locator('.ant-select-item-option', { hasText: '广场舞' }).click();
    await resident.keyboard.press('Escape');
    const chosen = await resident.getByTestId('attribute-source').innerText();
    expect(chosen).toContain('施工');
    expect(chosen).toContain('广场舞');
    await resident.getByTestId('attribute-since').click();
    await resident.locator('.ant-picker-cell-today').click();
    await resident.locator('.ant-picker-ok button').click();
    expect(await resident.locator('input[data-testid="attribute-since"], [data-testid="attribute-since"] input').first().inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await resident.getByTestId('description').fill('每晚十点后楼下噪音很大');
    await resident.getByTestId('submit-report').click();
    const trackingNo = (await resident.getByTestId('tracking-no').innerText()).trim();

    // The staff see both answers by name.
    await admin.goto(`/cases?view=all&q=${trackingNo}`);
    await admin.locator(`[data-tracking-no="${trackingNo}"]`).click();
    await see(admin, '施工、广场舞');
    for (const page of [admin, resident]) await page.context().close();
  });
});
