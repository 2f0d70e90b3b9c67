import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { launch, pageGraphql, screenshot, screenshotDir, signedInPhone } from '../support/browser.js';

// 常用答复 in the browser, on a phone: customer service drafts an answer, the property manager
// approves it on the knowledge screen, and customer service puts it into an on-the-spot answer,
// edits it and sends it; the ticket closes with the edited words and the answer counts the use.
// In English the owner reads English, so the English words go in.
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

const gql = <T>(page: Page, query: string, variables: Record<string, unknown> = {}) => pageGraphql<T>(page, baseUrl, query, variables);
/** A loaded machine can take seconds to answer a mutation. */
const SLOW = { timeout: 15_000 };
const noSideScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

describe('canned answers (常用答复)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`customer service inserts an approved answer into an on-the-spot answer, edits and sends it (${locale})`, async () => {
      const tag = `${locale === 'en' ? 'EN' : 'ZH'}${Date.now() % 100000}`;
      const title = `充电桩怎么申请？${tag}`;
      const bodyZh = `请到物业服务中心填写充电桩安装申请表，并提供车位产权证明。${tag}`;
      const bodyEn = `Fill in the charger application form at the property service centre and bring proof of your parking space. ${tag}`;
      const [cs, manager, owner] = await Promise.all(
        ['cs', 'manager', 'owner1'].map((who) => signedInPhone(browser, baseUrl, `${who}@lakeside.test`, locale, contexts)),
      );

      // Customer service drafts it on the knowledge screen.
      await cs.goto(`${baseUrl}/knowledge/new`);
      await cs.getByTestId('knowledge-title').fill(title);
      await cs.getByTestId('knowledge-body-zh').fill(bodyZh);
      await cs.getByTestId('knowledge-body-en').fill(bodyEn);
      await cs.getByTestId('knowledge-kind').selectOption('INQUIRY');
      await cs.getByTestId('knowledge-save').click();
      await cs.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
      await expect.poll(() => cs.getByTestId('knowledge-status').textContent(), SLOW).toBe(locale === 'en' ? 'Draft' : '草稿');
      await expect.poll(() => cs.getByTestId('ticket-notice').count(), SLOW).toBe(1);
      // The writer may not approve their own words.
      expect(await cs.getByTestId('knowledge-approve').count()).toBe(0);
      await screenshot(cs, `canned-draft-${locale}`);
      await noSideScroll(cs);

      // The manager finds it by a Chinese word and approves it.
      await manager.goto(`${baseUrl}/knowledge`);
      await manager.getByTestId('knowledge-search').fill(`充电桩 ${tag}`);
      await manager.getByTestId('knowledge-search').press('Enter');
      await expect.poll(() => manager.getByTestId('knowledge-item').count(), SLOW).toBe(1);
      await screenshot(manager, `canned-list-${locale}`);
      await noSideScroll(manager);
      await manager.getByTestId('knowledge-item').getByRole('link').click();
      await manager.getByTestId('knowledge-approve').click();
      await expect.poll(() => manager.getByTestId('knowledge-status').textContent(), SLOW).toBe(locale === 'en' ? 'Approved' : '已审核');
      await screenshot(manager, `canned-approved-${locale}`);

      // An owner asks; in English they read their notices in English.
      await gql(owner, `mutation($language: String!) { updateNotificationSettings(input: { language: $language }) { language } }`, { language: locale });
      const { me } = await gql<{ me: { units: { id: string }[] } }>(owner, `{ me { units { id } } }`);
      const { openTicket } = await gql<{ openTicket: { id: string } }>(
        owner,
        `mutation($unitId: ID!) { openTicket(input: { kind: INQUIRY, title: "想装充电桩", description: "地下车库的车位能不能装充电桩？", unitId: $unitId }) { id } }`,
        { unitId: me.units[0]!.id },
      );

      // Customer service answers on the spot from the picker, and edits the words before sending.
      await cs.goto(`${baseUrl}/tickets/${openTicket.id}`);
      await cs.getByTestId('choose-answer').click();
      await cs.getByTestId('answer-form-canned-toggle').click();
      await cs.getByTestId('answer-form-canned-search').fill(tag);
      await cs.getByTestId('answer-form-canned-search').press('Enter');
      await expect.poll(() => cs.getByTestId('answer-form-canned-answer').count(), SLOW).toBe(1);
      await screenshot(cs, `canned-picker-${locale}`);
      await cs.getByTestId('intake-card').screenshot({ path: path.join(screenshotDir, `canned-picker-card-${locale}.png`) });
      await noSideScroll(cs);
      await cs.getByTestId('answer-form-canned-answer').click();
      const box = cs.getByTestId('answer-form-text');
      const words = locale === 'en' ? bodyEn : bodyZh;
      await expect.poll(() => box.inputValue(), SLOW).toBe(words);
      const sign = locale === 'en' ? ' Call us on 021-5555 0000 with any question.' : ' 有问题请拨打 021-5555 0000。';
      await box.press('Control+End');
      await box.pressSequentially(sign);
      await screenshot(cs, `canned-inserted-${locale}`);
      await cs.getByTestId('answer-form-submit').click();
      await expect.poll(() => cs.getByTestId('ticket-notice').count(), SLOW).toBe(1);
      await screenshot(cs, `canned-answered-${locale}`);
      await noSideScroll(cs);

      const { ticket } = await gql<{ ticket: { status: string; answer: string } }>(cs, `query($id: ID!) { ticket(id: $id) { status answer } }`, {
        id: openTicket.id,
      });
      expect(ticket).toEqual({ status: 'CLOSED', answer: `${words}${sign}` });
      const { cannedAnswers } = await gql<{ cannedAnswers: { edges: { node: { title: string; useCount: number } }[] } }>(
        cs,
        `query($search: String) { cannedAnswers(search: $search, first: 5) { edges { node { title useCount } } } }`,
        { search: tag },
      );
      expect(cannedAnswers.edges.map((e) => e.node)).toEqual([{ title, useCount: 1 }]);
      await gql(owner, `mutation { updateNotificationSettings(input: { language: "zh-CN" }) { language } }`);
    }, 120_000);
  }
});
