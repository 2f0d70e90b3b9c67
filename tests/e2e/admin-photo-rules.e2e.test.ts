import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, pageGraphql, screenshot, signedInPhone } from '../support/browser.js';

// The community's photo rules, set by the admin on the rules page: with "a finished repair needs a
// photo" on, maintenance is told in its own language why a resolution without one is refused.
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

const signedIn = (locale: string, email: string) => signedInPhone(browser, baseUrl, email, locale, contexts);
const gql = <T>(page: Page, query: string, variables: Record<string, unknown> = {}) => pageGraphql<T>(page, baseUrl, query, variables);

const rules = (page: Page) =>
  gql<{ community: { settings: { attachments: { keepOriginals: boolean; repairResolutionNeedsPhoto: boolean } } } }>(
    page,
    '{ community { settings { attachments { keepOriginals repairResolutionNeedsPhoto } } } }',
  ).then((d) => d.community.settings.attachments);

describe('the admin’s photo rules', () => {
  it('turns on “a finished repair needs a photo”; maintenance is refused without one, in Chinese, and then in English', async () => {
    const admin = await signedIn('zh-CN', 'admin@lakeside.test');
    await admin.goto(`${baseUrl}/admin`);
    const needsPhoto = admin.getByTestId('rule-repair-photo');
    await needsPhoto.waitFor();
    expect(await needsPhoto.isChecked()).toBe(false);
    expect(await admin.getByTestId('rule-keep-originals').isChecked()).toBe(false);
    await needsPhoto.check();
    await admin.getByTestId('save-settings').click();
    await expect.poll(() => rules(admin)).toEqual({ keepOriginals: false, repairResolutionNeedsPhoto: true });
    await needsPhoto.scrollIntoViewIfNeeded();
    await screenshot(admin, 'admin-photo-rules-zh-CN');

    try {
      // A repair brought to the point where maintenance resolves it.
      const owner = await signedIn('zh-CN', 'owner1@lakeside.test');
      const me = await gql<{ me: { units: { id: string }[] } }>(owner, '{ me { units { id } } }');
      const opened = await gql<{ openTicket: { id: string } }>(
        owner,
        'mutation($u: ID!) { openTicket(input: { kind: REPAIR, title: "卫生间灯不亮", description: "换了灯泡也不亮。", unitId: $u }) { id } }',
        { u: me.me.units[0]!.id },
      );
      const id = opened.openTicket.id;
      const cs = await signedIn('zh-CN', 'cs@lakeside.test');
      await gql(cs, 'mutation($id: ID!) { dispatchTicket(id: $id, input: { urgency: NORMAL, department: MAINTENANCE }) { id } }', { id });
      const maint = await signedIn('zh-CN', 'maint@lakeside.test');
      await gql(maint, 'mutation($id: ID!) { proposeSolution(id: $id, solution: "检查线路，更换开关。") { id } }', { id });
      await gql(owner, 'mutation($id: ID!) { respondToSolution(id: $id, accept: true) { id } }', { id });

      await maint.goto(`${baseUrl}/tickets/${id}`);
      await maint.getByTestId('resolve-form').waitFor();
      await maint.getByTestId('resolve-form-text').fill('已更换开关，灯恢复正常。');
      await maint.getByTestId('resolve-form-submit').click();
      const refusal = maint.getByTestId('problem').filter({ hasText: '本小区规定：维修完成时至少附一张完工照片。' });
      await refusal.waitFor();
      expect(await refusal.textContent()).not.toMatch(/[A-Za-z]{4,}/);
      await screenshot(maint, 'admin-photo-rules-refused-zh-CN');

      const maintEn = await signedIn('en', 'maint@lakeside.test');
      await maintEn.goto(`${baseUrl}/tickets/${id}`);
      await maintEn.getByTestId('resolve-form').waitFor();
      await maintEn.getByTestId('resolve-form-text').fill('Switch replaced, the light works.');
      await maintEn.getByTestId('resolve-form-submit').click();
      await maintEn.getByTestId('problem').filter({ hasText: 'a repair is resolved with at least one photo of the finished work' }).waitFor();
      await screenshot(maintEn, 'admin-photo-rules-refused-en');
    } finally {
      // Back to the demo's rules for the tests that follow.
      await needsPhoto.uncheck();
      await admin.getByTestId('save-settings').click();
      await expect.poll(() => rules(admin)).toEqual({ keepOriginals: false, repairResolutionNeedsPhoto: false });
    }
  });
});
