import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, phone, screenshot, signIn } from '../support/browser.js';
import { accessible } from '../support/accessible.js';

// #11 in the browser: an owner is told of a solution, follows the notification from the home
// page's card and from the inbox to the ticket itself, and accepts it; the settings screen and the
// admins' failed-deliveries screen, in zh-CN and English at 390 px.
const baseUrl = inject('baseUrl');
let browser: Browser;

async function api(email: string) {
  const login = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ id } }', variables: { e: email, p: 'cocreate-demo' } }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('following a notification to the thing itself', () => {
  for (const [locale, email] of [
    ['zh-CN', 'owner14@lakeside.test'],
    ['en', 'owner15@lakeside.test'],
  ] as const) {
    it(`an owner opens the solution from the home card and the inbox and accepts it (${locale})`, async () => {
      const [owner, cs, maint] = await Promise.all([api(email), api('cs@lakeside.test'), api('maint@lakeside.test')]);
      const { me } = await owner<{ me: { units: { id: string }[] } }>('{ me { units { id } } }');
      const { openTicket } = await owner<{ openTicket: { id: string; number: string } }>(
        'mutation($u:ID!){ openTicket(input:{ kind: REPAIR, title: "阳台地漏返水", description: "下雨时阳台地漏往上冒水。", unitId: $u }){ id number } }',
        { u: me.units[0]!.id },
      );
      await cs('mutation($id:ID!){ dispatchTicket(id:$id, input:{ urgency: NORMAL, department: MAINTENANCE, category: "水电" }){ id } }', {
        id: openTicket.id,
      });
      await maint('mutation($id:ID!){ proposeSolution(id:$id, solution:"明天上午疏通地漏并加装防臭芯。"){ id } }', { id: openTicket.id });

      const context = await phone(browser, locale);
      await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const page = await context.newPage();
      await signIn(page, baseUrl, email);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(`${baseUrl}/`);
      const card = page.getByTestId('waiting-SOLUTIONS_TO_CONFIRM');
      await card.waitFor();
      await screenshot(page, `notify-home-${locale}`);
      await accessible(page, '/');
      expect(await card.getAttribute('href')).toBe(`/tickets/${openTicket.id}`);

      await page.goto(`${baseUrl}/inbox`);
      const item = page.locator(`[data-testid="notification"][data-kind="TICKET_SOLUTION_PROPOSED"]`).filter({ hasText: openTicket.number }).first();
      await item.waitFor();
      await screenshot(page, `notify-inbox-${locale}`);
      await accessible(page, '/inbox');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await item.click();
      await page.waitForURL(`**/tickets/${openTicket.id}`);
      await page.getByTestId('accept-solution').click();
      await expect
        .poll(async () => (await owner<{ ticket: { status: string } }>('query($id:ID!){ ticket(id:$id){ status } }', { id: openTicket.id })).ticket.status)
        .toBe('IN_PROGRESS');
      await screenshot(page, `notify-accepted-${locale}`);

      // The card is gone once nothing waits; the settings screen says a vote cannot be silenced.
      await page.goto(`${baseUrl}/inbox/settings`);
      await page.getByTestId('channel-DECISION_OPENED-SMS').waitFor();
      expect(await page.getByTestId('channel-DECISION_OPENED-SMS').isDisabled()).toBe(true);
      await page.getByTestId('channel-PROPOSAL_COMMENTED-EMAIL').check();
      await page
        .getByRole('status')
        .filter({ hasText: locale === 'en' ? 'Saved' : '已保存' })
        .waitFor();
      await screenshot(page, `notify-settings-${locale}`);
      await accessible(page, '/inbox/settings');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await context.close();
    }, 90_000);

    it(`admins see failed deliveries (${locale})`, async () => {
      const context = await phone(browser, locale);
      await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const page = await context.newPage();
      await signIn(page, baseUrl, 'admin@lakeside.test');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(`${baseUrl}/admin/deliveries`);
      await page.locator('h1').waitFor();
      await page.getByText(locale === 'en' ? 'No failed deliveries' : '没有发送失败的通知').waitFor();
      await screenshot(page, `notify-failures-${locale}`);
      await accessible(page, '/admin/deliveries');
      await context.close();
    }, 60_000);
  }
});
