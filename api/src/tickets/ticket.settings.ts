// The tickets' section of the community settings: the SLA policy (`sla`), the departments' working
// hours (`workingHours`) and the holiday calendar (`holidays`), stored under those keys. Its
// defaults, how a saved section is read, and how the admin's input changes it; composed with the
// other sections in ../settings.ts.
import type { Department } from '../community/community.enums.js';
import type { StoredSettings } from '../community/community.settings.js';
import { badInput } from '../shared/errors.js';
import { sortedWeek, validateHolidays, validateWeekHours, type HolidayDay, type SlaCalendar, type WeekHours } from './sla-calendar.rules.js';
import { Urgency } from './ticket.enums.js';
import { DEFAULT_SLA, validateSlaPolicy, type SlaPolicy } from './ticket.rules.js';
import type { DepartmentHoursInput, DepartmentHoursView, HolidayInput, SlaPolicyInput, SlaPolicyView } from './ticket.settings.types.js';

export interface TicketSettings {
  sla: SlaPolicy;
  /** Each department's week (absent: every hour counts for it). */
  workingHours: Partial<Record<Department, WeekHours>>;
  /** The holiday calendar by year ("2026"): holidays and 调休 make-up working days. */
  holidays: Record<string, HolidayDay[]>;
}

export const defaultTicketSettings = (): TicketSettings => ({ sla: structuredClone(DEFAULT_SLA), workingHours: {}, holidays: {} });

/** The section as saved, an older version's missing fields filled from the defaults. */
export function ticketSettings(saved: StoredSettings | null | undefined): TicketSettings {
  const section = saved as Partial<TicketSettings> | null | undefined;
  const defaults = defaultTicketSettings();
  const targets = Object.fromEntries(
    Object.values(Urgency).map((u) => [u, { ...defaults.sla.targets[u], ...section?.sla?.targets?.[u] }]),
  ) as SlaPolicy['targets'];
  return { sla: { ...defaults.sla, ...section?.sla, targets }, workingHours: { ...section?.workingHours }, holidays: { ...section?.holidays } };
}

/** What the SLA clocks count by: the community's time zone, its departments' hours and its holidays. */
export const slaCalendar = (settings: Pick<TicketSettings, 'workingHours' | 'holidays'>, timeZone: string): SlaCalendar => ({
  timeZone,
  workingHours: settings.workingHours,
  holidays: settings.holidays,
});

const weekView = (week: WeekHours) => week.map((intervals, i) => ({ weekday: i + 1, intervals }));

export const slaPolicyView = (sla: SlaPolicy): SlaPolicyView => ({
  targets: Object.values(Urgency).map((urgency) => ({ urgency, ...sla.targets[urgency] })),
  returnVisitHours: sla.returnVisitHours,
  urgeIntervalHours: sla.urgeIntervalHours,
  reopenWindowDays: sla.reopenWindowDays,
});

export const workingHoursView = (hours: TicketSettings['workingHours']): DepartmentHoursView[] =>
  Object.entries(hours).map(([department, week]) => ({ department: department as Department, days: weekView(week!) }));

/** The policy the admin gave (targets not given are kept), or the reason not. */
export function changedSla(current: SlaPolicy, input: SlaPolicyInput): SlaPolicy {
  const urgencies = input.targets.map((t) => t.urgency);
  if (new Set(urgencies).size !== urgencies.length) throw badInput('sla.targets', 'names an urgency twice', { reason: 'NAMED_TWICE' });
  const sla: SlaPolicy = {
    targets: { ...current.targets },
    returnVisitHours: input.returnVisitHours,
    urgeIntervalHours: input.urgeIntervalHours ?? current.urgeIntervalHours,
    reopenWindowDays: input.reopenWindowDays ?? current.reopenWindowDays,
  };
  for (const t of input.targets) {
    const was = current.targets[t.urgency];
    sla.targets[t.urgency] = {
      responseMinutes: t.responseMinutes,
      solutionMinutes: t.solutionMinutes,
      resolutionMinutes: t.resolutionMinutes,
      countsWorkingTimeOnly: t.countsWorkingTimeOnly ?? was.countsWorkingTimeOnly,
      updateCadenceMinutes: t.updateCadenceMinutes === undefined ? was.updateCadenceMinutes : t.updateCadenceMinutes,
    };
  }
  const problem = validateSlaPolicy(sla);
  if (problem) throw badInput('sla', problem, { reason: 'POLICY_INVALID' });
  return sla;
}

/** The hours as given (weekday 1–7, any order) as the week the rules count by, or the reason not. */
function weekOf(input: DepartmentHoursInput, field: string): WeekHours {
  const week: WeekHours = [[], [], [], [], [], [], []];
  const seen = new Set<number>();
  for (const day of input.days) {
    if (seen.has(day.weekday)) throw badInput(`${field}.days`, `names weekday ${day.weekday} twice`, { reason: 'NAMED_TWICE' });
    seen.add(day.weekday);
    week[day.weekday - 1] = day.intervals.map((i) => ({ start: i.start.trim(), end: i.end.trim() }));
  }
  const problem = validateWeekHours(week, `${field}.days`);
  if (problem) throw badInput(problem.field, problem.message, { reason: problem.reason });
  return sortedWeek(week);
}

/** Each department listed gets the hours given (no hours at all: every hour counts again); the others keep theirs. */
export function changedWorkingHours(current: TicketSettings['workingHours'], input: DepartmentHoursInput[]): TicketSettings['workingHours'] {
  const departments = input.map((h) => h.department);
  if (new Set(departments).size !== departments.length) throw badInput('workingHours', 'names a department twice', { reason: 'NAMED_TWICE' });
  const hours = { ...current };
  input.forEach((h, i) => {
    if (h.days.every((d) => d.intervals.length === 0)) delete hours[h.department];
    else hours[h.department] = weekOf(h, `workingHours.${i}`);
  });
  return hours;
}

/** A year the holiday calendar can hold, or the reason not. */
export function checkHolidayYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be 2000 to 2100', { reason: 'OUT_OF_RANGE', min: 2000, max: 2100 });
}

/** One year's days as given, checked and in date order, or the reason not. */
export function holidaysOf(year: number, input: HolidayInput[]): HolidayDay[] {
  const days: HolidayDay[] = input.map((d) => ({ date: d.date.trim(), kind: d.kind, name: d.name?.trim() || null }));
  const problem = validateHolidays(year, days);
  if (problem) {
    const facts =
      problem.reason === 'OUT_OF_RANGE'
        ? { min: 2000, max: 2100 }
        : problem.reason === 'LIST_TOO_LONG'
          ? { max: 120 }
          : problem.reason === 'TOO_LONG'
            ? { max: 20 }
            : {};
    throw badInput(problem.field, problem.message, { reason: problem.reason, ...facts });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** The calendar with one year's days replaced (none: the year removed). */
export function withHolidays(holidays: TicketSettings['holidays'], year: number, days: HolidayDay[]): TicketSettings['holidays'] {
  const next = { ...holidays };
  if (days.length) next[String(year)] = days;
  else delete next[String(year)];
  return next;
}
