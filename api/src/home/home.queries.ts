import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../community/community.enums.js';
import { canFollowUp } from '../tickets/ticket.policy.js';
import type { ViewerContext } from '../community/viewer.js';

export type WaitingKind =
  | 'SOLUTIONS_TO_CONFIRM'
  | 'RETURN_VISITS_TO_RATE'
  | 'VOTES_TO_CAST'
  | 'TICKETS_TO_DISPATCH'
  | 'QUEUE_DUE'
  | 'REVIEWS_TO_SCORE'
  | 'OBJECTIONS_TO_ANSWER'
  | 'FOLLOW_UPS_TO_RECORD';

export interface WaitingItem {
  kind: WaitingKind;
  count: number;
  /** The one item itself when there is one, else the list it is in. */
  link: string;
}

interface Probe {
  kind: WaitingKind;
  when: (v: ViewerContext) => boolean;
  sql: string;
  params: (v: ViewerContext) => unknown[];
  one: (id: string) => string;
  many: string;
}

const OPEN_TICKET = `t.status not in ('RESOLVED', 'CLOSED')`;

// What waits for the viewer, one small query each, all scoped to the viewer (and their community).
const PROBES: Probe[] = [
  {
    kind: 'SOLUTIONS_TO_CONFIRM',
    when: () => true,
    sql: `select t.id from ticket t where t.owner_id = ? and t.status = 'SOLUTION_PROPOSED'`,
    params: (v) => [v.id],
    one: (id) => `/tickets/${id}`,
    many: '/tickets',
  },
  {
    kind: 'RETURN_VISITS_TO_RATE',
    when: () => true,
    sql: `select t.id from ticket t where t.owner_id = ? and t.status = 'RESOLVED'`,
    params: (v) => [v.id],
    one: (id) => `/tickets/${id}`,
    many: '/tickets',
  },
  {
    kind: 'VOTES_TO_CAST',
    when: (v) => v.roles.includes(Role.OWNER),
    sql: `select d.proposal_id as id from decision d join decision_elector e on e.decision_id = d.id
           where d.community_id = ? and d.status = 'OPEN' and e.choice is null and ?::uuid = any(e.owner_ids)`,
    params: (v) => [v.communityId, v.id],
    one: (id) => `/board/${id}#vote`,
    many: '/board',
  },
  {
    kind: 'TICKETS_TO_DISPATCH',
    when: (v) => v.roles.includes(Role.CUSTOMER_SERVICE),
    sql: `select t.id from ticket t where t.community_id = ? and t.status = 'RECEIVED'`,
    params: (v) => [v.communityId],
    one: (id) => `/tickets/${id}`,
    many: '/tickets/desk',
  },
  {
    kind: 'QUEUE_DUE',
    when: (v) => v.roles.includes(Role.STAFF) && v.department !== null,
    sql: `select t.id from ticket t where t.community_id = ? and t.department = ? and ${OPEN_TICKET}
           and t.due_at < now() + interval '4 hours'`,
    params: (v) => [v.communityId, v.department],
    one: (id) => `/tickets/${id}`,
    many: '/tickets/queue',
  },
  {
    kind: 'REVIEWS_TO_SCORE',
    when: (v) => v.roles.includes(Role.COMMITTEE),
    sql: `select r.id from review r join review_panelist p on p.review_id = r.id and p.person_id = ? and p.recused_at is null
           where r.status = 'SCORING' and not exists (select 1 from review_sheet s where s.review_id = r.id and s.reviewer_id = p.person_id and s.round = r.round)
          `,
    params: (v) => [v.id],
    one: (id) => `/rewards/committee/${id}`,
    many: '/rewards/committee',
  },
  {
    kind: 'OBJECTIONS_TO_ANSWER',
    when: (v) => v.roles.includes(Role.COMMITTEE),
    sql: `select distinct o.review_id as id from review_objection o where o.community_id = ? and o.answered_at is null`,
    params: (v) => [v.communityId],
    one: (id) => `/rewards/committee/${id}`,
    many: '/rewards/committee',
  },
  {
    // 回访跟进: unhappy return visits the manager has not yet recorded what was done about.
    kind: 'FOLLOW_UPS_TO_RECORD',
    when: canFollowUp,
    sql: `select f.ticket_id as id from ticket_follow_up f where f.community_id = ? and f.done_at is null`,
    params: (v) => [v.communityId],
    one: (id) => `/tickets/${id}`,
    many: '/dashboard#follow-ups',
  },
];

/** Counts come from a second, cheap count only when there is more than one. */
export async function waitingFor(em: EntityManager, viewer: ViewerContext): Promise<WaitingItem[]> {
  const conn = em.getConnection();
  const found = await Promise.all(
    PROBES.filter((p) => p.when(viewer)).map(async (p) => {
      const rows = await conn.execute<{ id: string }[]>(`select id from (${p.sql}) x limit 2`, p.params(viewer));
      if (rows.length === 0) return null;
      const count = rows.length === 1 ? 1 : (await conn.execute<{ n: number }[]>(`select count(*)::int as n from (${p.sql}) x`, p.params(viewer)))[0]!.n;
      return { kind: p.kind, count, link: count === 1 ? p.one(rows[0]!.id) : p.many };
    }),
  );
  return found.filter((f): f is WaitingItem => f !== null);
}
