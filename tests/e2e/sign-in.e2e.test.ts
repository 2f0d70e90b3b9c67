import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, phone, screenshot, signIn } from '../support/browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('portal sign-in', () => {
  it('owner1 signs in on a phone and is greeted by name, in Chinese', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await screenshot(page, 'sign-in-zh');
    await signIn(page, baseUrl, 'owner1@lakeside.test');
    const greeting = page.getByTestId('greeting');
    await greeting.waitFor();
    expect(await greeting.textContent()).toContain('王丽');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const file = await screenshot(page, 'home-owner1-zh');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  });

  it('a wrong password shows an error and stays on the sign-in page', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signIn(page, baseUrl, 'owner1@lakeside.test', 'wrong-password');
    const problem = page.getByTestId('login-error');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/邮箱或密码/);
    expect(page.url()).toMatch(/\/login/);
    await screenshot(page, 'sign-in-wrong-password-zh');
    await context.close();
  });

  it('switches to English and signs out', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signIn(page, baseUrl, 'maint@lakeside.test');
    await page.getByTestId('greeting').waitFor();
    await page.getByTestId('lang-switch').first().click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await screenshot(page, 'home-maint-en');
    await page.getByTestId('sign-out').first().click();
    await page.waitForURL(/\/login/);
    await context.close();
  });
});
