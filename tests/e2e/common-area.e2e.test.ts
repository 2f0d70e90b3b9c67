import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import path from 'node:path';
import { launch, pageGraphql, screenshot, screenshotDir, signedInPhone } from '../support/browser.js';

// Public-area tickets (#12) on a 390 px phone: an owner about to report the lift finds it already
// reported and says "me too" instead; the new-ticket form says every problem at once and lets each go
// when it is fixed; customer service sees the "dispatched" confirmation without scrolling for it.
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

const signedIn = (email: string, locale = 'zh-CN') => signedInPhone(browser, baseUrl, email, locale, contexts);
const gql = <T>(page: Page, query: string, variables: Record<string, unknown> = {}) => pageGraphql<T>(page, baseUrl, query, variables);
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
/** Whether the element is inside the viewport now (below the sticky header's top edge counts). */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });

const CASES = [
  { locale: 'zh-CN', filer: 'owner40@lakeside.test', neighbour: 'owner41@lakeside.test', area: '6号楼电梯', meToo: '我也遇到（同报）', joined: '你已同报' },
  { locale: 'en', filer: 'owner42@lakeside.test', neighbour: 'owner43@lakeside.test', area: '7号楼车库入口', meToo: 'Me too', joined: 'You reported this too' },
] as const;

describe('finding a common-area ticket before filing it, and saying me too', () => {
  for (const c of CASES) {
    it(`in ${c.locale}: the form lists the open ticket for the place typed; me too joins it and the ticket says so`, async () => {
      const filer = await signedIn(c.filer, c.locale);
      const { openTicket } = await gql<{ openTicket: { id: string; number: string } }>(
        filer,
        'mutation($area: String!) { openTicket(input: { kind: REPAIR, title: "电梯运行异响", description: "运行时有很大的摩擦声。", commonArea: $area }) { id number } }',
        { area: c.area },
      );

      const owner = await signedIn(c.neighbour, c.locale);
      await owner.goto(`${baseUrl}/tickets/new`);
      await owner.getByTestId('kind-REPAIR').check({ force: true });
      await owner.getByTestId('where-common').check({ force: true });
      await owner.getByTestId('new-common-area').fill(c.area);
      const match = owner.locator(`[data-testid="common-area-match"][data-number="${openTicket.number}"]`);
      await match.waitFor();
      await match.scrollIntoViewIfNeeded();
      await screenshot(owner, `common-area-1-match-${c.locale}`);
      await fitsPhone(owner);
      // The filer's name is not in the list; the button says what it does.
      expect(await match.getByTestId('match-me-too').textContent()).toContain(c.meToo);

      await match.getByTestId('match-me-too').click();
      await owner.waitForURL(`${baseUrl}/tickets/${openTicket.id}`);
      await owner.getByTestId('me-too-joined').waitFor();
      expect(await owner.getByTestId('me-too-joined').textContent()).toContain(c.joined);
      await expect.poll(() => onScreen(owner.getByTestId('ticket-notice'))).toBe(true);
      expect(await owner.getByTestId('ticket-notice').textContent()).toContain(openTicket.number);
      expect(await owner.getByTestId('ticket-place').textContent()).toContain(c.area);
      expect(await owner.getByTestId('owner-name').textContent()).toMatch(/\*/);
      await screenshot(owner, `common-area-2-joined-${c.locale}`);
      await fitsPhone(owner);

      const { ticket } = await gql<{ ticket: { meTooCount: number; meTooByMe: boolean } }>(
        owner,
        'query($id: ID!) { ticket(id: $id) { meTooCount meTooByMe } }',
        { id: openTicket.id },
      );
      expect(ticket).toEqual({ meTooCount: 1, meTooByMe: true });

      // The owner's list: "common areas" shows it with its count.
      await owner.goto(`${baseUrl}/tickets?show=common`);
      const card = owner.locator(`[data-testid="ticket-card"][data-number="${openTicket.number}"]`);
      await card.waitFor();
      expect(await card.getByTestId('card-me-too').textContent()).toContain('1');
      await screenshot(owner, `common-area-3-list-${c.locale}`);
      await fitsPhone(owner);
    });
  }
});

describe('the new-ticket form’s problems', () => {
  for (const c of [
    { locale: 'zh-CN', email: 'owner44@lakeside.test', heading: '还有 5 处需要修改', after: '还有 4 处需要修改' },
    { locale: 'en', email: 'owner45@lakeside.test', heading: '5 things to fix', after: '4 things to fix' },
  ] as const) {
    it(`in ${c.locale}: all at once at the top and beside each field, the first focused; each goes when fixed`, async () => {
      const owner = await signedIn(c.email, c.locale);
      await owner.goto(`${baseUrl}/tickets/new`);
      await owner.getByTestId('kind-REPAIR').check({ force: true });
      await owner.getByTestId('where-common').check({ force: true });
      await owner.getByTestId('new-phone').fill('call me');
      await owner.getByTestId('new-visit-slot').selectOption('MORNING');
      await owner.getByTestId('submit-ticket').click();

      const summary = owner.getByTestId('form-problems');
      await summary.waitFor();
      expect(await summary.textContent()).toContain(c.heading);
      expect(await summary.locator('li').count()).toBe(5);
      for (const field of ['commonArea', 'title', 'description', 'preferredVisit', 'contactPhone']) {
        await owner.getByTestId(`field-error-${field}`).waitFor();
      }
      // The list is on screen at the top of the form, and the cursor is in the first field to fix.
      await expect.poll(() => onScreen(summary)).toBe(true);
      expect(await owner.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('new-common-area');
      await screenshot(owner, `form-problems-1-all-${c.locale}`);
      await fitsPhone(owner);

      // Fixing a field clears its problem there and in the list at once, without sending again.
      await owner.getByTestId('new-title').fill('路灯不亮');
      await owner.getByTestId('field-error-title').waitFor({ state: 'detached' });
      expect(await summary.textContent()).toContain(c.after);
      expect(await owner.getByTestId('new-title').getAttribute('aria-invalid')).toBeNull();
      await owner.getByTestId('new-common-area').fill('中心花园北侧');
      await owner.getByTestId('new-description').fill('北侧三盏路灯晚上不亮。');
      await owner.getByTestId('new-phone').fill('');
      await owner.getByTestId('new-visit-slot').selectOption('');
      await summary.waitFor({ state: 'detached' });
      expect(await owner.locator('[data-testid^="field-error-"]').count()).toBe(0);
      await screenshot(owner, `form-problems-2-fixed-${c.locale}`);
      await owner.getByTestId('submit-ticket').click();
      await owner.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
      expect(await owner.getByTestId('ticket-place').textContent()).toContain('中心花园北侧');
    });
  }
});

describe('the dispatched confirmation on a phone', () => {
  it('comes into view when customer service dispatches from the ticket page', async () => {
    const owner = await signedIn('owner46@lakeside.test');
    const me = await gql<{ me: { units: { id: string }[] } }>(owner, '{ me { units { id } } }');
    const { openTicket } = await gql<{ openTicket: { id: string; number: string } }>(
      owner,
      'mutation($u: ID!) { openTicket(input: { kind: REPAIR, title: "卫生间地漏堵塞", description: "洗澡时积水排不下去。", unitId: $u }) { id number } }',
      { u: me.me.units[0]!.id },
    );
    const cs = await signedIn('cs@lakeside.test');
    await cs.goto(`${baseUrl}/tickets/${openTicket.id}`);
    await cs.getByTestId('choose-dispatch').click();
    await cs.getByTestId('dispatch-department').selectOption('MAINTENANCE');
    await cs.getByTestId('dispatch-submit').scrollIntoViewIfNeeded();
    // Where the confirmation appears is above the screen while the form is sent: the page must come up to it.
    expect(await cs.getByTestId('notice-region').evaluate((el) => el.getBoundingClientRect().top < 0)).toBe(true);
    await cs.getByTestId('dispatch-submit').click();
    const notice = cs.getByTestId('ticket-notice');
    await notice.waitFor();
    await expect.poll(() => onScreen(notice)).toBe(true);
    // What the phone shows (not the full page): the confirmation is in it.
    await cs.screenshot({ path: path.join(screenshotDir, 'dispatched-notice-viewport-zh-CN.png') });
  });
});
