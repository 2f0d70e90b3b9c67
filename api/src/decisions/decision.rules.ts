import { Role } from '../community/community.enums.js';

// PRC Civil Code article 278 (2021), to the letter, in exact integer arithmetic (areas in hundredths of m²).
//   Quorum, every item: participants hold ≥ 2/3 of the exclusive area AND are ≥ 2/3 of the owners.
//   SPECIAL, items 6–8 only (raising the maintenance fund; rebuilding; changing the use of common
//   parts or using them for business): FOR by ≥ 3/4 of the participating area AND ≥ 3/4 of the
//   participating owners.
//   ORDINARY, every other item — item 5, using the maintenance fund, included: FOR by more than
//   half of the participating area AND more than half of the participating owners.
// Abstentions count as participation.

export type Matter = 'ORDINARY' | 'SPECIAL';

/**
 * Art. 278 ¶1's nine items: 1 meeting rules; 2 management covenant; 3 electing or replacing the
 * owners' committee; 4 hiring or dismissing the property manager; 5 using the maintenance fund;
 * 6 raising the maintenance fund; 7 rebuilding; 8 changing the use of common parts or running a
 * business on them; 9 other major matters of common ownership and management.
 */
export const ARTICLE_278_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Article278Item = (typeof ARTICLE_278_ITEMS)[number];

/** ¶2: items 6–8 need three quarters; the other six (item 5 included) a simple majority. */
const SPECIAL_ITEMS: readonly number[] = [6, 7, 8];

export const isArticle278Item = (n: number): n is Article278Item => (ARTICLE_278_ITEMS as readonly number[]).includes(n);

export function matterOfItem(item: Article278Item): Matter {
  return SPECIAL_ITEMS.includes(item) ? 'SPECIAL' : 'ORDINARY';
}

export type MatterChoice = { ok: true; item: Article278Item | null; matter: Matter } | { ok: false; field: 'article278Item' | 'matter'; reason: string };

/**
 * The item decides the matter. A client that predates items sends the matter alone (item stays
 * null); one that sends both must agree with the law.
 */
export function resolveMatter(item: number | null | undefined, matter: Matter | null | undefined): MatterChoice {
  if (item === null || item === undefined) {
    if (!matter) return { ok: false, field: 'article278Item', reason: 'choose the article 278 item (1–9) the vote decides' };
    return { ok: true, item: null, matter };
  }
  if (!Number.isInteger(item) || !isArticle278Item(item)) return { ok: false, field: 'article278Item', reason: 'must be an article 278 item, 1 to 9' };
  const derived = matterOfItem(item);
  if (matter && matter !== derived) {
    return { ok: false, field: 'matter', reason: `article 278 item ${item} is a ${derived} matter, not ${matter}; leave matter out, it follows from the item` };
  }
  return { ok: true, item, matter: derived };
}

export interface Thresholds {
  quorum: number;
  approval: number;
  /** Reaching the approval fraction exactly is enough (≥), as opposed to more than (>). */
  approvalInclusive: boolean;
}

export function thresholdsOf(matter: Matter): Thresholds {
  return matter === 'SPECIAL' ? { quorum: 2 / 3, approval: 3 / 4, approvalInclusive: true } : { quorum: 2 / 3, approval: 1 / 2, approvalInclusive: false };
}

// ---------------------------------------------------------------- ballots: one per elector, whatever the channel

export type BallotChannel = 'ONLINE' | 'PAPER';

/**
 * What a new ballot does to the one the elector already has. The signed paper (书面表决) is the
 * formal record: it replaces an online ballot, and nothing replaces it — an online ballot after
 * it, or a second paper, is refused. Online ballots replace each other until the close.
 */
export type Admission = 'record' | 'replace' | 'refusePaperStands';

export function admitBallot(standing: BallotChannel | null): Admission {
  if (standing === null) return 'record';
  return standing === 'PAPER' ? 'refusePaperStands' : 'replace';
}

/** A paper ballot's reference number as printed on it: 2–64 characters, no control characters; null when not one. */
export function paperReference(raw: string): string | null {
  const ref = raw.trim();
  const length = [...ref].length;
  if (length < 2 || length > 64) return null;

  if (/[\u0000-\u001f\u007f]/.test(ref)) return null;
  return ref;
}

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

const PAPER_RECORDERS: readonly Role[] = [Role.CUSTOMER_SERVICE, Role.COMMITTEE, Role.ADMIN];
/** Customer service, the committee and admins record paper ballots (书面表决). */
export const canRecordPaperBallots = (roles: readonly Role[]) => roles.some((r) => PAPER_RECORDERS.includes(r));
