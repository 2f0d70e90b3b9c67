import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { launch, phone, screenshot, screenshotDir, signIn } from '../support/browser.js';

// Photos in the browser, at phone width: owner1 files a repair with two photos, maintenance resolves it
// with an after photo, and owner1 sees the before/after pair and opens it full screen.
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const photo = async (color: string, label: string) => ({
  name: `${label}.jpg`,
  mimeType: 'image/jpeg',
  buffer: await sharp({ create: { width: 1600, height: 1200, channels: 3, background: color } })
    .composite([{ input: Buffer.from(`<svg width="1600" height="1200"><text x="80" y="300" font-size="220" fill="white">${label}</text></svg>`) }])
    .jpeg()
    .withMetadata({ orientation: 1 })
    .toBuffer(),
});

async function signedIn(locale: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser, locale);
  await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

async function gql(page: Page, query: string, variables: Record<string, unknown>) {
  const response = await page.request.post(`${baseUrl}/graphql`, { headers: { 'content-type': 'application/json' }, data: { query, variables } });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const doneItems = (page: Page, testid: string) => page.locator(`[data-testid="${testid}-item"][data-status="done"]`).count();

describe('photos on a repair', () => {
  for (const locale of ['zh-CN', 'en']) {
    it(`owner1 files with two photos, maintenance resolves with an after photo, owner1 sees the pair (${locale})`, async () => {
      const owner = await signedIn(locale, 'owner1@lakeside.test');
      await owner.page.goto(`${baseUrl}/tickets/new`);
      await owner.page.getByTestId('new-ticket-form').waitFor();
      await owner.page.getByTestId('kind-REPAIR').check({ force: true });
      const unit = owner.page.getByTestId('new-unit');
      if ((await unit.locator('option:not([disabled])').count()) > 1) await unit.selectOption({ index: 1 });
      await owner.page.getByTestId('new-title').fill(locale === 'en' ? 'Ceiling leak in the bathroom' : '卫生间天花板渗水');
      await owner.page.getByTestId('new-description').fill(locale === 'en' ? 'Water stain, dripping at night.' : '天花板有水渍，晚上滴水。');
      await owner.page.getByTestId('new-attach-input').setInputFiles([await photo('#2b6cb0', 'BEFORE-1'), await photo('#9b2c2c', 'BEFORE-2')]);
      await expect.poll(() => doneItems(owner.page, 'new-attach'), { timeout: 20_000 }).toBe(2);
      await screenshot(owner.page, `attach-new-ticket-${locale}`);
      expect(await owner.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await owner.page.getByTestId('submit-ticket').click();
      await owner.page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
      const ticketId = owner.page.url().split('/').pop()!;
      const thumbnails = owner.page.getByTestId('timeline-attachments-photo');
      await expect.poll(() => thumbnails.count()).toBe(2);
      await expect
        .poll(() =>
          thumbnails
            .first()
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
        )
        .toBe(320);
      await screenshot(owner.page, `attach-ticket-timeline-${locale}`);

      // Customer service dispatches, maintenance proposes, the owner accepts: to the point where it can be resolved.
      const cs = await signedIn(locale, 'cs@lakeside.test');
      await gql(cs.page, 'mutation($id: ID!) { dispatchTicket(id: $id, input: { urgency: HIGH, department: MAINTENANCE }) { id } }', { id: ticketId });
      const maint = await signedIn(locale, 'maint@lakeside.test');
      await gql(maint.page, 'mutation($id: ID!) { proposeSolution(id: $id, solution: "更换楼上排水管。") { id } }', { id: ticketId });
      await gql(owner.page, 'mutation($id: ID!) { respondToSolution(id: $id, accept: true) { id } }', { id: ticketId });

      await maint.page.goto(`${baseUrl}/tickets/${ticketId}`);
      const resolve = maint.page.getByTestId('resolve-form');
      await resolve.waitFor();
      await maint.page.getByTestId('resolve-form-text').fill(locale === 'en' ? 'Pipe replaced, ceiling dry.' : '已更换排水管，天花板已干。');
      await maint.page.getByTestId('resolve-form-attach-input').setInputFiles([await photo('#2f855a', 'AFTER')]);
      await expect.poll(() => doneItems(maint.page, 'resolve-form-attach'), { timeout: 20_000 }).toBe(1);
      await screenshot(maint.page, `attach-resolve-${locale}`);
      await maint.page.getByTestId('resolve-form-submit').click();
      await expect.poll(async () => maint.page.getByTestId('before-after').count(), { timeout: 15_000 }).toBe(1);

      await owner.page.reload();
      const pair = owner.page.getByTestId('before-after');
      await pair.waitFor();
      await expect.poll(() => pair.locator('img').count()).toBe(2);
      await screenshot(owner.page, `attach-before-after-${locale}`);
      await pair.locator('button').nth(1).click();
      const viewer = owner.page.getByTestId('photo-viewer');
      await viewer.waitFor();
      await expect.poll(() => owner.page.getByTestId('photo-viewer-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1600);
      // The viewer is a modal on the top layer: the viewport is what the owner sees.
      await owner.page.screenshot({ path: path.join(screenshotDir, `attach-viewer-${locale}.png`) });
      await owner.page.getByTestId('photo-viewer-close').click();
      await expect.poll(() => viewer.count()).toBe(0);
      for (const party of [owner, cs, maint]) await party.context.close();
    }, 120_000);
  }
});

describe('a proposal with its plan, a comment with a photo', () => {
  for (const locale of ['zh-CN', 'en']) {
    it(`owner1 submits with a sketch and a PDF plan; owner10 comments with a photo (${locale})`, async () => {
      const owner = await signedIn(locale, 'owner1@lakeside.test');
      await owner.page.goto(`${baseUrl}/board/new`);
      await owner.page.getByTestId('new-proposal-form').waitFor();
      await owner.page.getByTestId('proposal-title').fill(locale === 'en' ? 'A canopy over the entrance' : '单元门口加装雨棚');
      await owner.page
        .getByTestId('proposal-body')
        .fill(locale === 'en' ? 'People get wet at the door when it rains; a canopy would help.' : '下雨天进出单元门会淋湿，建议加装雨棚，方案见附件。');
      await owner.page.getByTestId('category-FACILITIES').check();
      const plan = {
        name: locale === 'en' ? 'plan.pdf' : '雨棚方案.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
      };
      await owner.page.getByTestId('proposal-attach-input').setInputFiles([await photo('#4a5568', 'SKETCH'), plan]);
      await expect.poll(() => doneItems(owner.page, 'proposal-attach'), { timeout: 20_000 }).toBe(2);
      await screenshot(owner.page, `attach-proposal-new-${locale}`);
      await owner.page.getByTestId('submit-proposal').click();
      await owner.page.waitForURL(/\/board\/[0-9a-f-]{36}$/);
      const proposalUrl = owner.page.url();
      await expect.poll(() => owner.page.getByTestId('proposal-attachments-photo').count()).toBe(1);
      await expect.poll(() => owner.page.getByTestId('proposal-attachments-document').count()).toBe(1);

      const neighbour = await signedIn(locale, 'owner10@lakeside.test');
      await neighbour.page.goto(proposalUrl);
      await neighbour.page.getByTestId('comment-body').fill(locale === 'en' ? 'Yes! Our door leaks too.' : '支持！我们单元也漏雨。');
      await neighbour.page.getByTestId('comment-attach-input').setInputFiles([await photo('#2c7a7b', 'HERE')]);
      await expect.poll(() => doneItems(neighbour.page, 'comment-attach'), { timeout: 20_000 }).toBe(1);
      await neighbour.page.getByTestId('comment-submit').click();
      await expect.poll(() => neighbour.page.getByTestId('comment-attachments-photo').count(), { timeout: 15_000 }).toBe(1);
      await screenshot(neighbour.page, `attach-proposal-comment-${locale}`);
      expect(await neighbour.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const party of [owner, neighbour]) await party.context.close();
    }, 120_000);
  }
});
