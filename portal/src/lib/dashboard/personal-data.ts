/**
 * 个人信息查阅与导出: the JSON the API holds about the viewer, split into the sections the
 * privacy page shows. Pure; the page translates the names.
 */

export const SECTIONS = [
  'profile',
  'units',
  'tickets',
  'proposals',
  'comments',
  'supports',
  'ballots',
  'rewards',
  'sessions',
  'notificationSettings',
  'deliveries',
] as const;
export type SectionKey = (typeof SECTIONS)[number];

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type PersonalRecord = Record<string, Value>;

export interface PersonalData {
  exportedAt: string | null;
  sections: { key: SectionKey; records: PersonalRecord[] }[];
  notifications: number;
}

function isRecord(value: unknown): value is PersonalRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** null when the text is not the JSON object the API sends. */
export function parsePersonalData(text: string): PersonalData | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw)) return null;
  const sections = SECTIONS.map((key) => {
    const value = raw[key];
    const records = Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : [];
    return { key, records };
  });
  return {
    exportedAt: typeof raw.exportedAt === 'string' ? raw.exportedAt : null,
    sections,
    notifications: typeof raw.notifications === 'number' ? raw.notifications : 0,
  };
}

/** "cocreate-personal-data-2025-03-04.json", dated in local time. */
export function downloadName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `cocreate-personal-data-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

// ISO ("2025-03-04T02:00:00.000Z") or Postgres text ("2025-03-04 02:00:00.328+00").
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The moment a timestamp value names, or null for anything else (plain dates included). */
export function timestampOf(value: Value): Date | null {
  if (typeof value !== 'string') return null;
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, date, time, zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const at = Date.parse(`${date}T${time}${offset}`);
  return Number.isNaN(at) ? null : new Date(at);
}

export function isTimestamp(value: Value): value is string {
  return timestampOf(value) !== null;
}

/** The field that names a record in a list ("#12 电梯异响"); null when none fits. */
export function headlineField(record: PersonalRecord): string | null {
  for (const field of ['title', 'label', 'question', 'display_name', 'reason', 'body']) {
    if (typeof record[field] === 'string' && record[field] !== '') return field;
  }
  return null;
}
