import { describe, expect, it } from 'vitest';
import { rates } from './ticket.stats.js';

const counts = { resolved: 0, resolved_on_time: 0, return_visits: 0, rated: 0, satisfied: 0, satisfaction_sum: 0 };

describe('rates', () => {
  it('reports shares to three places and the average rating to two', () => {
    expect(rates({ ...counts, resolved: 3, resolved_on_time: 2, return_visits: 1, rated: 3, satisfied: 2, satisfaction_sum: 13 })).toEqual({
      slaCompliance: 0.667,
      returnVisitRate: 0.333,
      satisfactionRate: 0.667,
      averageSatisfaction: 4.33,
    });
  });

  it('reports nothing, not zero, where nothing was resolved or rated', () => {
    expect(rates(counts)).toEqual({ slaCompliance: null, returnVisitRate: null, satisfactionRate: null, averageSatisfaction: null });
    expect(rates({ ...counts, resolved: 2, resolved_on_time: 2 })).toMatchObject({ slaCompliance: 1, satisfactionRate: null });
  });
});
