import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, phone, screenshot, screenshotDir, signIn } from '../support/browser.js';

// Rubric criteria and reward tiers in the reader's language (#16): the admin gives each its English
// name beside the zh-CN one, and the rewards screens show whichever the reader reads.
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function as(email: string, locale: 'zh-CN' | 'en'): Promise<Page> {
  const context = await phone(browser, locale);
  await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function reviewNames(page: Page) {
  const response = await page.request.post(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json' },
    data: { query: '{ community { settings { reviews { rubric { id name nameEn } tiers { name nameEn } } } } }' },
  });
  return (
    (await response.json()) as {
      data: {
        community: {
          settings: { reviews: { rubric: { id: string; name: string; nameEn: string | null }[]; tiers: { name: string; nameEn: string | null }[] } };
        };
      };
    }
  ).data.community.settings.reviews;
}

describe('criterion and tier names in two languages', () => {
  it('lets the admin give each its English name, refusing one too long by name', { timeout: 120_000 }, async () => {
    const page = await as('admin@lakeside.test', 'en');
    await page.goto(`${baseUrl}/admin`);
    const criterionEn = page.getByTestId('criterion-name-en');
    const tierEn = page.getByTestId('tier-name-en');
    await criterionEn.first().waitFor();
    expect(await page.getByTestId('criterion-name').first().inputValue()).toBe('创新性');
    expect(await criterionEn.first().inputValue()).toBe('Innovation');
    expect(await tierEn.first().inputValue()).toBe('First prize');
    expect(await page.getByText('English name (optional)').count()).toBeGreaterThan(0);

    await tierEn.first().fill('G'.repeat(81));
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByText('At most 80 characters.').count()).toBe(1);
    await tierEn.first().fill('Gold award');
    await criterionEn.nth(3).fill('');
    await page.getByTestId('save-settings').click();
    await expect
      .poll(async () => {
        const names = await reviewNames(page);
        return [names.tiers[0]!.nameEn, names.rubric[3]!.nameEn];
      })
      .toEqual(['Gold award', null]);
    await page.getByTestId('tier-row').first().scrollIntoViewIfNeeded();
    await page
      .locator('.tiers')
      .first()
      .screenshot({ path: path.join(screenshotDir, 'bilingual-names-admin-tiers-en.png') });
    await page
      .locator('.rubric')
      .first()
      .screenshot({ path: path.join(screenshotDir, 'bilingual-names-admin-rubric-en.png') });

    // Back to the demo's names for the tests that follow.
    await tierEn.first().fill('First prize');
    await criterionEn.nth(3).fill('Reach');
    await page.getByTestId('save-settings').click();
    await expect.poll(async () => (await reviewNames(page)).tiers[0]!.nameEn).toBe('First prize');
    await page.context().close();
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`shows an outcome's rubric and tiers, and a rewarded proposal's tier, in the reader's language (${locale})`, { timeout: 120_000 }, async () => {
      const page = await as('owner1@lakeside.test', locale);
      await page.goto(`${baseUrl}/rewards`);
      const card = page
        .getByTestId('outcome-card')
        .filter({ has: page.getByTestId('outcome-tier') })
        .first();
      await card.waitFor();
      const tier = (await card.getByTestId('outcome-tier').textContent()) ?? '';
      if (locale === 'en') expect(tier).toMatch(/First prize|Second prize|Third prize|Encouragement award|No reward tier/);
      else expect(tier).toMatch(/一等奖|二等奖|三等奖|鼓励奖|未达奖励等级/);
      await card.getByTestId('outcome-link').click();
      await page.waitForURL(/\/rewards\/[0-9a-f-]{36}$/);
      const rubric = page.getByTestId('rubric');
      await rubric.waitFor();
      const criteria = (await rubric.textContent()) ?? '';
      const ladder = (await page.getByTestId('tier-ladder').textContent()) ?? '';
      if (locale === 'en') {
        expect(criteria).toMatch(/Innovation[\s\S]*Feasibility[\s\S]*Benefit[\s\S]*Reach/);
        expect(criteria).not.toMatch(/创新性/);
        expect(ladder).toMatch(/First prize[\s\S]*Second prize[\s\S]*Third prize[\s\S]*Encouragement award/);
        expect(ladder).not.toMatch(/一等奖/);
      } else {
        expect(criteria).toMatch(/创新性[\s\S]*可行性[\s\S]*效益[\s\S]*受益面/);
        expect(criteria).not.toMatch(/Innovation/);
        expect(ladder).toMatch(/一等奖[\s\S]*二等奖[\s\S]*三等奖[\s\S]*鼓励奖/);
        expect(ladder).not.toMatch(/First prize/);
      }
      await screenshot(page, `bilingual-names-outcome-${locale}`);

      // A rewarded proposal's page gives the tier as the reason for its status, and in its history.
      const answer = await page.request.post(`${baseUrl}/graphql`, {
        headers: { 'content-type': 'application/json' },
        data: { query: '{ proposals(filter: { status: REWARDED }, first: 1) { edges { node { id reward { name nameEn } } } } }' },
      });
      const { node } = ((await answer.json()) as { data: { proposals: { edges: { node: { id: string; reward: { name: string; nameEn: string } } }[] } } }).data
        .proposals.edges[0]!;
      await page.goto(`${baseUrl}/board/${node.id}`);
      const reason = page.getByTestId('status-reason');
      await reason.waitFor();
      const expected = locale === 'en' ? node.reward.nameEn : node.reward.name;
      expect(await reason.textContent()).toContain(expected);
      expect(await page.getByTestId('history').textContent()).toContain(expected);
      if (locale === 'en') expect(await reason.textContent()).not.toContain(node.reward.name);
      await page.context().close();
    });
  }
});
