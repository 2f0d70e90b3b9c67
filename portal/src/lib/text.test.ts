import { describe, expect, it } from 'vitest';
import { charCount, fits, MIN_TEXT } from './text';

describe('text lengths', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(charCount('评分偏高')).toBe(4);
    expect(charCount('𠮷野家')).toBe(3);
    expect('𠮷野家'.length).toBe(4);
  });

  it('takes a four-character Chinese objection and refuses one character', () => {
    expect(fits('评分偏高', MIN_TEXT, 2000)).toBe(true);
    expect(fits('  好 ', MIN_TEXT, 2000)).toBe(false);
    expect(fits('同意', MIN_TEXT, 2000)).toBe(true);
  });

  it('measures the upper bound in characters too', () => {
    expect(fits('𠮷'.repeat(500), MIN_TEXT, 500)).toBe(true);
    expect(fits('𠮷'.repeat(501), MIN_TEXT, 500)).toBe(false);
  });
});
