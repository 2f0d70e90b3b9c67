import { describe, expect, it } from 'vitest';
import { Role } from '../community/community.enums.js';
import { ProposalAction, ProposalStatus } from './proposal.enums.js';
import {
  advanceTargets,
  availableActions,
  canSupport,
  DECIDABLE,
  decideAdvance,
  HOT_SECONDS_PER_DECADE,
  hotRank,
  isStaffAuthor,
  reachesThreshold,
  REASON_REQUIRED,
  supportsOpen,
} from './proposal.rules.js';

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
    expect(decideAdvance([Role.COMMITTEE], ProposalStatus.UNDER_REVIEW, ProposalStatus.DECLINED, '  ')).toMatchObject({
      ok: false,
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(decideAdvance([Role.COMMITTEE], ProposalStatus.UNDER_REVIEW, ProposalStatus.ACCEPTED, null)).toEqual({ ok: true });
  });

  it('never lets anyone set REWARDED by hand', () => {
    for (const from of S) expect(decideAdvance([Role.ADMIN], from, ProposalStatus.REWARDED, 'x')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('supports', () => {
  it.each([
    ['OPEN', true],
    ['UNDER_REVIEW', true],
    ['ACCEPTED', true],
    ['IN_PROGRESS', true],
    ['DECLINED', false],
    ['IMPLEMENTED', false],
    ['REWARDED', false],
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

  const at = (iso: string) => new Date(iso);
  const HOUR = 3_600_000;

  it('ranks a new proposal with a few supports above an old one with a few more, as the decaying score did', () => {
    const now = at('2026-12-03T12:00:00.000Z');
    const fresh = new Date(now.getTime() - 2 * HOUR);
    const old = new Date(now.getTime() - 14 * 24 * HOUR);
    expect(hotRank(5, 0, fresh)).toBeGreaterThan(hotRank(30, 0, old));
    expect(hotRank(3, 0, fresh)).toBeGreaterThan(hotRank(6, 0, new Date(now.getTime() - 24 * HOUR)));
  });

  it('still lets supports (and, at half weight, comments) order proposals', () => {
    const t = at('2026-12-01T08:00:00.000Z');
    expect(hotRank(10, 0, t)).toBeGreaterThan(hotRank(9, 0, t));
    expect(hotRank(1, 0, t)).toBeGreaterThan(hotRank(0, 0, t));
    expect(hotRank(0, 2, t)).toBeCloseTo(hotRank(1, 0, t), 12);
    // Within a few hours, enough support beats being newer: 10x the engagement is worth 12.5 h.
    expect(hotRank(40, 0, t)).toBeGreaterThan(hotRank(2, 0, new Date(t.getTime() + 6 * HOUR)));
    expect(hotRank(99, 0, t)).toBeCloseTo(hotRank(9, 0, new Date(t.getTime() + HOT_SECONDS_PER_DECADE * 1000)), 9);
  });

  it('is time-invariant: the order of two proposals never depends on when it is read', () => {
    // The old score, for contrast, flips as both age: the newer one leads at first, the better supported later.
    const old = (supports: number, ageHours: number) => (supports + 1) / Math.pow(ageHours + 2, 1.5);
    expect(old(3, 1)).toBeGreaterThan(old(20, 25));
    expect(old(3, 24 * 30)).toBeLessThan(old(20, 24 * 30 + 24));
    const a = hotRank(3, 0, at('2026-12-02T11:00:00.000Z'));
    const b = hotRank(20, 0, at('2026-12-01T11:00:00.000Z'));
    expect(a).toBeGreaterThan(b); // stored: whenever the board is read, a stays above b until supports change
  });

  it('grows with every support, so a keyset cursor on (rank, id) moves with the count', () => {
    const t = at('2026-11-20T00:00:00.000Z');
    for (let s = 0; s < 2000; s += 7) expect(hotRank(s + 1, 3, t)).toBeGreaterThan(hotRank(s, 3, t));
    expect(Number.isFinite(hotRank(0, 0, at('1970-01-01T00:00:00.000Z')))).toBe(true);
  });
});

describe('availableActions and advanceTargets', () => {
  const ROLES: Record<string, Role[]> = {
    owner: [Role.OWNER],
    resident: [Role.RESIDENT],
    staff: [Role.STAFF],
    committee: [Role.OWNER, Role.COMMITTEE],
    admin: [Role.ADMIN],
  };
  const SUPPORTABLE = [ProposalStatus.OPEN, ProposalStatus.UNDER_REVIEW, ProposalStatus.ACCEPTED, ProposalStatus.IN_PROGRESS];

  it.each(
    S.flatMap((status) =>
      Object.keys(ROLES).flatMap((who) => [false, true].flatMap((merged) => [false, true].map((supported) => [status, who, merged, supported] as const))),
    ),
  )('%s, %s, merged %s, supported %s: offers exactly what the commands allow', (status, who, merged, supported) => {
    const roles = ROLES[who]!;
    const actions = availableActions(roles, { status, merged, viewerHasSupported: supported });
    const supports = canSupport(roles, status, merged).ok;
    expect(actions.includes(ProposalAction.supportProposal)).toBe(supports && !supported);
    expect(actions.includes(ProposalAction.withdrawSupport)).toBe(supports && supported);
    expect(supports).toBe(roles.includes(Role.OWNER) && !merged && SUPPORTABLE.includes(status));
    expect(actions).toContain(ProposalAction.commentOnProposal);
    const targets = advanceTargets(roles, status, merged);
    // Each target offered is a move decideAdvance accepts (with the reason a decline needs), and no other is.
    for (const to of S) expect(targets.includes(to)).toBe(!merged && decideAdvance(roles, status, to, 'public reason').ok);
    expect(actions.includes(ProposalAction.advanceProposal)).toBe(targets.length > 0);
    const committee = who === 'committee' || who === 'admin';
    expect(actions.includes(ProposalAction.mergeProposal)).toBe(committee && !merged);
    expect(actions.includes(ProposalAction.openDecision)).toBe(committee && !merged && DECIDABLE.includes(status));
    expect(actions.includes(ProposalAction.hideComment)).toBe(committee);
    expect(actions.includes(ProposalAction.closeDecision)).toBe(committee);
    expect(supportsOpen(status, merged)).toBe(!merged && SUPPORTABLE.includes(status));
    // A target needs a reason exactly when decideAdvance refuses it without one.
    for (const to of targets) expect(REASON_REQUIRED.includes(to)).toBe(!decideAdvance(roles, status, to, null).ok);
  });
});
