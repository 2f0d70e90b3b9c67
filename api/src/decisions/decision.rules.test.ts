import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  admitBallot,
  ARTICLE_278_ITEMS,
  areaToCents,
  centsToArea,
  electorate,
  matterOfItem,
  paperReference,
  resolveMatter,
  tallyDecision,
  thresholdsOf,
  type Count,
  type Matter,
  type TallyInput,
} from './decision.rules.js';

const c = (owners: number, area: number | bigint): Count => ({ owners, areaCents: BigInt(area) });
const tally = (matter: Matter, total: Count, f: Count, a: Count = c(0, 0), ab: Count = c(0, 0)) =>
  tallyDecision({ matter, total, for: f, against: a, abstain: ab });

describe('article 278 quorum', () => {
  it('needs exactly two thirds of owners and of area, inclusive', () => {
    // 90 owners holding 9000.00 m²; 60 owners and 6000.00 m² is exactly 2/3.
    const total = c(90, 900_000);
    expect(tally('ORDINARY', total, c(60, 600_000)).quorumMet).toBe(true);
    expect(tally('ORDINARY', total, c(59, 600_000))).toMatchObject({ quorumOwnersMet: false, quorumAreaMet: true, quorumMet: false });
    expect(tally('ORDINARY', total, c(60, 599_999))).toMatchObject({ quorumOwnersMet: true, quorumAreaMet: false, quorumMet: false });
  });

  it('counts abstentions as participation', () => {
    const total = c(3, 300);
    expect(tally('ORDINARY', total, c(1, 100), c(0, 0), c(1, 100)).quorumMet).toBe(true);
  });

  it('meets no quorum in an empty community', () => {
    expect(tally('ORDINARY', c(0, 0), c(0, 0)).quorumMet).toBe(false);
  });
});

describe('article 278 thresholds', () => {
  it('ORDINARY needs more than half of participating owners and area: exactly half fails', () => {
    const total = c(4, 400);
    expect(tally('ORDINARY', total, c(2, 200), c(2, 200))).toMatchObject({ ownersThresholdMet: false, areaThresholdMet: false, approved: false });
    expect(tally('ORDINARY', total, c(3, 201), c(1, 199))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: true, approved: true });
    expect(tally('ORDINARY', total, c(3, 200), c(1, 200))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: false, approved: false });
  });

  it('SPECIAL needs at least three quarters of participating owners and area: exactly 3/4 passes', () => {
    const total = c(4, 400);
    expect(tally('SPECIAL', total, c(3, 300), c(1, 100))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: true, approved: true });
    expect(tally('SPECIAL', total, c(3, 299), c(1, 101))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: false, approved: false });
    expect(tally('SPECIAL', total, c(2, 300), c(2, 100))).toMatchObject({ ownersThresholdMet: false, approved: false });
  });

  it('does not approve without quorum, however one-sided', () => {
    expect(tally('ORDINARY', c(100, 10_000), c(10, 1_000)).approved).toBe(false);
  });

  it('is exact where floating point is not: 1/3 of 0.03 m² steps', () => {
    // 3 owners of 0.01 m² each… total 0.03 m²: 2 of them hold exactly 2/3.
    expect(tally('ORDINARY', c(3, 3), c(2, 2)).quorumAreaMet).toBe(true);
    expect(tally('SPECIAL', c(10, 10n ** 15n), c(10, (10n ** 15n * 3n) / 4n)).areaThresholdMet).toBe(true);
  });
});

describe('article 278 items decide the matter', () => {
  it('puts items 6, 7 and 8 — and only those — under three quarters; item 5 (using the fund) is ordinary', () => {
    expect(ARTICLE_278_ITEMS.map((item) => [item, matterOfItem(item)])).toEqual([
      [1, 'ORDINARY'],
      [2, 'ORDINARY'],
      [3, 'ORDINARY'],
      [4, 'ORDINARY'],
      [5, 'ORDINARY'],
      [6, 'SPECIAL'],
      [7, 'SPECIAL'],
      [8, 'SPECIAL'],
      [9, 'ORDINARY'],
    ]);
    expect(thresholdsOf('SPECIAL')).toEqual({ quorum: 2 / 3, approval: 3 / 4, approvalInclusive: true });
    expect(thresholdsOf('ORDINARY')).toEqual({ quorum: 2 / 3, approval: 1 / 2, approvalInclusive: false });
  });

  // 12 electors holding 1200.00 m²; every boundary sits on whole numbers of both.
  const total = c(12, 120_000);
  describe.each(ARTICLE_278_ITEMS.map((item) => ({ item, matter: matterOfItem(item) })))('item $item ($matter)', ({ item, matter }) => {
    const run = (f: Count, a: Count, ab: Count = c(0, 0)) => tallyDecision({ matter: matterOfItem(item), total, for: f, against: a, abstain: ab });

    it('quorum: exactly 2/3 of owners and of area takes part; one owner or 0.01 m² less does not', () => {
      expect(run(c(8, 80_000), c(0, 0)).quorumMet).toBe(true);
      expect(run(c(7, 80_000), c(0, 0))).toMatchObject({ quorumOwnersMet: false, quorumAreaMet: true, approved: false });
      expect(run(c(8, 79_999), c(0, 0))).toMatchObject({ quorumOwnersMet: true, quorumAreaMet: false, approved: false });
    });

    it(
      matter === 'SPECIAL'
        ? 'approval: exactly 3/4 passes, one owner or 0.01 m² under fails'
        : 'approval: exactly half fails, one owner and 0.01 m² over passes',
      () => {
        // 8 participants holding 800.00 m².
        if (matter === 'SPECIAL') {
          expect(run(c(6, 60_000), c(2, 20_000))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: true, approved: true });
          expect(run(c(5, 60_000), c(3, 20_000))).toMatchObject({ ownersThresholdMet: false, areaThresholdMet: true, approved: false });
          expect(run(c(6, 59_999), c(2, 20_001))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: false, approved: false });
          // A simple majority is not enough for items 6–8.
          expect(run(c(5, 50_001), c(3, 29_999)).approved).toBe(false);
        } else {
          expect(run(c(4, 40_000), c(4, 40_000))).toMatchObject({ ownersThresholdMet: false, areaThresholdMet: false, approved: false });
          expect(run(c(5, 40_001), c(3, 39_999))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: true, approved: true });
          expect(run(c(5, 40_000), c(3, 40_000))).toMatchObject({ ownersThresholdMet: true, areaThresholdMet: false, approved: false });
          expect(run(c(4, 40_001), c(4, 39_999))).toMatchObject({ ownersThresholdMet: false, areaThresholdMet: true, approved: false });
        }
      },
    );

    it('abstentions count in the participants the approval share is taken of', () => {
      // 6 FOR of 8 participants (2 abstain): 3/4 exactly, more than half.
      expect(run(c(6, 60_000), c(0, 0), c(2, 20_000)).approved).toBe(true);
      // 4 FOR, 4 abstain: half, not more.
      expect(run(c(4, 40_000), c(0, 0), c(4, 40_000)).approved).toBe(false);
    });
  });

  it('derives the matter from the item, keeps a legacy matter alone, and names matter when both disagree', () => {
    expect(resolveMatter(5, null)).toEqual({ ok: true, item: 5, matter: 'ORDINARY' });
    expect(resolveMatter(6, undefined)).toEqual({ ok: true, item: 6, matter: 'SPECIAL' });
    expect(resolveMatter(8, 'SPECIAL')).toEqual({ ok: true, item: 8, matter: 'SPECIAL' });
    expect(resolveMatter(null, 'SPECIAL')).toEqual({ ok: true, item: null, matter: 'SPECIAL' });
    expect(resolveMatter(undefined, 'ORDINARY')).toEqual({ ok: true, item: null, matter: 'ORDINARY' });
    expect(resolveMatter(5, 'SPECIAL')).toMatchObject({ ok: false, field: 'matter' });
    expect(resolveMatter(7, 'ORDINARY')).toMatchObject({ ok: false, field: 'matter' });
    for (const bad of [0, 10, -1, 2.5, Number.NaN]) expect(resolveMatter(bad, null)).toMatchObject({ ok: false, field: 'article278Item' });
    expect(resolveMatter(null, null)).toMatchObject({ ok: false, field: 'article278Item' });
  });
});

describe('one ballot per elector, whatever the channel', () => {
  it('records a first ballot, lets a paper replace an online one, and lets nothing replace a paper', () => {
    expect(admitBallot(null)).toBe('record');
    expect(admitBallot('ONLINE')).toBe('replace');
    expect(admitBallot('PAPER')).toBe('refusePaperStands');
  });

  it('takes a paper reference of 2 to 64 characters as printed, trimmed', () => {
    expect(paperReference('  SM-2026-001 ')).toBe('SM-2026-001');
    expect(paperReference('A1')).toBe('A1');
    expect(paperReference('书面')).toBe('书面');
    expect(paperReference('A')).toBeNull();
    expect(paperReference('   ')).toBeNull();
    expect(paperReference('x'.repeat(64))).toBe('x'.repeat(64));
    expect(paperReference('x'.repeat(65))).toBeNull();
    expect(paperReference('𠀀'.repeat(64))).toBe('𠀀'.repeat(64)); // counted in characters, not UTF-16 units
    expect(paperReference('A\u0007B')).toBeNull();
  });
});

// Property-based: compare with a reference written in rational arithmetic, at and around each boundary.
const ge = (p: bigint, w: bigint, n: bigint, d: bigint) => p * d >= w * n;
const gt = (p: bigint, w: bigint, n: bigint, d: bigint) => p * d > w * n;

function reference(i: TallyInput) {
  const pO = BigInt(i.for.owners + i.against.owners + i.abstain.owners);
  const pA = i.for.areaCents + i.against.areaCents + i.abstain.areaCents;
  const quorum = BigInt(i.total.owners) > 0n && i.total.areaCents > 0n && ge(pO, BigInt(i.total.owners), 2n, 3n) && ge(pA, i.total.areaCents, 2n, 3n);
  const pass =
    pO > 0n &&
    pA > 0n &&
    (i.matter === 'SPECIAL'
      ? ge(BigInt(i.for.owners), pO, 3n, 4n) && ge(i.for.areaCents, pA, 3n, 4n)
      : gt(BigInt(i.for.owners), pO, 1n, 2n) && gt(i.for.areaCents, pA, 1n, 2n));
  return { quorum, approved: quorum && pass };
}

/** Ballot splits of a community that sit exactly on, just under and just over each boundary. */
const community = fc
  .record({ owners: fc.integer({ min: 1, max: 3000 }), areaPerOwner: fc.integer({ min: 6000, max: 22000 }) })
  .chain(({ owners, areaPerOwner }) => {
    const totalArea = BigInt(owners) * BigInt(areaPerOwner);
    const nearOwners = (num: number, den: number, of: number) =>
      fc.constantFrom(-1, 0, 1).map((d) => Math.min(of, Math.max(0, Math.ceil((of * num) / den) + d)));
    return fc.record({
      matter: fc.constantFrom<Matter>('ORDINARY', 'SPECIAL'),
      owners: fc.constant(owners),
      totalArea: fc.constant(totalArea),
      participants: fc.oneof(nearOwners(2, 3, owners), fc.integer({ min: 0, max: owners })),
      areaShare: fc.oneof(fc.constantFrom(2 / 3, 3 / 4, 1 / 2), fc.double({ min: 0, max: 1, noNaN: true })),
      areaNudge: fc.constantFrom(-1n, 0n, 1n),
      forShare: fc.oneof(fc.constantFrom(1 / 2, 3 / 4), fc.double({ min: 0, max: 1, noNaN: true })),
      forNudge: fc.constantFrom(-1, 0, 1),
      forAreaShare: fc.oneof(fc.constantFrom(1 / 2, 3 / 4), fc.double({ min: 0, max: 1, noNaN: true })),
      forAreaNudge: fc.constantFrom(-1n, 0n, 1n),
      abstainShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
  })
  .map((r): TallyInput => {
    const clampBig = (v: bigint, lo: bigint, hi: bigint) => (v < lo ? lo : v > hi ? hi : v);
    const pO = r.participants;
    const pA = clampBig(BigInt(Math.ceil(Number(r.totalArea) * r.areaShare)) + r.areaNudge, 0n, r.totalArea);
    const fO = Math.min(pO, Math.max(0, Math.ceil(pO * r.forShare) + r.forNudge));
    const fA = clampBig(BigInt(Math.ceil(Number(pA) * r.forAreaShare)) + r.forAreaNudge, 0n, pA);
    const restO = pO - fO;
    const restA = pA - fA;
    const abO = Math.floor(restO * r.abstainShare);
    const abA = (restA * BigInt(Math.floor(r.abstainShare * 1000))) / 1000n;
    return {
      matter: r.matter,
      total: c(r.owners, r.totalArea),
      for: c(fO, fA),
      against: c(restO - abO, restA - abA),
      abstain: c(abO, abA),
    };
  });

describe('tally properties', () => {
  it('agrees with the rational reference at and around every boundary', () => {
    fc.assert(
      fc.property(community, (input) => {
        const t = tallyDecision(input);
        const r = reference(input);
        expect(t.quorumMet).toBe(r.quorum);
        expect(t.approved).toBe(r.approved);
      }),
      { numRuns: 3000 },
    );
  });

  it('is monotonic: turning an AGAINST ballot into FOR never turns approval into rejection', () => {
    fc.assert(
      fc.property(community, fc.integer({ min: 1, max: 22000 }), (input, area) => {
        if (input.against.owners === 0 || input.against.areaCents < BigInt(area)) return;
        const moved = {
          ...input,
          for: c(input.for.owners + 1, input.for.areaCents + BigInt(area)),
          against: c(input.against.owners - 1, input.against.areaCents - BigInt(area)),
        };
        if (tallyDecision(input).approved) expect(tallyDecision(moved).approved).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('SPECIAL approval implies ORDINARY approval on the same ballots', () => {
    fc.assert(
      fc.property(community, (input) => {
        if (tallyDecision({ ...input, matter: 'SPECIAL' }).approved) expect(tallyDecision({ ...input, matter: 'ORDINARY' }).approved).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('electorate', () => {
  it('counts an owner of several units once with their summed area, and co-owners as one ballot', () => {
    const electors = electorate([
      { unitId: 'u1', areaCents: 10_000n, ownerIds: ['a'] },
      { unitId: 'u2', areaCents: 8_050n, ownerIds: ['a'] },
      { unitId: 'u3', areaCents: 12_000n, ownerIds: ['c', 'b'] },
      { unitId: 'u4', areaCents: 9_000n, ownerIds: ['b'] },
      { unitId: 'u5', areaCents: 9_999n, ownerIds: [] },
    ]);
    expect(electors.map((e) => [e.key, e.areaCents, e.unitIds])).toEqual([
      ['a', 18_050n, ['u1', 'u2']],
      ['b', 9_000n, ['u4']],
      ['b+c', 12_000n, ['u3']],
    ]);
  });

  it('converts areas exactly', () => {
    expect(areaToCents('123.45')).toBe(12345n);
    expect(areaToCents('60')).toBe(6000n);
    expect(areaToCents('60.5')).toBe(6050n);
    expect(centsToArea(12345n)).toBe('123.45');
    expect(centsToArea(5n)).toBe('0.05');
    expect(() => areaToCents('-1')).toThrow();
    expect(() => areaToCents('1.234')).toThrow();
  });
});
