// Board benchmark: the HOT board page (first 20 cards, viewer's own support joined in) over real
// HTTP against a community of 2,000 owners, 5,000 proposals and 1,000,000 supports.
//   npm run bench -w @cocreate/tests            (defaults: 32 connections, 15 s)
//   CONNECTIONS=64 DURATION=30 npm run bench -w @cocreate/tests
// Not part of `npm test`: timing figures belong here, not in tests.
import 'reflect-metadata';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { migrate, openOrm } from '@cocreate/api/db/orm';
import { seedDemo } from '@cocreate/api/seed/demo';
import { ProposalsDocument } from '@cocreate/schema';
import { print } from 'graphql';
import { freePort, throwAwayPostgres } from '../support/postgres.js';
import { runMain } from '../support/process.js';

const OWNERS = Number(process.env.OWNERS ?? 2000);
const PROPOSALS = Number(process.env.PROPOSALS ?? 5000);
const SUPPORTS_PER_OWNER = Number(process.env.SUPPORTS_PER_OWNER ?? 500);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const DURATION = Number(process.env.DURATION ?? 15);

const pg = await throwAwayPostgres('cocreate_bench');
const orm = await openOrm(pg.url, { pool: { min: 0, max: 40 } });
try {
  await migrate(orm);
  await seedDemo(orm.em.fork());
  const em = orm.em.fork();
  const [community] = await em.execute<{ id: string }[]>(`select community_id as id from person where email = 'owner1@lakeside.test'`);
  const started = Date.now();
  // Bulk data straight in SQL: the shape the board reads, at a size worth measuring.
  await em.execute(
    `insert into person (id, community_id, display_name, email, roles, leads_department, created_at)
     select gen_random_uuid(), ?, '业主' || g, 'bench' || g || '@lakeside.test', array['OWNER'], false, now()
       from generate_series(1, ?) g`,
    [community!.id, OWNERS],
  );
  await em.execute(
    `insert into proposal (id, community_id, seq, title, body, category, status, author_id, by_staff, support_count, comment_count, created_at, updated_at, version)
     select gen_random_uuid(), ?, 1000 + g, '提案 ' || g || ' 关于小区设施与服务的改进', repeat('详细说明。', 20),
            (array['SERVICE','FACILITIES','SAFETY','ENVIRONMENT','COMMUNITY','EFFICIENCY'])[1 + g % 6], 'OPEN',
            (select id from person where email = 'owner1@lakeside.test'), false, 0, 0,
            now() - (g || ' minutes')::interval, now(), 1
       from generate_series(1, ?) g`,
    [community!.id, PROPOSALS],
  );
  await em.execute(
    `with owners as (select id, row_number() over (order by id) as n from person where email like 'bench%'),
          props as (select id, row_number() over (order by id) as n from proposal where seq > 1000)
     insert into proposal_support (proposal_id, person_id, community_id, created_at)
     select p.id, o.id, ?, now()
       from owners o cross join generate_series(0, ? - 1) k
       join props p on p.n = 1 + ((o.n * 7919 + k) % ?)
     on conflict do nothing`,
    [community!.id, SUPPORTS_PER_OWNER, PROPOSALS],
  );
  await em.execute(
    `update proposal p set support_count = s.n from (select proposal_id, count(*)::int n from proposal_support group by 1) s where s.proposal_id = p.id`,
  );
  await em.execute('analyze');
  const [{ n }] = await em.execute<{ n: number }[]>('select count(*)::int as n from proposal_support');
  console.log(`Seeded ${OWNERS} owners, ${PROPOSALS} proposals, ${n} supports in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

  // The API runs in its own process, as in production, so the load generator does not share its thread.
  const port = await freePort();
  const server = await runMain({ DATABASE_URL: pg.url, PORT: String(port), NODE_ENV: 'production', SWEEP_INTERVAL_SECONDS: '0' });
  const url = `http://127.0.0.1:${port}/graphql`;
  const login = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(email: "owner1@lakeside.test", password: "cocreate-demo") { id } }' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const body = JSON.stringify({ query: print(ProposalsDocument), variables: { first: 20, orderBy: 'HOT' } });
  const check = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body })).json()) as {
    data?: { proposals: { totalCount: number } };
  };
  if (!check.data) throw new Error(`board query failed: ${JSON.stringify(check)}`);

  if (process.env.EXPLAIN) {
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
    console.log(`one request at a time: ${((Date.now() - t0) / 5).toFixed(0)} ms`);
    const { listProposals } = await import('@cocreate/api/proposals/proposal.queries');
    const viewer = {
      id: (await em.execute<{ id: string }[]>(`select id from person where email = 'owner1@lakeside.test'`))[0]!.id,
      communityId: community!.id,
      roles: ['OWNER'],
      department: null,
      sessionTokenHash: '',
    };
    const conn = orm.em.getConnection();
    const original = conn.execute.bind(conn);
    (conn as unknown as { execute: typeof conn.execute }).execute = (async (sql: string, params: unknown[]) => {
      const plan = await original(`explain analyze ${sql}`, params);
      console.log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      return original(sql, params);
    }) as typeof conn.execute;
    await listProposals(orm.em.fork(), viewer as never, {}, 'HOT' as never, 20, null);
    (conn as unknown as { execute: typeof conn.execute }).execute = original;
  }

  const result = await autocannon({
    url,
    method: 'POST',
    body,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json', cookie },
  });
  const line =
    `board HOT first:20 — ${CONNECTIONS} connections, ${DURATION} s: ${result.requests.average.toFixed(0)} req/s, ` +
    `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx} (total ${check.data.proposals.totalCount} proposals)`;
  console.log(line);
  fs.mkdirSync('test-results', { recursive: true });
  fs.appendFileSync('test-results/bench.txt', `${new Date().toISOString()} ${line}\n`);
  server.child.kill('SIGTERM');
  await server.exited;
} finally {
  await orm.close();
  await pg.stop();
}
