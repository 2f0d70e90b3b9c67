import { beforeEach, describe, expect, it } from 'vitest';
import { ERROR_REASONS } from '@cocreate/schema';
import { setLocale } from '$lib/i18n';
import { reasonsEn } from './reasons.en';
import { reasonsZhCN } from './reasons.zh-CN';
import { isReason, isSpecific, reasonText } from './reasons';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the API’s reasons in the reader’s words', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('words every reason the API can answer, in both languages, with the same facts', () => {
    for (const reason of ERROR_REASONS) {
      setLocale('zh-CN');
      const zh = reasonText(reason, {});
      setLocale('en');
      const en = reasonText(reason, {});
      expect(zh, reason).toBeTruthy();
      expect(en, reason).toBeTruthy();
      expect(zh).not.toBe(en);
    }
    for (const reason of Object.keys(reasonsZhCN) as (keyof typeof reasonsZhCN)[]) {
      expect(placeholders(reasonsEn[reason]), reason).toEqual(placeholders(reasonsZhCN[reason]));
    }
  });

  it('the Chinese wording is Chinese: no English sentence on a zh-CN screen', () => {
    for (const text of Object.values(reasonsZhCN)) {
      const latin = text.replace(/\{\w+\}/g, '').replace(/JPEG|PNG|WebP|HEIC|PDF|Asia\/Shanghai/g, '');
      expect(latin, text).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('fills the facts, times in local time', () => {
    expect(reasonText('TEXT_LENGTH', { min: 2, max: 2000 })).toBe('字数需要在 2 到 2000 个字之间。');
    expect(reasonText('TOO_MANY_FILES', { max: 9 })).toBe('一次最多附 9 个文件。');
    const until = reasonText('NOTICE_RUNNING', { until: '2026-12-08T04:00:00.000Z' })!;
    expect(until).not.toContain('2026-12-08T');
    setLocale('en');
    expect(reasonText('REFERENCE_TAKEN', { reference: 'SM-001' })).toBe('Reference SM-001 is already on another paper ballot; each paper has its own number.');
  });

  it('tells a reason from anything else, and a specific reason from a code’s default', () => {
    expect(isReason('TEXT_LENGTH')).toBe(true);
    expect(isReason('NOPE')).toBe(false);
    expect(isReason(42)).toBe(false);
    expect(isSpecific('INVALID')).toBe(false);
    expect(isSpecific('TOO_MANY_FILES')).toBe(true);
    expect(isSpecific(null)).toBe(false);
  });
});
