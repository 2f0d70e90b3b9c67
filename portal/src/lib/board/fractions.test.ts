import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { fractionText, percentText, reaches, share, shortfall, thresholdText } from './fractions';

describe('fractions as the law writes them', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('names the fractions art. 278 uses', () => {
    expect(fractionText(2 / 3)).toBe('2/3');
    expect(fractionText(1 / 2)).toBe('1/2');
    expect(fractionText(3 / 4)).toBe('3/4');
    expect(fractionText(1)).toBe('1');
  });

  it('falls back to a percentage for anything else', () => {
    expect(fractionText(0.123)).toBe('12.3%');
  });

  it('says whether reaching the line is enough', () => {
    expect(thresholdText(1 / 2, false)).toBe('> 1/2');
    expect(thresholdText(3 / 4, true)).toBe('≥ 3/4');
    expect(thresholdText(2 / 3, true)).toBe('≥ 2/3');
  });

  it('shows one decimal, enough to tell 66.6% from 2/3', () => {
    expect(percentText(2 / 3)).toBe('66.7%');
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(25 / 60)).toBe('41.7%');
  });

  it('never divides by an empty whole', () => {
    expect(share(3, 0)).toBe(0);
    expect(share(5, 4)).toBe(1);
  });
});

describe('reaching a fraction, exactly', () => {
  it('counts exactly 2/3 as reached (≥) and exactly 1/2 as not more than half (>)', () => {
    expect(reaches(40, 60, 2 / 3, true)).toBe(true);
    expect(reaches(39, 60, 2 / 3, true)).toBe(false);
    expect(reaches(30, 60, 1 / 2, false)).toBe(false);
    expect(reaches(31, 60, 1 / 2, false)).toBe(true);
  });

  it('compares areas in hundredths of a m² without floating-point slips', () => {
    // 2/3 of 300.03 m² is 200.02 m² exactly.
    expect(reaches(200.02, 300.03, 2 / 3)).toBe(true);
    expect(reaches(200.01, 300.03, 2 / 3)).toBe(false);
    expect(reaches(0.1 + 0.2, 0.45, 2 / 3)).toBe(true);
  });

  it('says how much more is needed for the quorum', () => {
    expect(shortfall(25, 60, 2 / 3, 'owners')).toBe(15);
    expect(shortfall(40, 60, 2 / 3, 'owners')).toBe(0);
    expect(shortfall(26, 61, 2 / 3, 'owners')).toBe(15); // ⌈40.67⌉ = 41
    expect(shortfall(3490.63, 7687.72, 2 / 3, 'area')).toBeCloseTo(1634.52, 2);
    expect(shortfall(10, 0, 2 / 3, 'area')).toBe(0);
  });
});

describe('in English', () => {
  beforeEach(() => setLocale('en'));

  it('formats percentages the English way', () => {
    expect(percentText(0.888)).toBe('88.8%');
  });
});
