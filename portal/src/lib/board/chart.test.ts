import { describe, expect, it } from 'vitest';
import { fitsLabel, labelAnchor, pct, stackedSegments } from './chart';

describe('stacked bars', () => {
  it('lays 赞成 / 反对 / 弃权 end to end as shares of the participants', () => {
    const segments = stackedSegments({ FOR: 44, AGAINST: 4, ABSTAIN: 2 });
    expect(segments.map((s) => s.choice)).toEqual(['FOR', 'AGAINST', 'ABSTAIN']);
    expect(segments.map((s) => s.size)).toEqual([0.88, 0.08, 0.04]);
    expect(segments[1]!.start).toBeCloseTo(0.88);
    expect(segments[2]!.start).toBeCloseTo(0.96);
    expect(segments.reduce((sum, s) => sum + s.size, 0)).toBeCloseTo(1);
  });

  it('draws nothing (not NaN) when nobody voted', () => {
    const segments = stackedSegments({ FOR: 0, AGAINST: 0, ABSTAIN: 0 });
    expect(segments.every((s) => s.size === 0 && s.start === 0)).toBe(true);
  });

  it('works with areas as well as headcounts', () => {
    const [forArea] = stackedSegments({ FOR: 5683.32, AGAINST: 480.67, ABSTAIN: 237.53 });
    expect(forArea!.size).toBeCloseTo(0.8878, 4);
  });
});

describe('chart geometry', () => {
  it('turns fractions into SVG lengths, clamped to the bar', () => {
    expect(pct(2 / 3)).toBe('66.6667%');
    expect(pct(0.5)).toBe('50%');
    expect(pct(-0.2)).toBe('0%');
    expect(pct(1.4)).toBe('100%');
  });

  it('keeps a line’s label inside the chart near either end', () => {
    expect(labelAnchor(0.05)).toBe('start');
    expect(labelAnchor(0.5)).toBe('middle');
    expect(labelAnchor(0.95)).toBe('end');
  });

  it('prints a share inside a segment only when it is wide enough', () => {
    expect(fitsLabel({ choice: 'FOR', value: 44, start: 0, size: 0.88 })).toBe(true);
    expect(fitsLabel({ choice: 'ABSTAIN', value: 2, start: 0.96, size: 0.04 })).toBe(false);
  });
});
