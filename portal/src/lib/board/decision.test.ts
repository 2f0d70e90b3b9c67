import { describe, expect, it } from 'vitest';
import { decisionPhase, defaultClose, isoFromLocalInput, outcomeOf, resultChecks, splitOf, turnout, type DecisionResult } from './decision';

const NOW = Date.parse('2026-05-03T12:00:00Z');

const result = (over: Partial<DecisionResult> = {}): DecisionResult => ({
  quorumMet: true,
  quorumOwnersMet: true,
  quorumAreaMet: true,
  ownersThresholdMet: true,
  areaThresholdMet: true,
  approved: true,
  forOwners: 44,
  forArea: 5683.32,
  againstOwners: 4,
  againstArea: 480.67,
  abstainOwners: 2,
  abstainArea: 237.53,
  participantOwners: 50,
  participantArea: 6401.52,
  ...over,
});

describe('where a vote stands', () => {
  it('is open until its time, then counting until the close is published', () => {
    const closesAt = new Date(NOW + 60_000).toISOString();
    expect(decisionPhase({ status: 'OPEN', closesAt, result: null }, NOW)).toBe('open');
    expect(decisionPhase({ status: 'OPEN', closesAt, result: null }, NOW + 120_000)).toBe('counting');
    expect(decisionPhase({ status: 'CLOSED', closesAt, result: result() }, NOW)).toBe('closed');
  });
});

describe('live turnout', () => {
  it('measures headcount and area against the 2/3 line', () => {
    const [owners, area] = turnout({
      participation: { owners: 25, ownersTotal: 60, area: 3490.63, areaTotal: 7687.72, ownersWithoutAccount: 0, paperBallots: 0 },
      thresholds: { quorum: 2 / 3, approval: 1 / 2, approvalInclusive: false },
    });
    expect(owners).toMatchObject({ measure: 'owners', part: 25, total: 60, quorumReached: false, toGo: 15 });
    expect(owners!.share).toBeCloseTo(0.4167, 4);
    expect(area).toMatchObject({ measure: 'area', quorumReached: false });
    expect(area!.toGo).toBeCloseTo(1634.52, 2);
  });

  it('is reached at exactly 2/3', () => {
    const [owners] = turnout({
      participation: { owners: 40, ownersTotal: 60, area: 10, areaTotal: 10, ownersWithoutAccount: 0, paperBallots: 0 },
      thresholds: { quorum: 2 / 3, approval: 3 / 4, approvalInclusive: true },
    });
    expect(owners).toMatchObject({ quorumReached: true, toGo: 0 });
  });
});

describe('the published result', () => {
  it('splits by headcount and by area', () => {
    expect(splitOf(result(), 'owners')).toEqual({ FOR: 44, AGAINST: 4, ABSTAIN: 2 });
    expect(splitOf(result(), 'area')).toEqual({ FOR: 5683.32, AGAINST: 480.67, ABSTAIN: 237.53 });
  });

  it('lists the four legal tests with the share each reached', () => {
    const checks = resultChecks(
      { participation: { owners: 50, ownersTotal: 60, area: 6401.52, areaTotal: 7687.72, ownersWithoutAccount: 0, paperBallots: 0 } },
      result(),
    );
    expect(checks.map((c) => c.key)).toEqual(['quorumOwners', 'quorumArea', 'approvalOwners', 'approvalArea']);
    expect(checks.every((c) => c.met)).toBe(true);
    expect(checks[0]!.share).toBeCloseTo(50 / 60);
    expect(checks[2]!.share).toBeCloseTo(0.88);
  });

  it('says why it failed', () => {
    expect(outcomeOf(result())).toBe('approved');
    expect(outcomeOf(result({ approved: false, ownersThresholdMet: false }))).toBe('notApproved');
    expect(outcomeOf(result({ approved: false, quorumMet: false, quorumAreaMet: false }))).toBe('noQuorum');
  });
});

describe('the open-vote form', () => {
  it('suggests a close a week away, on the hour', () => {
    const close = defaultClose(NOW);
    expect(close.getTime() - NOW).toBeGreaterThan(6.9 * 86_400_000);
    expect(close.getMinutes()).toBe(0);
  });

  it('reads the local date-time input as an instant', () => {
    const iso = isoFromLocalInput('2026-05-10T14:00');
    expect(iso).toBe(new Date(2026, 4, 10, 14, 0).toISOString());
    expect(isoFromLocalInput('tomorrow')).toBeNull();
    expect(isoFromLocalInput('')).toBeNull();
  });
});
