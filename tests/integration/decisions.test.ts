import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvanceProposalDocument, CastBallotDocument, CloseDecisionDocument, DecisionDocument, OpenDecisionDocument, ProposalDocument,
  SubmitProposalDocument,
} from '@cocreate/schema';
import { Client as HttpClient, startTestApp, type Client, type TestApp } from '../support/harness.js';
import { freePort } from '../support/postgres.js';
import { runMain } from '../support/process.js';

let app: TestApp;
let manager: Client;
let owner1: Client;
beforeAll(async () => {
  app = await startTestApp();
  [manager, owner1] = await Promise.all([app.signIn('manager@lakeside.test'), app.signIn('owner1@lakeside.test')]);
});
afterAll(async () => {
  await app?.close();
});

const HOUR = 3600_000;

async function proposalUnderReview(title: string) {
  const p = (await owner1.run(SubmitProposalDocument, { input: { title, body: '需要动用公共维修资金，按规定由业主共同决定。', category: 'FACILITIES' } })).submitProposal;
  await manager.run(AdvanceProposalDocument, { id: p.id, to: 'UNDER_REVIEW' });
  return p;
}

async function open(title: string, matter: 'ORDINARY' | 'SPECIAL', hours = 48) {
  const p = await proposalUnderReview(title);
  const closesAt = new Date(app.clock.now().getTime() + hours * HOUR).toISOString();
  return (await manager.run(OpenDecisionDocument, { proposalId: p.id, input: { question: `是否同意：${title}？`, matter, closesAt } })).openDecision;
}

/** The roll as the database has it: electors (units grouped by exact owners) with their areas in hundredths. */
async function roll() {
  return app.sql<{ key: string; owner_ids: string[]; cents: string }>(
    `select string_agg(o.person_id::text, '+' order by o.person_id) as key, array_agg(o.person_id) as owner_ids, (u.area * 100)::bigint::text as cents
       from unit u join ownership o on o.unit_id = u.id group by u.id`,
  );
}

describe('formal owners’ decisions', () => {
  it('fixes the roll at opening: one elector per owner, summed areas, co-owners sharing one', async () => {
    const d = await open('更换 1 号楼电梯', 'SPECIAL');
    const units = await roll();
    const electors = new Map<string, bigint>();
    for (const u of units) {
      const key = [...u.owner_ids].sort().join('+');
      electors.set(key, (electors.get(key) ?? 0n) + BigInt(u.cents));
    }
    const total = [...electors.values()].reduce((a, b) => a + b, 0n);
    expect(d.participation).toEqual({ owners: 0, ownersTotal: electors.size, area: 0, areaTotal: Number(total) / 100 });
    expect(electors.size).toBe(60); // 58 sole owners (owner1 with two units counted once), owner59+owner60 sharing one, owner60's own
    expect(d).toMatchObject({ status: 'OPEN', matter: 'SPECIAL', result: null, viewerChoice: null, thresholds: { quorum: 2 / 3, approval: 0.75, approvalInclusive: true } });
  });

  it('takes one changeable ballot per owner, seals the result while open, refuses non-owners and late ballots', async () => {
    const d = await open('增设快递柜', 'ORDINARY');
    let seen = (await owner1.run(CastBallotDocument, { decisionId: d.id, choice: 'FOR' })).castBallot;
    expect(seen).toMatchObject({ viewerChoice: 'FOR', viewerCanVote: true, result: null, participation: { owners: 1 } });
    seen = (await owner1.run(CastBallotDocument, { decisionId: d.id, choice: 'AGAINST' })).castBallot;
    expect(seen).toMatchObject({ viewerChoice: 'AGAINST', participation: { owners: 1 } });
    const owner1Area = (await app.sql<{ a: string }>(
      `select sum(u.area)::text as a from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id where p.email = 'owner1@lakeside.test'`,
    ))[0]!.a;
    expect(seen.participation.area).toBe(Number(owner1Area));

    expect((await manager.fail(CastBallotDocument, { decisionId: d.id, choice: 'FOR' })).extensions?.code).toBe('FORBIDDEN');
    expect((await owner1.fail(CloseDecisionDocument, { id: d.id })).extensions?.code).toBe('FORBIDDEN');

    // Co-owners share: owner59 and owner60 co-own a unit; owner60 also owns one alone.
    const [o59, o60] = await Promise.all([app.signIn('owner59@lakeside.test'), app.signIn('owner60@lakeside.test')]);
    await o60.run(CastBallotDocument, { decisionId: d.id, choice: 'FOR' });
    expect((await o60.run(DecisionDocument, { id: d.id })).decision!.participation.owners).toBe(3);
    await o59.run(CastBallotDocument, { decisionId: d.id, choice: 'ABSTAIN' });
    const shared = (await o59.run(DecisionDocument, { id: d.id })).decision!;
    expect(shared.participation.owners).toBe(3);
    expect(shared.viewerChoice).toBe('ABSTAIN');
    expect((await o60.run(DecisionDocument, { id: d.id })).decision!.viewerChoice).toBe('FOR');

    const closed = (await manager.run(CloseDecisionDocument, { id: d.id })).closeDecision;
    expect(closed.status).toBe('CLOSED');
    expect(closed.result).toMatchObject({ forOwners: 1, againstOwners: 1, abstainOwners: 1, participantOwners: 3, quorumMet: false, approved: false });
    expect((await owner1.fail(CastBallotDocument, { decisionId: d.id, choice: 'FOR' })).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await manager.fail(CloseDecisionDocument, { id: d.id })).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('closes by itself at its time and publishes the article 278 figures', async () => {
    const d = await open('使用维修资金翻新外立面', 'SPECIAL', 24);
    const emails = Array.from({ length: 50 }, (_, i) => `owner${i + 1}@lakeside.test`);
    const voters = await Promise.all(emails.map((e) => app.signIn(e)));
    // 46 FOR, 3 AGAINST, 1 ABSTAIN among owner1…owner50.
    await Promise.all(voters.map((v, i) => v.run(CastBallotDocument, { decisionId: d.id, choice: i < 46 ? 'FOR' : i < 49 ? 'AGAINST' : 'ABSTAIN' })));
    expect((await owner1.run(DecisionDocument, { id: d.id })).decision!.result).toBeNull();

    app.clock.advance(24 * HOUR + 1000);
    expect(await app.server.services.decisions.sweep(app.orm.em.fork())).toBe(1);
    const r = (await owner1.run(DecisionDocument, { id: d.id })).decision!;
    expect(r.status).toBe('CLOSED');

    // Cross-check every figure against the database, in integer hundredths of m².
    const cents = async (from: number, to: number) =>
      BigInt((await app.sql<{ c: string }>(
        `select coalesce(sum((u.area * 100)::bigint), 0)::text as c from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id
          where p.email = any($1)`, [emails.slice(from, to)],
      ))[0]!.c);
    const [forC, againstC, abstainC] = [await cents(0, 46), await cents(46, 49), await cents(49, 50)];
    const partC = forC + againstC + abstainC;
    const totalC = BigInt(Math.round(r.participation.areaTotal * 100));
    expect(r.result).toMatchObject({
      forOwners: 46, againstOwners: 3, abstainOwners: 1, participantOwners: 50,
      forArea: Number(forC) / 100, againstArea: Number(againstC) / 100, abstainArea: Number(abstainC) / 100,
      quorumOwnersMet: 50 * 3 >= 60 * 2,
      quorumAreaMet: partC * 3n >= totalC * 2n,
      ownersThresholdMet: 46 * 4 >= 50 * 3,
      areaThresholdMet: forC * 4n >= partC * 3n,
    });
    expect(r.result!.approved).toBe(r.result!.quorumMet && r.result!.ownersThresholdMet && r.result!.areaThresholdMet);
    const history = (await owner1.run(ProposalDocument, { id: r.proposal.id })).proposal!.history.map((h) => h.kind);
    expect(history.slice(-2)).toEqual(['DECISION_OPENED', 'DECISION_CLOSED']);
    expect(await app.server.services.decisions.sweep(app.orm.em.fork())).toBe(0);
  });

  it('opens only on a proposal being considered, one open vote at a time, with a future close time', async () => {
    const fresh = (await owner1.run(SubmitProposalDocument, { input: { title: '还没审议的提案', body: '这个提案还处于征集支持阶段。', category: 'SERVICE' } })).submitProposal;
    const input = { question: '是否同意这个提案？', matter: 'ORDINARY' as const, closesAt: new Date(app.clock.now().getTime() + HOUR).toISOString() };
    expect((await manager.fail(OpenDecisionDocument, { proposalId: fresh.id, input })).extensions?.code).toBe('INVALID_TRANSITION');
    const p = await proposalUnderReview('地面停车位重新划线');
    expect((await owner1.fail(OpenDecisionDocument, { proposalId: p.id, input })).extensions?.code).toBe('FORBIDDEN');
    const past = await manager.fail(OpenDecisionDocument, { proposalId: p.id, input: { ...input, closesAt: new Date(app.clock.now().getTime() - 1).toISOString() } });
    expect(past).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'closesAt' } });
    await manager.run(OpenDecisionDocument, { proposalId: p.id, input });
    expect((await manager.fail(OpenDecisionDocument, { proposalId: p.id, input })).extensions?.code).toBe('CONFLICT');
    const detail = (await owner1.run(ProposalDocument, { id: p.id })).proposal!;
    expect(detail.decision).toMatchObject({ status: 'OPEN', viewerCanVote: true });
  });

  it('closes a vote whose time passed while no server was running, as soon as one starts', async () => {
    const d = await open('夜间灯光改造', 'ORDINARY', 2);
    await owner1.run(CastBallotDocument, { decisionId: d.id, choice: 'FOR' });
    // The server "was down" past the close time: move the close time into the real past.
    await app.sql(`update decision set closes_at = now() - interval '1 minute' where id = $1`, [d.id]);
    const port = await freePort();
    const other = await runMain({ DATABASE_URL: app.databaseUrl, PORT: String(port), SEED_DEMO: '0', NODE_ENV: 'test', SWEEP_INTERVAL_SECONDS: '600' });
    try {
      const client = new HttpClient(`http://127.0.0.1:${port}`);
      await client.run('mutation { login(email: "owner1@lakeside.test", password: "cocreate-demo") { id } }');
      await expect.poll(async () => (await client.run(DecisionDocument, { id: d.id })).decision!.status, { timeout: 10_000 }).toBe('CLOSED');
      expect((await client.run(DecisionDocument, { id: d.id })).decision!.result).toMatchObject({ forOwners: 1, quorumMet: false });
    } finally {
      other.child.kill('SIGTERM');
      await other.exited;
    }
  });
});
