/**
 * Chart geometry shared by the portal's charts, in pixels for a measured width: scales, ticks,
 * x labels that fit, and a line chart with one line per series over the periods, broken where a
 * period had nothing to measure, and a marker on every value. Series differ by colour, marker
 * shape and dash pattern, so none depends on colour alone.
 */

export interface Scale {
  (value: number): number;
  domain: [number, number];
  range: [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; values outside the domain are clamped to its ends. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => {
    const clamped = Math.min(Math.max(value, Math.min(d0, d1)), Math.max(d0, d1));
    return r0 + ((clamped - d0) / span) * (r1 - r0);
  }) as Scale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** Evenly spaced ticks from min to max inclusive. */
export function ticks(min: number, max: number, count: number): number[] {
  if (count < 2 || max <= min) return [min];
  const step = (max - min) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round((min + i * step) * 1e6) / 1e6);
}

/**
 * Which x labels fit: every n-th index so that labels `labelWidth` wide don't touch, always
 * keeping the last (the current period).
 */
export function labelEvery(count: number, plotWidth: number, labelWidth: number): number[] {
  if (count <= 0) return [];
  const gap = count > 1 ? plotWidth / (count - 1) : plotWidth;
  const step = Math.max(1, Math.ceil((labelWidth + 6) / Math.max(gap, 1)));
  const shown: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) shown.unshift(i);
  return shown;
}

export interface Point {
  index: number;
  value: number;
  x: number;
  y: number;
}

/** Runs of consecutive measured values; a null ends a run, so gaps stay gaps. */
export function segments(values: readonly (number | null)[]): { index: number; value: number }[][] {
  const runs: { index: number; value: number }[][] = [];
  let run: { index: number; value: number }[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else {
      run.push({ index, value });
    }
  });
  if (run.length) runs.push(run);
  return runs;
}

export interface LineSeries<K extends string = string> {
  key: K;
  values: readonly (number | null)[];
}

export interface LineChartInput<K extends string = string> {
  width: number;
  height?: number;
  /** How many periods along x. */
  count: number;
  domain: [number, number];
  yTicks: readonly number[];
  series: readonly LineSeries<K>[];
  /** Space for the widest y label, in pixels. */
  yLabelWidth?: number;
  /** Space each x label needs. */
  xLabelWidth?: number;
}

export interface LineChartGeometry<K extends string = string> {
  width: number;
  height: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xs: number[];
  xLabels: number[];
  yTicks: { value: number; y: number }[];
  lines: { key: K; paths: string[]; points: Point[] }[];
}

const TOP = 10;
const BOTTOM = 26;
const RIGHT = 18;

export function lineChart<K extends string>(input: LineChartInput<K>): LineChartGeometry<K> {
  const width = Math.max(input.width, 160);
  const height = input.height ?? 200;
  const x0 = (input.yLabelWidth ?? 34) + 6;
  const x1 = width - RIGHT;
  const y0 = height - BOTTOM; // the domain's minimum sits at the bottom
  const y1 = TOP;
  const n = Math.max(input.count, 1);
  const x = (i: number) => (n === 1 ? (x0 + x1) / 2 : x0 + (i / (n - 1)) * (x1 - x0));
  const y = linearScale(input.domain, [y0, y1]);
  const xs = Array.from({ length: n }, (_, i) => x(i));

  const lines = input.series.map((series) => {
    const runs = segments(series.values);
    const paths = runs
      .filter((run) => run.length > 1)
      .map((run) => run.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(x(p.index))} ${round(y(p.value))}`).join(' '));
    const points = runs.flat().map((p) => ({ ...p, x: round(x(p.index)), y: round(y(p.value)) }));
    return { key: series.key, paths, points };
  });

  return {
    width,
    height,
    x0,
    x1,
    y0,
    y1,
    xs,
    xLabels: labelEvery(n, x1 - x0, input.xLabelWidth ?? 30),
    yTicks: input.yTicks.map((value) => ({ value, y: round(y(value)) })),
    lines,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

/** How a series looks: colour, marker and dash, so none relies on colour alone. */
export interface SeriesLook {
  color: string;
  marker: MarkerShape;
  /** stroke-dasharray; '' for a solid line. */
  dash: string;
}

/** A marker centred on (cx, cy), about 2r across, as one path. */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r = 4): string {
  const f = (v: number) => round(v);
  switch (shape) {
    case 'circle':
      return `M${f(cx - r)} ${f(cy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
    case 'square': {
      const s = r * 0.9;
      return `M${f(cx - s)} ${f(cy - s)}h${f(2 * s)}v${f(2 * s)}h${f(-2 * s)}z`;
    }
    case 'triangle':
      return `M${f(cx)} ${f(cy - r * 1.15)}L${f(cx + r * 1.1)} ${f(cy + r * 0.85)}L${f(cx - r * 1.1)} ${f(cy + r * 0.85)}z`;
    case 'diamond':
      return `M${f(cx)} ${f(cy - r * 1.2)}L${f(cx + r * 1.2)} ${f(cy)}L${f(cx)} ${f(cy + r * 1.2)}L${f(cx - r * 1.2)} ${f(cy)}z`;
    case 'cross': {
      const a = r * 1.05;
      return `M${f(cx - a)} ${f(cy - a)}L${f(cx + a)} ${f(cy + a)}M${f(cx + a)} ${f(cy - a)}L${f(cx - a)} ${f(cy + a)}`;
    }
  }
}

/** A bar's length as a share of the longest ("42%"); a value above zero shows at least a sliver. */
export function barLength(value: number, max: number, sliver = 2): string {
  return `${Math.max(value > 0 ? sliver : 0, (value / Math.max(max, 1)) * 100)}%`;
}
