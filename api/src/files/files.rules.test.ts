import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointLength } from '../shared/text.js';
import { cleanFileName } from './files.rules.js';

describe('cleanFileName', () => {
  it.each([
    ['业主名册.xlsx', '业主名册.xlsx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\王\\Desktop\\名册.csv', '名册.csv'],
    ['  register.csv  ', 'register.csv'],
    ['reg\u0000ister\u0007.csv', 'register.csv'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['\u200B名册\uFEFF.csv', '名册.csv'],
    ['🏠 业主 👨‍👩‍👧.csv', '🏠 业主 👨‍👩‍👧.csv'],
    ['cafe\u0301.csv', 'café.csv'],
    ['', 'file'],
    ['   ', 'file'],
    ['..', 'file'],
    ['uploads/', 'file'],
    ['\u0000\u0001', 'file'],
    [undefined, 'file'],
    [null, 'file'],
  ])('%j → %j', (raw, cleaned) => {
    expect(cleanFileName(raw)).toBe(cleaned);
  });

  it('cuts a long name to 255 code points, keeping its extension and whole characters', () => {
    expect(cleanFileName(`${'a'.repeat(10_000)}.csv`)).toBe(`${'a'.repeat(251)}.csv`);
    const emoji = cleanFileName(`${'👨‍👩‍👧'.repeat(200)}.xlsx`);
    expect(codePointLength(emoji)).toBeLessThanOrEqual(255);
    expect(emoji.endsWith('👨‍👩‍👧.xlsx')).toBe(true);
    expect(cleanFileName('b'.repeat(300))).toBe('b'.repeat(255));
  });

  it('always gives a storable name: no separators or control characters, 1 to 255 code points, well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const name = cleanFileName(raw);
        expect(codePointLength(name)).toBeGreaterThan(0);
        expect(codePointLength(name)).toBeLessThanOrEqual(255);
        expect(name).not.toMatch(/[/\\\u0000-\u001F\u007F]/);
        expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(name).toBe(name.trim());
      }),
    );
  });
});
