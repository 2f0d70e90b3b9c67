import { describe, expect, it } from 'vitest';
import { axisTicks, ROW, scoreChart, scoreShare, scoreX, textWidth, tierBands } from './chart';

const TIERS = [
  { name: '一等奖', minScore: 8.5 },
  { name: '二等奖', minScore: 7 },
  { name: '三等奖', minScore: 5.5 },
  { name: '鼓励奖', minScore: 4 },
];

describe('tier bands', () => {
  it('run from each tier’s lower bound to the next, with the range below every tier first', () => {
    const bands = tierBands(TIERS, null);
    expect(bands.map((b) => [b.name, b.from, b.to])).toEqual([
      [null, 0, 4],
      ['鼓励奖', 4, 5.5],
      ['三等奖', 5.5, 7],
      ['二等奖', 7, 8.5],
      ['一等奖', 8.5, 10],
    ]);
    expect(bands.some((b) => b.achieved)).toBe(false);
  });

  it('mark the band the final score falls in, lower bound included and 10 in the top band', () => {
    expect(tierBands(TIERS, 7).find((b) => b.achieved)?.name).toBe('二等奖');
    expect(tierBands(TIERS, 6.99).find((b) => b.achieved)?.name).toBe('三等奖');
    expect(tierBands(TIERS, 10).find((b) => b.achieved)?.name).toBe('一等奖');
    expect(tierBands(TIERS, 3.2).find((b) => b.achieved)?.name).toBeNull();
  });

  it('start at zero when a tier does', () => {
    expect(tierBands([{ name: '参与奖', minScore: 0 }], 1).map((b) => [b.name, b.from, b.to, b.achieved])).toEqual([['参与奖', 0, 10, true]]);
  });
});

describe('score chart geometry', () => {
  const reviewers = [
    { name: '物业经理 陈明', weighted: 9.1, dropped: 'highest' as const },
    { name: '李杰', weighted: 8.3, dropped: null },
    { name: '张刚', weighted: 8.2, dropped: null },
    { name: '刘鹏', weighted: 8, dropped: null },
    { name: '陈敏', weighted: 7, dropped: 'lowest' as const },
  ];
  const g = scoreChart({ width: 340, reviewers, tiers: TIERS, finalScore: 8.17 });

  it('maps 0–10 onto the plotting area, after the names', () => {
    expect(g.x0).toBeGreaterThan(textWidth('物业经理 陈明', 13));
    expect(g.x1).toBe(330);
    expect(g.ticks[0]!.x).toBe(g.x0);
    expect(g.ticks.at(-1)!.x).toBe(g.x1);
    expect(scoreX(5, g.x0, g.x1)).toBeCloseTo((g.x0 + g.x1) / 2);
  });

  it('draws one bar per reviewer, as long as their weighted score, a row apart', () => {
    expect(g.bars).toHaveLength(5);
    expect(g.bars[0]!.width).toBeCloseTo(0.91 * (g.x1 - g.x0));
    expect(g.bars[4]!.width).toBeCloseTo(0.7 * (g.x1 - g.x0));
    expect(g.bars[1]!.y - g.bars[0]!.y).toBe(ROW);
    expect(g.bars.map((b) => b.dropped)).toEqual(['highest', null, null, null, 'lowest']);
    expect(g.rowsBottom - g.rowsTop).toBe(5 * ROW);
    expect(g.height).toBeGreaterThan(g.rowsBottom);
  });

  it('puts the final line at the final score and keeps its label inside the chart', () => {
    expect(g.final!.x).toBeCloseTo(scoreX(8.17, g.x0, g.x1));
    expect(g.final!.anchor).toBe('end');
    expect(scoreChart({ width: 340, reviewers, tiers: TIERS, finalScore: 1 }).final!.anchor).toBe('start');
    expect(scoreChart({ width: 340, reviewers, tiers: TIERS, finalScore: 5 }).final!.anchor).toBe('middle');
    expect(scoreChart({ width: 340, reviewers, tiers: TIERS, finalScore: null }).final).toBeNull();
  });

  it('lays the bands edge to edge across the plot and names only those wide enough', () => {
    const widths = g.bands.reduce((sum, b) => sum + b.width, 0);
    expect(widths).toBeCloseTo(g.x1 - g.x0);
    expect(g.bands.find((b) => b.achieved)?.name).toBe('二等奖');
    expect(g.bands.find((b) => b.name === null)!.labelled).toBe(false);
    const narrow = scoreChart({ width: 120, reviewers, tiers: TIERS, finalScore: 8.17 });
    expect(narrow.bands.every((b) => !b.labelled)).toBe(true);
  });

  it('marks the axis at 0, at each tier threshold and at 10, skipping marks that would touch', () => {
    expect(g.ticks.map((tick) => tick.value)).toEqual([0, 4, 5.5, 7, 8.5, 10]);
    expect(
      axisTicks(
        [
          { name: 'a', minScore: 8.5 },
          { name: 'b', minScore: 8.7 },
        ],
        0,
        200,
      ).map((tick) => tick.value),
    ).toEqual([0, 8.5, 10]);
    expect(axisTicks([{ name: 'a', minScore: 9.9 }], 0, 200).map((tick) => tick.value)).toEqual([0, 10]);
    expect(axisTicks([], 0, 200).map((tick) => tick.value)).toEqual([0, 10]);
  });

  it('prints a short bar’s value after it, a long one’s inside', () => {
    const short = scoreChart({ width: 340, reviewers: [{ name: 'A', weighted: 0.5, dropped: null }], tiers: [], finalScore: null });
    expect(short.bars[0]!.valueInside).toBe(false);
    expect(short.bars[0]!.valueX).toBeGreaterThan(short.x0 + short.bars[0]!.width);
    expect(g.bars[1]!.valueInside).toBe(true);
    expect(g.bars[1]!.valueX).toBeLessThan(g.x0 + g.bars[1]!.width);
  });

  it('clamps scores to the scale', () => {
    expect(scoreShare(-1)).toBe(0);
    expect(scoreShare(12)).toBe(1);
    expect(scoreShare(7.5)).toBe(0.75);
  });
});
