import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launch, pageGraphql, screenshotDir, signedInPhone } from '../support/browser.js';

// The admin sets a department's working hours and the year's holidays on a phone; SLA durations
// read as hours and days; a ticket says when its clock is due in the community's local time.
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

const shot = (name: string) => path.join(screenshotDir, name);

/** What the portal should print: the community's wall clock (Asia/Shanghai), with the weekday. */
function expectedDue(iso: string, locale: 'zh-CN' | 'en'): string {
  const parts = (options: Intl.DateTimeFormatOptions) =>
    Object.fromEntries(new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const d = parts({ month: locale === 'zh-CN' ? 'numeric' : 'short', day: 'numeric', weekday: 'short' });
  const time = parts({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return locale === 'zh-CN'
    ? `${d.month}月${d.day}日 ${d.weekday} ${time.hour}:${time.minute} 前`
    : `Due ${d.weekday} ${d.day} ${d.month}, ${time.hour}:${time.minute}`;
}

describe('business hours, holidays and local due times', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`the admin edits hours and holidays, the SLA reads in days, and a ticket shows its local due time (${locale})`, async () => {
      const admin = await signedInPhone(browser, baseUrl, 'admin@lakeside.test', locale, contexts);
      await admin.goto(`${baseUrl}/admin`);
      const lowResolution = admin.getByTestId('sla-LOW-resolutionMinutes');
      await lowResolution.waitFor();
      expect(await lowResolution.inputValue()).toBe('7');
      expect(await admin.getByTestId('sla-LOW-resolutionMinutes-unit').inputValue()).toBe('days');
      expect(await admin.getByTestId('sla-NORMAL-working').isChecked()).toBe(true);
      expect(await admin.getByTestId('sla-URGENT-working').isChecked()).toBe(false);
      await admin.getByTestId('sla-NORMAL').screenshot({ path: shot(`business-hours-sla-${locale}.png`) });

      await admin.getByTestId('hours-link').click();
      await admin.getByTestId('hours-department').selectOption('CLEANING');
      const on = admin.getByTestId('hours-on');
      await on.check();
      // A broken period is named on its day and nothing is saved.
      await admin.getByTestId('hours-1-0-end').fill('08:00');
      await admin.getByTestId('hours-save').click();
      await expect.poll(() => admin.getByTestId('hours-day-1').locator('.problem').count()).toBe(1);
      await admin.getByTestId('hours-1-0-end').fill('12:00');
      await admin.getByTestId('hours-save').click();
      await admin.getByTestId('hours-notice').waitFor();
      const saved = await pageGraphql<{
        community: { settings: { workingHours: { department: string; days: { weekday: number; intervals: { start: string; end: string }[] }[] }[] } };
      }>(admin, baseUrl, '{ community { settings { workingHours { department days { weekday intervals { start end } } } } } }');
      const cleaning = saved.community.settings.workingHours.find((h) => h.department === 'CLEANING');
      expect(cleaning?.days[0]?.intervals).toEqual([
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]);
      await admin.screenshot({ path: shot(`business-hours-week-${locale}.png`), fullPage: true });

      // The year's days: the demo's 2026 calendar, one day added and saved, then taken out again.
      await admin.getByTestId('holidays-year').selectOption('2026');
      await expect.poll(() => admin.getByTestId('holiday-row').count()).toBe(39);
      await admin.getByTestId('holiday-add').click();
      const last = admin.getByTestId('holiday-row').last();
      await last.getByTestId('holiday-date').fill('2026-12-31');
      await last.getByTestId('holiday-kind').selectOption('WORKDAY');
      await last.getByTestId('holiday-name').fill('跨年值班');
      await admin.getByTestId('holidays-save').click();
      await admin.getByTestId('holidays-notice').waitFor();
      const calendar = await pageGraphql<{ holidayCalendar: { days: { date: string; kind: string; name: string | null }[] } }>(
        admin,
        baseUrl,
        '{ holidayCalendar(year: 2026) { days { date kind name } } }',
      );
      expect(calendar.holidayCalendar.days.at(-1)).toEqual({ date: '2026-12-31', kind: 'WORKDAY', name: '跨年值班' });
      await last.scrollIntoViewIfNeeded();
      await admin.screenshot({ path: shot(`business-hours-holidays-${locale}.png`) });
      await admin.getByTestId('holiday-row').last().getByRole('button').click();
      await admin.getByTestId('holidays-save').click();
      await expect
        .poll(
          async () =>
            (await pageGraphql<{ holidayCalendar: { days: unknown[] } }>(admin, baseUrl, '{ holidayCalendar(year: 2026) { days { date } } }')).holidayCalendar
              .days.length,
        )
        .toBe(39);
      // Cleaning back to every hour, as the other tests expect.
      await on.uncheck();
      await admin.getByTestId('hours-save').click();
      await expect
        .poll(async () =>
          (
            await pageGraphql<typeof saved>(admin, baseUrl, '{ community { settings { workingHours { department days { weekday } } } } }')
          ).community.settings.workingHours.some((h) => h.department === 'CLEANING'),
        )
        .toBe(false);

      // A ticket's clock says when it is due, in the community's time.
      const owner = await signedInPhone(browser, baseUrl, 'owner1@lakeside.test', locale, contexts);
      const { me } = await pageGraphql<{ me: { units: { id: string }[] } }>(owner, baseUrl, '{ me { units { id } } }');
      const { openTicket } = await pageGraphql<{ openTicket: { id: string; dueAt: string } }>(
        owner,
        baseUrl,
        'mutation($input: OpenTicketInput!) { openTicket(input: $input) { id dueAt } }',
        {
          input: { kind: 'REPAIR', title: locale === 'zh-CN' ? '阳台地漏堵塞' : 'Balcony drain blocked', description: '下雨时积水。', unitId: me.units[0]!.id },
        },
      );
      await owner.goto(`${baseUrl}/tickets/${openTicket.id}`);
      const response = owner.getByTestId('sla-clocks').locator('[data-clock="RESPONSE"] .when');
      await response.waitFor();
      expect(await response.textContent()).toBe(expectedDue(openTicket.dueAt, locale));
      await owner.getByTestId('sla-clocks').scrollIntoViewIfNeeded();
      await owner.screenshot({ path: shot(`business-hours-ticket-${locale}.png`) });
    });
  }
});
