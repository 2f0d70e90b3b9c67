import { describe, expect, it } from 'vitest';
import { isCommitteeRole, offers, phaseOf, recusalCode, seatOf, weightText } from './review';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const later = new Date(NOW + 3_600_000).toISOString();
const earlier = new Date(NOW - 3_600_000).toISOString();
describe('where a review stands', () => {
  it.each([
    ['SCORING', null, 'scoring'],
    ['NOTICE', later, 'notice'],
    ['NOTICE', earlier, 'noticeOver'],
    ['NOTICE', new Date(NOW).toISOString(), 'noticeOver'],
    ['FINAL', earlier, 'final'],
  ] as const)('%s with notice ending %s is %s', (status, noticeEndsAt, phase) => {
    expect(phaseOf({ status, noticeEndsAt }, NOW)).toBe(phase);
  });
});

describe('the viewer’s seat', () => {
  const review = {
    eligibleReviewers: [
      { id: 'p2', displayName: '张刚', hasScored: true },
      { id: 'p3', displayName: '李杰', hasScored: false },
    ],
    recusals: [{ reviewerName: '刘鹏', reason: 'AUTHOR', automatic: true }],
  };

  it('is eligible (scored or not), recused, or none', () => {
    expect(seatOf(review, { id: 'p2', displayName: '张刚' })).toEqual({ kind: 'eligible', hasScored: true });
    expect(seatOf(review, { id: 'p3', displayName: '李杰' })).toEqual({ kind: 'eligible', hasScored: false });
    expect(seatOf(review, { id: 'p4', displayName: '刘鹏' })).toEqual({ kind: 'recused', reason: 'AUTHOR' });
    expect(seatOf(review, { id: 'admin', displayName: '管理员' })).toEqual({ kind: 'none' });
  });

  it('names automatic recusals by code and keeps declared reasons as written', () => {
    expect(recusalCode('AUTHOR')).toBe('AUTHOR');
    expect(recusalCode('HOUSEHOLD')).toBe('HOUSEHOLD');
    expect(recusalCode('与提案人同在保洁外包合同谈判小组')).toBeNull();
  });

  it('lets the committee and admins in', () => {
    expect(isCommitteeRole(['OWNER', 'COMMITTEE'])).toBe(true);
    expect(isCommitteeRole(['ADMIN'])).toBe(true);
    expect(isCommitteeRole(['OWNER', 'STAFF'])).toBe(false);
  });
});

describe('what the API offers', () => {
  it('reads the review’s available actions', () => {
    expect(offers({ availableActions: ['raiseObjection'] }, 'raiseObjection')).toBe(true);
    expect(offers({ availableActions: ['raiseObjection'] }, 'publishOutcome')).toBe(false);
  });
});

describe('rubric weights', () => {
  it('prints weights as percentages', () => {
    expect(weightText(0.3)).toBe('30%');
    expect(weightText(0.125)).toBe('12.5%');
    expect(weightText(1)).toBe('100%');
  });
});
