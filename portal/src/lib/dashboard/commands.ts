import { DepartmentStatsDocument, MyPersonalDataDocument, type StatsPeriod } from '@cocreate/schema';
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
