/**
 * Geometry of the score chart, in pixels for a measured width: one bar per reviewer's weighted
 * score on a 0–10 axis, the tier bands behind them and the final score as a line across.
 */

export const SCALE_MAX = 10;

export interface ChartReviewer {
  name: string;
  weighted: number;
  /** Left out of the mean (five or more reviewers): the highest or the lowest. */
  dropped: 'highest' | 'lowest' | null;
}

export interface ChartTier {
  name: string;
  minScore: number;
}

export interface ChartInput {
  width: number;
  reviewers: readonly ChartReviewer[];
  tiers: readonly ChartTier[];
  finalScore: number | null;
}

export interface Band {
  /** null: below every tier (no reward). */
  name: string | null;
  from: number;
  to: number;
  x: number;
  width: number;
  achieved: boolean;
  /** Wide enough to print the name inside. */
  labelled: boolean;
}

export interface Bar {
  name: string;
  value: number;
  dropped: ChartReviewer['dropped'];
  y: number;
  width: number;
  /** Where the value is printed: inside the bar's end, or just after it when the bar is short. */
  valueX: number;
  valueInside: boolean;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** Left and right edges of the plotting area (score 0 and score 10). */
  x0: number;
  x1: number;
  /** Reviewer names sit left of x0, right-aligned at this x. */
  nameX: number;
  bandY: number;
  bandHeight: number;
  rowsTop: number;
  rowsBottom: number;
  barHeight: number;
  bands: Band[];
  bars: Bar[];
  ticks: { value: number; x: number }[];
  axisY: number;
  final: { x: number; value: number; anchor: 'start' | 'middle' | 'end' } | null;
}

export const ROW = 34;
const BAR = 20;
const TOP_LABEL = 22;
const BAND = 18;
const GAP = 10;
const AXIS = 26;
const RIGHT_PAD = 10;

/** Width a label needs, roughly: CJK characters are about twice as wide as Latin ones. */
export function textWidth(text: string, fontSize = 12): number {
  let units = 0;
  for (const char of text) units += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(char) ? 1 : 0.58;
  return units * fontSize;
}

export function scoreX(value: number, x0: number, x1: number): number {
  const clamped = Math.min(Math.max(value, 0), SCALE_MAX);
  return x0 + (clamped / SCALE_MAX) * (x1 - x0);
}

/** Score bands from the tiers' lower bounds: [0, lowest) earns nothing, the top band runs to 10. */
export function tierBands(tiers: readonly ChartTier[], finalScore: number | null): Omit<Band, 'x' | 'width' | 'labelled'>[] {
  const ordered = [...tiers].filter((tier) => tier.minScore <= SCALE_MAX).sort((a, b) => a.minScore - b.minScore);
  const bands: Omit<Band, 'x' | 'width' | 'labelled'>[] = [];
  const lowest = ordered[0]?.minScore ?? SCALE_MAX;
  if (lowest > 0) bands.push({ name: null, from: 0, to: lowest, achieved: false });
  ordered.forEach((tier, index) => {
    bands.push({ name: tier.name, from: tier.minScore, to: ordered[index + 1]?.minScore ?? SCALE_MAX, achieved: false });
  });
  if (finalScore !== null) {
    // The top band includes 10 itself.
    const hit = bands.findIndex((band, index) => finalScore >= band.from && (finalScore < band.to || index === bands.length - 1));
    if (hit >= 0) bands[hit] = { ...bands[hit]!, achieved: true };
  }
  return bands;
}

export function scoreChart({ width, reviewers, tiers, finalScore }: ChartInput): ChartGeometry {
  const longestName = Math.max(0, ...reviewers.map((reviewer) => textWidth(reviewer.name, 13)));
  const nameColumn = Math.min(Math.max(longestName + 12, 56), Math.round(width * 0.34));
  const x0 = nameColumn;
  const x1 = Math.max(x0 + 40, width - RIGHT_PAD);
  const bandY = TOP_LABEL;
  const rowsTop = bandY + BAND + GAP;
  const rowsBottom = rowsTop + Math.max(reviewers.length, 1) * ROW;
  const axisY = rowsBottom + 4;

  const bands: Band[] = tierBands(tiers, finalScore).map((band) => {
    const x = scoreX(band.from, x0, x1);
    const bandWidth = scoreX(band.to, x0, x1) - x;
    return { ...band, x, width: bandWidth, labelled: band.name !== null && bandWidth >= textWidth(band.name, 10) + 4 };
  });

  const bars: Bar[] = reviewers.map((reviewer, index) => {
    const barWidth = scoreX(reviewer.weighted, x0, x1) - x0;
    const valueInside = barWidth >= 44;
    return {
      name: reviewer.name,
      value: reviewer.weighted,
      dropped: reviewer.dropped,
      y: rowsTop + index * ROW + (ROW - BAR) / 2,
      width: barWidth,
      valueX: valueInside ? x0 + barWidth - 6 : x0 + barWidth + 6,
      valueInside,
    };
  });

  const ticks = axisTicks(tiers, x0, x1);

  let final: ChartGeometry['final'] = null;
  if (finalScore !== null) {
    const x = scoreX(finalScore, x0, x1);
    const share = (x - x0) / (x1 - x0);
    final = { x, value: finalScore, anchor: share < 0.2 ? 'start' : share > 0.8 ? 'end' : 'middle' };
  }

  return {
    width,
    height: axisY + AXIS,
    x0,
    x1,
    nameX: x0 - 8,
    bandY,
    bandHeight: BAND,
    rowsTop,
    rowsBottom,
    barHeight: BAR,
    bands,
    bars,
    ticks,
    axisY,
    final,
  };
}

const TICK_GAP = 22;

/**
 * The axis is marked where the tier bands begin (and at 0 and 10), so the reader sees which
 * threshold a score passed; marks too close to the one before are left out.
 */
export function axisTicks(tiers: readonly ChartTier[], x0: number, x1: number): { value: number; x: number }[] {
  const values = [...new Set([0, ...tiers.map((tier) => tier.minScore).filter((v) => v > 0 && v < SCALE_MAX), SCALE_MAX])].sort((a, b) => a - b);
  const ticks: { value: number; x: number }[] = [];
  for (const value of values) {
    const x = scoreX(value, x0, x1);
    const last = ticks.at(-1);
    if (last && x - last.x < TICK_GAP) {
      if (value !== SCALE_MAX) continue;
      if (last.value !== 0) ticks.pop();
    }
    ticks.push({ value, x });
  }
  return ticks;
}

/** A score as a share of the 0–10 scale, for small inline bars. */
export function scoreShare(value: number): number {
  return Math.min(Math.max(value, 0), SCALE_MAX) / SCALE_MAX;
}
