// Committee review and rewards: rubric arithmetic, aggregation, tiers, blind scoring, budget.
// Exact: weights are whole basis points (1/10000), scores whole numbers 0–10, means are rationals.
import type { ErrorReason } from '../shared/reasons.js';

export interface Criterion {
  id: string;
  /** The community's own text, zh-CN. */
  name: string;
  /** English, where the community gives one; settings saved before it existed have none. */
  nameEn?: string | null;
  /** Decimal string, e.g. "0.3"; all weights of a rubric add up to exactly 1. */
  weight: string;
}

export interface Tier {
  name: string;
  nameEn?: string | null;
  /** Lowest final score in the band, decimal string with at most two places, e.g. "8.5". */
  minScore: string;
  points: number;
}

export interface ReviewPolicy {
  criteria: Criterion[];
  tiers: Tier[];
  /** Reward points that final outcomes of one calendar quarter may add up to. */
  budgetPerQuarter: number;
  /** 公示期 in hours; 0 allowed. */
  noticeHours: number;
  /** How long reviewers have to score. */
  scoringWindowHours: number;
  minReviewers: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  criteria: [
    { id: 'innovation', name: '创新性', nameEn: 'Innovation', weight: '0.3' },
    { id: 'feasibility', name: '可行性', nameEn: 'Feasibility', weight: '0.2' },
    { id: 'benefit', name: '效益', nameEn: 'Benefit', weight: '0.3' },
    { id: 'reach', name: '受益面', nameEn: 'Reach', weight: '0.2' },
  ],
  tiers: [
    { name: '一等奖', nameEn: 'First prize', minScore: '8.5', points: 1000 },
    { name: '二等奖', nameEn: 'Second prize', minScore: '7', points: 600 },
    { name: '三等奖', nameEn: 'Third prize', minScore: '5.5', points: 300 },
    { name: '鼓励奖', nameEn: 'Encouragement award', minScore: '4', points: 100 },
  ],
  budgetPerQuarter: 5000,
  noticeHours: 168,
  scoringWindowHours: 168,
  minReviewers: 3,
};

const BP = 10_000n;

/** "0.3" → 3000n basis points; at most four decimals. */
export function basisPoints(weight: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(weight.trim());
  if (!m) throw new Error(`not a weight: ${weight}`);
  return BigInt(m[1]!) * BP + BigInt((m[2] ?? '').padEnd(4, '0'));
}

/** "8.5" → 850n hundredths. */
export function hundredths(score: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(score.trim());
  if (!m) throw new Error(`not a score: ${score}`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** Longest criterion or tier name, in code points as PostgreSQL counts them (review.tier_name is varchar(40)). */
export const NAME_MAX = { name: 40, nameEn: 80 } as const;

// Control characters (NUL, tab, line breaks, DEL, C1), line/paragraph separators and bidi overrides:
// none belongs in a one-line name, and the overrides can make a name read as something else.
const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** What is wrong with one name, or null. `nameEn` may be absent; `name` (zh-CN) may not. */
export function nameProblem(text: string | null | undefined, kind: keyof typeof NAME_MAX): string | null {
  if (text === null || text === undefined || text.trim() === '') return kind === 'name' ? 'is required' : null;
  if (text !== text.trim()) return 'must not begin or end with spaces';
  if (CONTROL.test(text)) return 'must not contain control characters (NUL, tab, line breaks, direction overrides)';
  if ([...text].length > NAME_MAX[kind]) return `must be at most ${NAME_MAX[kind]} characters`;
  return null;
}

/** A problem with a policy: the field in the policy's own terms (e.g. "criteria[2].nameEn") and what is wrong. */
export interface PolicyProblem {
  field: string;
  message: string;
}

export function validatePolicy(p: ReviewPolicy): PolicyProblem | null {
  const problem = (field: string, message: string): PolicyProblem => ({ field, message });
  if (p.criteria.length < 1 || p.criteria.length > 10) return problem('criteria', 'between 1 and 10 are needed');
  const ids = new Set<string>();
  let sum = 0n;
  for (const [i, c] of p.criteria.entries()) {
    const at = `criteria[${i}]`;
    if (!/^[a-z][a-z0-9_-]{0,29}$/.test(c.id)) return problem(`${at}.id`, `id "${c.id}" must be lower-case letters, digits, - or _`);
    if (ids.has(c.id)) return problem(`${at}.id`, `id "${c.id}" appears twice`);
    ids.add(c.id);
    for (const kind of ['name', 'nameEn'] as const) {
      const wrong = nameProblem(c[kind], kind);
      if (wrong) return problem(`${at}.${kind}`, `${kind} of "${c.id}" ${wrong}`);
    }
    let w: bigint;
    try {
      w = basisPoints(c.weight);
    } catch {
      return problem(`${at}.weight`, `weight of "${c.id}" must be a decimal with at most four places`);
    }
    if (w <= 0n) return problem(`${at}.weight`, `weight of "${c.id}" must be more than 0`);
    sum += w;
  }
  if (sum !== BP) return problem('criteria', `weights must add up to exactly 1 (they add up to ${Number(sum) / 10_000})`);
  if (p.tiers.length > 10) return problem('tiers', 'at most 10 are allowed');
  const mins = new Set<bigint>();
  const names = new Set<string>();
  for (const [i, t] of p.tiers.entries()) {
    const at = `tiers[${i}]`;
    for (const kind of ['name', 'nameEn'] as const) {
      const wrong = nameProblem(t[kind], kind);
      if (wrong) return problem(`${at}.${kind}`, `${kind} of tier ${i + 1} ${wrong}`);
    }
    // The tier awarded is named on the review and found again by its name.
    if (names.has(t.name)) return problem(`${at}.name`, `two tiers are named "${t.name}"`);
    names.add(t.name);
    let m: bigint;
    try {
      m = hundredths(t.minScore);
    } catch {
      return problem(`${at}.minScore`, `minScore of "${t.name}" must be a decimal with at most two places`);
    }
    if (m > 1000n) return problem(`${at}.minScore`, `minScore of "${t.name}" must be at most 10`);
    if (mins.has(m)) return problem(`${at}.minScore`, `two tiers start at ${t.minScore}`);
    mins.add(m);
    if (!Number.isInteger(t.points) || t.points < 0) return problem(`${at}.points`, `points of "${t.name}" must be a whole number ≥ 0`);
  }
  if (!Number.isInteger(p.budgetPerQuarter) || p.budgetPerQuarter < 0) return problem('budgetPerQuarter', 'must be a whole number ≥ 0');
  if (!Number.isInteger(p.noticeHours) || p.noticeHours < 0 || p.noticeHours > 24 * 60) return problem('noticeHours', 'must be 0 to 1440');
  if (!Number.isInteger(p.scoringWindowHours) || p.scoringWindowHours < 1 || p.scoringWindowHours > 24 * 90)
    return problem('scoringWindowHours', 'must be 1 to 2160');
  if (!Number.isInteger(p.minReviewers) || p.minReviewers < 3 || p.minReviewers > 50) return problem('minReviewers', 'must be 3 to 50');
  return null;
}

/** One reviewer's weighted score, in basis-point units (×10000). */
export function weightedScore(criteria: Criterion[], scores: Record<string, number>): bigint {
  let total = 0n;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined) throw new Error(`missing score for ${c.id}`);
    total += basisPoints(c.weight) * BigInt(s);
  }
  return total;
}

/** A final score as an exact rational: num / den, in basis-point units. */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** The mean of the reviewers' weighted scores, dropping the highest and the lowest with five or more. */
export function aggregate(weighted: bigint[]): { score: Rational; counted: bigint[]; dropped: bigint[] } {
  if (weighted.length === 0) throw new Error('no scores to aggregate');
  const sorted = [...weighted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dropHighLow = sorted.length >= 5;
  const counted = dropHighLow ? sorted.slice(1, -1) : sorted;
  const dropped = dropHighLow ? [sorted[0]!, sorted.at(-1)!] : [];
  const sum = counted.reduce((a, b) => a + b, 0n);
  return { score: { num: sum, den: BigInt(counted.length) }, counted, dropped };
}

/** Rounded half up to two decimals, for display: "7.35". */
export function displayScore(r: Rational): string {
  // value = num / (den * 10000); ×100 → num / (den * 100)
  const scaled = r.num * 2n + r.den * 100n; // round half up: floor((2n + d)/(2d))
  const hundredthsValue = scaled / (r.den * 200n);
  return `${hundredthsValue / 100n}.${(hundredthsValue % 100n).toString().padStart(2, '0')}`;
}

export const basisToScore = (weighted: bigint) => displayScore({ num: weighted, den: 1n });

/** The highest tier whose band the exact score reaches, or null (no reward). */
export function tierFor(score: Rational, tiers: Tier[]): Tier | null {
  const ordered = [...tiers].sort((a, b) => Number(hundredths(b.minScore) - hundredths(a.minScore)));
  // score ≥ min ⇔ num / (den·10000) ≥ minH / 100 ⇔ num·100 ≥ minH·den·10000
  return ordered.find((t) => score.num * 100n >= hundredths(t.minScore) * score.den * BP) ?? null;
}

/** The charter's 回避: the author and everyone who owns a unit with the author (their household). */
export function automaticRecusals(authorId: string, household: string[]): Set<string> {
  return new Set([authorId, ...household]);
}

/**
 * Blind scoring: while scoring is open a reviewer sees only their own sheet, until every eligible
 * reviewer has scored or the window has closed. Everyone sees every score once the outcome is published.
 */
export function scoresVisible(status: 'SCORING' | 'NOTICE' | 'FINAL', allScored: boolean, windowClosed: boolean): boolean {
  return status !== 'SCORING' || allScored || windowClosed;
}

/** The calendar quarter (e.g. "2026-Q4") of an instant in the community's time zone. */
export function quarterOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at);
  const year = parts.find((p) => p.type === 'year')!.value;
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** What a viewer may do with a review, named after the mutation (as TicketAction and ProposalAction are). */
export type ReviewAction = 'declareConflict' | 'submitScores' | 'finalizeReview' | 'raiseObjection' | 'answerObjection' | 'publishOutcome';

export const REVIEW_ACTIONS: readonly ReviewAction[] = [
  'declareConflict',
  'submitScores',
  'finalizeReview',
  'raiseObjection',
  'answerObjection',
  'publishOutcome',
];

/** The viewer's place on the review's panel: may score, recused (回避), or not on it. */
export type Seat = 'ELIGIBLE' | 'RECUSED' | 'NONE';

/** What the rules need to know about a review at one moment. */
export interface ReviewFacts {
  status: 'SCORING' | 'NOTICE' | 'FINAL';
  scoringClosesAt: Date;
  noticeEndsAt: Date | null;
  minReviewers: number;
  /** Panelists not recused, and how many of them have scored this round. */
  eligible: number;
  scored: number;
  /** Objections not answered yet. */
  openObjections: number;
}

/** Who is asking: the committee (or an admin) runs reviews; anyone in the community may object. */
export interface ReviewViewer {
  committee: boolean;
  seat: Seat;
}

export type ReviewDecision =
  { ok: true } | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION'; reason: ErrorReason; message: string; [fact: string]: unknown };

const OK: ReviewDecision = { ok: true };
const refused = (code: 'FORBIDDEN' | 'INVALID_TRANSITION', reason: ErrorReason, message: string, facts: Record<string, unknown> = {}): ReviewDecision => ({
  ok: false,
  code,
  reason,
  message,
  ...facts,
});

const COMMITTEE_ONLY_MESSAGE: Record<'finalizeReview' | 'answerObjection' | 'publishOutcome', string> = {
  finalizeReview: 'Only the committee or an admin can finalise a review.',
  answerObjection: 'Only the committee or an admin can answer objections.',
  publishOutcome: 'Only the committee or an admin can publish an outcome.',
};

/** The role check alone, asked before the review is loaded (a wrong role is FORBIDDEN whatever the review). */
export function committeeOnly(action: keyof typeof COMMITTEE_ONLY_MESSAGE, committee: boolean): ReviewDecision {
  return committee ? OK : refused('FORBIDDEN', 'COMMITTEE_ONLY', COMMITTEE_ONLY_MESSAGE[action]);
}

/**
 * Whether the viewer may take this action on the review now — the check each command makes, in the
 * order it makes them. Not here: what needs more than the review (the quarter's budget when
 * finalising, whether one given objection is answered already).
 */
export function checkReview(action: ReviewAction, r: ReviewFacts, viewer: ReviewViewer, now: Date): ReviewDecision {
  switch (action) {
    case 'declareConflict':
      if (r.status !== 'SCORING') return refused('INVALID_TRANSITION', 'SCORING_CLOSED', 'Conflicts are declared while scoring is open.');
      if (viewer.seat === 'NONE') return refused('FORBIDDEN', 'NOT_ON_PANEL', 'Only committee members on this review can declare a conflict.');
      return OK;
    case 'submitScores':
      if (r.status !== 'SCORING') return refused('INVALID_TRANSITION', 'SCORING_CLOSED', 'Scoring is closed for this review.');
      if (now > r.scoringClosesAt) return refused('INVALID_TRANSITION', 'SCORING_CLOSED', 'The scoring window has closed.');
      if (viewer.seat === 'NONE') return refused('FORBIDDEN', 'NOT_ON_PANEL', 'Only committee members on this review can score it.');
      if (viewer.seat === 'RECUSED') return refused('FORBIDDEN', 'RECUSED', 'You are recused from this review.');
      return OK;
    case 'finalizeReview': {
      const role = committeeOnly(action, viewer.committee);
      if (!role.ok) return role;
      if (r.status !== 'SCORING') return refused('INVALID_TRANSITION', 'REVIEW_STATUS', `This review is ${r.status}, not being scored.`, { status: r.status });
      if (r.eligible < r.minReviewers) {
        return refused(
          'INVALID_TRANSITION',
          'TOO_FEW_ELIGIBLE',
          `A review needs at least ${r.minReviewers} eligible reviewers; this one has ${r.eligible} after recusals.`,
          { min: r.minReviewers, count: r.eligible },
        );
      }
      if (r.scored < r.eligible && now <= r.scoringClosesAt) {
        return refused(
          'INVALID_TRANSITION',
          'NOT_ALL_SCORED',
          `${r.eligible - r.scored} eligible reviewer(s) have not scored yet; wait for them or for the scoring window to close.`,
          { count: r.eligible - r.scored },
        );
      }
      if (r.scored < r.minReviewers) {
        return refused('INVALID_TRANSITION', 'TOO_FEW_SCORED', `Only ${r.scored} reviewer(s) scored; at least ${r.minReviewers} are needed.`, {
          count: r.scored,
          min: r.minReviewers,
        });
      }
      return OK;
    }
    case 'raiseObjection':
      if (r.status !== 'NOTICE' || !r.noticeEndsAt || now >= r.noticeEndsAt)
        return refused('INVALID_TRANSITION', 'NOTICE_ONLY', 'Objections are taken during the notice period (公示期) only.');
      return OK;
    case 'answerObjection': {
      const role = committeeOnly(action, viewer.committee);
      if (!role.ok) return role;
      if (r.status !== 'NOTICE') return refused('INVALID_TRANSITION', 'NOTICE_ONLY', 'Objections are answered while the outcome is in its notice period.');
      return OK;
    }
    case 'publishOutcome': {
      const role = committeeOnly(action, viewer.committee);
      if (!role.ok) return role;
      if (r.status !== 'NOTICE') {
        return refused('INVALID_TRANSITION', 'REVIEW_STATUS', `This review is ${r.status}; only an outcome in its notice period can become final.`, {
          status: r.status,
        });
      }
      if (r.noticeEndsAt && now < r.noticeEndsAt) {
        return refused('INVALID_TRANSITION', 'NOTICE_RUNNING', `The notice period runs until ${r.noticeEndsAt.toISOString()}.`, {
          until: r.noticeEndsAt.toISOString(),
        });
      }
      if (r.openObjections > 0) {
        return refused('INVALID_TRANSITION', 'OPEN_OBJECTIONS', `${r.openObjections} objection(s) still need an answer from the committee.`, {
          count: r.openObjections,
        });
      }
      return OK;
    }
  }
}

/**
 * What this viewer may do with the review now, by the checks the commands make: the portal offers
 * exactly these. A recused member has nothing left to declare, and there is nothing to answer
 * without an open objection; finalising is still refused when it would overrun the quarter's budget.
 */
export function availableActions(r: ReviewFacts, viewer: ReviewViewer, now: Date): ReviewAction[] {
  const offered = (action: ReviewAction) =>
    action === 'declareConflict' ? viewer.seat === 'ELIGIBLE' : action === 'answerObjection' ? r.openObjections > 0 : true;
  return REVIEW_ACTIONS.filter((action) => offered(action) && checkReview(action, r, viewer, now).ok);
}
