import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, phone, screenshot, signIn } from '../support/browser.js';

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

/** One person on their own phone, signed in. */
async function person(email: string): Promise<Page> {
  const context = await phone(browser);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

const status = (page: Page) => page.getByTestId('ticket-status').first();

async function expectStatus(page: Page, text: string) {
  await page.waitForFunction((expected) => document.querySelector('[data-testid="ticket-status"]')?.textContent?.includes(expected), text, { timeout: 15_000 });
  expect(await status(page).textContent()).toContain(text);
}

async function unread(page: Page): Promise<number> {
  const badge = page.getByTestId('unread-count');
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

describe('service desk: a complaint from filing to the return visit', () => {
  it('goes owner → customer service → maintenance → owner, live, with every round kept', async () => {
    const title = `楼上深夜噪音 ${Date.now()}`;

    // 1. The owner files a complaint on their phone.
    const owner = await person('owner1@lakeside.test');
    await owner.goto(`${baseUrl}/tickets`);
    await owner.getByTestId('new-ticket').click();
    await owner.waitForURL(/\/tickets\/new/);
    await owner.getByTestId('kind-COMPLAINT').check();
    await owner.getByTestId('new-demand').waitFor();
    await owner.getByTestId('new-unit').selectOption({ index: 1 });
    await owner.getByTestId('new-title').fill(title);
    await owner.getByTestId('new-description').fill('楼上每晚十二点后还在拖动家具，已经持续一周。');
    await owner.getByTestId('new-demand').fill('请物业上门提醒，晚上十点后保持安静。');
    await screenshot(owner, 'desk-1-owner-files-complaint');
    await owner.getByTestId('submit-ticket').click();
    await owner.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketUrl = owner.url();
    const number = (await owner.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^T-\d{5}$/);
    expect(await owner.getByTestId('ticket-notice').textContent()).toContain(number);
    await expectStatus(owner, '已受理');
    await screenshot(owner, 'desk-2-owner-ticket-received');

    // 2. Customer service dispatches it to maintenance from the intake desk.
    const cs = await person('cs@lakeside.test');
    await cs.goto(`${baseUrl}/tickets`);
    await cs.waitForURL(/\/tickets\/desk/);
    const card = cs.locator(`[data-testid="ticket-card"][data-number="${number}"]`);
    await card.getByTestId('choose-dispatch').click();
    await card.getByTestId('dispatch-department').selectOption('MAINTENANCE');
    await card.getByTestId('dispatch-category').fill('噪音');
    await screenshot(cs, 'desk-3-cs-dispatches');
    await card.getByTestId('dispatch-submit').click();
    await cs.getByTestId('ticket-notice').filter({ hasText: number }).waitFor();
    await card.waitFor({ state: 'detached' });
    await expectStatus(owner, '调查处理中'); // live on the owner's page
    await screenshot(cs, 'desk-4-cs-dispatched');

    // 3. Maintenance proposes a solution while the owner's page stays open.
    await owner.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const unreadBefore = await unread(owner);
    const maint = await person('maint@lakeside.test');
    await maint.goto(ticketUrl);
    await maint.getByTestId('propose-form-text').fill('上门与楼上住户沟通，并张贴夜间安静提示。');
    await maint.getByTestId('propose-form-submit').click();
    await expectStatus(maint, '方案待确认');

    // The owner sees it arrive without reloading: the solution, the question, the bell.
    await owner.getByTestId('respond-card').waitFor({ timeout: 15_000 });
    expect(await owner.getByTestId('respond-card').textContent()).toContain('张贴夜间安静提示');
    await expectStatus(owner, '方案待确认');
    expect(await owner.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await owner.waitForFunction((before) => Number(document.querySelector('[data-testid="unread-count"]')?.textContent ?? 0) > before, unreadBefore, {
      timeout: 15_000,
    });
    await screenshot(owner, 'desk-5-owner-sees-solution-live');

    // 4. The owner rejects it, with a reason.
    await owner.getByTestId('reject-solution').click();
    await owner.getByTestId('confirm-reject').click();
    await owner.getByTestId('problem').waitFor(); // a reason is required
    await owner.getByTestId('reject-reason').fill('只张贴提示没有用，希望物业当面提醒并跟进一周。');
    await owner.getByTestId('confirm-reject').click();
    await expectStatus(owner, '调查处理中');
    await screenshot(owner, 'desk-6-owner-rejected');

    // 5. Maintenance proposes a second round (its page updated live too).
    await maint.getByTestId('propose-card').filter({ hasText: '第 2 轮' }).waitFor({ timeout: 15_000 });
    expect(await maint.getByTestId('propose-card').textContent()).toContain('只张贴提示没有用');
    await maint.getByTestId('propose-form-text').fill('今晚由维修主管和安保一起上门当面提醒，并连续一周晚上十点回访。');
    await maint.getByTestId('propose-form-submit').click();
    await expectStatus(maint, '方案待确认');

    // 6. The owner accepts round 2; round 1 stays on the record as rejected.
    await owner.getByTestId('respond-card').filter({ hasText: '第 2 轮' }).waitFor({ timeout: 15_000 });
    await owner.getByTestId('accept-solution').click();
    await expectStatus(owner, '实施中');
    const rounds = owner.getByTestId('solution-round');
    expect(await rounds.count()).toBe(2);
    expect(await rounds.nth(0).textContent()).toContain('业主已退回');
    expect(await owner.getByTestId('rejection-reason').textContent()).toContain('当面提醒');
    expect(await rounds.nth(1).textContent()).toContain('业主已接受');
    await screenshot(owner, 'desk-7-owner-accepted');

    // 7. Maintenance resolves it.
    await maint.getByTestId('resolve-card').waitFor({ timeout: 15_000 });
    await maint.getByTestId('resolve-form-text').fill('已连续一周夜间回访，楼上住户已调整作息，噪音问题解决。');
    await maint.getByTestId('resolve-form-submit').click();
    await expectStatus(maint, '已解决');
    await screenshot(maint, 'desk-8-maint-resolved');

    // 8. The owner rates the service: 5 stars, and the ticket closes.
    await owner.getByTestId('visit-card').waitFor({ timeout: 15_000 });
    await owner.getByTestId('star-5').check();
    await owner.getByTestId('visit-comment').fill('处理及时，沟通到位。');
    await screenshot(owner, 'desk-9-owner-rates');
    await owner.getByTestId('submit-visit').click();
    await expectStatus(owner, '已关闭');
    expect(await owner.getByTestId('rating').getAttribute('data-rating')).toBe('5');
    expect(await owner.getByTestId('rating').textContent()).toContain('5 星');
    await screenshot(owner, 'desk-10-owner-closed');

    // The owner's list of finished tickets shows it with its rating.
    await owner.goto(`${baseUrl}/tickets?show=closed`);
    const done = owner.locator(`[data-testid="ticket-card"][data-number="${number}"]`);
    await done.waitFor();
    expect(await done.textContent()).toContain('已关闭');
    expect(await done.textContent()).toContain('满意度 5/5');
    await screenshot(owner, 'desk-11-owner-list-closed');
    finished = { url: ticketUrl, number };
  });
});

/** The ticket the first story closed, for the next one to reopen. */
let finished: { url: string; number: string } | null = null;

async function inEnglish(page: Page) {
  await page.evaluate(() => localStorage.setItem('cocreate.locale', 'en'));
  await page.reload();
}

describe('service desk: "it is not fixed", and finding a ticket by the owner’s phone', () => {
  it('lets the owner reopen the closed ticket with a reason, and customer service find it by phone', async () => {
    expect(finished).not.toBeNull();
    const { url, number } = finished!;

    // 1. The owner says it is not fixed: the ticket goes back to maintenance.
    const owner = await person('owner1@lakeside.test');
    await owner.goto(url);
    await owner.getByTestId('reopen-card').waitFor();
    await owner.getByTestId('reopen-form-submit').click();
    await owner.getByTestId('problem').waitFor(); // a reason is required
    await owner.getByTestId('reopen-form-text').fill('这两天楼上又开始深夜拖家具了。');
    await screenshot(owner, 'loop-1-owner-reopens');
    await owner.getByTestId('reopen-form-submit').click();
    await expectStatus(owner, '调查处理中');
    await owner.getByTestId('urge-card').waitFor();
    await owner.getByTestId('cancel-card').waitFor();
    await screenshot(owner, 'loop-2-owner-reopened-can-urge');

    // 2. The owner presses for progress once; a second press must wait.
    await owner.getByTestId('urge-button').click();
    await owner.getByTestId('urge-count').waitFor({ timeout: 15_000 });
    expect(await owner.getByTestId('urge-button').isDisabled()).toBe(true);
    await screenshot(owner, 'loop-3-owner-urged');
    await inEnglish(owner);
    await owner.getByTestId('urge-card').waitFor();
    await screenshot(owner, 'loop-3-owner-urged-en');

    // 3. Customer service, on the phone with the owner, finds the ticket by the owner's phone number.
    const cs = await person('cs@lakeside.test');
    await cs.goto(url);
    const ownerPhone = (await cs.getByTestId('owner-phone').first().textContent())!.trim();
    await cs.goto(`${baseUrl}/tickets/desk`);
    await cs.getByTestId('desk-find-search').fill(ownerPhone);
    await cs.getByTestId('desk-find-submit').click();
    const found = cs.getByTestId('desk-find-results').locator(`[data-testid="ticket-card"][data-number="${number}"]`);
    await found.waitFor({ timeout: 15_000 });
    await screenshot(cs, 'loop-4-cs-finds-by-phone');
    await inEnglish(cs);
    await cs.getByTestId('desk-find-search').fill(ownerPhone.slice(-4));
    await cs.getByTestId('desk-find-submit').click();
    await cs.getByTestId('desk-find-results').locator(`[data-testid="ticket-card"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
    await screenshot(cs, 'loop-4-cs-finds-by-phone-en');
  });
});
