import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, pageGraphql, screenshot, signedInPhone } from '../support/browser.js';

// The owner's end of the loop at phone width: the return visit asks "solved?" first — "not yet"
// sends the ticket back to the department — and a 1-star rating is the manager's to follow up,
// which the owner then sees on the ticket.
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

/** A repair of owner1's, brought through the desk and maintenance to RESOLVED. */
async function resolvedRepair(owner: Page, cs: Page, maint: Page, title: string): Promise<string> {
  const me = await gql<{ me: { units: { id: string }[] } }>(owner, '{ me { units { id } } }');
  const { openTicket } = await gql<{ openTicket: { id: string } }>(
    owner,
    'mutation($u: ID!, $t: String!) { openTicket(input: { kind: REPAIR, title: $t, description: "厨房水槽下面一直滴水。", unitId: $u }) { id } }',
    { u: me.me.units[0]!.id, t: title },
  );
  const id = openTicket.id;
  await gql(cs, 'mutation($id: ID!) { dispatchTicket(id: $id, input: { urgency: NORMAL, department: MAINTENANCE }) { id } }', { id });
  await gql(maint, 'mutation($id: ID!) { proposeSolution(id: $id, solution: "更换水槽下水管。") { id } }', { id });
  await gql(owner, 'mutation($id: ID!) { respondToSolution(id: $id, accept: true) { id } }', { id });
  await gql(maint, 'mutation($id: ID!) { resolveTicket(id: $id, summary: "已更换下水管。") { id } }', { id });
  return id;
}

describe('the return visit', () => {
  it('“not yet solved” sends the ticket back; a 1-star rating is followed up by the manager, and the owner sees what was done', async () => {
    const [owner, cs, maint] = [await signedIn('owner1@lakeside.test'), await signedIn('cs@lakeside.test'), await signedIn('maint@lakeside.test')];

    const first = await resolvedRepair(owner, cs, maint, '水槽下面滴水');
    await owner.goto(`${baseUrl}/tickets/${first}`);
    await owner.getByTestId('visit-card').waitFor();
    await owner.getByTestId('visit-solved-no').check();
    await owner.getByTestId('submit-visit').click();
    await owner.getByText('请写明哪里还没有解决。').waitFor();
    await owner.getByTestId('visit-not-solved').fill('换了管子还是滴水，是水龙头的问题。');
    await screenshot(owner, 'visit-1-not-solved-zh-CN');
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await owner.getByTestId('submit-visit').click();
    await owner.getByText('已退回责任部门重新处理。').waitFor();
    await expect
      .poll(
        async () =>
          (await gql<{ ticket: { status: string; reopenCount: number } }>(owner, 'query($id: ID!) { ticket(id: $id) { status reopenCount } }', { id: first }))
            .ticket,
      )
      .toEqual({ status: 'INVESTIGATING', reopenCount: 1 });

    const second = await resolvedRepair(owner, cs, maint, '阳台地漏返味');
    await owner.goto(`${baseUrl}/tickets/${second}`);
    await owner.getByTestId('visit-card').waitFor();
    await owner.getByTestId('star-1').check({ force: true });
    await owner.getByTestId('visit-comment').fill('来了三次才修好，也没人解释。');
    await owner.getByTestId('submit-visit').click();
    await owner.getByTestId('follow-up-waiting').waitFor();

    const manager = await signedIn('manager@lakeside.test');
    await gql(manager, 'mutation($c: ID!) { switchCommunity(communityId: $c) { id } }', {
      c: (await gql<{ community: { id: string } }>(owner, '{ community { id } }')).community.id,
    }).catch(() => undefined);
    // The manager's home says a follow-up waits, and the dashboard lists it.
    await manager.goto(`${baseUrl}/`);
    await manager.getByText('个不满意的回访待您跟进').waitFor();
    await manager.goto(`${baseUrl}/dashboard`);
    await manager.getByTestId('follow-ups').scrollIntoViewIfNeeded();
    await screenshot(manager, 'visit-2-manager-dashboard-follow-ups-zh-CN');
    await manager.getByTestId('follow-ups').getByTestId('follow-up-link').filter({ hasText: '阳台地漏返味' }).click();
    await manager.waitForURL(`${baseUrl}/tickets/${second}`);
    const card = manager.getByTestId('follow-up-card');
    await card.waitFor();
    expect(await manager.getByTestId('follow-up-comment').textContent()).toContain('来了三次才修好');
    await manager.getByTestId('follow-up-form').locator('textarea').fill('已上门向业主道歉，赠送一次免费管道疏通，并调整了派工流程。');
    await screenshot(manager, 'visit-2-manager-follows-up-zh-CN');
    await manager.getByTestId('follow-up-form-submit').click();
    await manager.getByTestId('follow-up-done').waitFor();

    await owner.reload();
    await owner.getByTestId('follow-up-done').waitFor();
    expect(await owner.getByTestId('follow-up-action').textContent()).toContain('赠送一次免费管道疏通');
    await screenshot(owner, 'visit-3-owner-sees-follow-up-zh-CN');

    const ownerEn = await signedIn('owner1@lakeside.test', 'en');
    await ownerEn.goto(`${baseUrl}/tickets/${second}`);
    await ownerEn.getByTestId('follow-up-done').filter({ hasText: 'The manager followed up' }).waitFor();
    await screenshot(ownerEn, 'visit-3-owner-sees-follow-up-en');
  });
});
