// 绩效考核: per department and period, the charter's headline figures, in one SQL statement.
import type { EntityManager } from '@mikro-orm/postgresql';

/** What the counts of a department's period or a person's tickets come to, as the charter reports them. */
export interface Rates {
  slaCompliance: number | null;
  returnVisitRate: number | null;
  satisfactionRate: number | null;
  averageSatisfaction: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

/** Shares to three places, the average rating to two; none where there is nothing to divide by. */
export function rates(r: Pick<StaffRow, 'resolved' | 'resolved_on_time' | 'return_visits' | 'rated' | 'satisfied' | 'satisfaction_sum'>): Rates {
  return {
    slaCompliance: ratio(r.resolved_on_time, r.resolved),
    returnVisitRate: ratio(r.return_visits, r.resolved),
    satisfactionRate: ratio(r.satisfied, r.rated),
    averageSatisfaction: r.rated ? Math.round((r.satisfaction_sum / r.rated) * 100) / 100 : null,
  };
}

/**
 * Tickets are counted in the period they were resolved (resolved, on time, visits, ratings) and
 * in the period they were opened (opened). "On time" means no SLA clock was missed. Reopens and
 * urges are counted in the period they happened, against the department the ticket was with.
 */
export async function departmentStats(em: EntityManager, communityId: string, from: Date, to: Date, unit: 'week' | 'month', timeZone: string) {
  return em.execute<
    {
      department: string;
      period: string;
      opened: number;
      resolved: number;
      resolved_on_time: number;
      return_visits: number;
      rated: number;
      satisfied: number;
      satisfaction_sum: number;
      reopened: number;
      urges: number;
    }[]
  >(
    `with periods as (
       select generate_series(date_trunc(?, ?::timestamptz at time zone ?), date_trunc(?, ?::timestamptz at time zone ?), ('1 ' || ?)::interval) as period
     ), departments as (
       select unnest(array['CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT']) as department
     ), opened as (
       select department, date_trunc(?, created_at at time zone ?) as period, count(*)::int as n
         from ticket where community_id = ? and department is not null and created_at >= ? and created_at < ?
        group by 1, 2
     ), resolved as (
       select department, date_trunc(?, resolved_at at time zone ?) as period,
              count(*)::int as resolved,
              count(*) filter (where cardinality(missed) = 0)::int as on_time,
              count(*) filter (where closed_at is not null)::int as visits,
              count(*) filter (where satisfaction is not null)::int as rated,
              count(*) filter (where satisfaction >= 4)::int as satisfied,
              coalesce(sum(satisfaction), 0)::int as satisfaction_sum
         from ticket where community_id = ? and department is not null and resolved_at >= ? and resolved_at < ?
        group by 1, 2
     ), loop as (
       select coalesce(department, 'CUSTOMER_SERVICE') as department, date_trunc(?, at at time zone ?) as period,
              count(*) filter (where kind = 'REOPENED')::int as reopened,
              count(*) filter (where kind = 'URGED')::int as urges
         from ticket_event where community_id = ? and kind in ('REOPENED', 'URGED') and at >= ? and at < ?
        group by 1, 2
     )
     select d.department, p.period::text as period, coalesce(o.n, 0) as opened, coalesce(r.resolved, 0) as resolved,
            coalesce(r.on_time, 0) as resolved_on_time, coalesce(r.visits, 0) as return_visits, coalesce(r.rated, 0) as rated,
            coalesce(r.satisfied, 0) as satisfied, coalesce(r.satisfaction_sum, 0) as satisfaction_sum,
            coalesce(l.reopened, 0) as reopened, coalesce(l.urges, 0) as urges
       from departments d cross join periods p
       left join opened o on o.department = d.department and o.period = p.period
       left join resolved r on r.department = d.department and r.period = p.period
       left join loop l on l.department = d.department and l.period = p.period
      order by d.department, p.period`,
    [
      unit,
      from,
      timeZone,
      unit,
      new Date(to.getTime() - 1),
      timeZone,
      unit,
      unit,
      timeZone,
      communityId,
      from,
      to,
      unit,
      timeZone,
      communityId,
      from,
      to,
      unit,
      timeZone,
      communityId,
      from,
      to,
    ],
  );
}

export interface StaffRow {
  person_id: string;
  display_name: string;
  department: string | null;
  active: boolean;
  assigned: number;
  open_now: number;
  resolved: number;
  resolved_on_time: number;
  return_visits: number;
  rated: number;
  satisfied: number;
  satisfaction_sum: number;
  reopened: number;
  urges: number;
}

/**
 * 个人绩效: per member of department staff, the tickets assigned to them (派工) and how they went.
 * Counted from the timeline, so a follow-up does not wipe what came before: every resolution and
 * every return visit in the period counts (a 2-star visit that reopened the ticket stays a 2-star
 * rating against its assignee), and so do reopens and urges. "On time": resolved while the ticket
 * had missed no SLA clock. `only` narrows to one department or one person. One statement.
 */
export async function staffStats(
  em: EntityManager,
  communityId: string,
  from: Date,
  to: Date,
  only: { department?: string | null; personId?: string | null },
): Promise<StaffRow[]> {
  const where = [`p.community_id = ?`, `'STAFF' = any(p.roles)`];
  const params: unknown[] = [];
  if (only.department) {
    where.push('p.department = ?');
    params.push(only.department);
  }
  if (only.personId) {
    where.push('p.id = ?');
    params.push(only.personId);
  }
  return em.execute<StaffRow[]>(
    `select p.id as person_id, p.display_name, p.department, p.deactivated_at is null as active,
            coalesce(n.assigned, 0)::int as assigned, coalesce(n.open_now, 0)::int as open_now,
            coalesce(l.resolved, 0)::int as resolved, coalesce(l.resolved_on_time, 0)::int as resolved_on_time,
            coalesce(l.visits, 0)::int as return_visits, coalesce(l.visits, 0)::int as rated,
            coalesce(l.satisfied, 0)::int as satisfied, coalesce(l.stars, 0)::int as satisfaction_sum,
            coalesce(l.reopened, 0)::int as reopened, coalesce(l.urges, 0)::int as urges
       from person p
       left join lateral (
         select count(*) filter (where t.created_at < ?) as assigned, count(*) filter (where t.status <> 'CLOSED') as open_now
           from ticket t where t.assignee_id = p.id) n on true
       left join lateral (
         select count(*) filter (where e.kind = 'RESOLVED') as resolved,
                count(*) filter (where e.kind = 'RESOLVED' and cardinality(t.missed) = 0) as resolved_on_time,
                count(*) filter (where e.kind = 'RETURN_VISIT') as visits,
                count(*) filter (where e.kind = 'RETURN_VISIT' and e.round >= 4) as satisfied,
                sum(e.round) filter (where e.kind = 'RETURN_VISIT') as stars,
                count(*) filter (where e.kind = 'REOPENED') as reopened,
                count(*) filter (where e.kind = 'URGED') as urges
           from ticket_event e join ticket t on t.id = e.ticket_id
          where t.assignee_id = p.id and e.kind in ('RESOLVED', 'RETURN_VISIT', 'REOPENED', 'URGED') and e.at >= ? and e.at < ?) l on true
      where ${where.join(' and ')}
        and (p.deactivated_at is null or p.deactivated_at >= ?)
      order by p.department, p.display_name, p.id`,
    [to, from, to, communityId, ...params, from],
  );
}
