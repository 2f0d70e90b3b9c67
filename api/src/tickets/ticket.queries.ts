// Read models: one purpose-built SQL query per list, rows shaped for the view, no hydration.
import type { EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../db/read.js';
import { type Department, Role } from '../community/community.enums.js';
import type { ViewerContext } from '../community/viewer.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../shared/pagination.js';
import { TicketOrder, type SlaClock, type TicketEventKind, type TicketKind, type TicketStatus, type Urgency, type VisitSlot } from './ticket.enums.js';
import type { TicketRecord } from './ticket.view.js';
import { personalDataVisibleSql } from './ticket.policy.js';
import { isNeighbour, searchTerms } from './ticket.rules.js';
import { containsPattern as like } from '../shared/like.js';

export interface TicketListFilter {
  status?: TicketStatus | null;
  kind?: TicketKind | null;
  department?: Department | null;
  overdue?: boolean | null;
  mine?: boolean | null;
  open?: boolean | null;
  escalated?: boolean | null;
  waitingOnOwner?: boolean | null;
  assigneeId?: string | null;
  search?: string | null;
  commonArea?: boolean | null;
}

interface Row {
  id: string;
  seq: number;
  kind: string;
  status: string;
  title: string;
  description: string;
  demand: string | null;
  urgency: string;
  classified: boolean;
  department: string | null;
  category: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  unit_id: string | null;
  unit_label: string | null;
  unit_area: string | null;
  common_area: string | null;
  me_too_count: number;
  me_too_by_me: boolean;
  preferred_visit_date: string | null;
  preferred_visit_slot: string | null;
  owner_id: string;
  owner_name: string;
  contact_phone: string;
  answer: string | null;
  resolution_summary: string | null;
  due_at: Date | null;
  due_clock: string | null;
  escalation_level: number;
  missed: string[];
  solution_rounds: number;
  satisfaction: number | null;
  return_visit_comment: string | null;
  created_at: Date;
  updated_at: Date;
  responded_at: Date | null;
  first_solution_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  promised_reply_at: Date | null;
  promise_kept_at: Date | null;
  paused_ms: string;
  paused_work_ms: string;
  update_clock_from: Date | null;
  clock_started_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  urge_count: number;
  last_urged_at: Date | null;
  reopen_count: number;
}

const COLUMNS = `t.id, t.seq, t.kind, t.status, t.title, t.description, t.demand, t.urgency, t.classified, t.department,
  t.category, t.assignee_id, a.display_name as assignee_name, t.unit_id, u.label as unit_label, u.area as unit_area, t.owner_id, p.display_name as owner_name,
  t.contact_phone, t.answer, t.resolution_summary, t.due_at, t.due_clock, t.escalation_level, t.missed,
  t.solution_rounds, t.satisfaction, t.return_visit_comment, t.created_at, t.updated_at, t.responded_at,
  t.first_solution_at, t.resolved_at, t.closed_at, t.promised_reply_at, t.promise_kept_at, t.paused_ms, t.paused_work_ms, t.update_clock_from, t.clock_started_at,
  t.cancelled_at, t.cancel_reason, t.urge_count, t.last_urged_at, t.reopen_count, t.common_area, t.me_too_count,
  to_char(t.preferred_visit_date, 'YYYY-MM-DD') as preferred_visit_date, t.preferred_visit_slot,
  (t.common_area is not null and exists (select 1 from ticket_me_too m where m.ticket_id = t.id and m.person_id = ?)) as me_too_by_me`;

// Raw rows carry timestamptz as text (MikroORM keeps pg from parsing dates).
const at = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function record(r: Row): TicketRecord {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind as TicketKind,
    status: r.status as TicketStatus,
    title: r.title,
    description: r.description,
    demand: r.demand,
    urgency: r.urgency as Urgency,
    classified: r.classified,
    department: r.department as Department | null,
    category: r.category,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    unitId: r.unit_id,
    unitLabel: r.unit_label,
    unitArea: r.unit_area === null ? null : Number(r.unit_area),
    commonArea: r.common_area,
    meTooCount: r.me_too_count,
    meTooByMe: r.me_too_by_me,
    preferredVisitDate: r.preferred_visit_date,
    preferredVisitSlot: r.preferred_visit_slot as VisitSlot | null,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    contactPhone: r.contact_phone,
    answer: r.answer,
    resolutionSummary: r.resolution_summary,
    dueAt: at(r.due_at),
    dueClock: r.due_clock as SlaClock | null,
    escalationLevel: r.escalation_level,
    missed: r.missed as SlaClock[],
    solutionRounds: r.solution_rounds,
    satisfaction: r.satisfaction,
    returnVisitComment: r.return_visit_comment,
    createdAt: at(r.created_at)!,
    updatedAt: at(r.updated_at)!,
    respondedAt: at(r.responded_at),
    firstSolutionAt: at(r.first_solution_at),
    resolvedAt: at(r.resolved_at),
    closedAt: at(r.closed_at),
    promisedReplyAt: at(r.promised_reply_at),
    promiseKeptAt: at(r.promise_kept_at),
    pausedMs: Number(r.paused_ms),
    pausedWorkMs: Number(r.paused_work_ms),
    updateClockFrom: at(r.update_clock_from),
    clockStartedAt: at(r.clock_started_at),
    cancelledAt: at(r.cancelled_at),
    cancelReason: r.cancel_reason,
    urgeCount: r.urge_count,
    lastUrgedAt: at(r.last_urged_at),
    reopenCount: r.reopen_count,
  };
}

const isStaff = (v: ViewerContext) => v.roles.some((r) => r === Role.CUSTOMER_SERVICE || r === Role.STAFF || r === Role.ADMIN);

/** Two statements whatever the page size: the page, and the total. */
export async function listTickets(
  em: EntityManager,
  viewer: ViewerContext,
  filter: TicketListFilter,
  order: TicketOrder,
  first: number,
  after: string | null | undefined,
  now: Date,
): Promise<Page<TicketRecord>> {
  const where: string[] = ['t.community_id = ?'];
  const params: unknown[] = [viewer.communityId];
  if (!isStaff(viewer)) {
    // Their own tickets and those they said "me too" on; asked for common areas, every one of the
    // community (so an owner finds the lift already reported before filing it again).
    // Written as a union of two index lookups (the owner's key, and their "me too" rows) so the
    // list reads one owner's tickets, not the community's: an `or` of the two is a scan.
    if (!(filter.commonArea === true && isNeighbour(viewer))) {
      where.push(`t.id in (select o.id from ticket o where o.community_id = ? and o.owner_id = ?
        union select m.ticket_id from ticket_me_too m where m.community_id = ? and m.person_id = ?)`);
      params.push(viewer.communityId, viewer.id, viewer.communityId, viewer.id);
    }
  } else if (filter.mine) {
    if (viewer.roles.includes(Role.CUSTOMER_SERVICE)) {
      // Customer service's own work: intake, return visits, and tickets dispatched to it.
      where.push(`(t.status in ('RECEIVED', 'RESOLVED') or t.department = 'CUSTOMER_SERVICE')`);
    } else if (!viewer.roles.includes(Role.ADMIN)) {
      // A department's queue: its tickets until resolved (the return visit is customer service's).
      where.push(`t.department = ? and t.status not in ('RESOLVED', 'CLOSED')`);
      params.push(viewer.department ?? '-');
    }
  }
  if (filter.status) {
    where.push('t.status = ?');
    params.push(filter.status);
  }
  if (filter.kind) {
    where.push('t.kind = ?');
    params.push(filter.kind);
  }
  if (filter.department) {
    where.push('t.department = ?');
    params.push(filter.department);
  }
  if (filter.open) where.push(`t.status <> 'CLOSED'`);
  if (filter.overdue === true) {
    where.push('t.due_at < ?');
    params.push(now);
  }
  if (filter.overdue === false) {
    where.push('(t.due_at is null or t.due_at >= ?)');
    params.push(now);
  }
  if (filter.escalated === true) where.push('t.escalation_level > 0');
  if (filter.escalated === false) where.push('t.escalation_level = 0');
  if (filter.waitingOnOwner === true) where.push(`t.status = 'SOLUTION_PROPOSED'`);
  if (filter.waitingOnOwner === false) where.push(`t.status <> 'SOLUTION_PROPOSED'`);
  if (filter.assigneeId) {
    where.push('t.assignee_id = ?');
    params.push(filter.assigneeId);
  }
  if (filter.commonArea === true) where.push('t.common_area is not null');
  if (filter.commonArea === false) where.push('t.common_area is null');
  const personal = personalDataVisibleSql(viewer);
  for (const term of searchTerms(filter.search)) {
    // Each arm is served by an index (the (community, seq) key, or a trigram GIN), so PostgreSQL ORs bitmaps.
    const arms: string[] = [];
    if (term.seq !== null) {
      arms.push('t.seq = ?');
      params.push(term.seq);
    }
    if (!term.numberOnly) {
      arms.push('t.search_text ilike ?');
      params.push(like(term.text));
      arms.push(`(t.search_personal ilike ? and ${personal.sql})`);
      params.push(like(term.text), ...personal.params);
    }
    where.push(`(${arms.join(' or ')})`);
  }

  const countSql = `select count(*)::int as n from ticket t where ${where.join(' and ')}`;
  const countParams = [...params];

  let orderBy: string;
  if (order === TicketOrder.DUE) {
    orderBy = 't.due_at asc nulls last, t.id asc';
    const cursor = decodeCursor(after, ['timestamp?', 'uuid']);
    if (cursor) {
      const [due, id] = cursor;
      if (due === null) {
        where.push('(t.due_at is null and t.id > ?)');
        params.push(id);
      } else {
        where.push('(t.due_at > ? or (t.due_at = ? and t.id > ?) or t.due_at is null)');
        params.push(due, due, id);
      }
    }
  } else {
    orderBy = 't.created_at desc, t.id desc';
    const cursor = decodeCursor(after, ['timestamp', 'uuid']);
    if (cursor) {
      where.push('(t.created_at, t.id) < (?, ?)');
      params.push(cursor[0], cursor[1]);
    }
  }
  // The page first (an index walk in the list's order), then its names: joined after the limit, so
  // the unit and person tables are read by key for the page's rows, never hashed whole.
  const pageSql = `with page as materialized (select t.* from ticket t where ${where.join(' and ')} order by ${orderBy} limit ?)
    select ${COLUMNS} from page t left join unit u on u.id = t.unit_id join person p on p.id = t.owner_id
    left join person a on a.id = t.assignee_id order by ${orderBy}`;
  // Prepared statements (db/read.ts): planned once per connection, not once per request.
  const [rows, [count]] = await Promise.all([
    readRows<Row>(em, pageSql, [...params, first + 1, viewer.id]),
    readRows<{ n: number }>(em, countSql, countParams),
  ]);
  const cursorOf = (t: TicketRecord) => encodeCursor(order === TicketOrder.DUE ? [t.dueAt?.toISOString() ?? null, t.id] : [t.createdAt.toISOString(), t.id]);
  return pageOf(rows, first, record, cursorOf, count!.n);
}

/** One ticket as the lists read it (same columns, same mapper), or null where there is none in the viewer's community. */
export async function readTicket(em: EntityManager, viewer: ViewerContext, id: string): Promise<TicketRecord | null> {
  const [row] = await readRows<Row>(
    em,
    `select ${COLUMNS} from ticket t left join unit u on u.id = t.unit_id join person p on p.id = t.owner_id
      left join person a on a.id = t.assignee_id where t.id = ? and t.community_id = ?`,
    [viewer.id, id, viewer.communityId],
  );
  return row ? record(row) : null;
}

/** A line of a ticket's timeline, with the names it shows. */
export interface TicketEventRecord {
  id: string;
  ticketId: string;
  at: Date;
  kind: TicketEventKind;
  message: string | null;
  internal: boolean;
  actorId: string | null;
  actorName: string | null;
  round: number | null;
  clock: SlaClock | null;
  urgency: Urgency | null;
  department: Department | null;
  assigneeName: string | null;
}

const EVENT = `select e.id, e.ticket_id as "ticketId", e.at, e.kind, e.message, e.internal, e.actor_id as "actorId", a.display_name as "actorName",
         e.round, e.clock, e.urgency, e.department, s.display_name as "assigneeName"
    from ticket_event e left join person a on a.id = e.actor_id left join person s on s.id = e.assignee_id`;

async function eventRows(em: EntityManager, where: string, params: unknown[]): Promise<TicketEventRecord[]> {
  const rows = await readRows<Omit<TicketEventRecord, 'at'> & { at: string }>(em, `${EVENT} where ${where} order by e.id`, params);
  return rows.map((r) => ({ ...r, id: String(r.id), at: at(r.at)! }));
}

/** The timelines of these tickets, oldest line first: one statement however many tickets. */
export function ticketEvents(em: EntityManager, communityId: string, ticketIds: readonly string[]): Promise<TicketEventRecord[]> {
  return eventRows(em, 'e.community_id = ? and e.ticket_id = any(?::uuid[])', [communityId, ticketIds]);
}

/** One line of a timeline (the one a command just wrote). */
export async function readTicketEvent(em: EntityManager, communityId: string, id: string): Promise<TicketEventRecord | null> {
  return (await eventRows(em, 'e.community_id = ? and e.id = ?::bigint', [communityId, id]))[0] ?? null;
}

/** A solution round with the owner's answer. */
export interface TicketSolutionRecord {
  ticketId: string;
  round: number;
  text: string;
  proposedByName: string;
  proposedAt: Date;
  accepted: boolean | null;
  reason: string | null;
  respondedAt: Date | null;
}

/** The solution rounds of these tickets, in round order: one statement. */
export async function ticketSolutions(em: EntityManager, communityId: string, ticketIds: readonly string[]): Promise<TicketSolutionRecord[]> {
  const rows = await readRows<Omit<TicketSolutionRecord, 'proposedAt' | 'respondedAt'> & { proposedAt: string; respondedAt: string | null }>(
    em,
    `select s.ticket_id as "ticketId", s.round, s.text, p.display_name as "proposedByName", s.proposed_at as "proposedAt", s.accepted,
            s.response_reason as reason, s.responded_at as "respondedAt"
       from ticket_solution s join person p on p.id = s.proposed_by_id
      where s.community_id = ? and s.ticket_id = any(?::uuid[]) order by s.ticket_id, s.round`,
    [communityId, ticketIds],
  );
  return rows.map((r) => ({ ...r, proposedAt: at(r.proposedAt)!, respondedAt: at(r.respondedAt) }));
}

/** What the manager did about an unhappy return visit (or is still to do). */
export interface FollowUpRecord {
  id: string;
  ticketId: string;
  ticketSeq: number;
  ticketTitle: string;
  satisfaction: number;
  comment: string | null;
  openedAt: Date;
  doneAt: Date | null;
  doneByName: string | null;
  action: string | null;
}

/** The latest follow-up of each of these tickets that has one: one statement. */
export async function latestFollowUps(em: EntityManager, communityId: string, ticketIds: readonly string[]): Promise<FollowUpRecord[]> {
  const rows = await readRows<Omit<FollowUpRecord, 'openedAt' | 'doneAt'> & { openedAt: string; doneAt: string | null }>(
    em,
    `select distinct on (f.ticket_id) f.id, f.ticket_id as "ticketId", t.seq as "ticketSeq", t.title as "ticketTitle", f.satisfaction, f.comment,
            f.opened_at as "openedAt", f.done_at as "doneAt", d.display_name as "doneByName", f.action
       from ticket_follow_up f join ticket t on t.id = f.ticket_id left join person d on d.id = f.done_by_id
      where f.community_id = ? and f.ticket_id = any(?::uuid[]) order by f.ticket_id, f.opened_at desc, f.id desc`,
    [communityId, ticketIds],
  );
  return rows.map((r) => ({ ...r, openedAt: at(r.openedAt)!, doneAt: at(r.doneAt) }));
}
