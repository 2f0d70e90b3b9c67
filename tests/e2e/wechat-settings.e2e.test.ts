import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, phone, screenshot, signIn } from '../support/browser.js';
import { accessible } from '../support/accessible.js';
import { freePort } from '../support/postgres.js';
import { runMain, type Started } from '../support/process.js';
import { startWeChatStub } from '../support/wechat-stub.js';

// #11 in the browser: on the notification settings screen an owner connects WeChat (the real
// redirect chain through a local stand-in for WeChat's authorisation page), sees WeChat among the
// channels, sets the digest time and disconnects WeChat, in zh-CN and English at 390 px. The app
// runs as `npm start` does, with WECHAT_* set, beside the shared one that has no WeChat.

const WX = { appId: 'wx00112233445566ff', appSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
let browser: Browser;
let wechat: Awaited<ReturnType<typeof startWeChatStub>>;
let app: Started;
let baseUrl: string;
let dataDir: string;

async function api(email: string) {
  const login = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ id } }', variables: { e: email, p: 'cocreate-demo' } }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  return async <T>(query: string): Promise<T> => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query }),
    });
    return ((await response.json()) as { data: T }).data;
  };
}

beforeAll(async () => {
  wechat = await startWeChatStub(WX);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-e2e-wechat-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  [app, browser] = await Promise.all([
    runMain({
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      PUBLIC_URL: baseUrl,
      WECHAT_APP_ID: WX.appId,
      WECHAT_APP_SECRET: WX.appSecret,
      WECHAT_TEMPLATE_NOTICE: 'tplNotice',
      WECHAT_API_BASE: wechat.url,
      WECHAT_OAUTH_BASE: wechat.url,
    }),
    launch(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  app?.child.kill('SIGTERM');
  await app?.exited;
  await wechat?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('connecting WeChat and choosing the digest time', () => {
  for (const [locale, email, openid] of [
    ['zh-CN', 'owner21@lakeside.test', 'oBrowserOwner21x'],
    ['en', 'owner22@lakeside.test', 'oBrowserOwner22x'],
  ] as const) {
    it(`an owner connects WeChat, sets the digest time and disconnects (${locale})`, async () => {
      wechat.follow(openid);
      wechat.signInBrowser(openid);
      const context = await phone(browser, locale);
      await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
      const page = await context.newPage();
      await signIn(page, baseUrl, email);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));

      await page.goto(`${baseUrl}/inbox/settings`);
      const connect = page.getByTestId('wechat-connect');
      await connect.waitFor();
      expect(await connect.textContent()).toContain(locale === 'en' ? 'Connect WeChat' : '绑定微信');
      expect(await page.getByTestId('channel-TICKET_SOLUTION_PROPOSED-WECHAT').count()).toBe(0);
      await screenshot(page, `wechat-settings-unbound-${locale}`);
      await accessible(page, '/inbox/settings (WeChat not connected)');

      // Through WeChat's authorisation page and back, as inside WeChat's browser.
      await connect.click();
      // (The browser keeps WeChat's #wechat_redirect fragment across the redirects, as it does for any fragment.)
      await page.waitForURL((url) => url.pathname === '/inbox/settings' && url.searchParams.get('wechat') === 'BOUND');
      await page
        .getByTestId('wechat-outcome')
        .filter({ hasText: locale === 'en' ? 'WeChat is connected.' : '已绑定微信。' })
        .waitFor();
      const chip = page.getByTestId('channel-TICKET_SOLUTION_PROPOSED-WECHAT');
      await chip.waitFor();
      expect(await chip.isChecked()).toBe(true);
      const owner = await api(email);
      expect(
        (await owner<{ notificationPreferences: { wechatBound: boolean } }>('{ notificationPreferences { wechatBound } }')).notificationPreferences.wechatBound,
      ).toBe(true);

      // The digest time appears with the digest, named in the community's time zone.
      await page.getByTestId('digest').check();
      const at = page.getByTestId('digest-at');
      await at.waitFor();
      await at.fill('19:30');
      await page.getByTestId('digest-at-save').click();
      await page
        .getByRole('status')
        .filter({ hasText: locale === 'en' ? 'Saved' : '已保存' })
        .waitFor();
      await expect
        .poll(
          async () =>
            (await owner<{ notificationPreferences: { digestAt: string } }>('{ notificationPreferences { digestAt } }')).notificationPreferences.digestAt,
        )
        .toBe('19:30');
      expect(await page.getByText('Asia/Shanghai').count()).toBeGreaterThan(0);
      await screenshot(page, `wechat-settings-bound-${locale}`);
      await accessible(page, '/inbox/settings (WeChat connected)');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // The personal-data screen lists the notification settings (the binding among them) and the messages sent.
      await page.goto(`${baseUrl}/privacy`);
      const settingsSection = page.getByTestId('privacy-notificationSettings');
      await settingsSection.waitFor();
      expect(await settingsSection.textContent()).toContain(openid);
      expect(await settingsSection.textContent()).toContain('19:30');
      await page.getByTestId('privacy-deliveries').waitFor();
      await screenshot(page, `wechat-privacy-${locale}`);
      await accessible(page, '/privacy');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.goto(`${baseUrl}/inbox/settings`);

      await page.getByTestId('wechat-unbind').click();
      await page.getByTestId('wechat-connect').waitFor();
      expect(await page.getByTestId('channel-TICKET_SOLUTION_PROPOSED-WECHAT').count()).toBe(0);
      expect(
        (await owner<{ notificationPreferences: { wechatBound: boolean } }>('{ notificationPreferences { wechatBound } }')).notificationPreferences.wechatBound,
      ).toBe(false);

      // A callback that was not started here comes back with its reason worded.
      await page.goto(`${baseUrl}/wechat/callback?code=FORGED&state=${'0'.repeat(64)}`);
      await page.waitForURL((url) => url.pathname === '/inbox/settings' && url.searchParams.get('wechat') === 'STATE_INVALID');
      await page
        .getByTestId('wechat-outcome')
        .filter({ hasText: locale === 'en' ? 'not started from this signed-in page' : '不是从本页发起的' })
        .waitFor();
      await screenshot(page, `wechat-settings-refused-${locale}`);
      await context.close();
    }, 90_000);
  }
});
