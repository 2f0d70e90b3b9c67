import type { Department, DepartmentHoursFieldsFragment, DepartmentHoursInput, HolidayInput, HolidayKind } from '@cocreate/schema';
import { t } from '$lib/i18n';

/** A working period as its two time boxes show it ("08:30", "12:00"). */
export interface Period {
  start: string;
  end: string;
}

/** One department's week as typed: Monday first; `on` false means every hour counts for it. */
export interface HoursDraft {
  department: Department;
  on: boolean;
  days: Period[][];
}

export interface HolidayRow {
  date: string;
  kind: HolidayKind;
  name: string;
}

/** What is wrong with a day of the week or a row of the calendar; the message key says it. */
export type CalendarProblem = 'time' | 'reversed' | 'overlap' | 'none' | 'date' | 'otherYear' | 'twice' | 'tooLong';

/** A sensible start for a department's hours: Monday to Friday 08:30–12:00 and 13:30–17:30. */
export const OFFICE_WEEK: Period[][] = [0, 1, 2, 3, 4, 5, 6].map((d) =>
  d < 5
    ? [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]
    : [],
);

export const MAX_PERIODS = 4;
export const HOLIDAY_NAME_MAX = 20;

export function hoursDraftOf(saved: readonly DepartmentHoursFieldsFragment[], department: Department): HoursDraft {
  const found = saved.find((h) => h.department === department);
  if (!found) return { department, on: false, days: OFFICE_WEEK.map((day) => day.map((p) => ({ ...p }))) };
  const days: Period[][] = [[], [], [], [], [], [], []];
  for (const day of found.days) days[day.weekday - 1] = day.intervals.map((i) => ({ start: i.start, end: i.end }));
  return { department, on: true, days };
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The API's rules, checked as the admin types: by weekday index ("0" Monday … "6"), or "week" for a week without any period. */
export function hoursProblems(draft: HoursDraft): Record<string, CalendarProblem> {
  const problems: Record<string, CalendarProblem> = {};
  if (!draft.on) return problems;
  draft.days.forEach((periods, day) => {
    if (periods.some((p) => !HHMM.test(p.start) || !HHMM.test(p.end))) return void (problems[day] = 'time');
    if (periods.some((p) => minutes(p.start) >= minutes(p.end))) return void (problems[day] = 'reversed');
    const sorted = [...periods].sort((a, b) => minutes(a.start) - minutes(b.start));
    if (sorted.some((p, i) => i > 0 && minutes(p.start) < minutes(sorted[i - 1]!.end))) problems[day] = 'overlap';
  });
  if (draft.days.every((periods) => periods.length === 0)) problems.week = 'none';
  return problems;
}

/** Working time per week, in minutes, for the summary line. */
export function weeklyMinutes(draft: HoursDraft): number {
  return draft.days.flat().reduce((sum, p) => sum + (HHMM.test(p.start) && HHMM.test(p.end) ? Math.max(0, minutes(p.end) - minutes(p.start)) : 0), 0);
}

export function hoursInput(draft: HoursDraft): DepartmentHoursInput {
  return {
    department: draft.department,
    days: draft.on ? draft.days.map((periods, i) => ({ weekday: i + 1, intervals: periods.map((p) => ({ start: p.start, end: p.end })) })) : [],
  };
}

/** Each row's problem, by `<index>.date` or `<index>.name`. */
export function holidayProblems(year: number, rows: readonly HolidayRow[]): Record<string, CalendarProblem> {
  const problems: Record<string, CalendarProblem> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.date);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCDate() !== Number(m[3])) problems[`${i}.date`] = 'date';
    else if (Number(m[1]) !== year) problems[`${i}.date`] = 'otherYear';
    else if (seen.has(row.date)) problems[`${i}.date`] = 'twice';
    seen.add(row.date);
    if ([...row.name.trim()].length > HOLIDAY_NAME_MAX) problems[`${i}.name`] = 'tooLong';
  });
  return problems;
}

export function holidayInput(rows: readonly HolidayRow[]): HolidayInput[] {
  return [...rows].sort((a, b) => a.date.localeCompare(b.date)).map((r) => ({ date: r.date, kind: r.kind, name: r.name.trim() || null }));
}

export function calendarProblemText(problem: CalendarProblem): string {
  return t(`hours.problem.${problem}`, { max: HOLIDAY_NAME_MAX });
}
