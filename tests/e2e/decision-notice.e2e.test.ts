import fs from 'node:fs';
import sharp from 'sharp';
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

async function person(email: string, locale = 'zh-CN'): Promise<Page> {
  const context = await phone(browser, locale);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Opens a demo proposal by its title, through the board's search. */
async function openProposal(page: Page, title: string) {
  await page.goto(`${baseUrl}/board?q=${encodeURIComponent(title)}`);
  await page.getByTestId('proposal-card').filter({ hasText: title }).getByTestId('proposal-link').click();
  await page.getByTestId('decision-panel').waitFor();
}

const text = async (page: Page, testid: string) => (await page.getByTestId(testid).first().textContent()) ?? '';

describe('owners’ decisions: paper ballots and the result notice', () => {
  it('customer service records a paper ballot; the owner sees it as theirs and can no longer vote online', async () => {
    const reference = `E2E-${Date.now()}`;
    const cs = await person('cs@lakeside.test');
    await openProposal(cs, '小区增设电动车充电桩');
    expect(await text(cs, 'decision-item')).toContain('第 278 条第 8 项');
    expect(await text(cs, 'matter-badge')).toContain('特别事项 ≥ 3/4');
    expect(await text(cs, 'decision-roll')).toMatch(/名册：\d+ 位业主/);
    await cs.getByTestId('paper-ballot-section').locator('summary').click();
    await cs.getByTestId('paper-unit-search').fill('1-1-10');
    await cs.getByTestId('paper-unit-find').click();
    await cs.getByTestId('paper-unit-1-1-101').check();
    await cs.getByTestId('paper-choice-AGAINST').check();
    await cs.getByTestId('paper-reference').fill('X'); // too short: said before anything is sent
    await cs.getByTestId('paper-ballot-submit').click();
    await cs.getByText('票面编号需要 2 到 64 个字符。').waitFor();
    await cs.getByTestId('paper-reference').fill(reference);
    // The desk photographs the signed paper with the phone: the scan goes with the ballot.
    const scan = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f7f5ee' } })
      .composite([{ input: Buffer.from(`<svg width="1240" height="1754"><text x="120" y="300" font-size="96" fill="#222">表决票 ${reference}</text></svg>`) }])
      .jpeg()
      .toBuffer();
    await cs.getByTestId('paper-scan-input').setInputFiles([{ name: '表决票.jpg', mimeType: 'image/jpeg', buffer: scan }]);
    await expect.poll(() => cs.locator('[data-testid="paper-scan-item"][data-status="done"]').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(cs, 'decision-1-cs-records-paper-ballot');
    await cs.getByTestId('paper-ballot-submit').click();
    await cs.getByTestId('proposal-notice').filter({ hasText: reference }).waitFor();
    expect(await text(cs, 'decision-roll')).toMatch(/已记录书面表决 \d+ 份/);

    // The same elector again: the unit shows its paper ballot and cannot be picked.
    if (!(await cs.getByTestId('paper-unit-search').isVisible())) await cs.getByTestId('paper-ballot-section').locator('summary').click();
    await cs.getByTestId('paper-unit-search').fill('1-1-101');
    await cs.getByTestId('paper-unit-find').click();
    const taken = cs.getByTestId('paper-unit-1-1-101');
    await taken.waitFor();
    expect(await taken.isDisabled()).toBe(true);
    expect(await cs.getByTestId('paper-ballot-form').textContent()).toContain('已有书面表决');

    // owner1 (who owns 1-1-101) sees the paper ballot as theirs, with its reference; no ballot picker.
    const owner1 = await person('owner1@lakeside.test');
    await openProposal(owner1, '小区增设电动车充电桩');
    const mine = await text(owner1, 'decision-paper-ballot');
    expect(mine).toContain('反对');
    expect(mine).toContain(reference);
    expect(await owner1.getByTestId('ballot').count()).toBe(0);
    // …with the scan of the paper they signed, which only they and the desk can see before the close.
    const scanThumb = owner1.getByTestId('decision-paper-scan-photo');
    await expect.poll(() => scanThumb.count()).toBe(1);
    await expect.poll(() => scanThumb.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await screenshot(owner1, 'decision-2-owner1-sees-paper-ballot');

    // The same, in English, for customer service on a phone.
    const csEn = await person('cs@lakeside.test', 'en');
    await csEn.goto(`${baseUrl}/`);
    await csEn.evaluate(() => localStorage.setItem('cocreate.locale', 'en'));
    await openProposal(csEn, '小区增设电动车充电桩');
    await csEn.getByTestId('paper-ballot-section').locator('summary').click();
    await csEn.getByTestId('paper-unit-search').fill('2-1-1');
    await csEn.getByTestId('paper-unit-find').click();
    await csEn.getByTestId('paper-ballot-form').locator('label.unit').first().waitFor();
    await screenshot(csEn, 'decision-3-cs-paper-ballot-en');
  }, 120_000);

  it('publishes a printable result notice and a CSV of the same figures', async () => {
    const owner = await person('owner2@lakeside.test');
    await openProposal(owner, '使用公共维修资金更换 2 号楼电梯');
    expect(await text(owner, 'decision-outcome')).toContain('通过');
    expect(await text(owner, 'decision-item')).toContain('第 278 条第 5 项');
    expect(await text(owner, 'matter-badge')).toContain('一般事项 > 1/2'); // using the fund: a simple majority
    await owner.getByTestId('notice-link').click();
    await owner.getByTestId('result-notice').waitFor();
    const facts = await text(owner, 'notice-facts');
    expect(facts).toContain('第 278 条第 5 项 使用建筑物及其附属设施的维修资金');
    // Label and value are a <dt> and a <dd>: whatever whitespace lies between them is not shown.
    expect(facts).toMatch(/名册业主\s*\d+/);
    expect(facts).toMatch(/书面表决\s*\d+/);
    expect(await text(owner, 'notice-outcome')).toContain('通过');
    const rows = await owner.getByTestId('notice-table').locator('tbody tr').allTextContents();
    expect(rows.map((r) => r.trim().slice(0, 2))).toEqual(['赞成', '反对', '弃权', '参与', '名册']);
    expect(await owner.getByTestId('notice-checks').locator('tbody tr').count()).toBe(4);
    await screenshot(owner, 'decision-4-result-notice');

    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('notice-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^表决结果公告-P-\d{4}\.csv$/);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('名册业主,');
    expect(csv).toMatch(/\r\n赞成,\d+,/);
    expect(csv).toContain('表决结果,通过：');
    expect(csv.split('\r\n').some((line) => /(^|,)[=+\-@]/.test(line))).toBe(false);

    // On paper: only the notice, no header or tab bar or buttons.
    await owner.emulateMedia({ media: 'print' });
    expect(await owner.locator('.app-header').isVisible()).toBe(false);
    expect(await owner.getByTestId('notice-csv').isVisible()).toBe(false);
    await screenshot(owner, 'decision-5-result-notice-print');
    await owner.emulateMedia({ media: 'screen' });

    const ownerEn = await person('owner2@lakeside.test', 'en');
    await ownerEn.goto(`${baseUrl}/`);
    await ownerEn.evaluate(() => localStorage.setItem('cocreate.locale', 'en'));
    await ownerEn.goto(owner.url());
    await ownerEn.getByTestId('result-notice').waitFor();
    expect(await text(ownerEn, 'notice-facts')).toContain('Art. 278 item 5 Use the maintenance fund');
    await screenshot(ownerEn, 'decision-6-result-notice-en');
  }, 120_000);

  it('shows the failed-quorum vote as such on its notice', async () => {
    const owner = await person('owner3@lakeside.test');
    await openProposal(owner, '儿童游乐区更换软质地垫');
    expect(await owner.getByTestId('decision-outcome').getAttribute('data-outcome')).toBe('noQuorum');
    await owner.getByTestId('notice-link').click();
    expect(await text(owner, 'notice-outcome')).toContain('未通过');
    expect(await owner.getByTestId('notice-checks').textContent()).toContain('未达到');
  });
});
