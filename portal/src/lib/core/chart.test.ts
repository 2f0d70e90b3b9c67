import { describe, expect, it } from 'vitest';
import { barLength, labelEvery, lineChart, linearScale, markerPath, segments, ticks } from './chart';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted for y, and clamps', () => {
    const y = linearScale([0, 1], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(1)).toBe(0);
    expect(y(0.25)).toBe(75);
    expect(y(1.5)).toBe(0);
    expect(y(-1)).toBe(100);
    expect(linearScale([1, 5], [0, 40])(3)).toBe(20);
  });

  it('survives an empty domain', () => {
    expect(linearScale([2, 2], [0, 10])(2)).toBe(0);
  });
});

describe('ticks', () => {
  it('spaces ticks evenly, ends included', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(1, 5, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(ticks(0, 1, 1)).toEqual([0]);
  });
});

describe('segments', () => {
  it('breaks lines at gaps', () => {
    expect(segments([0.5, 0.6, null, 0.7, null, null, 0.8, 0.9])).toEqual([
      [
        { index: 0, value: 0.5 },
        { index: 1, value: 0.6 },
      ],
      [{ index: 3, value: 0.7 }],
      [
        { index: 6, value: 0.8 },
        { index: 7, value: 0.9 },
      ],
    ]);
    expect(segments([null, null])).toEqual([]);
  });
});

describe('labelEvery', () => {
  it('thins labels that would touch, keeping the latest', () => {
    expect(labelEvery(12, 660, 30)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(labelEvery(12, 300, 30)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(labelEvery(0, 300, 30)).toEqual([]);
  });
});

describe('lineChart', () => {
  const g = lineChart({
    width: 340,
    height: 200,
    count: 4,
    domain: [0, 1],
    yTicks: [0, 0.5, 1],
    series: [
      { key: 'a', values: [0, 0.5, null, 1] },
      { key: 'b', values: [null, null, null, null] },
    ],
  });

  it('places periods evenly across the plot and values from bottom to top', () => {
    expect(g.xs[0]).toBe(g.x0);
    expect(g.xs[3]).toBe(g.x1);
    expect(g.yTicks).toEqual([
      { value: 0, y: g.y0 },
      { value: 0.5, y: (g.y0 + g.y1) / 2 },
      { value: 1, y: g.y1 },
    ]);
  });

  it('draws lines only between neighbouring measured periods, markers on every value', () => {
    const a = g.lines[0]!;
    expect(a.paths).toHaveLength(1);
    expect(a.paths[0]).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
    expect(a.points.map((p) => p.index)).toEqual([0, 1, 3]);
    expect(a.points[2]?.y).toBe(g.y1);
    expect(g.lines[1]).toEqual({ key: 'b', paths: [], points: [] });
  });
});

describe('markerPath', () => {
  it('draws each shape around the point', () => {
    for (const shape of ['circle', 'square', 'triangle', 'diamond', 'cross'] as const) {
      const path = markerPath(shape, 50, 20, 4);
      expect(path.startsWith('M')).toBe(true);
      const numbers = [...path.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Number(m[0]));
      expect(numbers.length).toBeGreaterThan(3);
    }
    expect(markerPath('square', 10, 10, 5)).toBe('M5.5 5.5h9v9h-9z');
  });
});

describe('barLength', () => {
  it('is the share of the longest bar, with a sliver for a small value and none for zero', () => {
    expect(barLength(5, 10)).toBe('50%');
    expect(barLength(1, 1000)).toBe('2%');
    expect(barLength(0, 10)).toBe('0%');
    expect(barLength(0, 0)).toBe('0%');
  });
});
