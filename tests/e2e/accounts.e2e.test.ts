import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import fs from 'node:fs';
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

/** A phone in the language asked for (the portal's own stored choice), signed in as `email` unless null. */
async function person(email: string | null, locale = 'zh-CN'): Promise<Page> {
  const context = await phone(browser, locale);
  contexts.push(context);
  await context.addInitScript((l) => localStorage.setItem('cocreate.locale', l), locale);
  const page = await context.newPage();
  if (email) {
    await signIn(page, baseUrl, email);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }
  return page;
}

/** A register file as a property company writes it: one 房号 column, UTF-8 with a BOM. */
const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${[['房号', '专有部分面积', '业主姓名', '手机号'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

async function firstScreen(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}-screen.png`) });
}

/** Nothing wider than the screen, no key shown instead of words, no target under 44 px. */
async function looksRight(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(wide).toBeLessThanOrEqual(0);
  expect(await page.locator('main').innerText()).not.toMatch(
    /\b(account|password|people|household|letters?|company|committee|deskAccounts|activate|reset)\.[a-z]/,
  );
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main summary, main select, main input:not([type=checkbox]):not([type=radio]), main a.button')]
      .filter((el) => el.offsetParent !== null && !el.classList.contains('visually-hidden'))
      .map((el) => ({ el: el.dataset.testid ?? el.textContent?.trim() ?? el.tagName, h: (el.closest('label') ?? el).getBoundingClientRect().height }))
      .filter((x) => x.h < 44),
  );
  expect(small).toEqual([]);
}

/** An answer of the API to this page's cookie, as the page itself would get it. */
const graphql = (page: Page, query: string) =>
  page.evaluate(async (q) => {
    const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
    return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  }, query);

describe('accounts and people', () => {
  it('a company admin creates a community and imports its register, a letter opens an owner’s account, the owner files a ticket, a departing technician is signed out', async () => {
    const suffix = String(Date.now()).slice(-6);
    const community = `湖畔新苑${suffix}`;
    const ownerPhone = `139${suffix}01`;
    const techPhone = `137${suffix}03`;

    // 1. The company admin creates the community and switches to it.
    const company = await person('company@lakeside.test');
    await company.getByTestId('company-link').click();
    await company.getByTestId('company-table').waitFor();
    await company.getByTestId('community-name').fill(community);
    await company.getByTestId('community-address').fill('杭州市西湖区湖畔路 8 号');
    await company.getByTestId('community-submit').click();
    await company.locator(`[data-testid=company-row][data-name="${community}"]`).waitFor();
    expect(await company.getByTestId('company-notice').textContent()).toContain(`已新建 ${community}`);
    // The chart's words stay legible on a phone: no label under 12 px.
    const sizes = await company
      .getByTestId('company-chart')
      .evaluate((chart) =>
        [...chart.querySelectorAll<HTMLElement>('figcaption span, li span')]
          .filter((el) => el.textContent?.trim())
          .map((el) => parseFloat(getComputedStyle(el).fontSize)),
      );
    expect(sizes.length).toBeGreaterThan(4);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await looksRight(company);
    await screenshot(company, 'accounts-1-company-zh');
    await company.getByTestId('switch-to-created').click();
    await company.waitForURL(`${baseUrl}/`);
    await company.getByTestId('community-switcher').waitFor();
    expect(await company.getByTestId('community-switcher').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(community);

    // 2. Its admin (the company admin is its first) imports the register.
    await company.goto(`${baseUrl}/admin/register/import`);
    await company.getByTestId('import-file').setInputFiles({
      name: '新苑名册.csv',
      mimeType: 'text/csv',
      buffer: csv([
        ['1-1-101', '96.40', '周新业', ownerPhone],
        ['1-1-102', '88.10', '吴新业', `139${suffix}02`],
      ]),
    });
    await company.getByTestId('import-check').click();
    await company.getByTestId('import-clean').waitFor();
    await company.getByTestId('import-apply').click();
    await company.getByTestId('import-again').waitFor();

    // 3. A letter for the owner: community, unit, masked mobile number, code, expiry, address.
    await company.goto(`${baseUrl}/admin/people/letters`);
    await company.getByTestId('letters-owner').first().waitFor();
    expect(await company.getByTestId('letters-count').textContent()).toContain('2 位业主还没有账户');
    await looksRight(company);
    await company.locator('[data-testid=letters-owner][data-name="周新业"]').click();
    await company.locator('[data-testid=letters-owner][data-name="吴新业"]').click();
    await company.getByTestId('issue-letters').click();
    await company.getByTestId('letter').nth(1).waitFor();
    const letter = company.getByTestId('letter').filter({ hasText: '周新业' });
    expect(await letter.textContent()).toContain(community);
    expect(await letter.getByTestId('letter-units').textContent()).toBe('1-1-101');
    expect(await letter.getByTestId('letter-phone').textContent()).toBe(`139****${suffix.slice(-2)}01`);
    expect(await letter.getByTestId('letter-url').textContent()).toMatch(/^https?:\/\/.+\/activate$/);
    expect(await letter.getByTestId('letter-expires').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    const code = (await letter.getByTestId('letter-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await looksRight(company);
    await screenshot(company, 'accounts-2-letters-zh');
    // On paper: the letters alone, one A4 page each.
    await company.emulateMedia({ media: 'print' });
    expect(await company.locator('.app-header').isVisible()).toBe(false);
    expect(await company.getByTestId('print-letters').isVisible()).toBe(false);
    const pdf = await company.pdf({ format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(2);
    fs.writeFileSync(path.join(screenshotDir, 'accounts-letters.pdf'), pdf);
    await screenshot(company, 'accounts-3-letters-print');
    await company.emulateMedia({ media: 'screen' });

    // 4. The owner activates from the sign-in page; a guessable password is refused with advice in Chinese.
    const owner = await person(null);
    await owner.goto(`${baseUrl}/login`);
    expect(await owner.locator('label[for=email]').textContent()).toContain('手机号或邮箱');
    await owner.getByTestId('activate-link').click();
    await owner.getByTestId('activate-form').waitFor();
    await owner.getByTestId('phone-input').fill(ownerPhone);
    await owner.getByTestId('code-input').fill(code.toLowerCase());
    await owner.getByTestId('password-input').fill('password1');
    await owner.getByTestId('activate-submit').click();
    const refusal = owner.getByTestId('account-problem');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-reason')).toBe('PASSWORD_TOO_GUESSABLE');
    expect(await owner.getByTestId('password-advice').textContent()).toContain('常用密码');
    expect(await refusal.textContent()).not.toMatch(/[A-Za-z]{4,}/);
    await looksRight(owner);
    await screenshot(owner, 'accounts-4-activate-weak-zh');
    await owner.getByTestId('password-input').fill('湖畔 lantern 晚风 river');
    await owner.getByTestId('activate-submit').click();
    await owner.waitForURL(`${baseUrl}/`);

    // ... and files a ticket for the unit the register gives them.
    await owner.goto(`${baseUrl}/tickets/new`);
    await owner.getByTestId('new-ticket-form').waitFor();
    await owner.getByTestId('kind-REPAIR').check({ force: true });
    await owner.getByTestId('new-title').fill('入户门锁坏了');
    await owner.getByTestId('new-description').fill('钥匙转不动，门从外面打不开。');
    await owner.getByTestId('submit-ticket').click();
    await owner.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    expect(await owner.locator('main').textContent()).toContain('1-1-101');
    await screenshot(owner, 'accounts-5-owner-ticket-zh');

    // ... and, having forgotten the password, gets a reset code from the office and sets a new one.
    await company.goto(`${baseUrl}/admin/people`);
    await company.getByTestId('people-search').fill(ownerPhone);
    await company.getByTestId('people-search-submit').click();
    await company.locator('[data-testid=person][data-name="周新业"]').getByTestId('person-link').click();
    await company.getByTestId('person-issue-letter').click();
    const resetCode = (await company.getByTestId('letter-code').textContent())!.trim();
    expect(resetCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(await company.getByTestId('letter-url').textContent()).toMatch(/\/reset$/);
    await owner.getByTestId('sign-out').click();
    await owner.waitForURL(/\/login/);
    await owner.getByTestId('reset-link').click();
    await owner.getByTestId('have-code').click();
    await owner.getByTestId('phone-input').fill(ownerPhone);
    await owner.getByTestId('code-input').fill(resetCode);
    await owner.getByTestId('password-input').fill('晚风 lantern 湖畔 kettle');
    await owner.getByTestId('reset-submit').click();
    await owner.waitForURL(`${baseUrl}/`);
    await owner.getByTestId('greeting').waitFor();

    // 5. A technician is added and opens an account from their letter (in English).
    await company.goto(`${baseUrl}/admin/people/new`);
    await company.getByTestId('staff-name').fill('维修 郑新');
    await company.getByTestId('staff-phone').fill(techPhone);
    await company.getByTestId('staff-department').selectOption('MAINTENANCE');
    await looksRight(company);
    await company.getByTestId('staff-submit').click();
    await company.waitForURL(/\/admin\/people\/[0-9a-f-]{36}(\?added=1)?$/);
    await company.getByTestId('person-notice').waitFor();
    await company.getByTestId('person-issue-letter').click();
    const techCode = (await company.getByTestId('letter-code').textContent())!.trim();
    const tech = await person(null, 'en');
    await tech.goto(`${baseUrl}/activate`);
    await tech.getByTestId('phone-input').fill(techPhone);
    await tech.getByTestId('code-input').fill(techCode);
    await tech.getByTestId('password-input').fill('copper kettle on the balcony');
    await tech.getByTestId('activate-submit').click();
    await tech.waitForURL(`${baseUrl}/`);
    await tech.goto(`${baseUrl}/account`);
    await tech.getByTestId('session').first().waitFor();
    expect(await tech.locator('main').textContent()).toContain('Signed-in devices');
    await looksRight(tech);
    await screenshot(tech, 'accounts-6-tech-account-en');
    expect((await graphql(tech, '{ mySessions { id } }')).errors).toBeUndefined();

    // 6. The admin records the technician's departure; their open page is signed out at once.
    await company.reload();
    await company.getByTestId('deactivate-form').waitFor();
    await company.getByTestId('no-open-work').waitFor();
    await company.getByTestId('deactivate-reason').fill('合同到期');
    await looksRight(company);
    await screenshot(company, 'accounts-7-deactivate-zh');
    await company.getByTestId('deactivate-submit').click();
    await company.getByTestId('person-inactive').waitFor();
    expect(await company.getByTestId('person-notice').textContent()).toContain('已离职');
    await company.getByTestId('reactivate').waitFor();

    const after = await graphql(tech, '{ mySessions { id } }');
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await tech.reload();
    await tech.waitForURL(/\/login\?next=%2Faccount$/);
    // And cannot sign in again.
    await signIn(tech, baseUrl, techPhone, 'copper kettle on the balcony');
    await tech.getByTestId('login-error').waitFor();
    await screenshot(tech, 'accounts-8-tech-signed-out-en');
  }, 180_000);

  it('in English: sign-in help, reset by phone, my account with the household, people with filters, the community switcher', async () => {
    const page = await person(null, 'en');
    await page.goto(`${baseUrl}/login`);
    expect(await page.locator('main').textContent()).toContain('activation code');
    await page.getByTestId('reset-link').click();
    await page.getByTestId('phone-input').fill('12345');
    await page.getByTestId('reset-submit').click();
    expect(await page.getByTestId('account-problem').textContent()).toContain('mainland China mobile number');
    await page.getByTestId('phone-input').fill('139 0000 0000');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-sent').waitFor();
    await page.getByTestId('code-input').waitFor();
    await looksRight(page);
    await firstScreen(page, 'accounts-9-reset-en');

    const owner = await person('owner1@lakeside.test', 'en');
    await owner.getByTestId('account-link').click();
    await owner.getByTestId('household').waitFor();
    await owner.locator('[data-testid=resident]').first().waitFor();
    await owner.getByTestId('resident-name').fill('Li Xiaoyu');
    await owner.getByTestId('resident-phone').fill(`136${String(Date.now()).slice(-8)}`);
    await owner.getByTestId('resident-relation-TENANT').check();
    await owner.getByTestId('resident-until').fill('2030-06-30');
    await owner.getByTestId('add-resident-submit').click();
    await owner.getByTestId('resident-code').waitFor();
    expect(await owner.getByTestId('resident-code-value').textContent()).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await owner.locator('[data-testid=resident][data-name="Li Xiaoyu"]').getByTestId('remove-resident').click();
    await owner.locator('[data-testid=resident][data-name="Li Xiaoyu"]').getByTestId('remove-resident-yes').click();
    await owner.getByTestId('household-notice').waitFor();
    await expect.poll(() => owner.locator('[data-testid=resident][data-name="Li Xiaoyu"]').count()).toBe(0);
    // A wrong current password is said in English, on its field.
    await owner.getByTestId('current-password').fill('not my password');
    await owner.getByTestId('new-password').fill('a quiet garden of maples');
    await owner.getByTestId('change-password-submit').click();
    expect(await owner.getByTestId('change-password').getByTestId('account-problem').textContent()).toContain('current password is not right');
    await looksRight(owner);
    await screenshot(owner, 'accounts-10-account-en');

    const admin = await person('admin@lakeside.test', 'en');
    await admin.goto(`${baseUrl}/admin/people`);
    await admin.getByTestId('person').first().waitFor();
    await admin.getByTestId('filter-role').selectOption('OWNER');
    await admin.getByTestId('filter-account').selectOption('false');
    await expect.poll(async () => admin.getByTestId('people-count').textContent()).toMatch(/^\d+ people$/);
    await expect.poll(async () => (await admin.getByTestId('person-account').allTextContents()).every((s) => s.includes('No account'))).toBe(true);
    await looksRight(admin);
    await firstScreen(admin, 'accounts-11-people-en');
    // A manager of both communities switches in the header; the portal loads afresh as the other one.
    const manager = await person('manager@lakeside.test', 'en');
    await manager.goto(`${baseUrl}/tickets/queue`);
    await manager.getByTestId('community-switcher').selectOption({ label: '湖畔雅苑' });
    await manager.waitForURL(`${baseUrl}/`);
    await manager.getByTestId('greeting').waitFor();
    expect(await manager.getByTestId('community-switcher').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('湖畔雅苑');
    expect((await graphql(manager, '{ me { community { name } } }')).data).toEqual({ me: { community: { name: '湖畔雅苑' } } });
    await firstScreen(manager, 'accounts-13-switched-en');
    // Back again: a sign-in lands where the account was last, and the other browser tests sign the
    // manager in expecting 湖畔花园.
    await manager.getByTestId('community-switcher').selectOption({ label: '湖畔花园' });
    await manager.waitForURL(`${baseUrl}/`);
    await expect.poll(async () => (await graphql(manager, '{ me { community { name } } }')).data).toEqual({ me: { community: { name: '湖畔花园' } } });

    await admin.goto(`${baseUrl}/admin/people/committee`);
    await admin.getByTestId('committee-member').first().waitFor();
    await looksRight(admin);
    await firstScreen(admin, 'accounts-12-committee-en');
  }, 120_000);
});
