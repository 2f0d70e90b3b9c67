import { createHash } from 'node:crypto';

/** Canonical JSON: object keys sorted, no whitespace, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value ?? null);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Canonical JSON text of the entry's data. */
  payload: string;
}

/** SHA-256 over the previous hash and the canonical form of everything the entry says. */
export function entryHash(prevHash: string, e: AuditContent): string {
  const canonical = canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    payload: JSON.parse(e.payload) as unknown,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface StoredEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

export interface Verification {
  valid: boolean;
  entries: number;
  firstBrokenSequence: number | null;
}

/** Walks the chain in order; the first entry whose link or hash does not hold is reported. */
export function verifyChain(entries: Iterable<StoredEntry>): Verification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const e of entries) {
    count++;
    let ok = e.seq === expectedSeq && e.prevHash === prev;
    if (ok) {
      try {
        ok = entryHash(prev, e) === e.hash;
      } catch {
        ok = false; // a payload that is no longer valid JSON
      }
    }
    if (!ok) return { valid: false, entries: count, firstBrokenSequence: e.seq };
    prev = e.hash;
    expectedSeq++;
  }
  return { valid: true, entries: count, firstBrokenSequence: null };
}
