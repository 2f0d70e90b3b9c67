import type { Department } from '@cocreate/schema';
import type { SeriesLook } from '$lib/core/chart';

/** Each department's look, the same in every chart and key. */

// Okabe–Ito hues, darkened to at least 3:1 against white.
export const LOOKS: Record<Department, SeriesLook> = {
  CUSTOMER_SERVICE: { color: '#0a5fa0', marker: 'circle', dash: '' },
  MAINTENANCE: { color: '#b8460c', marker: 'square', dash: '7 4' },
  SECURITY: { color: '#00795a', marker: 'triangle', dash: '2 3' },
  CLEANING: { color: '#9b4f8a', marker: 'diamond', dash: '10 3 2 3' },
  MANAGEMENT: { color: '#7a5d00', marker: 'cross', dash: '4 2' },
};
