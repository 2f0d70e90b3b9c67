import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The accessibility run's rules on these screens: no serious or critical axe finding, fingertip-sized targets at 390 px. */
export async function accessible(page: Page, where: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(serious, `axe on ${where}`).toEqual([]);
  const small = await page.evaluate(() => {
    const selector = 'a[href], button, select, label:has(> input[type=checkbox]), input[type=time]';
    return Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || e.closest('[aria-hidden=true], .visually-hidden') || (e.matches('a') && getComputedStyle(e).display === 'inline')) return false;
        return Math.round(box.height) < 44 || Math.round(box.width) < 44;
      })
      .map((e) => `${e.tagName} ${(e.textContent ?? '').trim().slice(0, 20)}`);
  });
  expect(small, `targets under 44 px on ${where}`).toEqual([]);
}
