import { describe, expect, it } from 'vitest';
import { Role } from '../community/community.enums.js';
import { ProposalStatus } from './proposal.enums.js';
import { canSupport, decideAdvance, hotScore, isStaffAuthor, reachesThreshold } from './proposal.rules.js';

const S = Object.values(ProposalStatus);
// Allowed manual moves, written out: from → to.
const ALLOWED = new Set(['OPEN→UNDER_REVIEW', 'UNDER_REVIEW→ACCEPTED', 'UNDER_REVIEW→DECLINED', 'ACCEPTED→IN_PROGRESS', 'IN_PROGRESS→IMPLEMENTED']);

describe('advancing a proposal: every (from, to, role)', () => {
  for (const from of S) {
    for (const to of S) {
      for (const roles of [[Role.COMMITTEE], [Role.ADMIN], [Role.OWNER], [Role.STAFF], [Role.OWNER, Role.COMMITTEE]] as Role[][]) {
        const committee = roles.includes(Role.COMMITTEE) || roles.includes(Role.ADMIN);
        const expected = !committee ? 'FORBIDDEN' : ALLOWED.has(`${from}→${to}`) ? 'OK' : 'INVALID_TRANSITION';
        it(`${from} → ${to} by ${roles.join('+')}: ${expected}`, () => {
          const result = decideAdvance(roles, from, to, 'because');
          expect(result.ok ? 'OK' : result.code).toBe(expected);
        });
      }
    }
  }

  it('requires a public reason to decline', () => {
    expect(decideAdvance([Role.COMMITTEE], ProposalStatus.UNDER_REVIEW, ProposalStatus.DECLINED, '  ')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'reason' });
    expect(decideAdvance([Role.COMMITTEE], ProposalStatus.UNDER_REVIEW, ProposalStatus.ACCEPTED, null)).toEqual({ ok: true });
  });

  it('never lets anyone set REWARDED by hand', () => {
    for (const from of S) expect(decideAdvance([Role.ADMIN], from, ProposalStatus.REWARDED, 'x')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('supports', () => {
  it.each([
    ['OPEN', true], ['UNDER_REVIEW', true], ['ACCEPTED', true], ['IN_PROGRESS', true],
    ['DECLINED', false], ['IMPLEMENTED', false], ['REWARDED', false],
  ] as const)('in %s open to owners: %s', (status, open) => {
    expect(canSupport([Role.OWNER], status as ProposalStatus, false).ok).toBe(open);
    expect(canSupport([Role.STAFF], status as ProposalStatus, false)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('are closed on a merged duplicate', () => {
    expect(canSupport([Role.OWNER], ProposalStatus.OPEN, true)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('send an OPEN proposal to review exactly at the threshold', () => {
    expect(reachesThreshold(ProposalStatus.OPEN, 19, 20)).toBe(false);
    expect(reachesThreshold(ProposalStatus.OPEN, 20, 20)).toBe(true);
    expect(reachesThreshold(ProposalStatus.UNDER_REVIEW, 25, 20)).toBe(false);
    expect(reachesThreshold(ProposalStatus.OPEN, 100, 0)).toBe(false);
  });
});

describe('authors and ranking', () => {
  it('tells staff (innovation proposals) from owners (improvement suggestions)', () => {
    expect(isStaffAuthor([Role.STAFF, Role.COMMITTEE])).toBe(true);
    expect(isStaffAuthor([Role.CUSTOMER_SERVICE])).toBe(true);
    expect(isStaffAuthor([Role.OWNER, Role.COMMITTEE])).toBe(false);
  });

  it('ranks HOT by support decaying with age', () => {
    expect(hotScore(10, 0, 1)).toBeGreaterThan(hotScore(10, 0, 48));
    expect(hotScore(5, 0, 2)).toBeGreaterThan(hotScore(30, 0, 24 * 14));
    expect(hotScore(10, 0, 5)).toBeGreaterThan(hotScore(9, 0, 5));
  });
});
