import type { ProposalStatus } from '@cocreate/schema';
import { describe, expect, it } from 'vitest';
import { lifecycleOf } from './lifecycle';

const states = (status: ProposalStatus) => lifecycleOf(status).map((s) => s.state);

describe('the lifecycle stepper', () => {
  it('marks where each status stands', () => {
    expect(states('OPEN')).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(states('UNDER_REVIEW')).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(states('ACCEPTED')).toEqual(['done', 'done', 'current', 'upcoming', 'upcoming', 'upcoming']);
    expect(states('IN_PROGRESS')).toEqual(['done', 'done', 'done', 'current', 'upcoming', 'upcoming']);
    expect(states('IMPLEMENTED')).toEqual(['done', 'done', 'done', 'done', 'current', 'upcoming']);
    expect(states('REWARDED')).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
  });

  it('ends the road at a decline', () => {
    expect(states('DECLINED')).toEqual(['done', 'done', 'stopped', 'skipped', 'skipped', 'skipped']);
  });

  it('names the verdict once it is known', () => {
    const verdict = (status: ProposalStatus) => lifecycleOf(status).find((s) => s.step === 'verdict')!.verdict;
    expect(verdict('UNDER_REVIEW')).toBe('pending');
    expect(verdict('ACCEPTED')).toBe('accepted');
    expect(verdict('IMPLEMENTED')).toBe('accepted');
    expect(verdict('DECLINED')).toBe('declined');
  });
});
