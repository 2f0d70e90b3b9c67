import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, phone, screenshotDir, signIn } from '../support/browser.js';

// The owner's end of the service loop is the community's to set: how often an owner may urge
// (催办间隔) and for how many days a closed ticket may be reopened (可重新打开的天数).
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the admin sets the urge interval and the reopen window', () => {
  for (const [locale, rangeText] of [
    ['zh-CN', '请填写 0 到 90 之间的整数。'],
    ['en', 'Enter a whole number from 0 to 90.'],
  ] as const) {
    it(`saves both from the rules page, refuses a value out of range by name, and the API holds them (${locale})`, async () => {
      const context = await phone(browser, locale);
      await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const page = await context.newPage();
      await signIn(page, baseUrl, 'admin@lakeside.test');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(`${baseUrl}/admin`);
      const urge = page.getByTestId('sla-urge-interval');
      const reopen = page.getByTestId('sla-reopen-window');
      await urge.waitFor();
      expect(await urge.inputValue()).toBe('24');
      expect(await reopen.inputValue()).toBe('7');

      await reopen.fill('91');
      await page.getByTestId('save-settings').click();
      await expect.poll(() => page.getByText(rangeText).count()).toBeGreaterThan(0);

      await urge.fill('12');
      await reopen.fill('14');
      await page.getByTestId('save-settings').click();
      await expect
        .poll(async () => {
          const response = await page.request.post(`${baseUrl}/graphql`, {
            headers: { 'content-type': 'application/json' },
            data: { query: '{ community { settings { sla { urgeIntervalHours reopenWindowDays } } } }' },
          });
          return ((await response.json()) as { data: { community: { settings: { sla: unknown } } } }).data.community.settings.sla;
        })
        .toEqual({ urgeIntervalHours: 12, reopenWindowDays: 14 });
      await urge.scrollIntoViewIfNeeded();
      await page.locator('.sla').screenshot({ path: path.join(screenshotDir, `admin-loop-settings-${locale}.png`) });
      // Back to the demo's values for the tests that follow.
      await urge.fill('24');
      await reopen.fill('7');
      await page.getByTestId('save-settings').click();
      await expect
        .poll(
          async () =>
            (
              (await page.request
                .post(`${baseUrl}/graphql`, {
                  headers: { 'content-type': 'application/json' },
                  data: { query: '{ community { settings { sla { urgeIntervalHours } } } }' },
                })
                .then((r) => r.json())) as { data: { community: { settings: { sla: { urgeIntervalHours: number } } } } }
            ).data.community.settings.sla.urgeIntervalHours,
        )
        .toBe(24);
      await context.close();
    });
  }
});
