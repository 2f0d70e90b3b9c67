import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './process.js';

export const screenshotDir = path.join(repoRoot, 'tests/test-results/screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized context (the portal is mobile-first), zh-CN unless told otherwise. */
export async function phone(browser: Browser, locale = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale, isMobile: true, hasTouch: true });
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function signIn(page: Page, baseUrl: string, email: string, password = 'cocreate-demo') {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

/** A phone-sized page signed in as `email`, in `locale` from the first paint; its context is kept in `contexts` for closing. */
export async function signedInPhone(browser: Browser, baseUrl: string, email: string, locale = 'zh-CN', contexts?: BrowserContext[]): Promise<Page> {
  const context = await phone(browser, locale);
  contexts?.push(context);
  await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** A GraphQL operation with the page's session, as the portal would send it; fails the test on any error. */
export async function pageGraphql<T>(page: Page, baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post(`${baseUrl}/graphql`, { headers: { 'content-type': 'application/json' }, data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data!;
}
