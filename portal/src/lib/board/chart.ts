import type { BallotChoice } from '@cocreate/schema';
import { share } from './fractions';

/** One piece of a stacked bar, as fractions of the bar's length (0–1). */
export interface Segment {
  choice: BallotChoice;
  value: number;
  start: number;
  size: number;
}

export type Split = Record<BallotChoice, number>;

/** 赞成 / 反对 / 弃权 laid end to end, as shares of everyone who took part. */
export function stackedSegments(split: Split): Segment[] {
  const total = split.FOR + split.AGAINST + split.ABSTAIN;
  let start = 0;
  return (['FOR', 'AGAINST', 'ABSTAIN'] as const).map((choice) => {
    const size = share(split[choice], total);
    const segment = { choice, value: split[choice], start, size };
    start += size;
    return segment;
  });
}

/** A fraction as an SVG length ("66.6667%"), clamped to the bar. */
export function pct(fraction: number): string {
  const clamped = Math.min(Math.max(fraction, 0), 1);
  return `${Math.round(clamped * 1_000_000) / 10_000}%`;
}

/** Where a label for a line at `fraction` should hang so it stays inside the chart. */
export function labelAnchor(fraction: number): 'start' | 'middle' | 'end' {
  if (fraction < 0.15) return 'start';
  if (fraction > 0.85) return 'end';
  return 'middle';
}

/** Wide enough to print its share inside the segment. */
export const fitsLabel = (segment: Segment) => segment.size >= 0.14;
