// PRC Civil Code article 278, to the letter, in exact integer arithmetic (areas in hundredths of m²).
//   Quorum: participants hold ≥ 2/3 of the exclusive area AND are ≥ 2/3 of the owners.
//   SPECIAL (items 6–8: maintenance fund, rebuilding, changing the use of common parts or using
//   them for business): FOR by ≥ 3/4 of the participating area AND ≥ 3/4 of the participating owners.
//   ORDINARY: FOR by more than half of the participating area AND more than half of the participating owners.
// Abstentions count as participation.

export type Matter = 'ORDINARY' | 'SPECIAL';

export interface Count {
  owners: number;
  /** Area in hundredths of a square metre (exact). */
  areaCents: bigint;
}

export interface TallyInput {
  matter: Matter;
  total: Count;
  for: Count;
  against: Count;
  abstain: Count;
}

export interface Tally {
  participants: Count;
  quorumOwnersMet: boolean;
  quorumAreaMet: boolean;
  quorumMet: boolean;
  ownersThresholdMet: boolean;
  areaThresholdMet: boolean;
  approved: boolean;
}

const add = (a: Count, b: Count): Count => ({ owners: a.owners + b.owners, areaCents: a.areaCents + b.areaCents });

/** part / whole ≥ num / den, exactly. */
const atLeast = (part: bigint, whole: bigint, num: bigint, den: bigint) => part * den >= whole * num;
/** part / whole > num / den, exactly. */
const moreThan = (part: bigint, whole: bigint, num: bigint, den: bigint) => part * den > whole * num;

export function tallyDecision(input: TallyInput): Tally {
  const participants = add(add(input.for, input.against), input.abstain);
  const B = BigInt;
  const quorumOwnersMet = input.total.owners > 0 && atLeast(B(participants.owners), B(input.total.owners), 2n, 3n);
  const quorumAreaMet = input.total.areaCents > 0n && atLeast(participants.areaCents, input.total.areaCents, 2n, 3n);
  const quorumMet = quorumOwnersMet && quorumAreaMet;
  const hasVotes = participants.owners > 0;
  const [ownersThresholdMet, areaThresholdMet] =
    input.matter === 'SPECIAL'
      ? [
          hasVotes && atLeast(B(input.for.owners), B(participants.owners), 3n, 4n),
          hasVotes && participants.areaCents > 0n && atLeast(input.for.areaCents, participants.areaCents, 3n, 4n),
        ]
      : [
          hasVotes && moreThan(B(input.for.owners), B(participants.owners), 1n, 2n),
          hasVotes && participants.areaCents > 0n && moreThan(input.for.areaCents, participants.areaCents, 1n, 2n),
        ];
  return {
    participants,
    quorumOwnersMet,
    quorumAreaMet,
    quorumMet,
    ownersThresholdMet,
    areaThresholdMet,
    approved: quorumMet && ownersThresholdMet && areaThresholdMet,
  };
}

/** "123.45" → 12345n; refuses anything that is not a non-negative decimal with at most two places. */
export function areaToCents(area: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!m) throw new Error(`not an area: ${area}`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function centsToArea(cents: bigint): string {
  const whole = cents / 100n;
  const frac = (cents % 100n).toString().padStart(2, '0');
  return `${whole}.${frac}`;
}

/**
 * Who votes. Per the Supreme People's Court interpretation of art. 278 (建筑物区分所有权解释 §9):
 * one unit counts as one owner, and one owner of several units counts once. Units are grouped by
 * their exact set of owners: each group is one elector with one ballot (co-owners share it), its
 * area the sum of the group's units.
 */
export interface UnitOwners {
  unitId: string;
  areaCents: bigint;
  ownerIds: string[];
}

export interface Elector {
  key: string;
  ownerIds: string[];
  unitIds: string[];
  areaCents: bigint;
}

export function electorate(units: UnitOwners[]): Elector[] {
  const groups = new Map<string, Elector>();
  for (const unit of units) {
    if (unit.ownerIds.length === 0) continue; // unsold or unregistered units have no vote here
    const ownerIds = [...new Set(unit.ownerIds)].sort();
    const key = ownerIds.join('+');
    const group = groups.get(key) ?? { key, ownerIds, unitIds: [], areaCents: 0n };
    group.unitIds.push(unit.unitId);
    group.areaCents += unit.areaCents;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}
