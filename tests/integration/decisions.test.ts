import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvanceProposalDocument,
  CastBallotDocument,
  CloseDecisionDocument,
  DecisionDocument,
  DecisionRollDocument,
  OpenDecisionDocument,
  ProposalDocument,
  RecordPaperBallotDocument,
  SubmitProposalDocument,
} from '@cocreate/schema';
import { Client as HttpClient, startTestApp, type Client, type TestApp } from '../support/harness.js';
import { freePort } from '../support/postgres.js';
import { runMain } from '../support/process.js';

let app: TestApp;
let manager: Client;
let owner1: Client;
let cs: Client;
beforeAll(async () => {
  app = await startTestApp();
  await registerOwnersWithoutAccounts();
  [manager, owner1, cs] = await Promise.all([app.signIn('manager@lakeside.test'), app.signIn('owner1@lakeside.test'), app.signIn('cs@lakeside.test')]);
});

/**
 * The register: every unit has an owner, some of them without an account (account_id null).
 * When the demo does not yet record them, this file's own database gets them here: one
 * account-less owner per unowned unit, and an account-less co-owner on one unit owned alone.
 */
async function registerOwnersWithoutAccounts() {
  await app.sql(
    `with unowned as (
       select u.id as unit_id, u.community_id, row_number() over (order by u.label) as n from unit u
        where not exists (select 1 from ownership o where o.unit_id = u.id)
          and u.community_id = (select community_id from person where email = 'owner1@lakeside.test')),
     people as (
       insert into person (id, community_id, display_name, phone, email, roles, leads_department, created_at)
       select gen_random_uuid(), community_id, '登记业主' || n, '139' || lpad(n::text, 8, '0'), null, '{OWNER}', false, now() from unowned
       returning id, display_name)
     insert into ownership (id, community_id, person_id, unit_id, since)
     select gen_random_uuid(), u.community_id, p.id, u.unit_id, now() from people p join unowned u on p.display_name = '登记业主' || u.n`,
  );
  // owner3's unit gets a co-owner without an account: the elector still has an account.
  await app.sql(
    `with o3 as (select p.community_id, o.unit_id from person p join ownership o on o.person_id = p.id where p.email = 'owner3@lakeside.test' limit 1),
     co as (insert into person (id, community_id, display_name, phone, email, roles, leads_department, created_at)
            select gen_random_uuid(), community_id, '登记共有人', '13900009999', null, '{OWNER}', false, now() from o3 returning id, community_id)
     insert into ownership (id, community_id, person_id, unit_id, since) select gen_random_uuid(), co.community_id, co.id, o3.unit_id, now() from co, o3`,
  );
}
afterAll(async () => {
  await app?.close();
});

const HOUR = 3600_000;

async function proposalUnderReview(title: string) {
  const p = (await owner1.run(SubmitProposalDocument, { input: { title, body: '需要动用公共维修资金，按规定由业主共同决定。', category: 'FACILITIES' } }))
    .submitProposal;
  await manager.run(AdvanceProposalDocument, { id: p.id, to: 'UNDER_REVIEW' });
  return p;
}

async function open(title: string, matter: 'ORDINARY' | 'SPECIAL', hours = 48) {
  const p = await proposalUnderReview(title);
  const closesAt = new Date(app.clock.now().getTime() + hours * HOUR).toISOString();
  return (await manager.run(OpenDecisionDocument, { proposalId: p.id, input: { question: `是否同意：${title}？`, matter, closesAt } })).openDecision;
}

async function openItem(title: string, article278Item: number, hours = 48) {
  const p = await proposalUnderReview(title);
  const closesAt = new Date(app.clock.now().getTime() + hours * HOUR).toISOString();
  return (await manager.run(OpenDecisionDocument, { proposalId: p.id, input: { question: `是否同意：${title}？`, article278Item, closesAt } })).openDecision;
}

/** The roll as the database has it: electors (units grouped by exact owners) with their areas in hundredths and whether any owner has an account. */
async function roll() {
  return app.sql<{ key: string; owner_ids: string[]; cents: string; account: boolean }>(
    `select string_agg(o.person_id::text, '+' order by o.person_id) as key, array_agg(o.person_id) as owner_ids, (u.area * 100)::bigint::text as cents,
            bool_or(p.account_id is not null) as account
       from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id
      where u.community_id = (select community_id from person where email = 'owner1@lakeside.test') group by u.id`,
  );
}

/** Units of one person (by email) or, with null, of owners without an account who own one unit alone. */
async function unitsOf(email: string) {
  return await app.sql<{ id: string; label: string }>(
    `select u.id, u.label from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id where p.email = $1 order by u.label`,
    [email],
  );
}

async function accountlessUnits(limit: number) {
  return app.sql<{ id: string; label: string }>(
    `select u.id, u.label from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id
      where p.account_id is null and u.community_id = (select community_id from person where email = 'owner1@lakeside.test')
        and (select count(*) from ownership o2 where o2.unit_id = u.id) = 1
        and (select count(*) from ownership o3 where o3.person_id = p.id) = 1
      order by u.label limit $1`,
    [limit],
  );
}

describe('formal owners’ decisions', () => {
  it('fixes the roll at opening from the whole register: one elector per owner, summed areas, co-owners sharing one, with or without an account', async () => {
    const d = await open('更换 1 号楼电梯', 'SPECIAL');
    const units = await roll();
    const electors = new Map<string, { cents: bigint; account: boolean }>();
    for (const u of units) {
      const key = [...u.owner_ids].sort().join('+');
      const e = electors.get(key) ?? { cents: 0n, account: u.account };
      e.cents += BigInt(u.cents);
      electors.set(key, e);
    }
    const total = [...electors.values()].reduce((a, e) => a + e.cents, 0n);
    const withoutAccount = [...electors.values()].filter((e) => !e.account).length;
    expect(withoutAccount).toBeGreaterThan(0);
    expect(d.participation).toEqual({
      owners: 0,
      ownersTotal: electors.size,
      area: 0,
      areaTotal: Number(total) / 100,
      ownersWithoutAccount: withoutAccount,
      paperBallots: 0,
    });
    // Every unit of the register is on the roll.
    const [unitCount] = await app.sql<{ n: number }>(
      `select count(*)::int as n from unit where community_id = (select community_id from person where email = 'owner1@lakeside.test')`,
    );
    const [onRoll] = await app.sql<{ n: number }>(`select coalesce(sum(cardinality(unit_ids)), 0)::int as n from decision_elector where decision_id = $1`, [
      d.id,
    ]);
    expect(onRoll!.n).toBe(unitCount!.n);
    expect(d).toMatchObject({
      status: 'OPEN',
      matter: 'SPECIAL',
      article278Item: null,
      result: null,
      viewerChoice: null,
      thresholds: { quorum: 2 / 3, approval: 0.75, approvalInclusive: true },
    });
  });

  it('derives the matter from the article 278 item — item 5 (using the fund) ordinary, 6–8 special — and keeps a legacy matter working', async () => {
    const fund = await openItem('动用维修资金修缮屋面', 5);
    expect(fund).toMatchObject({ article278Item: 5, matter: 'ORDINARY', thresholds: { approval: 0.5, approvalInclusive: false } });
    const raise = await openItem('续筹维修资金', 6);
    expect(raise).toMatchObject({ article278Item: 6, matter: 'SPECIAL', thresholds: { approval: 0.75, approvalInclusive: true } });
    for (const [item, matter] of [
      [1, 'ORDINARY'],
      [7, 'SPECIAL'],
      [8, 'SPECIAL'],
      [9, 'ORDINARY'],
    ] as const) {
      expect((await openItem(`第 ${item} 项事项`, item)).matter).toBe(matter);
    }
    const legacy = await open('旧客户端只传事项类型', 'ORDINARY');
    expect(legacy).toMatchObject({ article278Item: null, matter: 'ORDINARY' });

    const p = await proposalUnderReview('事项与类型不一致');
    const closesAt = new Date(app.clock.now().getTime() + 48 * HOUR).toISOString();
    const base = { question: '是否同意这个事项？', closesAt };
    expect(await manager.fail(OpenDecisionDocument, { proposalId: p.id, input: { ...base, article278Item: 5, matter: 'SPECIAL' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'matter' },
    });
    expect(await manager.fail(OpenDecisionDocument, { proposalId: p.id, input: { ...base, article278Item: 7, matter: 'ORDINARY' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'matter' },
    });
    for (const bad of [0, 10, -3]) {
      expect(await manager.fail(OpenDecisionDocument, { proposalId: p.id, input: { ...base, article278Item: bad } })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'article278Item' },
      });
    }
    expect(await manager.fail(OpenDecisionDocument, { proposalId: p.id, input: base })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'article278Item' },
    });
    expect(
      (await manager.run(OpenDecisionDocument, { proposalId: p.id, input: { ...base, article278Item: 8, matter: 'SPECIAL' } })).openDecision,
    ).toMatchObject({ article278Item: 8, matter: 'SPECIAL' });
  });

  it('takes one changeable ballot per owner, seals the result while open, refuses non-owners and late ballots', async () => {
    const d = await open('增设快递柜', 'ORDINARY');
    let seen = (await owner1.run(CastBallotDocument, { decisionId: d.id, choice: 'FOR' })).castBallot;
    expect(seen).toMatchObject({ viewerChoice: 'FOR', viewerCanVote: true, result: null, participation: { owners: 1 } });
    seen = (await owner1.run(CastBallotDocument, { decisionId: d.id, choice: 'AGAINST' })).castBallot;
    expect(seen).toMatchObject({ viewerChoice: 'AGAINST', participation: { owners: 1 } });
    const owner1Area = (
      await app.sql<{ a: string }>(
        `select sum(u.area)::text as a from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id where p.email = 'owner1@lakeside.test'`,
      )
    )[0]!.a;
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
      BigInt(
        (
          await app.sql<{ c: string }>(
            `select coalesce(sum((u.area * 100)::bigint), 0)::text as c from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id
          where p.email = any($1)`,
            [emails.slice(from, to)],
          )
        )[0]!.c,
      );
    const [forC, againstC, abstainC] = [await cents(0, 46), await cents(46, 49), await cents(49, 50)];
    const partC = forC + againstC + abstainC;
    const totalC = BigInt(Math.round(r.participation.areaTotal * 100));
    expect(r.result).toMatchObject({
      forOwners: 46,
      againstOwners: 3,
      abstainOwners: 1,
      participantOwners: 50,
      forArea: Number(forC) / 100,
      againstArea: Number(againstC) / 100,
      abstainArea: Number(abstainC) / 100,
      quorumOwnersMet: 50 * 3 >= r.participation.ownersTotal * 2,
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
    const fresh = (await owner1.run(SubmitProposalDocument, { input: { title: '还没审议的提案', body: '这个提案还处于征集支持阶段。', category: 'SERVICE' } }))
      .submitProposal;
    const input = { question: '是否同意这个提案？', matter: 'ORDINARY' as const, closesAt: new Date(app.clock.now().getTime() + HOUR).toISOString() };
    expect((await manager.fail(OpenDecisionDocument, { proposalId: fresh.id, input })).extensions?.code).toBe('INVALID_TRANSITION');
    const p = await proposalUnderReview('地面停车位重新划线');
    expect((await owner1.fail(OpenDecisionDocument, { proposalId: p.id, input })).extensions?.code).toBe('FORBIDDEN');
    const past = await manager.fail(OpenDecisionDocument, {
      proposalId: p.id,
      input: { ...input, closesAt: new Date(app.clock.now().getTime() - 1).toISOString() },
    });
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

describe('the demo’s decisions, seeded through the commands against the whole register', () => {
  it('has a closed vote that passed with paper ballots, one that failed quorum, and an open one', async () => {
    const rows = await app.sql<{ question: string; status: string; item: number; result: { approved: boolean; quorumMet: boolean } | null; paper: number }>(
      `select d.question, d.status, d.article278_item as item, d.result,
              (select count(*)::int from decision_elector e where e.decision_id = d.id and e.channel = 'PAPER') as paper
         from decision d join proposal p on p.id = d.proposal_id where p.title in ('使用公共维修资金更换 2 号楼电梯', '儿童游乐区更换软质地垫', '小区增设电动车充电桩')
        order by d.opens_at`,
    );
    expect(rows.map((r) => [r.item, r.status, r.result?.approved ?? null, r.result?.quorumMet ?? null])).toEqual([
      [5, 'CLOSED', false, false], // the play-area mats: too few took part
      [5, 'CLOSED', true, true], // the lifts: using the fund is an ordinary matter
      [8, 'OPEN', null, null], // the charging shed: a business on common parts
    ]);
    expect(rows[1]!.paper).toBeGreaterThan(0);
  });
});

describe('written ballots (书面表决)', () => {
  it('records a paper ballot for an owner without an account, counts it, and writes it to the audit chain without the choice', async () => {
    const d = await openItem('东门广场改为收费停车', 8);
    const [unit] = await accountlessUnits(1);
    const seen = (await cs.run(RecordPaperBallotDocument, { decisionId: d.id, unitId: unit!.id, choice: 'FOR', reference: '  SM-001 ' })).recordPaperBallot;
    expect(seen.participation).toMatchObject({ owners: 1, paperBallots: 1 });
    expect(seen.result).toBeNull();
    const [row] = await app.sql<{ choice: string; channel: string; reference: string; recorder: string; cast_by_id: string | null }>(
      `select e.choice, e.channel, e.reference, p.email as recorder, e.cast_by_id from decision_elector e join person p on p.id = e.recorded_by_id
        where e.decision_id = $1 and $2::uuid = any(e.unit_ids)`,
      [d.id, unit!.id],
    );
    expect(row).toEqual({ choice: 'FOR', channel: 'PAPER', reference: 'SM-001', recorder: 'cs@lakeside.test', cast_by_id: null });
    const audit = await app.sql<{ action: string; actor_name: string; payload: string }>(
      `select action, actor_name, payload from audit_entry where subject_id = $1 order by seq`,
      [d.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['PAPER_BALLOT_RECORDED']);
    const payload = JSON.parse(audit[0]!.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ reference: 'SM-001', units: [unit!.label], replacedOnlineBallot: false });
    expect(audit[0]!.payload).not.toContain('FOR');

    // The desk finds the unit by label on the roll, with how its ballot came in; never the choice.
    const found = (await cs.run(DecisionRollDocument, { decisionId: d.id, search: unit!.label })).decisionRoll;
    expect(found.find((u) => u.unitId === unit!.id)).toMatchObject({ label: unit!.label, hasAccount: false, channel: 'PAPER' });
    expect((await owner1.fail(DecisionRollDocument, { decisionId: d.id })).extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a paper ballot with a reason: unit not on the roll, a second paper for the elector, a reference taken or malformed, the wrong role, after the close', async () => {
    const d = await openItem('更换单元门禁', 4, 2);
    const [a, b, c] = await accountlessUnits(3);
    await cs.run(RecordPaperBallotDocument, { decisionId: d.id, unitId: a!.id, choice: 'AGAINST', reference: 'MJ-01' });
    const code = async (client: Client, unitId: string, reference: string) =>
      await client.fail(RecordPaperBallotDocument, { decisionId: d.id, unitId, choice: 'FOR', reference });

    expect(await code(cs, a!.id, 'MJ-02')).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('MJ-01') });
    expect(await code(cs, b!.id, 'MJ-01')).toMatchObject({ extensions: { code: 'CONFLICT', field: 'reference' } });
    expect(await code(cs, b!.id, 'M')).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reference' } });
    expect(await code(cs, b!.id, 'M'.repeat(65))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reference' } });
    // A unit registered after the vote opened is not on its roll; nor is a unit that does not exist.
    const [late] = await app.sql<{ id: string }>(
      `insert into unit (id, community_id, building_id, label, area)
       select gen_random_uuid(), community_id, building_id, '9-9-9901', 88.00 from unit where id = $1 returning id`,
      [a!.id],
    );
    expect(await code(cs, late!.id, 'MJ-03')).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'unitId' },
      message: expect.stringContaining('not on this vote'),
    });
    expect(await code(cs, '00000000-0000-4000-8000-000000000000', 'MJ-03')).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'unitId' } });
    expect((await code(owner1, b!.id, 'MJ-04')).extensions?.code).toBe('FORBIDDEN');
    expect((await code(await app.signIn('maint@lakeside.test'), b!.id, 'MJ-04')).extensions?.code).toBe('FORBIDDEN');
    // The committee may record one too.
    await manager.run(RecordPaperBallotDocument, { decisionId: d.id, unitId: b!.id, choice: 'FOR', reference: 'MJ-05' });

    app.clock.advance(2 * HOUR + 1000);
    expect(await code(cs, c!.id, 'MJ-06')).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' } });
    await app.server.services.decisions.sweep(app.orm.em.fork());
    expect(await code(cs, c!.id, 'MJ-06')).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' } });
    const closed = (await owner1.run(DecisionDocument, { id: d.id })).decision!;
    expect(closed.result).toMatchObject({ forOwners: 1, againstOwners: 1, participantOwners: 2 });
  });

  it('the signed paper stands: it replaces an online ballot, and an online ballot after it is refused; the owner sees it as theirs', async () => {
    const d = await openItem('选聘新物业服务企业', 4);
    const [mine] = await unitsOf('owner1@lakeside.test');
    await owner1.run(CastBallotDocument, { decisionId: d.id, choice: 'FOR' });
    const replaced = (await cs.run(RecordPaperBallotDocument, { decisionId: d.id, unitId: mine!.id, choice: 'AGAINST', reference: 'WY-0001' }))
      .recordPaperBallot;
    expect(replaced.participation).toMatchObject({ owners: 1, paperBallots: 1 }); // still one ballot for owner1

    const seen = (await owner1.run(DecisionDocument, { id: d.id })).decision!;
    expect(seen).toMatchObject({ viewerChoice: 'AGAINST', viewerCanVote: false, viewerBallot: { choice: 'AGAINST', channel: 'PAPER', reference: 'WY-0001' } });
    const online = await owner1.fail(CastBallotDocument, { decisionId: d.id, choice: 'FOR' });
    expect(online).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' }, message: expect.stringContaining('paper ballot') });
    const [audit] = await app.sql<{ payload: string }>(`select payload from audit_entry where subject_id = $1 and action = 'PAPER_BALLOT_RECORDED'`, [d.id]);
    expect(JSON.parse(audit!.payload)).toMatchObject({ reference: 'WY-0001', replacedOnlineBallot: true });

    // An owner voting online sees ONLINE.
    const owner2 = await app.signIn('owner2@lakeside.test');
    expect((await owner2.run(CastBallotDocument, { decisionId: d.id, choice: 'ABSTAIN' })).castBallot.viewerBallot).toMatchObject({
      channel: 'ONLINE',
      reference: null,
      choice: 'ABSTAIN',
    });

    // Co-owners: a paper for the unit owner59 and owner60 share binds both on it; owner60 still votes online for the unit he owns alone.
    const shared = (
      await app.sql<{ id: string }>(
        `select o.unit_id as id from ownership o join person p on p.id = o.person_id where p.email in ('owner59@lakeside.test', 'owner60@lakeside.test')
        group by o.unit_id having count(*) = 2`,
      )
    )[0];
    if (shared) {
      await cs.run(RecordPaperBallotDocument, { decisionId: d.id, unitId: shared.id, choice: 'FOR', reference: 'WY-0002' });
      const [o59, o60] = await Promise.all([app.signIn('owner59@lakeside.test'), app.signIn('owner60@lakeside.test')]);
      expect((await o59.fail(CastBallotDocument, { decisionId: d.id, choice: 'AGAINST' })).extensions?.code).toBe('INVALID_TRANSITION');
      expect((await o60.run(DecisionDocument, { id: d.id })).decision!.viewerCanVote).toBe(true);
      await o60.run(CastBallotDocument, { decisionId: d.id, choice: 'AGAINST' });
      const [row] = await app.sql<{ choice: string; channel: string }>(
        `select choice, channel from decision_elector where decision_id = $1 and $2::uuid = any(unit_ids)`,
        [d.id, shared.id],
      );
      expect(row).toEqual({ choice: 'FOR', channel: 'PAPER' });
    }

    const closed = (await manager.run(CloseDecisionDocument, { id: d.id })).closeDecision;
    expect(closed.result).toMatchObject({ againstOwners: shared ? 2 : 1, abstainOwners: 1 });
    expect((await owner1.run(DecisionDocument, { id: d.id })).decision!.viewerBallot).toMatchObject({ channel: 'PAPER', reference: 'WY-0001' });
  });

  it('counts owners without an account on the roll as of now: an owner who signs up leaves the count', async () => {
    const d = await openItem('制定业主大会议事规则', 1);
    const before = d.participation.ownersWithoutAccount;
    const [unit] = await accountlessUnits(1);
    await app.sql(
      `with owner as (select p.id, c.company_id from person p join community c on c.id = p.community_id where p.id = (select person_id from ownership where unit_id = $1)),
            account as (insert into account (id, company_id, password_hash, company_admin, created_at) select gen_random_uuid(), company_id, 'x', false, now() from owner returning id)
       update person set account_id = (select id from account) where id = (select id from owner)`,
      [unit!.id],
    );
    const after = (await manager.run(DecisionDocument, { id: d.id })).decision!.participation.ownersWithoutAccount;
    expect(after).toBe(before - 1);
  });
});
