import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, phone, screenshot, signIn } from '../support/browser.js';

// 派工 in the browser: the maintenance head assigns a ticket of the department from the ticket
// page, the facts say who has it, and the queue's "assigned to me" filter finds it.
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('assigning a ticket (派工)', () => {
  for (const locale of ['zh-CN', 'en']) {
    it(`the department head assigns from the ticket page and finds it under "assigned to me" (${locale})`, async () => {
      const context = await phone(browser, locale);
      await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const page = await context.newPage();
      await signIn(page, baseUrl, 'maint@lakeside.test');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      // A ticket of the department that may be assigned now and has nobody yet, found the way the portal asks for it.
      const response = await page.request.post(`${baseUrl}/graphql`, {
        headers: { 'content-type': 'application/json' },
        data: { query: '{ tickets(filter: { department: MAINTENANCE, open: true }, first: 50) { edges { node { id availableActions assignee { id } } } } }' },
      });
      const body = (await response.json()) as {
        data: { tickets: { edges: { node: { id: string; availableActions: string[]; assignee: { id: string } | null } }[] } };
      };
      const ticket = body.data.tickets.edges.map((e) => e.node).find((n) => n.availableActions.includes('assign') && !n.assignee);
      expect(ticket, 'a maintenance ticket the head may assign').toBeTruthy();

      await page.goto(`${baseUrl}/tickets/${ticket!.id}`);
      const form = page.getByTestId('assign-form');
      await form.waitFor();
      const person = page.getByTestId('assign-person');
      await expect.poll(async () => person.locator('option:not([disabled])').count()).toBeGreaterThan(0);
      const choice = await person.locator('option:not([disabled])').first();
      const name = (await choice.textContent())!.trim();
      await person.selectOption((await choice.getAttribute('value'))!);
      await screenshot(page, `assign-form-${locale}`);
      await page.getByTestId('assign-submit').click();
      await expect.poll(async () => (await page.getByTestId('ticket-assignee').textContent())?.trim()).toBe(name);
      await screenshot(page, `assign-done-${locale}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page.goto(`${baseUrl}/tickets/queue`);
      await page.getByTestId('assigned-to-me').check();
      await expect.poll(async () => page.getByTestId('ticket-card').count()).toBeGreaterThan(0);
      await screenshot(page, `assign-queue-mine-${locale}`);
      await context.close();
    }, 90_000);
  }
});
