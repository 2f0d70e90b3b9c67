// The register import's rules: which columns a file may have, what a valid row is, and what an
// import would change in the community's register. Pure: no I/O, no GraphQL library.
import { UnitUse } from '../community/community.enums.js';

export enum ImportMode {
  MERGE = 'MERGE',
  REPLACE = 'REPLACE',
}

export const MAX_ROWS = 50_000;
export const MAX_AREA = 100_000;
export const MAX_NAME = 80;
export const MAX_CERTIFICATE = 64;
/** Problems kept for the report and the history; the count has them all. */
export const MAX_PROBLEMS_KEPT = 1_000;

/** Stable codes the portal translates; the English message says the same for everyone else. */
export const PROBLEM_REASONS = [
  'NO_HEADER',
  'NO_ROWS',
  'TOO_MANY_ROWS',
  'UNKNOWN_COLUMN',
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  'CONTROL_CHARACTER',
  'LABEL_MISSING',
  'LABEL_MALFORMED',
  'AREA_MISSING',
  'AREA_NOT_A_NUMBER',
  'AREA_NOT_POSITIVE',
  'AREA_TOO_PRECISE',
  'AREA_ABSURD',
  'UNIT_AREA_CONFLICT',
  'USE_UNKNOWN',
  'UNIT_USE_CONFLICT',
  'NAME_MISSING',
  'NAME_TOO_LONG',
  'PHONE_MISSING',
  'PHONE_INVALID',
  'PHONE_NAME_CONFLICT',
  'DUPLICATE_OWNER',
  'CERTIFICATE_TOO_LONG',
  'UNIT_IN_USE_KEPT',
] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];
export type ProblemSeverity = 'ERROR' | 'WARNING';

export interface RegisterProblem {
  /** Row number in the file as a spreadsheet shows it (the header row counts); null for the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
  reason: ProblemReason;
  /** WARNING: reported, does not stop the import. */
  severity: ProblemSeverity;
}

export interface RegisterSummary {
  unitsCreated: number;
  unitsUpdated: number;
  unitsUnchanged: number;
  unitsRemoved: number;
  ownersCreated: number;
  ownersUpdated: number;
  ownersUnchanged: number;
  ownersRemoved: number;
  /** People new to the community (register owners without an account). */
  peopleCreated: number;
}

export const emptySummary = (): RegisterSummary => ({
  unitsCreated: 0,
  unitsUpdated: 0,
  unitsUnchanged: 0,
  unitsRemoved: 0,
  ownersCreated: 0,
  ownersUpdated: 0,
  ownersUnchanged: 0,
  ownersRemoved: 0,
  peopleCreated: 0,
});

export const blocks = (problems: readonly RegisterProblem[]) => problems.some((p) => p.severity === 'ERROR');

// ---------------------------------------------------------------------------------------------
// Columns

export type Field = 'building' | 'entrance' | 'room' | 'area' | 'name' | 'phone' | 'use' | 'certificate';

/** The name a problem uses for a column the file lacks. */
export const FIELD_NAMES: Record<Field, string> = {
  building: '楼栋',
  entrance: '单元',
  room: '房号',
  area: '专有部分面积',
  name: '业主姓名',
  phone: '手机号',
  use: '用途',
  certificate: '产权证号',
};

const HEADERS: Record<Field, string[]> = {
  building: ['楼栋', '楼栋号', '楼号', '栋', '栋号', '幢', '幢号', '楼', 'building', 'buildingno', 'block'],
  entrance: ['单元', '单元号', 'entrance', 'entranceno', 'staircase'],
  room: ['房号', '房间号', '房屋编号', '门牌号', '室', '室号', 'room', 'roomno', 'unit', 'unitlabel', 'label'],
  area: ['专有部分面积', '专有面积', '面积', '套内面积', 'area', 'floorarea', 'exclusivearea'],
  name: ['业主姓名', '业主', '姓名', '产权人', 'owner', 'ownername', 'name'],
  phone: ['手机号', '手机号码', '手机', '电话', '联系电话', '电话号码', 'phone', 'mobile', 'mobilephone', 'tel', 'telephone'],
  use: ['用途', '房屋用途', '性质', 'use', 'usage', 'type'],
  certificate: ['产权证号', '不动产权证号', '房产证号', '不动产证号', '证书号', 'certificate', 'certificateno', 'certificateref', 'deed'],
};
const HEADER_INDEX = new Map<string, Field>(Object.entries(HEADERS).flatMap(([field, names]) => names.map((n) => [n, field as Field])));

/** 面积(㎡), "Phone No.", " 业主 姓名 " → the key looked up above. */
export function headerKey(text: string): string {
  return toHalfWidth(text)
    .normalize('NFKC')
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[\s_.:：*#-]/g, '')
    .toLowerCase();
}

export const fieldOfHeader = (text: string): Field | null => HEADER_INDEX.get(headerKey(text)) ?? null;

// ---------------------------------------------------------------------------------------------
// Cells

/** Full-width digits, letters and dashes (what Chinese input methods type) to ASCII. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u3000/g, ' ');
}

// C0 and C1 controls, DEL, and the bidirectional overrides that make a name read backwards.

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
export const hasControlCharacter = (text: string) => CONTROL.test(text);

/** An export neutralises formula-looking cells with a leading apostrophe; reading takes it off again. */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const neutraliseFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
const unneutralise = (text: string) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text);

const chars = (text: string) => [...text].length;
const quote = (text: string) => `"${chars(text) > 40 ? `${[...text].slice(0, 40).join('')}…` : text}"`;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: ProblemReason; message: string };
const fail = <T>(reason: ProblemReason, message: string): Checked<T> => ({ ok: false, reason, message });
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

/** 专有部分面积 in m² to exactly two decimals, as a string for numeric(9,2). */
export function checkArea(raw: string): Checked<string> {
  const text = toHalfWidth(raw)
    .trim()
    .replace(/\s*(㎡|m²|m2|平方米|平米)$/i, '')
    .replace(/\s+/g, '');
  if (text === '') return fail('AREA_MISSING', 'The area is empty: give the exclusive floor area in m², e.g. 89.50.');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return fail('AREA_NOT_A_NUMBER', `The area ${quote(raw)} is not a number: write it in m², e.g. 89.50.`);
  const whole = m[2]!.replace(/^0+(?=\d)/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const positive = m[1] !== '-' && (/[1-9]/.test(whole) || /[1-9]/.test(fraction));
  if (!positive) return fail('AREA_NOT_POSITIVE', `The area ${quote(raw)} must be more than 0 m².`);
  if (fraction.length > 2) return fail('AREA_TOO_PRECISE', `The area ${quote(raw)} has more than two decimals; registers record m² to the hundredth.`);
  if (whole.length > 6 || Number(whole) + Number(`0.${fraction || '0'}`) > MAX_AREA) {
    return fail('AREA_ABSURD', `The area ${quote(raw)} is more than ${MAX_AREA.toLocaleString('en')} m², which no single unit has.`);
  }
  return ok(`${whole}.${fraction.padEnd(2, '0')}`);
}

/** A mainland mobile number: 11 digits starting 1[3-9], after taking off +86, spaces and dashes. */
export function checkPhone(raw: string): Checked<string> {
  const text = toHalfWidth(raw).trim();
  if (text === '') return fail('PHONE_MISSING', 'The mobile number is empty: the register matches owners by it.');
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    const hint = /e\+?\d+$/i.test(text) ? ' (the spreadsheet turned it into a number in scientific notation: format the column as text)' : '';
    return fail('PHONE_INVALID', `${quote(raw)} is not a mainland mobile number (11 digits starting with 13–19)${hint}.`);
  }
  return ok(digits);
}

/** The same rule for numbers already stored (staff entered them by hand): null when they are not a mobile number. */
export const normalisePhone = (raw: string | null): string | null => {
  if (!raw) return null;
  const checked = checkPhone(raw);
  return checked.ok ? checked.value : null;
};

export interface Label {
  label: string;
  building: number;
}

const BUILDING = /^0*(\d{1,4})\s*(号楼|号|栋|幢|座|楼)?$/;
const ENTRANCE = /^0*(\d{1,3})\s*(单元|门)?$/;
const ROOM = /^([0-9A-Za-z]{1,10})\s*(室|号)?$/;
const FULL = /^0*(\d{1,4})-0*(\d{1,3})-([0-9A-Za-z]{1,10})$/;
const SPELLED = /^0*(\d{1,4})(?:号楼|栋|幢|座)0*(\d{1,3})单元([0-9A-Za-z]{1,10})室?$/;

/** 3-2-1201 (or 3栋2单元1201室) from one 房号 column, or from 楼栋 / 单元 / 房号. */
export function checkLabel(parts: { building?: string; entrance?: string; room: string }): Checked<Label> {
  const room = toHalfWidth(parts.room).trim().replace(/\s+/g, '');
  if (parts.building === undefined) {
    if (room === '') return fail('LABEL_MISSING', 'The unit (房号) is empty.');
    const m = FULL.exec(room) ?? SPELLED.exec(room);
    if (!m) return fail('LABEL_MALFORMED', `The unit ${quote(parts.room)} is not building-entrance-room like 3-2-1201.`);
    return ok({ label: `${Number(m[1])}-${Number(m[2])}-${m[3]!.toUpperCase()}`, building: Number(m[1]) });
  }
  const b = toHalfWidth(parts.building).trim();
  const e = toHalfWidth(parts.entrance ?? '').trim();
  if (b === '' || e === '' || room === '') return fail('LABEL_MISSING', 'The unit is incomplete: 楼栋, 单元 and 房号 must all be given.');
  const bm = BUILDING.exec(b);
  const em = ENTRANCE.exec(e);
  const rm = ROOM.exec(room);
  if (!bm) return fail('LABEL_MALFORMED', `The building ${quote(parts.building)} is not a building number like 3 or 3号楼.`);
  if (!em) return fail('LABEL_MALFORMED', `The entrance ${quote(parts.entrance ?? '')} is not an entrance number like 2 or 2单元.`);
  if (!rm) return fail('LABEL_MALFORMED', `The room ${quote(parts.room)} is not a room number like 1201.`);
  return ok({ label: `${Number(bm[1])}-${Number(em[1])}-${rm[1]!.toUpperCase()}`, building: Number(bm[1]) });
}

const USES: Record<string, UnitUse> = {
  住宅: UnitUse.RESIDENTIAL,
  住房: UnitUse.RESIDENTIAL,
  居住: UnitUse.RESIDENTIAL,
  公寓: UnitUse.RESIDENTIAL,
  residential: UnitUse.RESIDENTIAL,
  home: UnitUse.RESIDENTIAL,
  商业: UnitUse.COMMERCIAL,
  商铺: UnitUse.COMMERCIAL,
  商用: UnitUse.COMMERCIAL,
  门面: UnitUse.COMMERCIAL,
  办公: UnitUse.COMMERCIAL,
  commercial: UnitUse.COMMERCIAL,
  shop: UnitUse.COMMERCIAL,
  office: UnitUse.COMMERCIAL,
  车位: UnitUse.PARKING,
  车库: UnitUse.PARKING,
  停车位: UnitUse.PARKING,
  地下车位: UnitUse.PARKING,
  parking: UnitUse.PARKING,
  garage: UnitUse.PARKING,
};

/** 用途; empty is null (leave as it is, residential for a new unit). */
export function checkUse(raw: string): Checked<UnitUse | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  const use = USES[text.toLowerCase()];
  return use ? ok(use) : fail('USE_UNKNOWN', `The use ${quote(raw)} is not one of 住宅 (residential), 商业 (commercial) or 车位 (parking).`);
}

export function checkName(raw: string): Checked<string> {
  const name = unneutralise(raw.normalize('NFC').trim().replace(/\s+/g, ' '));
  if (name === '') return fail('NAME_MISSING', 'The owner’s name is empty.');
  if (chars(name) > MAX_NAME) return fail('NAME_TOO_LONG', `The owner’s name is ${chars(name)} characters long; at most ${MAX_NAME} fit.`);
  return ok(name);
}

export function checkCertificate(raw: string): Checked<string | null> {
  const text = unneutralise(raw.normalize('NFC').trim());
  if (text === '') return ok(null);
  if (chars(text) > MAX_CERTIFICATE)
    return fail('CERTIFICATE_TOO_LONG', `The certificate number is ${chars(text)} characters long; at most ${MAX_CERTIFICATE} fit.`);
  return ok(text);
}

// ---------------------------------------------------------------------------------------------
// A whole sheet

/** One row of the file as text, with its row number as a spreadsheet shows it. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** One valid row: one owner of one unit. */
export interface RegisterRow {
  row: number;
  label: string;
  building: number;
  area: string;
  use: UnitUse | null;
  name: string;
  phone: string;
  certificateRef: string | null;
}

export interface ReadRegister {
  rows: RegisterRow[];
  problems: RegisterProblem[];
  /** Whether the file has a 产权证号 column (only then does it set certificate numbers). */
  hasCertificate: boolean;
  /** Rows that were neither empty nor valid. */
  invalidRows: number;
}

const isEmpty = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
const error = (row: number | null, column: string | null, reason: ProblemReason, message: string): RegisterProblem => ({
  row,
  column,
  reason,
  message,
  severity: 'ERROR',
});

/** Validates every row of a sheet: the header's columns, each cell, and what rows say about each other. */
export function readRegister(sheet: readonly SheetRow[]): ReadRegister {
  const problems: RegisterProblem[] = [];
  const result = (rows: RegisterRow[] = [], hasCertificate = false, invalidRows = 0): ReadRegister => ({ rows, problems, hasCertificate, invalidRows });
  // The header is the first row that names at least two known columns (a title row may stand above it).
  const nonEmpty = sheet.filter((r) => !isEmpty(r.cells));
  const header = nonEmpty.slice(0, 10).find((r) => r.cells.filter((c) => fieldOfHeader(c)).length >= 2) ?? nonEmpty[0];
  if (!header) {
    problems.push(error(null, null, 'NO_HEADER', 'The file is empty: it needs a header row (房号, 专有部分面积, 业主姓名, 手机号) and one row per owner.'));
    return result();
  }

  const columns = new Map<Field, number>();
  header.cells.forEach((text, index) => {
    if (text.trim() === '') {
      const used = sheet.some((r) => r.row > header.row && (r.cells[index] ?? '').trim() !== '');
      if (used) problems.push(error(header.row, `column ${index + 1}`, 'UNKNOWN_COLUMN', `Column ${index + 1} has values but no header.`));
      return;
    }
    const field = fieldOfHeader(text);
    if (hasControlCharacter(text)) problems.push(error(header.row, text, 'CONTROL_CHARACTER', `The header ${quote(text)} contains a control character.`));
    else if (!field) {
      problems.push(
        error(
          header.row,
          text.trim(),
          'UNKNOWN_COLUMN',
          `The column ${quote(text.trim())} is not one the register knows (房号 or 楼栋/单元/房号, 专有部分面积, 业主姓名, 手机号, 用途, 产权证号).`,
        ),
      );
    } else if (columns.has(field)) {
      problems.push(
        error(
          header.row,
          text.trim(),
          'DUPLICATE_COLUMN',
          `The column ${quote(text.trim())} repeats ${FIELD_NAMES[field]}, which an earlier column already gives.`,
        ),
      );
    } else columns.set(field, index);
  });
  const split = columns.has('building') || columns.has('entrance');
  const required: Field[] = split ? ['building', 'entrance', 'room', 'area', 'name', 'phone'] : ['room', 'area', 'name', 'phone'];
  for (const field of required) {
    if (!columns.has(field))
      problems.push(error(header.row, FIELD_NAMES[field], 'MISSING_COLUMN', `The file has no ${FIELD_NAMES[field]} column, which the register needs.`));
  }
  if (problems.length) return result();

  const data = sheet.filter((r) => r.row > header.row && !isEmpty(r.cells));
  if (data.length === 0) {
    problems.push(error(null, null, 'NO_ROWS', 'The file has a header but no owners under it.'));
    return result();
  }
  if (data.length > MAX_ROWS) {
    problems.push(
      error(null, null, 'TOO_MANY_ROWS', `The file has more than ${MAX_ROWS.toLocaleString('en')} rows; split it by building and import each part.`),
    );
    return result();
  }

  const header$ = (field: Field) => header.cells[columns.get(field)!]!.trim();
  const rows: RegisterRow[] = [];
  const units = new Map<string, { row: number; area: string; use: UnitUse | null }>();
  const names = new Map<string, { row: number; name: string }>();
  const owners = new Map<string, number>();
  let invalidRows = 0;
  for (const r of data) {
    const before = problems.length;
    const cell = (field: Field) => (columns.has(field) ? (r.cells[columns.get(field)!] ?? '') : '');
    for (const [field, index] of columns) {
      const text = r.cells[index] ?? '';
      if (hasControlCharacter(text))
        problems.push(
          error(
            r.row,
            header$(field),
            'CONTROL_CHARACTER',
            `The cell contains a control character (such as NUL or a line break), which a register entry cannot hold.`,
          ),
        );
    }
    if (problems.length > before) {
      invalidRows++;
      continue;
    }
    const take = <T>(field: Field, checked: Checked<T>): T | undefined => {
      if (checked.ok) return checked.value;
      problems.push(error(r.row, header$(field), checked.reason, checked.message));
      return undefined;
    };
    const label = take('room', checkLabel(split ? { building: cell('building'), entrance: cell('entrance'), room: cell('room') } : { room: cell('room') }));
    const area = take('area', checkArea(cell('area')));
    const use = columns.has('use') ? take('use', checkUse(cell('use'))) : null;
    const name = take('name', checkName(cell('name')));
    const phone = take('phone', checkPhone(cell('phone')));
    const certificateRef = columns.has('certificate') ? take('certificate', checkCertificate(cell('certificate'))) : null;
    if (problems.length > before) {
      invalidRows++;
      continue;
    }
    const unit = units.get(label!.label);
    if (unit && unit.area !== area) {
      problems.push(
        error(
          r.row,
          header$('area'),
          'UNIT_AREA_CONFLICT',
          `Unit ${label!.label} has ${area} m² here but ${unit.area} m² on row ${unit.row}; one unit has one area.`,
        ),
      );
    } else if (unit && unit.use && use && unit.use !== use) {
      problems.push(
        error(
          r.row,
          header$('use'),
          'UNIT_USE_CONFLICT',
          `Unit ${label!.label} is ${use.toLowerCase()} here but ${unit.use.toLowerCase()} on row ${unit.row}.`,
        ),
      );
    }
    const known = names.get(phone!);
    if (known && known.name !== name) {
      problems.push(
        error(
          r.row,
          header$('phone'),
          'PHONE_NAME_CONFLICT',
          `The mobile number ${phone} belongs to ${quote(known.name)} on row ${known.row} but to ${quote(name!)} here; one number is one person.`,
        ),
      );
    }
    const ownerKey = `${label!.label}|${phone}`;
    const twice = owners.get(ownerKey);
    if (twice !== undefined) {
      problems.push(
        error(r.row, header$('phone'), 'DUPLICATE_OWNER', `The owner with mobile number ${phone} is listed for unit ${label!.label} already on row ${twice}.`),
      );
    }
    if (problems.length > before) {
      invalidRows++;
      continue;
    }
    if (!unit) units.set(label!.label, { row: r.row, area: area!, use: use ?? null });
    else if (!unit.use && use) unit.use = use;
    if (!known) names.set(phone!, { row: r.row, name: name! });
    owners.set(ownerKey, r.row);
    rows.push({
      row: r.row,
      label: label!.label,
      building: label!.building,
      area: area!,
      use: use ?? null,
      name: name!,
      phone: phone!,
      certificateRef: certificateRef ?? null,
    });
  }
  return result(rows, columns.has('certificate'), invalidRows);
}

// ---------------------------------------------------------------------------------------------
// What an import changes

export interface CurrentUnit {
  id: string;
  label: string;
  area: string;
  use: UnitUse;
  /** Has tickets or is on a decision's roll: an import never deletes it. */
  inUse: boolean;
}

export interface CurrentPerson {
  id: string;
  name: string;
  /** Normalised mobile number, or null when none is stored. */
  phone: string | null;
  hasAccount: boolean;
  isOwner: boolean;
}

export interface CurrentOwnership {
  id: string;
  unitId: string;
  personId: string;
  certificateRef: string | null;
}

export interface CurrentRegister {
  buildings: number[];
  units: CurrentUnit[];
  people: CurrentPerson[];
  ownerships: CurrentOwnership[];
}

export interface RegisterPlan {
  buildings: number[];
  unitsCreate: { id: string; label: string; building: number; area: string; use: UnitUse }[];
  unitsUpdate: { id: string; area: string; use: UnitUse }[];
  unitsRemove: string[];
  peopleCreate: { id: string; name: string; phone: string }[];
  peopleRename: { id: string; name: string }[];
  /** Matched people (account holders among them) who own a unit now and lack the OWNER role. */
  peopleMakeOwner: string[];
  ownershipsCreate: { id: string; unitId: string; personId: string; certificateRef: string | null }[];
  ownershipsUpdate: { id: string; certificateRef: string | null }[];
  ownershipsRemove: string[];
}

export interface PlannedImport {
  plan: RegisterPlan;
  summary: RegisterSummary;
  /** Warnings only: what REPLACE was asked to remove and keeps. */
  problems: RegisterProblem[];
}

/**
 * Diffs valid rows against the register. A person is matched by mobile number (an account holder
 * before a register-only entry with the same number); MERGE adds and updates, REPLACE also removes
 * what the file lacks, except units in use, which it keeps and reports.
 */
export function planImport(
  current: CurrentRegister,
  rows: readonly RegisterRow[],
  options: { mode: ImportMode; hasCertificate: boolean; newId: () => string },
): PlannedImport {
  const summary = emptySummary();
  const problems: RegisterProblem[] = [];
  const plan: RegisterPlan = {
    buildings: [],
    unitsCreate: [],
    unitsUpdate: [],
    unitsRemove: [],
    peopleCreate: [],
    peopleRename: [],
    peopleMakeOwner: [],
    ownershipsCreate: [],
    ownershipsUpdate: [],
    ownershipsRemove: [],
  };
  const unitsByLabel = new Map(current.units.map((u) => [u.label, u]));
  const byPhone = new Map<string, CurrentPerson>();
  for (const p of current.people) {
    if (!p.phone) continue;
    const seen = byPhone.get(p.phone);
    if (!seen || (p.hasAccount && !seen.hasAccount)) byPhone.set(p.phone, p);
  }
  const ownership = new Map(current.ownerships.map((o) => [`${o.unitId}|${o.personId}`, o]));
  const buildings = new Set(current.buildings);

  // Units: one per label, the first row's area and use (rules made sure rows agree).
  const unitIds = new Map<string, string>();
  const fileUnits = new Map<string, RegisterRow>();
  for (const r of rows) {
    const first = fileUnits.get(r.label);
    if (!first) fileUnits.set(r.label, { ...r });
    else if (!first.use && r.use) first.use = r.use;
  }
  for (const [label, r] of fileUnits) {
    const unit = unitsByLabel.get(label);
    if (!unit) {
      const id = options.newId();
      if (!buildings.has(r.building)) {
        buildings.add(r.building);
        plan.buildings.push(r.building);
      }
      plan.unitsCreate.push({ id, label, building: r.building, area: r.area, use: r.use ?? UnitUse.RESIDENTIAL });
      unitIds.set(label, id);
      summary.unitsCreated++;
      continue;
    }
    unitIds.set(label, unit.id);
    const use = r.use ?? unit.use;
    if (unit.area !== r.area || unit.use !== use) {
      plan.unitsUpdate.push({ id: unit.id, area: r.area, use });
      summary.unitsUpdated++;
    } else summary.unitsUnchanged++;
  }

  // People: one per mobile number.
  const personIds = new Map<string, string>();
  const renamed = new Set<string>();
  const madeOwner = new Set<string>();
  for (const r of rows) {
    if (personIds.has(r.phone)) continue;
    const person = byPhone.get(r.phone);
    if (!person) {
      const id = options.newId();
      plan.peopleCreate.push({ id, name: r.name, phone: r.phone });
      personIds.set(r.phone, id);
      summary.peopleCreated++;
      continue;
    }
    personIds.set(r.phone, person.id);
    if (person.name !== r.name) {
      plan.peopleRename.push({ id: person.id, name: r.name });
      renamed.add(person.id);
    }
    if (!person.isOwner && !madeOwner.has(person.id)) {
      madeOwner.add(person.id);
      plan.peopleMakeOwner.push(person.id);
    }
  }

  // Ownerships: one per row.
  const kept = new Set<string>();
  for (const r of rows) {
    const unitId = unitIds.get(r.label)!;
    const personId = personIds.get(r.phone)!;
    const existing = ownership.get(`${unitId}|${personId}`);
    if (!existing) {
      plan.ownershipsCreate.push({ id: options.newId(), unitId, personId, certificateRef: r.certificateRef });
      summary.ownersCreated++;
      continue;
    }
    kept.add(existing.id);
    const certificateChanged = options.hasCertificate && existing.certificateRef !== r.certificateRef;
    if (certificateChanged) plan.ownershipsUpdate.push({ id: existing.id, certificateRef: r.certificateRef });
    if (certificateChanged || renamed.has(personId)) summary.ownersUpdated++;
    else summary.ownersUnchanged++;
  }

  if (options.mode === ImportMode.REPLACE) {
    const removedUnits = new Set<string>();
    for (const unit of current.units) {
      if (fileUnits.has(unit.label)) continue;
      if (unit.inUse) {
        problems.push({
          row: null,
          column: FIELD_NAMES.room,
          reason: 'UNIT_IN_USE_KEPT',
          severity: 'WARNING',
          message: `Unit ${unit.label} is not in the file but has tickets or votes, so it is kept with its owners.`,
        });
        continue;
      }
      removedUnits.add(unit.id);
      plan.unitsRemove.push(unit.id);
      summary.unitsRemoved++;
    }
    const inFile = new Set(unitIds.values());
    for (const o of current.ownerships) {
      if (kept.has(o.id)) continue;
      if (removedUnits.has(o.unitId) || inFile.has(o.unitId)) {
        plan.ownershipsRemove.push(o.id);
        summary.ownersRemoved++;
      }
    }
  }
  return { plan, summary, problems };
}
