import { formatNumber } from '$lib/i18n';

/** 2/3, 1/2, 3/4 as the law writes them; anything without a small denominator as a percentage. */
export function fractionText(value: number): string {
  for (let den = 1; den <= 12; den++) {
    const num = Math.round(value * den);
    if (Math.abs(num / den - value) < 1e-9) return den === 1 ? String(num) : `${num}/${den}`;
  }
  return percentText(value);
}

/** "> 1/2" for an ordinary matter, "≥ 3/4" for a special one, "≥ 2/3" for the quorum. */
export function thresholdText(fraction: number, inclusive: boolean): string {
  return `${inclusive ? '≥' : '>'} ${fractionText(fraction)}`;
}

/** Part of a whole, safe against an empty whole (0, not NaN). */
export function share(part: number, whole: number): number {
  return whole > 0 ? Math.min(Math.max(part / whole, 0), 1) : 0;
}

/** "66.7%": one decimal, enough to tell 66.6% from the 2/3 line. */
export function percentText(value: number): string {
  return formatNumber(value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * Whether part/whole reaches the fraction, exactly for the fractions the law uses: areas are in
 * hundredths, so comparing in cents avoids 0.1 + 0.2 surprises.
 */
export function reaches(part: number, whole: number, fraction: number, inclusive = true): boolean {
  if (whole <= 0) return false;
  const p = Math.round(part * 100);
  const w = Math.round(whole * 100);
  const [num, den] = ratioOf(fraction);
  return inclusive ? p * den >= w * num : p * den > w * num;
}

/**
 * How much more is needed to reach the fraction of the whole (≥): whole owners, or area to the
 * hundredth of a m². Zero once reached.
 */
export function shortfall(part: number, whole: number, fraction: number, unit: 'owners' | 'area'): number {
  const scale = unit === 'owners' ? 1 : 100;
  const p = Math.round(part * scale);
  const w = Math.round(whole * scale);
  const [num, den] = ratioOf(fraction);
  const needed = Math.ceil((w * num) / den);
  return Math.max(needed - p, 0) / scale;
}

function ratioOf(fraction: number): [number, number] {
  for (let den = 1; den <= 12; den++) {
    const num = Math.round(fraction * den);
    if (Math.abs(num / den - fraction) < 1e-9) return [num, den];
  }
  return [Math.round(fraction * 10_000), 10_000];
}
