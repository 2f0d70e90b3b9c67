import type { BallotChoice, DecisionFieldsFragment } from '@cocreate/schema';
import type { Split } from './chart';
import { reaches, share, shortfall } from './fractions';

export type Decision = DecisionFieldsFragment;
export type DecisionResult = NonNullable<Decision['result']>;
export type Measure = 'owners' | 'area';

/** open · counting (its time has come, the close is on its way) · closed (the tally is published). */
export type DecisionPhase = 'open' | 'counting' | 'closed';

export function decisionPhase(decision: Pick<Decision, 'status' | 'closesAt' | 'result'>, now: number): DecisionPhase {
  if (decision.status === 'CLOSED' && decision.result) return 'closed';
  if (decision.status === 'CLOSED' || Date.parse(decision.closesAt) <= now) return 'counting';
  return 'open';
}

export interface Turnout {
  measure: Measure;
  part: number;
  total: number;
  share: number;
  /** Reached the quorum fraction (≥ 2/3) of the roll. */
  quorumReached: boolean;
  /** Owners, or m², still needed for the quorum. */
  toGo: number;
}

/** Live participation by headcount and by area, against the quorum line. */
export function turnout(decision: Pick<Decision, 'participation' | 'thresholds'>): Turnout[] {
  const { owners, ownersTotal, area, areaTotal } = decision.participation;
  const quorum = decision.thresholds.quorum;
  return [measureTurnout('owners', owners, ownersTotal, quorum), measureTurnout('area', area, areaTotal, quorum)];
}

function measureTurnout(measure: Measure, part: number, total: number, quorum: number): Turnout {
  return {
    measure,
    part,
    total,
    share: share(part, total),
    quorumReached: reaches(part, total, quorum, true),
    toGo: shortfall(part, total, quorum, measure),
  };
}

export function splitOf(result: DecisionResult, measure: Measure): Split {
  return measure === 'owners'
    ? { FOR: result.forOwners, AGAINST: result.againstOwners, ABSTAIN: result.abstainOwners }
    : { FOR: result.forArea, AGAINST: result.againstArea, ABSTAIN: result.abstainArea };
}

export interface ResultCheck {
  key: 'quorumOwners' | 'quorumArea' | 'approvalOwners' | 'approvalArea';
  met: boolean;
  /** The share reached (of the roll for quorum, of the participants for approval). */
  share: number;
}

/** Each of the four tests art. 278 sets, in the order the law reads them. */
export function resultChecks(decision: Pick<Decision, 'participation'>, result: DecisionResult): ResultCheck[] {
  const { ownersTotal, areaTotal } = decision.participation;
  return [
    { key: 'quorumOwners', met: result.quorumOwnersMet, share: share(result.participantOwners, ownersTotal) },
    { key: 'quorumArea', met: result.quorumAreaMet, share: share(result.participantArea, areaTotal) },
    { key: 'approvalOwners', met: result.ownersThresholdMet, share: share(result.forOwners, result.participantOwners) },
    { key: 'approvalArea', met: result.areaThresholdMet, share: share(result.forArea, result.participantArea) },
  ];
}

/** Why the outcome is what it is, in one word for the banner. */
export function outcomeOf(result: DecisionResult): 'approved' | 'noQuorum' | 'notApproved' {
  if (result.approved) return 'approved';
  return result.quorumMet ? 'notApproved' : 'noQuorum';
}

export const CHOICE_ORDER: readonly BallotChoice[] = ['FOR', 'AGAINST', 'ABSTAIN'];

/** Default close for a new vote: a week from now, on the hour. */
export function defaultClose(now: number): Date {
  const date = new Date(now + 7 * 86_400_000);
  date.setMinutes(0, 0, 0);
  return date;
}

/** A datetime-local value (local time) as the ISO instant the API takes; null when unreadable. */
export function isoFromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
