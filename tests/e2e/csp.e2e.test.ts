import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, phone, signIn } from '../support/browser.js';

// The portal's Content-Security-Policy lets only its own scripts run (SvelteKit's boot script
// carries a per-response nonce). Every screen of every persona is visited in Chromium: any
// violation the browser reports fails the suite, and an injected inline script must not run.
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

declare global {
  interface Window {
    __violations: string[];
    __injected?: boolean;
  }
}

async function watched(): Promise<{ context: BrowserContext; page: Page; violations: () => Promise<string[]> }> {
  const context = await phone(browser);
  // Init scripts come from the browser itself, not the page, so the policy does not apply to them.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  return { context, page, violations: async () => [...console, ...(await page.evaluate(() => window.__violations))] };
}

/** Opens a list and then the first detail page it links to (ids differ on every fresh seed). */
async function firstDetail(page: Page, list: string, pattern: RegExp): Promise<string> {
  await page.goto(`${baseUrl}${list}`);
  await page.waitForFunction(
    (source) => [...document.querySelectorAll('a[href]')].some((a) => new RegExp(source).test(a.getAttribute('href')!)),
    pattern.source,
    { timeout: 15_000 },
  );
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
  return hrefs.find((h) => pattern.test(h))!;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const personas: { email: string; screens: string[]; details: [list: string, pattern: RegExp][] }[] = [
  {
    email: 'owner1@lakeside.test',
    screens: ['/', '/board', '/board/new', '/tickets', '/tickets/new', '/inbox', '/privacy', '/rewards', '/rewards/mine'],
    details: [
      ['/board', new RegExp(`^/board/${UUID}$`)],
      ['/tickets', new RegExp(`^/tickets/${UUID}$`)],
      ['/rewards', new RegExp(`^/rewards/${UUID}$`)],
    ],
  },
  { email: 'cs@lakeside.test', screens: ['/tickets/desk', '/tickets/queue'], details: [] },
  { email: 'owner2@lakeside.test', screens: ['/rewards/committee'], details: [['/rewards/committee', new RegExp(`^/rewards/committee/${UUID}$`)]] },
  { email: 'admin@lakeside.test', screens: ['/admin', '/audit', '/dashboard'], details: [] },
];

describe('Content-Security-Policy in Chromium', () => {
  it('sends a nonce-based script policy with the page, and no framing', async () => {
    const response = await fetch(`${baseUrl}/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('refuses a script injected into the page', async () => {
    const { context, page, violations } = await watched();
    await page.goto(`${baseUrl}/login`);
    await page.locator('#email').waitFor();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
    await context.close();
  });

  for (const persona of personas) {
    it(`reports no violation on any screen of ${persona.email}`, async () => {
      const { context, page, violations } = await watched();
      await page.goto(`${baseUrl}/login`);
      expect(await violations()).toEqual([]);
      await signIn(page, baseUrl, persona.email);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const visited: string[] = [];
      for (const screen of persona.screens) {
        await page.goto(`${baseUrl}${screen}`);
        await page.waitForLoadState('networkidle');
        visited.push(screen);
        expect({ screen, violations: await violations() }).toEqual({ screen, violations: [] });
      }
      for (const [list, pattern] of persona.details) {
        const detail = await firstDetail(page, list, pattern);
        expect(detail, `a link to a detail page on ${list}`).toBeTruthy();
        await page.goto(`${baseUrl}${detail}`);
        await page.waitForLoadState('networkidle');
        visited.push(detail);
        expect({ screen: detail, violations: await violations() }).toEqual({ screen: detail, violations: [] });
      }
      expect(visited.length).toBe(persona.screens.length + persona.details.length);
      await context.close();
    }, 120_000);
  }
});
