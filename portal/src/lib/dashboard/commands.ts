import { DepartmentStatsDocument, MyPersonalDataDocument, StaffStatsDocument, type StaffStatsQuery, type StatsPeriod } from '@cocreate/schema';
import { read, type Outcome } from '$lib/core/operations';
import { periodRange, type StatsRow } from './stats';

/** The last twelve weeks or months of every department's figures. */
export async function fetchStats(period: StatsPeriod, now = new Date()): Promise<Outcome<StatsRow[]>> {
  const { from, to } = periodRange(period, now);
  return read(DepartmentStatsDocument, { from: from.toISOString(), to: to.toISOString(), period }, (d) => d.departmentStats);
}

/** The JSON text of everything held about the viewer. */
export const fetchPersonalData = (): Promise<Outcome<string>> => read(MyPersonalDataDocument, {}, (d) => d.myPersonalData);

/** 个人绩效 over the same range: every member of staff the viewer may see (their own row, their department, or all). */
export async function fetchStaffStats(period: StatsPeriod, now = new Date()): Promise<Outcome<StaffStatsQuery['staffStats']>> {
  const { from, to } = periodRange(period, now);
  return read(StaffStatsDocument, { from: from.toISOString(), to: to.toISOString() }, (d) => d.staffStats);
}
