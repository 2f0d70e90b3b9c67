import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregate,
  automaticRecusals,
  availableActions,
  checkReview,
  committeeOnly,
  basisPoints,
  DEFAULT_REVIEW_POLICY,
  displayScore,
  nameProblem,
  quarterOf,
  scoresVisible,
  tierFor,
  validatePolicy,
  weightedScore,
  type Rational,
  type ReviewFacts,
  type ReviewPolicy,
  type ReviewViewer,
} from './review.rules.js';

const { criteria, tiers } = DEFAULT_REVIEW_POLICY;
const sheet = (innovation: number, feasibility: number, benefit: number, reach: number) => weightedScore(criteria, { innovation, feasibility, benefit, reach });
const score = (r: Rational) => displayScore(r);

describe('weighted scores', () => {
  it('weighs each criterion exactly', () => {
    expect(basisPoints('0.3')).toBe(3000n);
    expect(sheet(10, 10, 10, 10)).toBe(100_000n);
    expect(displayScore({ num: sheet(8, 6, 9, 7), den: 1n })).toBe('7.70'); // 2.4 + 1.2 + 2.7 + 1.4
    expect(displayScore({ num: sheet(0, 0, 0, 0), den: 1n })).toBe('0.00');
  });

  it('refuses a sheet missing a criterion', () => {
    expect(() => weightedScore(criteria, { innovation: 5 })).toThrow(/feasibility/);
  });
});

describe('aggregation', () => {
  it('takes the plain mean of three or four reviewers', () => {
    expect(score(aggregate([sheet(8, 8, 8, 8), sheet(6, 6, 6, 6), sheet(7, 7, 7, 7)]).score)).toBe('7.00');
    expect(score(aggregate([sheet(9, 9, 9, 9), sheet(5, 5, 5, 5), sheet(7, 7, 7, 7), sheet(8, 8, 8, 8)]).score)).toBe('7.25');
  });

  it('drops one highest and one lowest with five or more', () => {
    const r = aggregate([sheet(10, 10, 10, 10), sheet(2, 2, 2, 2), sheet(7, 7, 7, 7), sheet(8, 8, 8, 8), sheet(6, 6, 6, 6)]);
    expect(score(r.score)).toBe('7.00');
    expect(r.dropped).toEqual([20_000n, 100_000n]);
    const ties = aggregate([sheet(9, 9, 9, 9), sheet(9, 9, 9, 9), sheet(5, 5, 5, 5), sheet(5, 5, 5, 5), sheet(7, 7, 7, 7)]);
    expect(ties.counted).toEqual([50_000n, 70_000n, 90_000n]);
  });

  it('rounds half up for display only; tiers use the exact value', () => {
    // 8.49999… is shown as 8.50 but is not 一等奖 (≥ 8.5).
    const r: Rational = { num: 254_999n, den: 3n }; // 8.49996…
    expect(displayScore(r)).toBe('8.50');
    expect(tierFor(r, tiers)?.name).toBe('二等奖');
    expect(tierFor({ num: 85_000n, den: 1n }, tiers)?.name).toBe('一等奖');
  });

  it('maps bands to tiers, and below the lowest band to no reward', () => {
    expect(tierFor({ num: 70_000n, den: 1n }, tiers)?.name).toBe('二等奖');
    expect(tierFor({ num: 69_999n, den: 1n }, tiers)?.name).toBe('三等奖');
    expect(tierFor({ num: 55_000n, den: 1n }, tiers)?.name).toBe('三等奖');
    expect(tierFor({ num: 40_000n, den: 1n }, tiers)?.name).toBe('鼓励奖');
    expect(tierFor({ num: 39_999n, den: 1n }, tiers)).toBeNull();
  });

  it('keeps the final score within the range of the counted sheets (property)', () => {
    const sheets = fc.array(fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10)), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(sheets, (rows) => {
        const weighted = rows.map(([a, b, c, d]) => sheet(a, b, c, d));
        const { score: r, counted } = aggregate(weighted);
        const min = counted.reduce((a, b) => (a < b ? a : b));
        const max = counted.reduce((a, b) => (a > b ? a : b));
        expect(r.num >= min * r.den && r.num <= max * r.den).toBe(true);
        expect(counted.length).toBe(rows.length >= 5 ? rows.length - 2 : rows.length);
      }),
    );
  });

  it('does not let one extreme reviewer move the score of five or more (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10), { minLength: 4, maxLength: 10 }), fc.nat(10), (others, extreme) => {
        const base = others.map((s) => sheet(s, s, s, s));
        const withLow = aggregate([...base, sheet(0, 0, 0, 0), sheet(extreme, extreme, extreme, extreme)]);
        const withHigh = aggregate([...base, sheet(0, 0, 0, 0), sheet(10, 10, 10, 10)]);
        // Replacing one sheet by the maximum changes the result by at most one sheet's worth.
        expect(withHigh.score.num * withLow.score.den >= withLow.score.num * withHigh.score.den).toBe(true);
      }),
    );
  });
});

describe('policy', () => {
  it('accepts the defaults and names what is wrong in a bad policy', () => {
    expect(validatePolicy(DEFAULT_REVIEW_POLICY)).toBeNull();
    expect(validatePolicy({ ...DEFAULT_REVIEW_POLICY, criteria: criteria.map((c) => ({ ...c, weight: '0.25' })).slice(0, 3) })).toEqual({
      field: 'criteria',
      message: expect.stringMatching(/add up to exactly 1/),
    });
    expect(validatePolicy({ ...DEFAULT_REVIEW_POLICY, criteria: [...criteria.slice(0, 3), { id: 'benefit', name: 'x', weight: '0.2' }] })).toEqual({
      field: 'criteria[3].id',
      message: expect.stringMatching(/appears twice/),
    });
    expect(validatePolicy({ ...DEFAULT_REVIEW_POLICY, tiers: [{ name: 'A', minScore: '11', points: 1 }] })).toEqual({
      field: 'tiers[0].minScore',
      message: expect.stringMatching(/at most 10/),
    });
    expect(validatePolicy({ ...DEFAULT_REVIEW_POLICY, minReviewers: 2 })?.field).toBe('minReviewers');
    expect(validatePolicy({ ...DEFAULT_REVIEW_POLICY, noticeHours: 0 })).toBeNull();
    expect(
      validatePolicy({ ...DEFAULT_REVIEW_POLICY, tiers: Array.from({ length: 11 }, (_, i) => ({ name: `${i}等`, minScore: `${i / 2}`, points: 1 })) })?.field,
    ).toBe('tiers');
  });

  it('ships a bilingual rubric and tier list', () => {
    for (const item of [...DEFAULT_REVIEW_POLICY.criteria, ...DEFAULT_REVIEW_POLICY.tiers]) {
      expect(item.name).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(item.nameEn).toMatch(/^[A-Z][a-z ]+$/);
    }
  });
});

describe('names', () => {
  const withCriterion = (change: Partial<(typeof criteria)[number]>): ReviewPolicy => ({
    ...DEFAULT_REVIEW_POLICY,
    criteria: criteria.map((c, i) => (i === 1 ? { ...c, ...change } : c)),
  });
  const withTier = (change: Partial<(typeof tiers)[number]>): ReviewPolicy => ({
    ...DEFAULT_REVIEW_POLICY,
    tiers: tiers.map((t, i) => (i === 2 ? { ...t, ...change } : t)),
  });

  it.each([
    ['an empty name', { name: '' }, 'criteria[1].name', /required/],
    ['a blank name', { name: '   ' }, 'criteria[1].name', /required/],
    ['a name with a NUL', { name: '可行\u0000性' }, 'criteria[1].name', /control characters/],
    ['a line break in the English', { nameEn: 'Feasi\nbility' }, 'criteria[1].nameEn', /control characters/],
    ['a tab', { nameEn: 'Feasi\tbility' }, 'criteria[1].nameEn', /control characters/],
    ['a direction override', { nameEn: '\u202Eytilibisaef' }, 'criteria[1].nameEn', /control characters/],
    ['a C1 control', { name: '可行\u0085性' }, 'criteria[1].name', /control characters/],
    ['untrimmed text', { nameEn: ' Feasibility' }, 'criteria[1].nameEn', /spaces/],
    ['41 characters', { name: '可'.repeat(41) }, 'criteria[1].name', /at most 40/],
    ['81 English characters', { nameEn: 'a'.repeat(81) }, 'criteria[1].nameEn', /at most 80/],
    ['10,000 characters', { nameEn: 'x'.repeat(10_000) }, 'criteria[1].nameEn', /at most 80/],
  ])('refuses %s in a criterion, naming the field', (_, change, field, message) => {
    expect(validatePolicy(withCriterion(change))).toEqual({ field, message: expect.stringMatching(message) });
  });

  it.each([
    ['an empty tier name', { name: '' }, 'tiers[2].name', /required/],
    ['a NUL in the English', { nameEn: 'Third\u0000prize' }, 'tiers[2].nameEn', /control characters/],
    ['a name another tier has', { name: '一等奖' }, 'tiers[2].name', /two tiers are named "一等奖"/],
    ['81 English characters', { nameEn: 'b'.repeat(81) }, 'tiers[2].nameEn', /at most 80/],
  ])('refuses %s, naming the field', (_, change, field, message) => {
    expect(validatePolicy(withTier(change))).toEqual({ field, message: expect.stringMatching(message) });
  });

  it('counts length in code points, so emoji and rare characters are one each', () => {
    expect(nameProblem('𠮷'.repeat(40), 'name')).toBeNull(); // 80 UTF-16 units
    expect(nameProblem('𠮷'.repeat(41), 'name')).toMatch(/at most 40/);
    expect(nameProblem('🏆'.repeat(80), 'nameEn')).toBeNull();
    expect(nameProblem('👨‍👩‍👧', 'name')).toBeNull(); // joined by zero-width joiners, not controls
    expect(validatePolicy(withTier({ name: '🏆 金奖', nameEn: '🏆 Gold' }))).toBeNull();
  });

  it('takes the English as optional and the zh-CN name as required', () => {
    expect(nameProblem(null, 'nameEn')).toBeNull();
    expect(nameProblem(undefined, 'nameEn')).toBeNull();
    expect(nameProblem('', 'nameEn')).toBeNull();
    expect(nameProblem(null, 'name')).toMatch(/required/);
    expect(validatePolicy(withCriterion({ nameEn: null }))).toBeNull();
    expect(validatePolicy(withTier({ nameEn: undefined }))).toBeNull();
  });
});

describe('fairness', () => {
  it('recuses the author and their household', () => {
    expect([...automaticRecusals('a', ['b', 'a'])].sort()).toEqual(['a', 'b']);
  });

  it('keeps scores blind until everyone has scored or the window closed', () => {
    expect(scoresVisible('SCORING', false, false)).toBe(false);
    expect(scoresVisible('SCORING', true, false)).toBe(true);
    expect(scoresVisible('SCORING', false, true)).toBe(true);
    expect(scoresVisible('NOTICE', false, false)).toBe(true);
  });

  it('finds the quarter in the community’s time zone', () => {
    expect(quarterOf(new Date('2026-03-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-Q2'); // 01:00 on 1 April in Shanghai
    expect(quarterOf(new Date('2026-03-31T15:00:00Z'), 'Asia/Shanghai')).toBe('2026-Q1');
  });
});

describe('what a viewer may do with a review', () => {
  const NOW = new Date('2026-11-28T12:00:00Z');
  const later = new Date(NOW.getTime() + 3_600_000);
  const earlier = new Date(NOW.getTime() - 3_600_000);
  const scoring: ReviewFacts = { status: 'SCORING', scoringClosesAt: later, noticeEndsAt: null, minReviewers: 3, eligible: 4, scored: 2, openObjections: 0 };
  const notice: ReviewFacts = { ...scoring, status: 'NOTICE', scoringClosesAt: earlier, noticeEndsAt: later, scored: 4 };
  const noticeOver: ReviewFacts = { ...notice, noticeEndsAt: earlier };
  const final: ReviewFacts = { ...noticeOver, status: 'FINAL' };
  const member: ReviewViewer = { committee: true, seat: 'ELIGIBLE' };
  const recused: ReviewViewer = { committee: true, seat: 'RECUSED' };
  const admin: ReviewViewer = { committee: true, seat: 'NONE' };
  const owner: ReviewViewer = { committee: false, seat: 'NONE' };

  it.each([
    ['an eligible member while scoring', scoring, member, ['declareConflict', 'submitScores']],
    ['a recused member while scoring', scoring, recused, []],
    ['an admin off the panel while scoring', scoring, admin, []],
    ['an owner while scoring', scoring, owner, []],
    ['a member once everyone scored', { ...scoring, scored: 4 }, member, ['declareConflict', 'submitScores', 'finalizeReview']],
    ['a member once the window closed', { ...scoring, scoringClosesAt: earlier, scored: 3 }, member, ['declareConflict', 'finalizeReview']],
    ['a member when too few scored by the close', { ...scoring, scoringClosesAt: earlier }, member, ['declareConflict']],
    ['a member when recusals leave too few', { ...scoring, eligible: 2, scored: 2 }, member, ['declareConflict', 'submitScores']],
    ['an owner in the notice period', notice, owner, ['raiseObjection']],
    ['a member in the notice period', notice, member, ['raiseObjection']],
    ['a member with an objection open', { ...notice, openObjections: 1 }, member, ['raiseObjection', 'answerObjection']],
    ['an owner with an objection open', { ...notice, openObjections: 1 }, owner, ['raiseObjection']],
    ['a member after the notice', noticeOver, member, ['publishOutcome']],
    ['an admin after the notice, objection open', { ...noticeOver, openObjections: 1 }, admin, ['answerObjection']],
    ['an owner after the notice', noticeOver, owner, []],
    ['a member once final', final, member, []],
  ] as const)('%s', (_, review, viewer, actions) => {
    expect(availableActions(review, viewer, NOW)).toEqual(actions);
  });

  it.each([
    ['declareConflict', final, member, 'INVALID_TRANSITION', 'SCORING_CLOSED'],
    ['declareConflict', scoring, admin, 'FORBIDDEN', 'NOT_ON_PANEL'],
    ['submitScores', notice, member, 'INVALID_TRANSITION', 'SCORING_CLOSED'],
    ['submitScores', { ...scoring, scoringClosesAt: earlier }, member, 'INVALID_TRANSITION', 'SCORING_CLOSED'],
    ['submitScores', scoring, owner, 'FORBIDDEN', 'NOT_ON_PANEL'],
    ['submitScores', scoring, recused, 'FORBIDDEN', 'RECUSED'],
    ['finalizeReview', { ...scoring, scored: 4 }, owner, 'FORBIDDEN', 'COMMITTEE_ONLY'],
    ['finalizeReview', notice, member, 'INVALID_TRANSITION', 'REVIEW_STATUS'],
    ['finalizeReview', { ...scoring, eligible: 2, scored: 2 }, member, 'INVALID_TRANSITION', 'TOO_FEW_ELIGIBLE'],
    ['finalizeReview', scoring, member, 'INVALID_TRANSITION', 'NOT_ALL_SCORED'],
    ['finalizeReview', { ...scoring, scoringClosesAt: earlier }, member, 'INVALID_TRANSITION', 'TOO_FEW_SCORED'],
    ['raiseObjection', scoring, owner, 'INVALID_TRANSITION', 'NOTICE_ONLY'],
    ['raiseObjection', noticeOver, owner, 'INVALID_TRANSITION', 'NOTICE_ONLY'],
    ['answerObjection', notice, owner, 'FORBIDDEN', 'COMMITTEE_ONLY'],
    ['answerObjection', final, member, 'INVALID_TRANSITION', 'NOTICE_ONLY'],
    ['publishOutcome', noticeOver, owner, 'FORBIDDEN', 'COMMITTEE_ONLY'],
    ['publishOutcome', scoring, member, 'INVALID_TRANSITION', 'REVIEW_STATUS'],
    ['publishOutcome', notice, member, 'INVALID_TRANSITION', 'NOTICE_RUNNING'],
    ['publishOutcome', { ...noticeOver, openObjections: 2 }, member, 'INVALID_TRANSITION', 'OPEN_OBJECTIONS'],
  ] as const)('refuses %s (%#) with %s', (action, review, viewer, code, reason) => {
    expect(checkReview(action, review, viewer, NOW)).toMatchObject({ ok: false, code, reason });
  });

  it('names the facts the refusal is worded with', () => {
    expect(checkReview('finalizeReview', scoring, member, NOW)).toMatchObject({ count: 2 });
    expect(checkReview('publishOutcome', notice, member, NOW)).toMatchObject({ until: later.toISOString() });
    expect(checkReview('finalizeReview', notice, member, NOW)).toMatchObject({ status: 'NOTICE' });
  });

  it('takes the last minute of the scoring window and not the first of the notice’s end', () => {
    expect(checkReview('submitScores', { ...scoring, scoringClosesAt: NOW }, member, NOW).ok).toBe(true);
    expect(checkReview('raiseObjection', { ...notice, noticeEndsAt: NOW }, owner, NOW).ok).toBe(false);
    expect(checkReview('publishOutcome', { ...notice, noticeEndsAt: NOW }, member, NOW).ok).toBe(true);
  });

  it('checks the role alone before the review is read', () => {
    expect(committeeOnly('publishOutcome', false)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'COMMITTEE_ONLY' });
    expect(committeeOnly('publishOutcome', true)).toEqual({ ok: true });
  });
});
