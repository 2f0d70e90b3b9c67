import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { signIn } from '../support/browser.js';
import { freePort } from '../support/postgres.js';
import { repoRoot } from '../support/process.js';

// Lighthouse's accessibility audit (axe-core and Chrome's own checks) on the four screens the
// portal-quality issue names, as owner1 sees them on a phone in zh-CN: each must score 100.
// The reports are kept as test artifacts.
const baseUrl = inject('baseUrl');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const reportDir = path.join(repoRoot, 'tests/test-results/lighthouse');
let context: BrowserContext;
let port: number;
let profile: string;

beforeAll(async () => {
  port = await freePort();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-lighthouse-'));
  // One persistent profile: Lighthouse opens its tab in the same browser, where owner1 is signed in.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--remote-debugging-port=${port}`],
  });
  const page = await context.newPage();
  await signIn(page, baseUrl, 'owner1@lakeside.test');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.close();
});
afterAll(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

async function graphql<T>(query: string): Promise<T> {
  const response = await context.request.post(`${baseUrl}/graphql`, { headers: { 'content-type': 'application/json' }, data: { query } });
  return ((await response.json()) as { data: T }).data;
}

async function accessibility(name: string, url: string) {
  const result = await lighthouse(url, { port, output: 'html', onlyCategories: ['accessibility'], logLevel: 'error' });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  fs.mkdirSync(reportDir, { recursive: true });
  fs.writeFileSync(path.join(reportDir, `${name}.html`), String(result.report));
  // Audited as owner1 sees it, not the sign-in page it would send a stranger to.
  expect(new URL(result.lhr.finalDisplayedUrl).pathname).toBe(new URL(url).pathname);
  const category = result.lhr.categories.accessibility!;
  const failed = category.auditRefs
    .map((ref) => result.lhr.audits[ref.id]!)
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
    .map((audit) => `${audit.id}: ${audit.title}`);
  return { score: Math.round((category.score ?? 0) * 100), failed };
}

describe('Lighthouse accessibility', () => {
  it('scores 100 on the board, a proposal, a ticket and the rewards page', async () => {
    const { proposals } = await graphql<{ proposals: { edges: { node: { id: string } }[] } }>('{ proposals(first: 1) { edges { node { id } } } }');
    const { tickets } = await graphql<{ tickets: { edges: { node: { id: string } }[] } }>('{ tickets(first: 1) { edges { node { id } } } }');
    const pages = {
      board: `${baseUrl}/board`,
      proposal: `${baseUrl}/board/${proposals.edges[0]!.node.id}`,
      ticket: `${baseUrl}/tickets/${tickets.edges[0]!.node.id}`,
      rewards: `${baseUrl}/rewards`,
    };
    const scores: Record<string, { score: number; failed: string[] }> = {};
    for (const [name, url] of Object.entries(pages)) scores[name] = await accessibility(name, url);
    expect(scores).toEqual(Object.fromEntries(Object.keys(pages).map((name) => [name, { score: 100, failed: [] }])));
  }, 240_000);
});

describe('what a phone downloads for the board', () => {
  it('gets the page compressed with its styles inside, few scripts, and only the reader’s language', async () => {
    const html = await context.request.get(`${baseUrl}/board`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(html.headers()['content-encoding']).toBe('br');
    const text = await html.text();
    // Styles inlined: no stylesheet to wait for before the first paint (SvelteKit keeps a disabled
    // link to each inlined file, so that its router knows the styles are there).
    expect(text).toContain('<style>');
    const stylesheets = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
    expect(stylesheets.filter((link) => !/\bdisabled\b/.test(link))).toEqual([]);

    const page = await context.newPage();
    try {
      const scripts: { url: string; body: string }[] = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), body: await response.text().catch(() => '') });
      });
      await page.goto(`${baseUrl}/board`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.length).toBeLessThanOrEqual(20);
      // One dictionary: the zh-CN messages arrived, the English ones did not.
      expect(scripts.filter((s) => s.body.includes('业主与物业，一起把小区变得更好')).length).toBe(1);
      expect(scripts.filter((s) => s.body.includes('Owners and property staff, improving our community together')).length).toBe(0);
    } finally {
      await page.close();
    }
  }, 60_000);
});
