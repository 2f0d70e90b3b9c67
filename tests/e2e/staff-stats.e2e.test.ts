import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import { launch, phone, screenshot, screenshotDir, signIn } from '../support/browser.js';

// 个人绩效 on the dashboard: the manager sees every member of department staff with the tickets
// assigned to them; a technician sees only their own row.
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('staff performance on the dashboard', () => {
  for (const [locale, heading] of [
    ['zh-CN', '个人绩效'],
    ['en', 'Staff performance'],
  ] as const) {
    it(`lists every member of staff for the manager, and only themself for a technician (${locale})`, async () => {
      const context = await phone(browser, locale);
      await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const page = await context.newPage();
      await signIn(page, baseUrl, 'manager@lakeside.test');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(`${baseUrl}/dashboard`);
      const table = page.getByTestId('staff-table');
      await table.waitFor();
      await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBe(1);
      const names = await table.locator('tbody th').allTextContents();
      for (const who of ['维修 张师傅', '安保 赵队长', '保洁 孙阿姨']) expect(names.some((n) => n.includes(who))).toBe(true);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, `dashboard-staff-${locale}`);
      await page.locator('section.staff').screenshot({ path: path.join(screenshotDir, `dashboard-staff-table-${locale}.png`) });
      await context.close();

      const own = await phone(browser, locale);
      await own.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const tech = await own.newPage();
      await signIn(tech, baseUrl, 'cleaning@lakeside.test');
      await tech.waitForURL((url) => !url.pathname.startsWith('/login'));
      await tech.goto(`${baseUrl}/dashboard`);
      // The head of cleaning heads a department of one: their row is the table.
      await tech.getByTestId('staff-table').waitFor();
      expect(await tech.getByTestId('staff-table').locator('tbody th').allTextContents()).toEqual([expect.stringContaining('保洁 孙阿姨')]);
      await own.close();
    });
  }
});
