import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/harness.js';
import { createOtherCommunity, OTHER_COMMUNITY } from '../support/matrix/other-community.js';
import {
  baseline,
  cursorArb,
  loadSchema,
  namesAField,
  operationFor,
  post,
  problem,
  rootFields,
  textLeaves,
  variablesArb,
  type Answer,
  type FuzzEnv,
  type Operation,
} from '../support/fuzz.js';

// Generated from schema/schema.graphql: every query and mutation, type-correct and hostile values,
// as several people. Quick by default (a fixed seed); FUZZ_RUNS=5000 for a long run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261213);

const schema = loadSchema();
let app: TestApp;
let env: FuzzEnv;
const personas: Record<string, string | null> = {};

beforeAll(async () => {
  app = await startTestApp();
  const other = await createOtherCommunity(app);
  const emails = ['owner1@lakeside.test', 'owner7@lakeside.test', 'owner2@lakeside.test', 'cs@lakeside.test', 'maint@lakeside.test', 'admin@lakeside.test'];
  const clients = [...(await Promise.all(emails.map((e) => app.signIn(e)))), other.admin, other.owner];
  personas['signed out'] = null;
  ['owner', 'another owner', 'committee', 'customer service', 'maintenance', 'admin', 'other community admin', 'other community owner'].forEach((name, i) => {
    personas[name] = clients[i]!.cookie;
  });
  // Something of the other community's own to point at.
  const foreignUnit = other.unitId;
  await other.owner.run(`mutation($u:ID!){ openTicket(input:{kind:REPAIR,title:"别处",description:"x",unitId:$u}){ id } }`, { u: foreignUnit });
  await other.owner.run(`mutation{ submitProposal(input:{title:"别处的提案",body:"别处的提案内容，用来测试跨小区的编号。",category:SERVICE}){ id } }`);

  const ids = async (sql: string) => (await app.sql<{ id: string }>(sql)).map((r) => String(r.id));
  const own = `(select id from community where name = '湖畔花园')`;
  const foreign = `(select id from community where name = '${OTHER_COMMUNITY.name}')`;
  const tables = ['ticket', 'proposal', 'review', 'decision', 'review_objection', 'unit', 'person', 'proposal_comment', 'notification'];
  const pick = async (scope: string) =>
    (await Promise.all(tables.map((t) => ids(`select id from ${t} where community_id in ${scope} order by id limit 3`)))).flat();
  const admin = clients[5]!;
  const cursors: string[] = [];
  for (const q of [
    'tickets(first:1)',
    'tickets(first:1, orderBy: DUE)',
    'proposals(first:1)',
    'proposals(first:1, orderBy: TOP)',
    'proposals(first:1, orderBy: NEW)',
    'rewardOutcomes(first:1)',
    'auditLog(first:1)',
    'notifications(first:1)',
  ]) {
    const data = await admin.run<Record<string, { pageInfo: { endCursor: string | null } }>, Record<string, never>>(
      `{ list: ${q} { pageInfo { endCursor } } }`,
    );
    if (data.list!.pageInfo.endCursor) cursors.push(data.list!.pageInfo.endCursor);
  }
  env = { pool: { own: await pick(own), foreign: [...(await pick(foreign)), foreignUnit] }, cursors };
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const ops: { kind: 'Query' | 'Mutation'; field: string; op: Operation }[] = (['Query', 'Mutation'] as const).flatMap((kind) =>
  rootFields(schema, kind)
    // Ending the persona's session would turn every later case into UNAUTHENTICATED.
    .filter((f) => f.name !== 'logout')
    .map((f) => ({ kind, field: f.name, op: operationFor(kind, f) })),
);
const fieldsByName = new Map(
  (['Query', 'Mutation'] as const).flatMap((kind) => rootFields(schema, kind).map((f) => [`${kind}.${f.name}`, { kind, f }] as const)),
);

const describeCase = (who: string, field: string, variables: Record<string, unknown>, answer: Answer) =>
  `${field} as ${who} with ${JSON.stringify(variables).slice(0, 400)} → ${answer.status} ${answer.text.slice(0, 400)}`;

describe('schema fuzzer', () => {
  it('covers every query and mutation in the schema', () => {
    expect(ops.length).toBeGreaterThan(30);
    for (const { op } of ops) expect(op.document).toMatch(/^(query|mutation) Fuzz/);
  });

  it(`answers ${RUNS} hostile, type-correct operations without an internal error, a 5xx or a non-JSON answer`, async () => {
    const who = Object.keys(personas);
    const arb = fc.constantFrom(...ops).chain((o) => fc.tuple(fc.constant(o), fc.constantFrom(...who), variablesArb(o.op, env)));
    await fc.assert(
      fc.asyncProperty(arb, async ([o, persona, variables]) => {
        const answer = await post(app.url, personas[persona]!, o.op.document, variables);
        const wrong = problem(answer);
        if (wrong) throw new Error(`${wrong}\n${describeCase(persona, o.field, variables, answer)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: RUNS > 1000 ? false : true },
    );
  }, 600_000);

  it('refuses NUL and malformed UTF-16 in every text argument as BAD_USER_INPUT naming the field', async () => {
    const failures: string[] = [];
    const cases = [...fieldsByName.values()]
      .filter(({ f }) => f.name !== 'logout')
      .flatMap(({ kind, f }) => textLeaves(f, env).flatMap((leaf) => ['a\u0000b', 'x\ud800y', '\udfff'].map((value) => ({ kind, f, leaf, value }))));
    expect(cases.length).toBeGreaterThan(50);
    for (const { kind, f, leaf, value } of cases) {
      const op = operationFor(kind, f);
      const base = Object.fromEntries(f.args.map((a) => [a.name, baseline(a.type, env)]));
      const variables = leaf.set(base, value);
      const answer = await post(app.url, personas.admin!, op.document, variables);
      const error = answer.body?.errors?.[0];
      if (problem(answer) || error?.extensions?.code !== 'BAD_USER_INPUT' || !namesAField(error, leaf.key)) {
        failures.push(`${leaf.path}: ${describeCase('admin', f.name, variables, answer)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a crafted page cursor and an out-of-range page size as BAD_USER_INPUT naming after or first', async () => {
    const crafted = fc
      .sample(cursorArb([]), { seed: SEED, numRuns: Math.max(40, Math.floor(RUNS / 5)) })
      // Text that is only whitespace is cleaned to nothing at the edge: no cursor, the first page.
      .filter((c) => c.replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD]/g, '') !== '');
    const failures: string[] = [];
    const paged = [...fieldsByName.values()].filter(({ f }) => f.args.some((a) => a.name === 'after'));
    expect(paged.map(({ f }) => f.name).sort()).toEqual([
      'auditLog',
      'cannedAnswers',
      'deliveryFailures',
      'faq',
      'notifications',
      'people',
      'proposals',
      'registerImports',
      'rewardOutcomes',
      'tickets',
      'units',
    ]);
    const check = async (label: string, query: string, variables: Record<string, unknown>, field: 'after' | 'first') => {
      const answer = await post(app.url, personas.admin!, query, variables);
      const error = answer.body?.errors?.[0];
      // A random "cursor" may by chance be one this list handed out; then it must simply page.
      if (!error && field === 'after' && env.cursors.includes(String(variables.after))) return;
      if (problem(answer) || error?.extensions?.code !== 'BAD_USER_INPUT' || (error.extensions.field !== field && !namesAField(error, field))) {
        failures.push(describeCase('admin', label, variables, answer));
      }
    };
    const orders: Record<string, string[]> = { proposals: ['HOT', 'TOP', 'NEW'], tickets: ['NEWEST', 'DUE'] };
    for (const { f } of paged) {
      for (const orderBy of orders[f.name] ?? [null]) {
        const order = orderBy ? `, orderBy: ${orderBy}` : '';
        for (const after of crafted)
          await check(`${f.name}${order}`, `query($after:String){ ${f.name}(after:$after${order}) { totalCount } }`, { after }, 'after');
      }
      for (const first of [0, -1, 101, 2147483647, -2147483648])
        await check(f.name, `query($first:Int){ ${f.name}(first:$first) { totalCount } }`, { first }, 'first');
    }
    const proposalId = (
      await app.sql<{ id: string }>(`select p.id from proposal p join community c on c.id = p.community_id where c.name <> $1 order by p.seq limit 1`, [
        OTHER_COMMUNITY.name,
      ])
    )[0]!.id;
    for (const after of crafted.slice(0, 20)) {
      await check(
        'Proposal.comments',
        `query($id:ID!,$after:String){ proposal(id:$id) { comments(after:$after) { totalCount } } }`,
        { id: proposalId, after },
        'after',
      );
    }
    for (const first of [0, -1, 101, 2147483647]) await check('owners', `query($first:Int!){ owners(first:$first) { id } }`, { first }, 'first');
    expect(failures).toEqual([]);
  });

  it('refuses a malformed-Unicode email at sign-in as BAD_USER_INPUT naming email (the formatter used to throw)', async () => {
    for (const email of ['\ud800@lakeside.test', 'owner1@lakeside.test\udfff', 'a\udfff\ud800']) {
      const answer = await post(app.url, null, `mutation($email:String!,$password:String!){ login(email:$email,password:$password){ id } }`, {
        email,
        password: 'x',
      });
      expect(problem(answer)).toBeNull();
      expect(answer.body?.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'email' } });
    }
  });

  it('answers 400 GRAPHQL_VALIDATION_FAILED when graphql-js stops at its error limit, not 500', async () => {
    const nopes = Array.from({ length: 120 }, (_, i) => `nope${i}`).join(' ');
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const exactly100 = Array.from({ length: 100 }, (_, i) => `nope${i}`).join(' ');
    for (const query of [
      `{ ${nopes} }`,
      `query { ${aliases} ${nopes} }`,
      // A hundred errors first, then graphql-armor's limits report the 101st from inside their own rules.
      `fragment F on Query { ${exactly100} } query { ...F ${aliases} }`,
      `fragment F on Query { ${exactly100} } query { ...F ${Array.from({ length: 25 }, (_, i) => `c${i}: community { id }`).join(' ')} }`,
    ]) {
      const answer = await post(app.url, personas.owner!, query, {});
      expect(problem(answer)).toBeNull();
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
      expect(answer.body?.errors?.at(-1)?.message).toMatch(/Too many validation errors|limit/);
    }
    // Variable coercion has a limit of its own (50).
    const answer = await post(app.url, personas.owner!, `mutation($ids:[ID!]){ markNotificationsRead(ids:$ids) }`, {
      ids: Array.from({ length: 120 }, () => ({})),
    });
    expect(problem(answer)).toBeNull();
    expect(answer.status).toBe(400);
    expect(answer.body?.errors?.at(-1)).toMatchObject({
      message: expect.stringMatching(/^Too many errors processing variables/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
