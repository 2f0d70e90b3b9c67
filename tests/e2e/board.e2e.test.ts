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

async function waitForText(page: Page, testid: string, text: string | RegExp, timeout = 15_000) {
  const locator = page.getByTestId(testid).first();
  await locator.waitFor({ timeout });
  await page.waitForFunction(
    ({ id, source, flags }) => {
      const content = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
      return new RegExp(source, flags).test(content);
    },
    {
      id: testid,
      source: typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
      flags: typeof text === 'string' ? '' : text.flags,
    },
    { timeout },
  );
  return locator;
}

const supportTotal = async (page: Page) => Number((await page.getByTestId('support-total').textContent())?.trim());

async function vote(page: Page, choice: 'FOR' | 'AGAINST' | 'ABSTAIN', word: string) {
  await page.getByTestId(`ballot-${choice}`).check();
  await page.getByTestId('ballot-submit').click();
  await waitForText(page, 'ballot-state', `已记录：${word}`);
}

describe('co-creation board: from a suggestion to an owners’ decision', () => {
  it('owner submits, owners support, the committee reviews and puts it to a vote, owners vote, the result is published', async () => {
    const title = `地库入口加装减速带 ${Date.now()}`;

    // 1. owner1 suggests an improvement on their phone.
    const owner1 = await person('owner1@lakeside.test');
    await owner1.goto(`${baseUrl}/board`);
    await owner1.getByTestId('proposal-card').first().waitFor();
    await screenshot(owner1, 'board-1-owner1-board');
    await owner1.getByTestId('new-proposal').click();
    await owner1.waitForURL(/\/board\/new$/);
    await owner1.getByTestId('submit-proposal').click(); // empty: field-level problem, nothing sent
    await waitForText(owner1, 'new-proposal-form', '标题需要 4 到 120 个字');
    await owner1.getByTestId('proposal-title').fill(title);
    await owner1.getByTestId('proposal-body').fill('车辆进出地库速度太快，行人和孩子经过入口时很危险。建议在坡道口加装减速带和凸面镜。');
    await owner1.getByTestId('category-SAFETY').check();
    await owner1.getByTestId('proposal-benefit').fill('减少地库入口的人车冲突');
    await owner1.getByTestId('proposal-cost').fill('1.2万');
    expect(await owner1.getByTestId('new-proposal-form').textContent()).toContain('¥12,000.00');
    await screenshot(owner1, 'board-2-owner1-submits');
    await owner1.getByTestId('submit-proposal').click();
    await owner1.waitForURL(/\/board\/[0-9a-f-]{36}$/);
    const proposalUrl = owner1.url();
    const number = (await owner1.getByTestId('proposal-number').textContent())!.trim();
    expect(number).toMatch(/^P-\d{4}$/);
    expect(await owner1.getByTestId('proposal-title').textContent()).toBe(title);
    await waitForText(owner1, 'proposal-notice', number);
    await waitForText(owner1, 'proposal-status', '征集支持');
    expect(await owner1.getByTestId('proposal-kind').first().textContent()).toContain('改进建议');
    expect(await supportTotal(owner1)).toBe(0);
    await owner1.getByTestId('live').waitFor();
    await screenshot(owner1, 'board-3-owner1-proposal');

    // 2. owner2 finds it on the board and supports it: the button and the count change at once.
    const owner2 = await person('owner2@lakeside.test');
    await owner2.goto(`${baseUrl}/board?sort=new`);
    const card = owner2.locator(`[data-testid="proposal-card"][data-number="${number}"]`);
    await card.waitFor();
    const button = card.getByTestId('support-button');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await card.getByTestId('support-count').textContent()).toBe('0');
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await card.getByTestId('support-count').textContent()).toBe('1');
    expect(await card.getByTestId('support-button').textContent()).toContain('已支持');
    await screenshot(owner2, 'board-4-owner2-supports');
    await waitForText(owner1, 'support-total', '1'); // live on the author's page
    await owner2.goto(proposalUrl);
    expect(await owner2.getByTestId('support-button').getAttribute('aria-pressed')).toBe('true');
    expect(await supportTotal(owner2)).toBe(1);

    // 3. The manager (committee) sends it to review and opens an ordinary owners' vote.
    const manager = await person('manager@lakeside.test');
    await manager.goto(proposalUrl);
    await manager.getByTestId('committee-tools').waitFor();
    await manager.getByTestId('advance-reason').fill('涉及地库出入安全，委员会先行审议。');
    await manager.getByTestId('advance-submit').click();
    await waitForText(manager, 'proposal-status', '委员会审议');
    await waitForText(manager, 'status-reason', '涉及地库出入安全');
    await waitForText(owner1, 'proposal-status', '委员会审议'); // live for the author
    await manager.getByTestId('open-vote-section').locator('summary').click();
    await manager.getByTestId('vote-question').fill('是否同意在地库入口加装减速带和凸面镜？');
    // Speed bumps and mirrors at the car-park entrance: an "other major matter" of the common parts (item 9), a simple majority.
    await manager.getByTestId('item-9').check();
    await screenshot(manager, 'board-5-manager-opens-vote');
    await manager.getByTestId('vote-open').click();
    await waitForText(manager, 'decision-status', '投票中');
    expect(await manager.getByTestId('matter-badge').textContent()).toContain('一般事项 > 1/2');
    expect(await manager.getByTestId('decision-item').textContent()).toContain('第 278 条第 9 项');
    // The roll is the whole register: read its size from the page, with or without accounts.
    const rollText = await (await waitForText(manager, 'turnout-owners', /(?:^|\D)0 \/ \d+/)).textContent();
    const rollSize = Number(rollText!.match(/(?:^|\D)0 \/ (\d+)/)![1]);
    expect(rollSize).toBeGreaterThanOrEqual(60);
    expect(await manager.getByTestId('decision-roll').textContent()).toContain(`名册：${rollSize.toLocaleString('zh-CN')} 位业主`);

    // 4. Owners vote on their phones; the vote appears live on pages already open.
    await waitForText(owner1, 'decision-status', '投票中');
    await vote(owner1, 'FOR', '赞成');
    await owner2.getByTestId('decision-panel').waitFor();
    await vote(owner2, 'AGAINST', '反对');
    const owner3 = await person('owner3@lakeside.test');
    await owner3.goto(proposalUrl);
    await vote(owner3, 'FOR', '赞成');
    await vote(owner3, 'ABSTAIN', '弃权'); // changeable until the close
    expect(await owner3.getByTestId('ballot-ABSTAIN').isChecked()).toBe(true);
    await screenshot(owner3, 'board-6-owner3-votes');
    await waitForText(manager, 'turnout-owners', `3 / ${rollSize}`); // live turnout, never the split
    expect(await manager.getByTestId('decision-panel').textContent()).toContain('结果密封');
    await screenshot(manager, 'board-7-manager-live-turnout');

    // 5. The manager closes the vote early; the tally is published at once.
    await manager.getByTestId('close-vote').click();
    await manager.getByTestId('close-vote-confirm').click();
    await manager.getByTestId('decision-outcome').waitFor();

    // 6. owner1 sees the result live: outcome, charts by area and headcount, every figure.
    const outcome = await waitForText(owner1, 'decision-outcome', '未通过');
    expect(await outcome.getAttribute('data-outcome')).toBe('noQuorum');
    await owner1.getByTestId('results-area').locator('svg[role="img"]').first().waitFor();
    expect(await owner1.getByTestId('results-owners').locator('svg[role="img"]').count()).toBe(2);
    const table = (await owner1.getByTestId('result-table').textContent())!;
    expect(table).toContain('参与合计');
    const rows = owner1.getByTestId('result-table').locator('tbody tr');
    const row = async (index: number) => [
      (await rows.nth(index).locator('th').textContent())!.trim(),
      (await rows.nth(index).locator('td').first().textContent())!.trim(),
    ];
    expect(await row(0)).toEqual(['赞成', '1']);
    expect(await row(1)).toEqual(['反对', '1']);
    expect(await row(2)).toEqual(['弃权', '1']);
    expect(await row(3)).toEqual(['参与合计', '3']);
    expect(await row(4)).toEqual(['名册总数', rollSize.toLocaleString('zh-CN')]);
    const checks = await owner1.getByTestId('result-checks').locator('li').allTextContents();
    expect(checks).toHaveLength(4);
    expect(checks[0]).toContain('未达到');
    expect(await owner1.getByTestId('decision-panel').textContent()).toContain('您投的是「赞成」');
    await screenshot(owner1, 'board-8-owner1-result');

    // The close is on the public history.
    await owner1.reload();
    await waitForText(owner1, 'history', '结束了业主共同决定');
  }, 180_000); // five people on their own phones, one after another
});
