import { describe, expect, it } from 'vitest';
import { changeBetween, isNewer } from './live';

const at = (iso: string, status = 'INVESTIGATING' as const, events: unknown[] = []) => ({ updatedAt: iso, status, events });

describe('live updates', () => {
  it('never replaces the ticket on screen with an older copy', () => {
    expect(isNewer(at('2026-05-03T12:00:01Z'), at('2026-05-03T12:00:00Z'))).toBe(true);
    expect(isNewer(at('2026-05-03T12:00:00Z'), at('2026-05-03T12:00:00Z'))).toBe(true);
    expect(isNewer(at('2026-05-03T11:59:59Z'), at('2026-05-03T12:00:00Z'))).toBe(false);
  });

  it('says what changed: the status first, else that there is news, else nothing', () => {
    const before = at('2026-05-03T12:00:00Z', 'INVESTIGATING', [1]);
    expect(changeBetween(before, { ...at('2026-05-03T12:01:00Z', 'INVESTIGATING', [1, 2]), status: 'SOLUTION_PROPOSED' })).toEqual({
      kind: 'status',
      status: 'SOLUTION_PROPOSED',
    });
    expect(changeBetween(before, at('2026-05-03T12:01:00Z', 'INVESTIGATING', [1, 2]))).toEqual({ kind: 'activity' });
    expect(changeBetween(before, before)).toBeNull();
  });
});
