import { describe, expect, it } from 'vitest';
import { supportsToGo, thresholdProgress, toggledSupport } from './support';

describe('supporting at once', () => {
  it('adds the viewer’s support, or takes it back', () => {
    expect(toggledSupport({ supportCount: 8, viewerHasSupported: false })).toEqual({ supportCount: 9, viewerHasSupported: true });
    expect(toggledSupport({ supportCount: 9, viewerHasSupported: true })).toEqual({ supportCount: 8, viewerHasSupported: false });
  });

  it('never shows a negative count', () => {
    expect(toggledSupport({ supportCount: 0, viewerHasSupported: true }).supportCount).toBe(0);
  });

  it('keeps the rest of the card', () => {
    expect(toggledSupport({ id: 'p', title: '雨棚', supportCount: 1, viewerHasSupported: false })).toMatchObject({ id: 'p', title: '雨棚' });
  });
});

describe('progress toward the review threshold', () => {
  it('fills the bar and counts what is still needed', () => {
    expect(thresholdProgress(8, 20)).toBe(0.4);
    expect(thresholdProgress(25, 20)).toBe(1);
    expect(supportsToGo(8, 20)).toBe(12);
    expect(supportsToGo(25, 20)).toBe(0);
  });

  it('has no bar when the community set no threshold', () => {
    expect(thresholdProgress(8, 0)).toBe(0);
  });
});
