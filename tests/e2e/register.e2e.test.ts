import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { launch, phone, screenshot, screenshotDir, signIn } from '../support/browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function admin(locale = 'zh-CN'): Promise<Page> {
  const context = await phone(browser, locale);
  contexts.push(context);
  const page = await context.newPage();
  if (locale !== 'zh-CN') {
    await page.goto(`${baseUrl}/login`);
    await page.evaluate((l) => localStorage.setItem('cocreate.locale', l), locale);
  }
  await signIn(page, baseUrl, 'admin@lakeside.test');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** A register file as a property company writes it: one 房号 column, UTF-8 with a BOM. */
const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${[['房号', '专有部分面积', '业主姓名', '手机号'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

/** What a phone shows at once, beside the full-page shot: easier to read. */
async function firstScreen(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}-screen.png`) });
}

/** Nothing wider than the screen, no key shown instead of words, no target under 44 px. */
async function looksRight(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(wide).toBeLessThanOrEqual(0);
  expect(await page.locator('main').innerText()).not.toMatch(/\bregister\.(?!csv\b|xlsx\b)[a-z]/);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main summary, main select, main input, main a.button, main label.button')]
      .filter((el) => el.offsetParent !== null && !el.classList.contains('visually-hidden'))
      // A radio's target is its whole label.
      .map((el) => ({ el: el.dataset.testid ?? el.textContent?.trim() ?? el.tagName, h: (el.closest('label') ?? el).getBoundingClientRect().height }))
      .filter((x) => x.h < 44),
  );
  expect(small).toEqual([]);
}

describe('the owners’ register', () => {
  it('an admin imports a file: problems by row and column, a fixed file, a clean dry run, apply, the unit in the list', async () => {
    const page = await admin();
    const suffix = String(Date.now()).slice(-6);
    const phoneA = `139${suffix}01`;
    const phoneB = `139${suffix}02`;
    await page.goto(`${baseUrl}/admin`);
    await page.getByTestId('register-link').click();
    await page.getByTestId('register-unit').first().waitFor();
    expect(await page.getByTestId('register-count').textContent()).toMatch(/共 \d+ 套/);
    expect(await page.getByTestId('register-list').textContent()).toMatch(/有账号|未开通/);
    await looksRight(page);
    await screenshot(page, 'register-1-list-zh');
    await firstScreen(page, 'register-1-list-zh');

    await page.getByTestId('register-tab-import').click();
    await page.getByTestId('import-file').setInputFiles({
      name: '名册-有问题.csv',
      mimeType: 'text/csv',
      buffer: csv([
        ['9-1-901', '九十五', '王测试', phoneA],
        ['9-1-902', '88.50', '李测试', '12345'],
      ]),
    });
    expect(await page.getByTestId('import-mode-MERGE').isChecked()).toBe(true);
    await page.getByTestId('import-mode-REPLACE').check();
    await page.getByTestId('replace-warning').waitFor();
    expect(await page.getByTestId('replace-warning').textContent()).toContain('删除');
    await page.getByTestId('import-mode-MERGE').check();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-problems').waitFor();
    const problems = await page.getByTestId('import-problem').evaluateAll((rows) =>
      rows.map((r) => ({
        row: r.querySelector('[data-testid=problem-row]')?.textContent?.trim(),
        column: r.querySelector('[data-testid=problem-column]')?.textContent?.trim(),
        reason: (r as HTMLElement).dataset.reason,
        message: r.querySelector('[data-testid=problem-message]')?.textContent?.trim(),
      })),
    );
    expect(problems).toContainEqual(expect.objectContaining({ row: '2', column: '专有部分面积', reason: 'AREA_NOT_A_NUMBER' }));
    expect(problems).toContainEqual(expect.objectContaining({ row: '3', column: '手机号', reason: 'PHONE_INVALID' }));
    expect(problems.find((p) => p.reason === 'PHONE_INVALID')?.message).toContain('中国大陆的手机号');
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    await looksRight(page);
    await screenshot(page, 'register-2-dry-run-problems-zh');

    await page.getByTestId('import-file').setInputFiles({
      name: '名册-已修改.csv',
      mimeType: 'text/csv',
      buffer: csv([
        ['9-1-901', '95.20', '王测试', phoneA],
        ['9-1-902', '88.50', '李测试', phoneB],
      ]),
    });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-clean').waitFor();
    expect(await page.getByTestId('summary-units').textContent()).toMatch(/房屋\s*2\s*0/);
    await screenshot(page, 'register-3-dry-run-clean-zh');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-again').waitFor();
    expect(await page.getByTestId('import-report').textContent()).toContain('已导入名册');
    await page.getByTestId('history-outcome').filter({ hasText: '已导入' }).first().waitFor();
    expect(await page.getByTestId('import-history-row').count()).toBeGreaterThanOrEqual(3);
    await looksRight(page);
    await screenshot(page, 'register-4-applied-zh');

    await page.getByTestId('register-tab-list').click();
    await page.getByTestId('register-search').fill('9-1-90');
    await page.getByTestId('register-search-submit').click();
    const unit = page.locator('[data-testid=register-unit][data-label="9-1-901"]');
    await unit.waitFor();
    expect(await unit.textContent()).toContain('95.20 m²');
    expect(await unit.textContent()).toContain('未开通');
    await unit.getByTestId('unit-details').click();
    expect(await unit.getByTestId('owner-certificate').textContent()).toContain('未登记');
    await looksRight(page);
    await screenshot(page, 'register-5-new-unit-zh');
    await firstScreen(page, 'register-5-new-unit-zh');
  }, 120_000);

  it('in English on a phone: the list, and a dry run’s problems in English', async () => {
    const page = await admin('en');
    await page.goto(`${baseUrl}/admin/register`);
    await page.getByTestId('register-unit').first().waitFor();
    await page.getByTestId('register-unit').first().getByTestId('unit-details').click();
    expect(await page.getByTestId('register-count').textContent()).toMatch(/\d+ units/);
    await looksRight(page);
    await screenshot(page, 'register-6-list-en');
    await firstScreen(page, 'register-6-list-en');
    await page.setViewportSize({ width: 320, height: 700 });
    await looksRight(page);
    await page.setViewportSize({ width: 390, height: 844 });

    await page.goto(`${baseUrl}/admin/register/import`);
    await page.getByTestId('import-file').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: csv([['9-2-901', 'abc', 'Test', '12345']]) });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-problems').waitFor();
    expect(await page.getByTestId('import-problems').textContent()).toContain('Not a mainland China mobile number');
    await looksRight(page);
    await screenshot(page, 'register-7-dry-run-problems-en');
    await page.getByTestId('import-problems').scrollIntoViewIfNeeded();
    await firstScreen(page, 'register-7-dry-run-problems-en');

    // A file that is not a spreadsheet: refused by its bytes, said in English.
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
    await page.getByTestId('import-check').click();
    expect(await page.getByTestId('upload-problem').textContent()).toContain('not a CSV or XLSX');
    await page.setViewportSize({ width: 320, height: 700 });
    await looksRight(page);
    await page.getByTestId('upload-problem').scrollIntoViewIfNeeded();
    await firstScreen(page, 'register-8-wrong-type-en');
  }, 120_000);
});
