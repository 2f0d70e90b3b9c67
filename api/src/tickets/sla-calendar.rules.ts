// Business hours and the holiday calendar: how far a clock that counts working time only runs.
// Pure arithmetic in the community's time zone (IANA, via Intl); no I/O, no GraphQL.
import { Department } from '../community/community.enums.js';
import type { ErrorReason } from '../shared/reasons.js';

/** A working interval of one day, "08:30"–"12:00" (local time; "24:00" ends at midnight). */
export interface WorkInterval {
  start: string;
  end: string;
}

/** A department's week: seven days from Monday (index 0) to Sunday (6), each a list of intervals (a lunch break: two). */
export type WeekHours = WorkInterval[][];

/** HOLIDAY: no working time. WORKDAY: 调休, a make-up working day, worked with the department's weekday hours even on a weekend. */
export enum HolidayKind {
  HOLIDAY = 'HOLIDAY',
  WORKDAY = 'WORKDAY',
}

export interface HolidayDay {
  /** YYYY-MM-DD, a local date in the community's time zone. */
  date: string;
  kind: HolidayKind;
  /** What the day is, e.g. 春节 (optional). */
  name: string | null;
}

/** The clocks' calendar: a department without hours counts every hour (as before working hours existed). */
export interface SlaCalendar {
  timeZone: string;
  workingHours: Partial<Record<Department, WeekHours>>;
  /** By year ("2026"); a year not entered has no holidays. */
  holidays: Record<string, HolidayDay[]>;
}

/** One department's hours and the community's days, as addWorkingTime needs them. */
export interface WorkCalendar {
  timeZone: string;
  /** Null: every hour is working time. */
  hours: WeekHours | null;
  days: ReadonlyMap<string, HolidayKind>;
}

export const NO_CALENDAR: SlaCalendar = { timeZone: 'Asia/Shanghai', workingHours: {}, holidays: {} };

/** A sensible week for a new department's form: Monday to Friday 08:30–12:00 and 13:30–17:30. */
export const OFFICE_WEEK: WeekHours = [0, 1, 2, 3, 4, 5, 6].map((d) =>
  d < 5
    ? [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]
    : [],
);

/** The calendar the clocks of one ticket use: its handling department's hours; before dispatch customer service's. */
export function workCalendar(calendar: SlaCalendar, department: Department | null): WorkCalendar {
  const days = new Map<string, HolidayKind>();
  for (const list of Object.values(calendar.holidays)) for (const d of list) days.set(d.date, d.kind);
  return { timeZone: calendar.timeZone, hours: calendar.workingHours[department ?? Department.CUSTOMER_SERVICE] ?? null, days };
}

// ---------------------------------------------------------------------------------------------
// Time-zone arithmetic

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (the community's `timezone` is validated elsewhere; this guards the arithmetic). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** The local calendar date and wall-clock time of an instant. */
function localParts(instant: number, timeZone: string): LocalDate & { minuteOfDay: number; msOfMinute: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    y: parts.year!,
    m: parts.month!,
    d: parts.day!,
    minuteOfDay: parts.hour! * 60 + parts.minute!,
    msOfMinute: parts.second! * 1000 + (((instant % 1000) + 1000) % 1000),
  };
}

/** Local time minus UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, 0, p.minuteOfDay) + p.msOfMinute - instant;
}

/** The instant a local date's wall clock shows `minuteOfDay` (in a DST gap: the moment after it). */
function instantOf(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d, 0, minuteOfDay);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return first === second ? first : Math.max(first, second);
}

const nextDate = ({ y, m, d }: LocalDate): LocalDate => {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
};

export const isoDate = ({ y, m, d }: LocalDate) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** 0 = Monday … 6 = Sunday. */
const weekdayOf = ({ y, m, d }: LocalDate) => (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working intervals of one local date, as minutes of the day. */
function intervalsOn(date: LocalDate, hours: WeekHours, days: ReadonlyMap<string, HolidayKind>): [number, number][] {
  const kind = days.get(isoDate(date));
  if (kind === HolidayKind.HOLIDAY) return [];
  let list = hours[weekdayOf(date)] ?? [];
  // 调休: a make-up day is worked like a regular weekday — the department's first weekday with hours.
  if (kind === HolidayKind.WORKDAY) list = hours.slice(0, 5).find((day) => day.length > 0) ?? list;
  return list.map((i) => [minutesOf(i.start), minutesOf(i.end)] as [number, number]).sort((a, b) => a[0] - b[0]);
}

/** A week with no working minute at all would never end a clock; validation refuses it, and this bounds the loop anyway. */
const MAX_DAYS = 3660;

/**
 * The moment `ms` of working time after `start`. Without hours, plain elapsed time. A clock that
 * starts outside working hours starts at the next working minute; one that ends exactly at the
 * close of an interval is due then, not at the next opening.
 */
export function addWorkingTime(start: Date, ms: number, calendar: WorkCalendar): Date {
  if (!calendar.hours || ms <= 0) return new Date(start.getTime() + Math.max(0, ms));
  let remaining = ms;
  const cursor = start.getTime();
  let date: LocalDate = localParts(cursor, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [from, to] of intervalsOn(date, calendar.hours, calendar.days)) {
      const opens = Math.max(instantOf(date, from, calendar.timeZone), cursor);
      const closes = instantOf(date, to, calendar.timeZone);
      if (closes <= opens) continue;
      if (remaining <= closes - opens) return new Date(opens + remaining);
      remaining -= closes - opens;
    }
    date = nextDate(date);
  }
  return new Date(cursor + remaining);
}

/** Working time between two instants (0 when `to` is not after `from`). */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  if (to <= from) return 0;
  if (!calendar.hours) return to.getTime() - from.getTime();
  let total = 0;
  let date: LocalDate = localParts(from.getTime(), calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    if (instantOf(date, 0, calendar.timeZone) >= to.getTime()) break;
    for (const [start, end] of intervalsOn(date, calendar.hours, calendar.days)) {
      const a = Math.max(instantOf(date, start, calendar.timeZone), from.getTime());
      const b = Math.min(instantOf(date, end, calendar.timeZone), to.getTime());
      if (b > a) total += b - a;
    }
    date = nextDate(date);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Validation: each problem names its field and a reason the portal words

export interface CalendarProblem {
  field: string;
  message: string;
  reason: ErrorReason;
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const MAX_INTERVALS_PER_DAY = 4;
export const MAX_HOLIDAYS_PER_YEAR = 120;
export const HOLIDAY_NAME_MAX = 20;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** A week as given (Monday first, seven days): times HH:MM, each interval start before end, none overlapping, at least one in the week. */
export function validateWeekHours(week: WeekHours, field: string): CalendarProblem | null {
  if (week.length !== 7) return { field, message: 'must list the seven days from Monday to Sunday', reason: 'INVALID' };
  let any = false;
  for (let day = 0; day < 7; day++) {
    const list = week[day]!;
    const at = `${field}.${day + 1}`;
    if (list.length > MAX_INTERVALS_PER_DAY) return { field: at, message: `has more than ${MAX_INTERVALS_PER_DAY} intervals`, reason: 'LIST_TOO_LONG' };
    for (const i of list) {
      if (!HHMM.test(i.start) || !(HHMM.test(i.end) || i.end === '24:00'))
        return { field: at, message: `“${i.start}–${i.end}” is not HH:MM–HH:MM`, reason: 'TIME_INVALID' };
      if (minutesOf(i.start) >= minutesOf(i.end)) return { field: at, message: `${i.start}–${i.end} ends before it starts`, reason: 'HOURS_REVERSED' };
    }
    const sorted = [...list].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let k = 1; k < sorted.length; k++) {
      if (minutesOf(sorted[k]!.start) < minutesOf(sorted[k - 1]!.end)) {
        return {
          field: at,
          message: `${sorted[k - 1]!.start}–${sorted[k - 1]!.end} and ${sorted[k]!.start}–${sorted[k]!.end} overlap`,
          reason: 'HOURS_OVERLAP',
        };
      }
    }
    any ||= list.length > 0;
  }
  if (!any) return { field, message: 'has no working time in the week (leave the department without hours to count every hour)', reason: 'HOURS_NONE' };
  return null;
}

/** A week in a canonical form: each day's intervals in order. */
export const sortedWeek = (week: WeekHours): WeekHours =>
  week.map((day) => [...day].sort((a, b) => minutesOf(a.start) - minutesOf(b.start)).map((i) => ({ start: i.start, end: i.end })));

/** One year's days as given: dates of that year, each once, names short and printable. */
export function validateHolidays(year: number, days: readonly HolidayDay[]): CalendarProblem | null {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return { field: 'year', message: 'must be 2000 to 2100', reason: 'OUT_OF_RANGE' };
  if (days.length > MAX_HOLIDAYS_PER_YEAR) return { field: 'days', message: `lists more than ${MAX_HOLIDAYS_PER_YEAR} days`, reason: 'LIST_TOO_LONG' };
  const seen = new Set<string>();
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    const field = `days.${i}`;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.date);
    const valid =
      m &&
      (() => {
        const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
        return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
      })();
    if (!valid) return { field: `${field}.date`, message: `“${day.date.slice(0, 20)}” is not a date (YYYY-MM-DD)`, reason: 'DATE_INVALID' };
    if (Number(m[1]) !== year) return { field: `${field}.date`, message: `${day.date} is not in ${year}`, reason: 'DATE_OUTSIDE_YEAR' };
    if (seen.has(day.date)) return { field: `${field}.date`, message: `${day.date} is listed twice`, reason: 'NAMED_TWICE' };
    seen.add(day.date);
    if (!Object.values(HolidayKind).includes(day.kind)) return { field: `${field}.kind`, message: 'must be HOLIDAY or WORKDAY', reason: 'INVALID' };
    if (day.name !== null) {
      if (CONTROL.test(day.name)) return { field: `${field}.name`, message: 'contains a control character', reason: 'CONTROL_CHARACTER' };
      if ([...day.name].length > HOLIDAY_NAME_MAX)
        return { field: `${field}.name`, message: `is longer than ${HOLIDAY_NAME_MAX} characters`, reason: 'TOO_LONG' };
    }
  }
  return null;
}

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (国务院办公厅, 4 November 2025, published by 新华社):
 * the demo community's calendar for 2026. Other years are entered by the admin.
 */
export const CHINA_2026: HolidayDay[] = [
  ...range('2026-01-01', 3, '元旦'),
  workday('2026-01-04', '元旦调休'),
  workday('2026-02-14', '春节调休'),
  ...range('2026-02-15', 9, '春节'),
  workday('2026-02-28', '春节调休'),
  ...range('2026-04-04', 3, '清明节'),
  ...range('2026-05-01', 5, '劳动节'),
  workday('2026-05-09', '劳动节调休'),
  ...range('2026-06-19', 3, '端午节'),
  workday('2026-09-20', '国庆节调休'),
  ...range('2026-09-25', 3, '中秋节'),
  ...range('2026-10-01', 7, '国庆节'),
  workday('2026-10-10', '国庆节调休'),
];

function range(first: string, count: number, name: string): HolidayDay[] {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  let date: LocalDate = { y, m, d };
  const list: HolidayDay[] = [];
  for (let i = 0; i < count; i++, date = nextDate(date)) list.push({ date: isoDate(date), kind: HolidayKind.HOLIDAY, name });
  return list;
}

function workday(date: string, name: string): HolidayDay {
  return { date, kind: HolidayKind.WORKDAY, name };
}
