import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { launch, phone, screenshot, screenshotDir, signIn } from '../support/browser.js';

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
  await context.addInitScript((chosen) => localStorage.setItem('cocreate.locale', chosen), locale);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

// The demo's open vote is on the charging shed; owner6 is among its supporters.
const SHED = '小区增设电动车充电桩';

describe('board cards at a glance', () => {
  it('shows the open vote and its time left, and a second tap on 已支持 does not withdraw', async () => {
    const owner = await person('owner6@lakeside.test');
    await owner.goto(`${baseUrl}/board`);
    const card = owner.getByTestId('proposal-card').filter({ hasText: SHED });
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();

    const badge = card.getByTestId('card-vote');
    expect(await badge.textContent()).toMatch(/投票中 · 还剩 \d+ (天|小时|分钟)/);

    const button = card.getByTestId('support-button');
    const count = await card.getByTestId('support-count').textContent();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.textContent()).toContain('已支持');

    await button.click();
    const withdraw = card.getByTestId('support-withdraw');
    await withdraw.waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await card.getByTestId('support-count').textContent()).toBe(count);
    expect(await withdraw.textContent()).toContain('撤回支持');
    const box = (await withdraw.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('support-withdraw');
    await screenshot(owner, 'board-cards-zh-390-withdraw-offered');
    await card.screenshot({ path: path.join(screenshotDir, 'board-cards-zh-390-card.png') });

    // Tapping 已支持 again puts the offer away; the support stands.
    await button.click();
    await withdraw.waitFor({ state: 'detached' });
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await owner.reload();
    await card.waitFor();
    expect(await card.getByTestId('support-button').getAttribute('aria-pressed')).toBe('true');
  });

  it('reads in English', async () => {
    const owner = await person('owner6@lakeside.test', 'en');
    await owner.goto(`${baseUrl}/board`);
    const card = owner.getByTestId('proposal-card').filter({ hasText: SHED });
    await card.waitFor();
    expect(await card.getByTestId('card-vote').textContent()).toMatch(/Voting · \d+ (days?|hours?|minutes?) left/);
  });

  it('shows no support button on proposals that no longer take support', async () => {
    const owner = await person('owner6@lakeside.test');
    await owner.goto(`${baseUrl}/board?status=declined`);
    const cards = owner.getByTestId('proposal-card');
    await cards.first().waitFor();
    expect(await cards.getByTestId('support-button').count()).toBe(0);
    expect(await cards.first().getByTestId('support-count-static').count()).toBe(1);
  });
});
