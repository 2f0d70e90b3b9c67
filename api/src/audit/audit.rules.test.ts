import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type StoredEntry } from './audit.rules.js';

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      at: new Date(Date.UTC(2026, 0, seq)),
      actorId: seq % 2 ? 'a1' : null,
      actorName: seq % 2 ? '物业经理 陈明' : null,
      action: 'DECISION_CLOSED',
      subjectType: 'DECISION',
      subjectId: `d${seq}`,
      payload: canonicalJson({ approved: seq % 3 === 0, forOwners: seq }),
    };
    const hash = entryHash(prev, content);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: '中' }, u: undefined })).toBe('{"a":{"c":"中","d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ n: 1n, at: new Date('2026-01-01T00:00:00Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z","n":"1"}');
  });
});

describe('hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(20))).toEqual({ valid: true, entries: 20, firstBrokenSequence: null });
    expect(verifyChain([])).toEqual({ valid: true, entries: 0, firstBrokenSequence: null });
  });

  it.each([
    ['payload', (e: StoredEntry) => ({ ...e, payload: e.payload.replace('"forOwners":7', '"forOwners":70') })],
    ['action', (e: StoredEntry) => ({ ...e, action: 'REVIEW_FINALIZED' })],
    ['actor', (e: StoredEntry) => ({ ...e, actorName: '别人' })],
    ['time', (e: StoredEntry) => ({ ...e, at: new Date(e.at.getTime() + 1) })],
    ['hash', (e: StoredEntry) => ({ ...e, hash: 'f'.repeat(64) })],
    ['invalid JSON', (e: StoredEntry) => ({ ...e, payload: '{' })],
  ])('reports the first broken sequence when the %s of entry 7 is changed', (_what, tamper) => {
    const entries = chain(12);
    entries[6] = tamper(entries[6]!);
    expect(verifyChain(entries)).toMatchObject({ valid: false, firstBrokenSequence: 7 });
  });

  it('catches a deleted or reordered entry', () => {
    const entries = chain(10);
    expect(verifyChain(entries.filter((e) => e.seq !== 4))).toMatchObject({ valid: false, firstBrokenSequence: 5 });
    const swapped = [...entries];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(verifyChain(swapped)).toMatchObject({ valid: false, firstBrokenSequence: 4 });
  });

  it('catches a rewritten tail (hashes recomputed from entry 5 on) only if the head is known… so every link is checked from genesis', () => {
    const entries = chain(8);
    // Rewriting entry 5 and recomputing every later hash yields a consistent chain again:
    // this is why the head hash is published with every verification (see AuditVerification.headHash).
    const forged = [...entries.slice(0, 4)];
    let prev = entries[3]!.hash;
    for (const e of entries.slice(4)) {
      const content = { ...e, payload: e.seq === 5 ? '{"forged":true}' : e.payload };
      const hash = entryHash(prev, content);
      forged.push({ ...content, prevHash: prev, hash });
      prev = hash;
    }
    expect(verifyChain(forged).valid).toBe(true);
    expect(forged.at(-1)!.hash).not.toBe(entries.at(-1)!.hash);
  });
});
