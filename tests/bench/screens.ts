// Screenshots of every screen of the portal as its people see it, at phone width, in zh-CN and in
// English — and a pixel comparison of two such sets, for a change that must not change the look
// (issue 14: "screenshots of every screen before and after are the same to the eye").
//   npm run screens -w @cocreate/tests -- take before      (builds nothing: run `npm run build` first)
//   npm run screens -w @cocreate/tests -- take after
//   npm run screens -w @cocreate/tests -- compare before after
// Sets land in tests/test-results/screens/<label>/; the comparison writes, for each screen that
// differs, an image with the differing pixels in red into tests/test-results/screens/diff-<a>-<b>/,
// and a table of how many pixels differ. Times shown relative to now ("3 分钟前") move between two
// takes; everything else should not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pageGraphql, signIn } from '../support/browser.js';
import { freePort } from '../support/postgres.js';
import { repoRoot, runMain } from '../support/process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.join(repoRoot, 'tests/test-results/screens');
const [mode, a, b] = process.argv.slice(2);

/** Who looks at which screens; `{…}` are ids looked up with the persona's own session. */
const TOUR: Record<string, string[]> = {
  owner1: [
    '/',
    '/board',
    '/board/{decided}',
    '/board/{open}',
    '/board/{decided}/notice',
    '/board/new',
    '/tickets',
    '/tickets/{ticket}',
    '/tickets/new',
    '/rewards',
    '/rewards/mine',
    '/rewards/{outcome}',
    '/inbox',
    '/inbox/settings',
    '/account',
    '/privacy',
    '/knowledge',
  ],
  cs: ['/', '/tickets/desk', '/tickets/{ticket}', '/knowledge', '/knowledge/{answer}', '/knowledge/new'],
  maint: ['/', '/tickets/queue', '/tickets/{ticket}'],
  manager: ['/', '/dashboard', '/company', '/rewards/committee', '/rewards/committee/{review}', '/audit'],
  admin: [
    '/admin',
    '/admin/deliveries',
    '/admin/hours',
    '/admin/people',
    '/admin/people/{person}',
    '/admin/people/committee',
    '/admin/people/letters',
    '/admin/people/new',
    '/admin/register',
    '/admin/register/import',
  ],
  public: ['/login', '/activate', '/reset'],
};

async function ids(page: Page, baseUrl: string): Promise<Record<string, string | undefined>> {
  const ask = <T>(query: string) => pageGraphql<T>(page, baseUrl, query).catch(() => null);
  const board = await ask<{ proposals: { edges: { node: { id: string; status: string } }[] } }>('{ proposals(first: 50) { edges { node { id status } } } }');
  const proposals = board?.proposals.edges.map((e) => e.node) ?? [];
  const tickets = await ask<{ tickets: { edges: { node: { id: string } }[] } }>('{ tickets(first: 1) { edges { node { id } } } }');
  const outcomes = await ask<{ rewardOutcomes: { edges: { node: { id: string } }[] } }>('{ rewardOutcomes(first: 1) { edges { node { id } } } }');
  const toScore = await ask<{ reviewsToScore: { edges: { node: { id: string } }[] } }>('{ reviewsToScore { edges { node { id } } } }');
  const answers = await ask<{ cannedAnswers: { edges: { node: { id: string } }[] } }>('{ cannedAnswers(first: 1) { edges { node { id } } } }');
  const people = await ask<{ people: { edges: { node: { id: string } }[] } }>('{ people(first: 1) { edges { node { id } } } }');
  return {
    decided: proposals.find((p) => ['ACCEPTED', 'DECLINED', 'IMPLEMENTED', 'REWARDED'].includes(p.status))?.id,
    open: proposals.find((p) => p.status === 'OPEN')?.id,
    ticket: tickets?.tickets.edges[0]?.node.id,
    outcome: outcomes?.rewardOutcomes.edges[0]?.node.id,
    review: toScore?.reviewsToScore.edges[0]?.node.id,
    answer: answers?.cannedAnswers.edges[0]?.node.id,
    person: people?.people.edges[0]?.node.id,
  };
}

/** Waits until the page has drawn its data: no request in flight, nothing marked busy or loading. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .loading'), undefined, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(400);
}

async function take(label: string) {
  const dir = path.join(root, label);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-screens-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await runMain({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), SWEEP_INTERVAL_SECONDS: '0' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  let count = 0;
  try {
    for (const locale of ['zh-CN', 'en']) {
      for (const [who, paths] of Object.entries(TOUR)) {
        const context: BrowserContext = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 1,
          locale,
          isMobile: true,
          hasTouch: true,
          reducedMotion: 'reduce',
        });
        await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
        const page = await context.newPage();
        let known: Record<string, string | undefined> = {};
        if (who !== 'public') {
          await signIn(page, baseUrl, `${who}@lakeside.test`);
          await page.waitForURL((url) => !url.pathname.startsWith('/login'));
          known = await ids(page, baseUrl);
        }
        for (const route of paths) {
          const missing = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((k) => !known[k]);
          if (missing.length) {
            console.log(`skip ${who} ${route}: no ${missing.join(', ')}`);
            continue;
          }
          const url = route.replace(/\{(\w+)\}/g, (_, k: string) => known[k]!);
          await page.goto(`${baseUrl}${url}`);
          await page.addStyleTag({ content: '*, *::before, *::after { caret-color: transparent !important; }' });
          await settled(page);
          const name = `${locale}-${who}${route.replace(/[/{}]+/g, '-').replace(/-+$/, '') || '-home'}.png`;
          await page.screenshot({ path: path.join(dir, name), fullPage: true });
          count++;
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    app.child.kill('SIGTERM');
    await app.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${count} screens in ${path.relative(repoRoot, dir)}`);
}

async function compare(left: string, right: string) {
  const [da, db] = [path.join(root, left), path.join(root, right)];
  const out = path.join(root, `diff-${left}-${right}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const names = [...new Set([...fs.readdirSync(da), ...fs.readdirSync(db)])].filter((n) => n.endsWith('.png')).sort();
  let same = 0;
  for (const name of names) {
    if (!fs.existsSync(path.join(da, name)) || !fs.existsSync(path.join(db, name))) {
      console.log(`${name}: only in ${fs.existsSync(path.join(da, name)) ? left : right}`);
      continue;
    }
    const [x, y] = await Promise.all([da, db].map((d) => sharp(path.join(d, name)).ensureAlpha().raw().toBuffer({ resolveWithObject: true })));
    if (x!.info.width !== y!.info.width || x!.info.height !== y!.info.height) {
      console.log(`${name}: size ${x!.info.width}×${x!.info.height} → ${y!.info.width}×${y!.info.height}`);
      await sharp(path.join(db, name)).toFile(path.join(out, name));
      continue;
    }
    const diff = Buffer.from(y!.data);
    let differing = 0;
    for (let i = 0; i < x!.data.length; i += 4) {
      const d = Math.max(Math.abs(x!.data[i]! - y!.data[i]!), Math.abs(x!.data[i + 1]! - y!.data[i + 1]!), Math.abs(x!.data[i + 2]! - y!.data[i + 2]!));
      if (d > 24) {
        differing++;
        diff.set([255, 0, 0, 255], i);
      }
    }
    if (differing === 0) {
      same++;
      continue;
    }
    console.log(`${name}: ${differing} pixels differ (${((100 * differing) / (x!.info.width * x!.info.height)).toFixed(2)} %)`);
    await sharp(diff, { raw: { width: y!.info.width, height: y!.info.height, channels: 4 } })
      .png()
      .toFile(path.join(out, name));
  }
  console.log(`${same} of ${names.length} screens identical; differences in ${path.relative(repoRoot, out)}`);
}

if (mode === 'take' && a) await take(a);
else if (mode === 'compare' && a && b) await compare(a, b);
else {
  console.error('usage: screens take <label> | screens compare <label-a> <label-b>');
  process.exit(2);
}
