// The SQL limit for the benchmark (issue 15, item 4): a minimal node:http + pg server that answers
// a read scenario with the single best hand-written prepared statement and the JSON the API sends
// for it. Whatever the API spends beyond this is the price of its layers; `npm run bench` checks
// that both answer the same and reports the ratio. Written so far: the board's HOT page (first and
// later pages) and a department's queue by due time (first page, as a staff member of the
// department). Other requests get 404, and the report says the limit is not written for them.
//   DATABASE_URL=… PORT=… node --import tsx bench/sql-limit.ts
import http from 'node:http';
import { createHash } from 'node:crypto';
import pg from 'pg';

/** The statuses in which a proposal takes supports (the API's proposal rules). */
const SUPPORTABLE = ['OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS'];

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 10) });

const VIEWER = `viewer as (
    select p.id, p.community_id from session s
      join person p on p.id = s.person_id and p.account_id = s.account_id
      join account a on a.id = s.account_id
     where s.token_hash = $1 and s.expires_at > now() and a.password_hash is not null and p.deactivated_at is null)`;

/** One statement a page: the viewer, 21 index rows of proposal_board_hot, their cards, the total (also on an empty page). */
const boardSql = (later: boolean) => `with ${VIEWER},
  head as (
    select (select (c.settings->'proposals'->>'supportThreshold')::int from community c where c.id = v.community_id) as threshold,
           (select count(*)::int from proposal x where x.community_id = v.community_id and x.merged_into_id is null) as total
      from viewer v),
  page as (
    select p.id from proposal p, viewer v
     where p.community_id = v.community_id and p.merged_into_id is null
       ${later ? 'and (p.hot_rank, p.id) < ($3::float8, $4::uuid)' : ''}
     order by p.hot_rank desc, p.id desc limit $2),
  cards as (
    select p.id, p.seq, p.title, p.body, p.category, p.status, p.status_reason, p.author_id, a.display_name, p.by_staff,
           p.support_count, p.comment_count, (s.person_id is not null) as supported, p.created_at, p.hot_rank,
           d.id as d_id, d.status as d_status, d.closes_at as d_closes, d.result->'approved' as d_approved
      from page join proposal p on p.id = page.id cross join viewer v
      join person a on a.id = p.author_id
      left join proposal_support s on s.proposal_id = p.id and s.person_id = v.id
      left join lateral (select id, status, closes_at, result from decision where proposal_id = p.id order by opens_at desc limit 1) d on true)
  select head.threshold, head.total, cards.* from head left join cards on true
   order by cards.hot_rank desc, cards.id desc`;

interface BoardRow {
  id: string;
  seq: number;
  title: string;
  body: string;
  category: string;
  status: string;
  status_reason: string | null;
  author_id: string;
  display_name: string;
  by_staff: boolean;
  support_count: number;
  comment_count: number;
  supported: boolean;
  created_at: Date;
  hot_rank: number;
  threshold: number;
  total: number | null;
  d_id: string | null;
  d_status: string | null;
  d_closes: Date | null;
  d_approved: boolean | null;
}

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

async function board(tokenHash: string, variables: { first?: number; after?: string }) {
  const first = variables.first ?? 20;
  const after = variables.after ? (JSON.parse(Buffer.from(variables.after, 'base64url').toString()) as [number, string]) : null;
  const { rows } = await pool.query<BoardRow>({
    name: after ? 'board_later' : 'board_first',
    text: boardSql(after !== null),
    values: after ? [tokenHash, first + 1, after[0], after[1]] : [tokenHash, first + 1],
  });
  const cards = rows.filter((r) => r.id !== null).slice(0, first);
  const edges = cards.map((r) => ({
    cursor: cursorOf([r.hot_rank, r.id]),
    node: {
      id: r.id,
      number: `P-${String(r.seq).padStart(4, '0')}`,
      title: r.title,
      body: r.body,
      category: r.category,
      status: r.status,
      statusReason: r.status_reason,
      author: { id: r.author_id, displayName: r.display_name, isStaff: r.by_staff },
      supportCount: r.support_count,
      commentCount: r.comment_count,
      viewerHasSupported: r.supported,
      supportThreshold: r.threshold,
      // The board shows no merged proposal: it takes supports while it is still considered or carried out.
      supportsOpen: SUPPORTABLE.includes(r.status),
      createdAt: r.created_at.toISOString(),
      decision: r.d_id
        ? {
            id: r.d_id,
            status: r.d_status,
            closesAt: r.d_closes!.toISOString(),
            result: r.d_status === 'CLOSED' && r.d_approved !== null ? { approved: r.d_approved } : null,
          }
        : null,
    },
  }));
  return {
    proposals: {
      totalCount: rows[0]?.total ?? 0,
      pageInfo: { hasNextPage: rows.filter((r) => r.id !== null).length > first, endCursor: edges.at(-1)?.cursor ?? null },
      edges,
    },
  };
}

/** The department's queue by due time (a staff member's `tickets(filter: {open, mine}, orderBy: DUE)`): one statement. */
const QUEUE_SQL = `with ${VIEWER.replace('select p.id, p.community_id', 'select p.id, p.community_id, p.department, p.roles')},
  head as (
    select (select count(*)::int from ticket t where t.community_id = v.community_id and t.department = v.department and t.status not in ('RESOLVED', 'CLOSED')) as total
      from viewer v where 'STAFF' = any(v.roles) and not ('CUSTOMER_SERVICE' = any(v.roles) or 'ADMIN' = any(v.roles))),
  page as (
    select t.id, t.seq, t.kind, t.status, t.title, t.urgency, t.classified, t.department, t.category, t.assignee_id, a.display_name as assignee_name,
           t.unit_id, u.label as unit_label, o.display_name as owner_name, t.contact_phone, t.due_at, t.due_clock, t.escalation_level,
           t.solution_rounds, t.satisfaction, t.urge_count, t.reopen_count, t.created_at, t.updated_at, t.common_area, t.me_too_count,
           (t.common_area is not null and exists (select 1 from ticket_me_too m where m.ticket_id = t.id and m.person_id = v.id)) as me_too_by_me
      from viewer v
      join lateral (select t.* from ticket t where t.community_id = v.community_id and t.department = v.department and t.status not in ('RESOLVED', 'CLOSED')
                     order by t.due_at asc nulls last, t.id asc limit $2) t on true
      left join unit u on u.id = t.unit_id join person o on o.id = t.owner_id left join person a on a.id = t.assignee_id)
  select head.total, page.* from head left join page on true order by page.due_at asc nulls last, page.id asc`;

interface QueueRow {
  total: number;
  id: string | null;
  seq: number;
  kind: string;
  status: string;
  title: string;
  urgency: string;
  classified: boolean;
  department: string | null;
  category: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  unit_id: string | null;
  unit_label: string | null;
  owner_name: string;
  contact_phone: string;
  due_at: Date | null;
  due_clock: string | null;
  escalation_level: number;
  solution_rounds: number;
  satisfaction: number | null;
  urge_count: number;
  reopen_count: number;
  created_at: Date;
  updated_at: Date;
  common_area: string | null;
  me_too_count: number;
  me_too_by_me: boolean;
}

async function queue(tokenHash: string, variables: { first?: number }) {
  const first = variables.first ?? 20;
  const { rows: all } = await pool.query<QueueRow>({ name: 'queue_first', text: QUEUE_SQL, values: [tokenHash, first + 1] });
  if (!all.length) return null;
  const now = new Date();
  const rows = all.filter((r) => r.id !== null);
  // Every ticket of the viewer's department: they handle it, so they see the owner's name and phone.
  const edges = rows.slice(0, first).map((t) => ({
    cursor: cursorOf([t.due_at?.toISOString() ?? null, t.id]),
    node: {
      id: t.id,
      number: `T-${String(t.seq).padStart(5, '0')}`,
      kind: t.kind,
      status: t.status,
      title: t.title,
      urgency: t.urgency,
      classified: t.classified,
      department: t.department,
      category: t.category,
      assignee: t.assignee_id ? { id: t.assignee_id, displayName: t.assignee_name ?? '' } : null,
      unit: t.unit_id ? { id: t.unit_id, label: t.unit_label } : null,
      commonArea: t.common_area,
      meTooCount: t.me_too_count,
      meTooByMe: t.me_too_by_me,
      ownerName: t.owner_name,
      contactPhone: t.contact_phone,
      personalDataMasked: false,
      dueAt: t.due_at?.toISOString() ?? null,
      dueClock: t.due_clock,
      overdue: t.due_at !== null && now > t.due_at,
      clockPaused: t.status === 'SOLUTION_PROPOSED',
      escalationLevel: t.escalation_level,
      solutionRounds: t.solution_rounds,
      satisfaction: t.satisfaction,
      urgeCount: t.urge_count,
      reopenCount: t.reopen_count,
      createdAt: t.created_at.toISOString(),
      updatedAt: t.updated_at.toISOString(),
    },
  }));
  return { tickets: { totalCount: all[0]!.total, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges } };
}

const isBoard = (r: Request) => /\bproposals\s*\(/.test(r.query ?? '') && r.variables?.orderBy === 'HOT';
const isQueue = (r: Request) => {
  const filter = r.variables?.filter as Record<string, unknown> | undefined;
  return (
    /\btickets\s*\(/.test(r.query ?? '') &&
    r.variables?.orderBy === 'DUE' &&
    !r.variables?.after &&
    filter !== undefined &&
    Object.keys(filter).sort().join() === 'mine,open' &&
    filter.mine === true &&
    filter.open === true
  );
};
interface Request {
  query?: string;
  variables?: Record<string, unknown>;
}

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    void (async () => {
      const token = /(?:^|;\s*)cocreate_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const request = JSON.parse(body || '{}') as Request;
      const hash = token ? createHash('sha256').update(token).digest('hex') : null;
      const data = !hash
        ? null
        : isBoard(request)
          ? await board(hash, request.variables as { first?: number; after?: string })
          : isQueue(request)
            ? await queue(hash, request.variables as { first?: number })
            : null;
      if (!data) {
        res.statusCode = 404;
        res.end('{"errors":[{"message":"no limit written for this request"}]}');
        return;
      }
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ data }));
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`SQL limit listening on ${process.env.PORT}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => void pool.end().then(() => process.exit(0))));
