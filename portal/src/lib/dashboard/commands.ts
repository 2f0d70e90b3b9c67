import { DepartmentStatsDocument, MyPersonalDataDocument, StaffStatsDocument, type StaffStatsQuery, type StatsPeriod } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { problemOf, type Problem } from '$lib/tickets/problems';
import { periodRange, type StatsRow } from './stats';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const UNKNOWN: Problem = { code: 'unknown', field: null, message: '' };

/** The last twelve weeks or months of every department's figures. */
export async function fetchStats(period: StatsPeriod, now = new Date()): Promise<Outcome<StatsRow[]>> {
  const { from, to } = periodRange(period, now);
  const result = await client
    .query(DepartmentStatsDocument, { from: from.toISOString(), to: to.toISOString(), period }, { requestPolicy: 'network-only' })
    .toPromise();
  if (result.error) return { ok: false, problem: problemOf(result.error) };
  if (!result.data) return { ok: false, problem: UNKNOWN };
  return { ok: true, value: result.data.departmentStats };
}

/** The JSON text of everything held about the viewer. */
export async function fetchPersonalData(): Promise<Outcome<string>> {
  const result = await client.query(MyPersonalDataDocument, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) return { ok: false, problem: problemOf(result.error) };
  if (!result.data) return { ok: false, problem: UNKNOWN };
  return { ok: true, value: result.data.myPersonalData };
}

/** 个人绩效 over the same range: every member of staff the viewer may see (their own row, their department, or all). */
export async function fetchStaffStats(period: StatsPeriod, now = new Date()): Promise<Outcome<StaffStatsQuery['staffStats']>> {
  const { from, to } = periodRange(period, now);
  const result = await client.query(StaffStatsDocument, { from: from.toISOString(), to: to.toISOString() }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) return { ok: false, problem: problemOf(result.error) };
  if (!result.data) return { ok: false, problem: UNKNOWN };
  return { ok: true, value: result.data.staffStats };
}
