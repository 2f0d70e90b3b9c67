import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, phone, screenshot, signIn } from '../support/browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];
const people = new Map<string, Page>();

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  // The e2e app is shared by every file: put the notice period back for the others.
  const admin = people.get('admin@lakeside.test');
  if (admin) await gql(admin, 'mutation { updateCommunitySettings(input: { noticePeriodHours: 168 }) { id } }');
  for (const context of contexts) await context.close();
  await browser?.close();
});

/** One person on their own phone, signed in (once per test file). */
async function person(email: string): Promise<Page> {
  const known = people.get(email);
  if (known) return known;
  const context = await phone(browser);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  people.set(email, page);
  return page;
}

/** GraphQL as the person signed in on `page` (their session cookie), for steps that are not under test here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc untyped queries for setup steps
async function gql<T = Record<string, any>>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return response.json();
    },
    { query, variables },
  );
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data as T;
}

async function expectText(page: Page, testid: string, text: string) {
  await page.waitForFunction(
    ({ testid, text }) => [...document.querySelectorAll(`[data-testid="${testid}"]`)].some((e) => e.textContent?.includes(text)),
    { testid, text },
    { timeout: 15_000 },
  );
}

const CRITERIA = ['innovation', 'feasibility', 'benefit', 'reach'] as const;

/** A committee member scores every criterion in the workspace form. */
async function scoreInPortal(page: Page, reviewUrl: string, scores: number[], comment?: string) {
  await page.goto(reviewUrl);
  await page.getByTestId('score-form').waitFor();
  for (const [i, criterion] of CRITERIA.entries()) await page.getByTestId(`score-${criterion}-${scores[i]}`).check();
  if (comment) await page.getByTestId('score-comment').fill(comment);
  await page.getByTestId('score-submit').click();
  await page
    .getByTestId('score-saved')
    .filter({ hasText: /已提交/ })
    .waitFor();
}

async function acceptedProposal(title: string): Promise<string> {
  const owner = await person('owner1@lakeside.test');
  const manager = await person('manager@lakeside.test');
  const { submitProposal } = await gql(owner, 'mutation($input: SubmitProposalInput!) { submitProposal(input: $input) { id } }', {
    input: { title, body: '在地下车库入口加装雨水截水沟，避免暴雨时倒灌。', category: 'FACILITIES' },
  });
  for (const to of ['UNDER_REVIEW', 'ACCEPTED']) {
    await gql(manager, 'mutation($id: ID!, $to: ProposalStatus!) { advanceProposal(id: $id, to: $to) { id } }', { id: submitProposal.id, to });
  }
  return submitProposal.id;
}

describe('review and rewards: from opening a review to a published, final outcome', () => {
  const title = `楼道加装声控感应灯 ${Date.now()}`;
  let reviewUrl = '';
  let publicUrl = '';

  it('scores blind, proposes the outcome, and takes and answers an objection in public notice', { timeout: 240_000 }, async () => {
    // 1. owner1 puts an idea on the board, in the portal.
    const owner1 = await person('owner1@lakeside.test');
    await owner1.goto(`${baseUrl}/board/new`);
    await owner1.getByTestId('proposal-title').fill(title);
    await owner1.getByTestId('proposal-body').fill('三号楼楼道晚上太暗，老人上下楼不安全，建议每层加装声控感应灯。');
    await owner1.getByTestId('category-SAFETY').check();
    await owner1.getByTestId('submit-proposal').click();
    await owner1.waitForURL(/\/board\/[0-9a-f-]{36}$/);
    const proposalId = owner1.url().split('/').at(-1)!;
    await screenshot(owner1, 'rewards-1-owner-proposes');

    // The committee accepts it (the board's own steps, not under test here).
    const manager = await person('manager@lakeside.test');
    for (const to of ['UNDER_REVIEW', 'ACCEPTED']) {
      await gql(manager, 'mutation($id: ID!, $to: ProposalStatus!) { advanceProposal(id: $id, to: $to) { id } }', { id: proposalId, to });
    }

    // 2. The manager opens the review from the committee workspace.
    await manager.goto(`${baseUrl}/rewards/committee`);
    await manager.getByTestId('open-search').fill(title);
    await screenshot(manager, 'rewards-2-manager-finds-proposal');
    await manager.locator('[data-testid="reviewable"]').filter({ hasText: title }).getByTestId('open-review').click();
    await manager.waitForURL(/\/rewards\/committee\/[0-9a-f-]{36}$/);
    reviewUrl = manager.url();
    const reviewId = reviewUrl.split('/').at(-1)!;
    publicUrl = `${baseUrl}/rewards/${reviewId}`;
    await expectText(manager, 'review-notice', '开始评审');
    await expectText(manager, 'review-status', '评分中');
    expect(await manager.getByTestId('reviewer').count()).toBe(5);

    // 3. Blind scoring: owner2 scores first and sees only their own sheet.
    const owner2 = await person('owner2@lakeside.test');
    await scoreInPortal(owner2, reviewUrl, [6, 6, 6, 6], '实用，造价低。');
    expect(await owner2.getByTestId('blind-notice').textContent()).toContain('评分保密中');
    expect(await owner2.getByTestId('score-table').count()).toBe(0);
    await expectText(owner2, 'scored-count', '1');
    await screenshot(owner2, 'rewards-3-owner2-scored-blind');

    // Finalising too early is refused, with the server's reason translated.
    await manager.reload();
    await manager.getByTestId('finalize').click();
    await manager.getByTestId('finalize-confirm').click();
    await expectText(manager, 'problem-detail', '还有 4 位评审人没有评分');
    await screenshot(manager, 'rewards-4-finalize-too-early');

    for (const [email, scores] of [
      ['owner3@lakeside.test', [7, 6, 6, 7]],
      ['owner4@lakeside.test', [5, 6, 5, 6]],
      ['owner5@lakeside.test', [8, 7, 7, 6]],
    ] as const) {
      await scoreInPortal(await person(email), reviewUrl, [...scores]);
    }
    await scoreInPortal(manager, reviewUrl, [6, 7, 6, 6]);
    // The last sheet reveals every score to the committee.
    await manager.getByTestId('score-table').waitFor();
    expect(await manager.getByTestId('score-row').count()).toBe(5);
    await screenshot(manager, 'rewards-5-all-scored-revealed');

    // 4. The manager proposes the outcome: 6.00, 6.20, 6.50 counted (5.40 and 7.10 dropped) → 6.23, 三等奖.
    await manager.getByTestId('finalize').click();
    await manager.getByTestId('finalize-confirm').click();
    await expectText(manager, 'review-status', '公示中');

    // 5. owner9, not on the committee, reads the notice and objects.
    const owner9 = await person('owner9@lakeside.test');
    await owner9.goto(`${baseUrl}/rewards`);
    const card = owner9.locator('[data-testid="outcome-card"]').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('review-status').textContent()).toContain('公示中');
    expect(await card.getByTestId('outcome-score').textContent()).toBe('6.23');
    await screenshot(owner9, 'rewards-6-owner9-notices');
    await card.getByTestId('outcome-link').click();
    await owner9.waitForURL(publicUrl);
    await owner9.getByTestId('score-table').waitFor();
    expect(await owner9.getByTestId('final-score').textContent()).toMatch(/6\.23[\s\S]*三等奖/);
    expect(await owner9.getByTestId('score-row').count()).toBe(5);
    expect(await owner9.getByTestId('score-table').textContent()).toMatch(/去掉最高[\s\S]*去掉最低/);
    expect(await owner9.getByTestId('score-chart').locator('svg').count()).toBe(1);
    await expectText(owner9, 'notice-countdown', '公示还剩 6 天 23 小时');
    await screenshot(owner9, 'rewards-7-owner9-breakdown');

    await owner9.getByTestId('raise-objection').click();
    await owner9.getByTestId('objection-body').fill('三号楼只有一部楼梯受益，受益面打 7 分是否偏高？');
    // A photo of the stairwell as evidence: public with the objection.
    const evidence = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#556b2f' } })
      .jpeg()
      .toBuffer();
    await owner9.getByTestId('objection-attach-input').setInputFiles([{ name: '楼梯.jpg', mimeType: 'image/jpeg', buffer: evidence }]);
    await expect.poll(() => owner9.locator('[data-testid="objection-attach-item"][data-status="done"]').count(), { timeout: 20_000 }).toBe(1);
    await owner9.getByTestId('objection-submit').click();
    await expectText(owner9, 'review-notice', '异议已提交');
    await expectText(owner9, 'objection-waiting', '待评审委员会答复');
    await screenshot(owner9, 'rewards-8-owner9-objected');

    // 6. The manager answers it (not upheld) in the workspace; owner9 sees the answer arrive live.
    await manager.goto(reviewUrl);
    const objection = manager.getByTestId('objection').filter({ hasText: '受益面打 7 分' });
    await expect.poll(() => objection.getByTestId('objection-attachments-photo').count()).toBe(1);
    await objection.getByTestId('answer-not-upheld').check();
    await objection.getByTestId('answer-text').fill('声控灯装在每一层，全楼住户都会经过楼道，受益面评分维持。');
    await screenshot(manager, 'rewards-9-manager-answers');
    await objection.getByTestId('answer-submit').click();
    await expectText(manager, 'objection-verdict', '不采纳');
    // The outcome stays in notice: it cannot be made final while the notice runs.
    expect(await manager.getByTestId('publish-panel').textContent()).toContain('公示期还剩');

    await expectText(owner9, 'objection-verdict', '不采纳');
    expect(await owner9.getByTestId('objection-answer').textContent()).toContain('受益面评分维持');
    expect(await owner9.getByTestId('review-status').first().textContent()).toContain('公示中');
    await screenshot(owner9, 'rewards-10-owner9-sees-answer');
  });

  it('with no notice period, the outcome is final at once: public breakdown, ledger credit, audit entry', { timeout: 180_000 }, async () => {
    // Notice periods are whole hours, so the final state is reached with a period of 0 (set by the admin).
    const admin = await person('admin@lakeside.test');
    await gql(admin, 'mutation { updateCommunitySettings(input: { noticePeriodHours: 0 }) { id } }');

    const title2 = `地库入口加装截水沟 ${Date.now()}`;
    const proposalId = await acceptedProposal(title2);
    const manager = await person('manager@lakeside.test');
    const { openReview } = await gql(manager, 'mutation($p: ID!) { openReview(proposalId: $p) { id } }', { p: proposalId });
    const reviewUrl2 = `${baseUrl}/rewards/committee/${openReview.id}`;

    // Two members stand aside (declared conflicts, shown in the recusals); three score.
    for (const email of ['owner4@lakeside.test', 'owner5@lakeside.test']) {
      await gql(await person(email), 'mutation($r: ID!, $why: String!) { declareConflict(reviewId: $r, reason: $why) { id } }', {
        r: openReview.id,
        why: '与施工单位有亲属关系',
      });
    }
    await scoreInPortal(await person('owner2@lakeside.test'), reviewUrl2, [5, 5, 5, 5]);
    await scoreInPortal(await person('owner3@lakeside.test'), reviewUrl2, [4, 5, 4, 5]);
    await scoreInPortal(manager, reviewUrl2, [5, 4, 5, 4], '投入小，见效快。');
    await manager.getByTestId('finalize').click();
    await manager.getByTestId('finalize-confirm').click();
    await expectText(manager, 'review-status', '已生效');
    await screenshot(manager, 'rewards-11-final-at-once');

    // owner9 sees it final, with the whole breakdown: (5.00 + 4.40 + 4.60) ÷ 3 = 4.67 → 鼓励奖.
    const owner9 = await person('owner9@lakeside.test');
    await owner9.goto(`${baseUrl}/rewards/${openReview.id}`);
    await expectText(owner9, 'review-status', '已生效');
    expect(await owner9.getByTestId('final-score').textContent()).toMatch(/4\.67[\s\S]*鼓励奖/);
    expect(await owner9.getByTestId('score-row').count()).toBe(3);
    expect(await owner9.getByTestId('recusals').textContent()).toContain('与施工单位有亲属关系');
    expect(await owner9.getByTestId('tier-ladder').textContent()).toContain('鼓励奖');
    expect(await owner9.getByTestId('raise-objection').count()).toBe(0);
    await screenshot(owner9, 'rewards-12-owner9-final-breakdown');

    // The recipient finds the points in 我的奖励.
    const owner1 = await person('owner1@lakeside.test');
    await owner1.goto(`${baseUrl}/rewards/mine`);
    const entry = owner1.getByTestId('ledger-entry').filter({ hasText: title2 });
    await entry.waitFor();
    expect(await entry.getByTestId('ledger-points').textContent()).toBe('+100');
    expect(await entry.textContent()).toContain('鼓励奖');
    expect(Number((await owner1.getByTestId('points-total').textContent())!.match(/\d[\d,]*/)![0].replace(/,/g, ''))).toBeGreaterThanOrEqual(100);
    await screenshot(owner1, 'rewards-13-owner1-my-rewards');

    // And the decision is on the verified audit chain.
    await owner9.goto(`${baseUrl}/audit`);
    await owner9.getByTestId('audit-valid').waitFor();
    expect(await owner9.getByTestId('audit-valid').textContent()).toContain('记录完整');
    await expectText(owner9, 'audit-list', '奖励入账');
    await screenshot(owner9, 'rewards-14-audit-intact');
  });
});
