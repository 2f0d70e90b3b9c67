import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '@cocreate/schema';
import { answeredOnTheSpot, progressOf, waitingOnOwner } from './flow';

const at = (status: TicketStatus, extra: { answer?: string; resolvedAt?: string } = {}) =>
  progressOf({ status, answer: extra.answer ?? null, resolvedAt: extra.resolvedAt ?? null });

const current = (status: TicketStatus) => at(status).find((s) => s.state === 'current')?.step;

describe('progressOf: status → step of 受理 → 分派 → 调查 → 方案 → 实施 → 已解决 → 回访', () => {
  it.each([
    ['RECEIVED', 'received'],
    ['INVESTIGATING', 'investigating'],
    ['SOLUTION_PROPOSED', 'solution'],
    ['IN_PROGRESS', 'inProgress'],
    ['RESOLVED', 'returnVisit'],
  ] as const)('%s is at %s', (status, step) => {
    expect(current(status)).toBe(step);
  });

  it('marks every earlier step done and every later one to come', () => {
    expect(at('SOLUTION_PROPOSED').map((s) => s.state)).toEqual(['done', 'done', 'done', 'current', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('shows a closed ticket with every step done', () => {
    const steps = at('CLOSED', { resolvedAt: '2026-01-01T00:00:00Z' });
    expect(steps).toHaveLength(7);
    expect(steps.every((s) => s.state === 'done')).toBe(true);
  });

  it('shows a question answered on the spot as received → answered', () => {
    expect(at('CLOSED', { answer: '周六上午九点' })).toEqual([
      { step: 'received', state: 'done' },
      { step: 'answered', state: 'done' },
    ]);
    expect(answeredOnTheSpot({ status: 'CLOSED', answer: 'x', resolvedAt: null })).toBe(true);
    expect(answeredOnTheSpot({ status: 'CLOSED', answer: null, resolvedAt: '2026-01-01T00:00:00Z' })).toBe(false);
  });
});

describe('waitingOnOwner', () => {
  it('asks the owner to respond to a solution and to rate a resolved ticket, nothing else', () => {
    expect(waitingOnOwner('SOLUTION_PROPOSED')).toBe('respond');
    expect(waitingOnOwner('RESOLVED')).toBe('rate');
    for (const status of ['RECEIVED', 'INVESTIGATING', 'IN_PROGRESS', 'CLOSED'] as const) expect(waitingOnOwner(status)).toBeNull();
  });
});
