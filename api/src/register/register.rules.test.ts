import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UnitUse } from '../community/community.enums.js';
import {
  checkArea,
  checkCertificate,
  checkLabel,
  checkName,
  checkPhone,
  checkUse,
  fieldOfHeader,
  ImportMode,
  MAX_ROWS,
  neutraliseFormula,
  planImport,
  PROBLEM_REASONS,
  readRegister,
  type CurrentRegister,
  type ProblemReason,
  type SheetRow,
} from './register.rules.js';

const sheet = (...rows: string[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));
const HEADER = ['房号', '专有部分面积', '业主姓名', '手机号'];
const reasons = (rows: SheetRow[]) => readRegister(rows).problems.map((p) => p.reason);

describe('headers', () => {
  it.each([
    ['房号', 'room'],
    ['楼栋', 'building'],
    ['楼号', 'building'],
    ['单元', 'entrance'],
    ['专有部分面积', 'area'],
    ['面积(㎡)', 'area'],
    ['面积（平方米）', 'area'],
    ['Area', 'area'],
    ['业主姓名', 'name'],
    ['姓名', 'name'],
    ['Owner', 'name'],
    ['name', 'name'],
    ['手机号', 'phone'],
    ['手机', 'phone'],
    ['电话', 'phone'],
    ['Phone', 'phone'],
    ['mobile', 'phone'],
    [' 手 机 号 ', 'phone'],
    ['用途', 'use'],
    ['Use', 'use'],
    ['产权证号', 'certificate'],
    ['Certificate No.', 'certificate'],
    ['备注', null],
    ['建筑面积', null],
    ['', null],
  ])('%s → %s', (text, field) => expect(fieldOfHeader(text)).toBe(field));
});

describe('cells', () => {
  it.each([
    ['89.5', '89.50'],
    ['89', '89.00'],
    ['089.50', '89.50'],
    ['89.500', '89.50'],
    [' 120.05 ', '120.05'],
    ['１２０.５', '120.50'],
    ['95㎡', '95.00'],
    ['100000', '100000.00'],
    ['0.01', '0.01'],
  ])('area %s is %s', (raw, value) => expect(checkArea(raw)).toEqual({ ok: true, value }));

  it.each<[string, ProblemReason]>([
    ['', 'AREA_MISSING'],
    ['abc', 'AREA_NOT_A_NUMBER'],
    ['1,5', 'AREA_NOT_A_NUMBER'],
    ['.', 'AREA_NOT_A_NUMBER'],
    ['1e3', 'AREA_NOT_A_NUMBER'],
    ['NaN', 'AREA_NOT_A_NUMBER'],
    ['0', 'AREA_NOT_POSITIVE'],
    ['0.00', 'AREA_NOT_POSITIVE'],
    ['-5', 'AREA_NOT_POSITIVE'],
    ['89.123', 'AREA_TOO_PRECISE'],
    ['100000.01', 'AREA_ABSURD'],
    ['99999999', 'AREA_ABSURD'],
  ])('area %s: %s', (raw, reason) => expect(checkArea(raw)).toMatchObject({ ok: false, reason }));

  it('an area is kept exact to the hundredth for any two-decimal amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(checkArea(text)).toEqual({ ok: true, value: text });
      }),
    );
  });

  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['19912345678', '19912345678'],
  ])('phone %s is %s', (raw, value) => expect(checkPhone(raw)).toEqual({ ok: true, value }));

  it.each<[string, ProblemReason]>([
    ['', 'PHONE_MISSING'],
    ['12812345678', 'PHONE_INVALID'],
    ['1381234567', 'PHONE_INVALID'],
    ['138123456789', 'PHONE_INVALID'],
    ['010-12345678', 'PHONE_INVALID'],
    ['1.38123E+10', 'PHONE_INVALID'],
    ['+1 4155550100', 'PHONE_INVALID'],
    ['phone', 'PHONE_INVALID'],
  ])('phone %s: %s', (raw, reason) => expect(checkPhone(raw)).toMatchObject({ ok: false, reason }));

  it('explains a phone number Excel turned into scientific notation', () => {
    expect(checkPhone('1.38123E+10')).toMatchObject({ message: expect.stringContaining('scientific notation') });
  });

  it.each([
    [{ room: '3-2-1201' }, '3-2-1201', 3],
    [{ room: '03-02-1201' }, '3-2-1201', 3],
    [{ room: '3－2－1201' }, '3-2-1201', 3],
    [{ room: '3栋2单元1201室' }, '3-2-1201', 3],
    [{ room: '12号楼1单元101' }, '12-1-101', 12],
    [{ room: '1-1-b1' }, '1-1-B1', 1],
    [{ building: '3', entrance: '2', room: '1201' }, '3-2-1201', 3],
    [{ building: '3号楼', entrance: '2单元', room: '1201室' }, '3-2-1201', 3],
    [{ building: '３栋', entrance: '02', room: '1201' }, '3-2-1201', 3],
  ])('label %j is %s', (parts, label, building) => expect(checkLabel(parts)).toEqual({ ok: true, value: { label, building } }));

  it.each<[Parameters<typeof checkLabel>[0], ProblemReason]>([
    [{ room: '' }, 'LABEL_MISSING'],
    [{ room: '1201' }, 'LABEL_MALFORMED'],
    [{ room: '3-2' }, 'LABEL_MALFORMED'],
    [{ room: 'A-2-1201' }, 'LABEL_MALFORMED'],
    [{ room: '3-2-1201-1' }, 'LABEL_MALFORMED'],
    [{ room: '3-2-12345678901' }, 'LABEL_MALFORMED'],
    [{ building: '', entrance: '2', room: '1201' }, 'LABEL_MISSING'],
    [{ building: 'A座', entrance: '2', room: '1201' }, 'LABEL_MALFORMED'],
    [{ building: '3', entrance: '东', room: '1201' }, 'LABEL_MALFORMED'],
    [{ building: '3', entrance: '2', room: '12-01' }, 'LABEL_MALFORMED'],
  ])('label %j: %s', (parts, reason) => expect(checkLabel(parts)).toMatchObject({ ok: false, reason }));

  it('spaces inside a label are ignored', () => expect(checkLabel({ room: '3-2-12 01' })).toMatchObject({ ok: true, value: { label: '3-2-1201' } }));

  it.each([
    ['住宅', UnitUse.RESIDENTIAL],
    ['Residential', UnitUse.RESIDENTIAL],
    ['商铺', UnitUse.COMMERCIAL],
    ['commercial', UnitUse.COMMERCIAL],
    ['车位', UnitUse.PARKING],
    ['PARKING', UnitUse.PARKING],
    ['', null],
  ])('use %s is %s', (raw, value) => expect(checkUse(raw)).toEqual({ ok: true, value }));
  it('an unknown use is a problem', () => expect(checkUse('仓库')).toMatchObject({ ok: false, reason: 'USE_UNKNOWN' }));

  it('names: trimmed, inner spaces collapsed, emoji kept, at most 80 characters, an export’s apostrophe taken off', () => {
    expect(checkName('  Li   Na ')).toEqual({ ok: true, value: 'Li Na' });
    expect(checkName('王🏠芳')).toEqual({ ok: true, value: '王🏠芳' });
    expect(checkName('🏠'.repeat(80))).toMatchObject({ ok: true });
    expect(checkName('王'.repeat(81))).toMatchObject({ ok: false, reason: 'NAME_TOO_LONG' });
    expect(checkName('x'.repeat(10_000))).toMatchObject({ ok: false, reason: 'NAME_TOO_LONG' });
    expect(checkName('')).toMatchObject({ ok: false, reason: 'NAME_MISSING' });
    expect(checkName("'=cmd|' /C calc'!A0")).toEqual({ ok: true, value: "=cmd|' /C calc'!A0" });
    expect(checkName("O'Brien")).toEqual({ ok: true, value: "O'Brien" });
  });

  it('certificates: optional, at most 64 characters', () => {
    expect(checkCertificate('')).toEqual({ ok: true, value: null });
    expect(checkCertificate(' 沪(2020)浦字第001号 ')).toEqual({ ok: true, value: '沪(2020)浦字第001号' });
    expect(checkCertificate('x'.repeat(65))).toMatchObject({ ok: false, reason: 'CERTIFICATE_TOO_LONG' });
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])('an export neutralises %j', (text) => expect(neutraliseFormula(text)).toBe(`'${text}`));
  it('an export leaves other text alone', () => expect(neutraliseFormula('王芳')).toBe('王芳'));
});

describe('reading a sheet', () => {
  it('reads one owner per row; a repeated unit is co-owners; empty rows are skipped; row numbers are the file’s', () => {
    const read = readRegister(sheet(HEADER, ['3-2-1201', '89.5', '王芳', '13812345678'], ['', '', '', ''], ['3-2-1201', '89.50', '李强', '+86 139 0000 0001']));
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { row: 2, label: '3-2-1201', building: 3, area: '89.50', use: null, name: '王芳', phone: '13812345678', certificateRef: null },
      { row: 4, label: '3-2-1201', building: 3, area: '89.50', use: null, name: '李强', phone: '13900000001', certificateRef: null },
    ]);
    expect(read.hasCertificate).toBe(false);
  });

  it('reads 楼栋/单元/房号 in English or Chinese, and skips a title row above the header', () => {
    const read = readRegister(
      sheet(
        ['湖畔花园业主名册'],
        ['Building', 'Entrance', 'Room', 'Area', 'Owner', 'Mobile', 'Use', 'Certificate'],
        ['3', '2', '1201', '89.5', 'Wang Fang', '13812345678', '商铺', 'C-1'],
      ),
    );
    expect(read.problems).toEqual([]);
    expect(read.rows[0]).toMatchObject({ row: 3, label: '3-2-1201', use: UnitUse.COMMERCIAL, certificateRef: 'C-1' });
    expect(read.hasCertificate).toBe(true);
  });

  it('a file without rows, or without a header, says so', () => {
    expect(reasons(sheet())).toEqual(['NO_HEADER']);
    expect(reasons(sheet(['', '']))).toEqual(['NO_HEADER']);
    expect(reasons(sheet(HEADER))).toEqual(['NO_ROWS']);
  });

  it('unknown, duplicate and missing columns are named by row 1 and the column', () => {
    const read = readRegister(sheet([...HEADER, '备注', '电话'], ['3-2-1201', '89.5', '王芳', '13812345678', 'x', 'y']));
    expect(read.problems).toEqual([
      expect.objectContaining({ row: 1, column: '备注', reason: 'UNKNOWN_COLUMN', severity: 'ERROR' }),
      expect.objectContaining({ row: 1, column: '电话', reason: 'DUPLICATE_COLUMN' }),
    ]);
    expect(readRegister(sheet(['房号', '面积', '姓名'], ['3-2-1201', '1', 'x'])).problems).toEqual([
      expect.objectContaining({ column: '手机号', reason: 'MISSING_COLUMN' }),
    ]);
    expect(reasons(sheet(['楼栋', '房号', '面积', '姓名', '手机'], ['3', '1201', '1', 'x', '13812345678']))).toEqual(['MISSING_COLUMN']);
    expect(reasons(sheet([...HEADER, ''], ['3-2-1201', '89.5', '王芳', '13812345678', 'stray']))).toEqual(['UNKNOWN_COLUMN']);
    expect(reasons(sheet([...HEADER, ''], ['3-2-1201', '89.5', '王芳', '13812345678', '']))).toEqual([]);
  });

  it('every cell problem names its row and column in plain words', () => {
    const read = readRegister(sheet(HEADER, ['3-2-1201', 'abc', '王芳', '13812345678'], ['bad', '0', '', '12345']));
    expect(read.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, '专有部分面积', 'AREA_NOT_A_NUMBER'],
      [3, '房号', 'LABEL_MALFORMED'],
      [3, '专有部分面积', 'AREA_NOT_POSITIVE'],
      [3, '业主姓名', 'NAME_MISSING'],
      [3, '手机号', 'PHONE_INVALID'],
    ]);
    expect(read.problems[0]!.message).toBe('The area "abc" is not a number: write it in m², e.g. 89.50.');
    expect(read.invalidRows).toBe(2);
  });

  it('rows that contradict each other: a unit with two areas or uses, a phone under two names, an owner twice on a unit', () => {
    const read = readRegister(
      sheet(
        [...HEADER, '用途'],
        ['3-2-1201', '89.50', '王芳', '13812345678', '住宅'],
        ['3-2-1201', '90.00', '李强', '13900000001', ''],
        ['3-2-1202', '70', '张伟', '13812345678', ''],
        ['3-2-1201', '89.5', '王芳', '138 1234 5678', ''],
        ['3-2-1201', '89.5', '刘洋', '13900000002', '商业'],
      ),
    );
    expect(read.problems.map((p) => [p.row, p.reason])).toEqual([
      [3, 'UNIT_AREA_CONFLICT'],
      [4, 'PHONE_NAME_CONFLICT'],
      [5, 'DUPLICATE_OWNER'],
      [6, 'UNIT_USE_CONFLICT'],
    ]);
    expect(read.problems[0]!.message).toBe('Unit 3-2-1201 has 90.00 m² here but 89.50 m² on row 2; one unit has one area.');
  });

  it('one person on several units is fine', () => {
    expect(reasons(sheet(HEADER, ['1-1-101', '80', '王芳', '13812345678'], ['1-1-102', '80', '王芳', '13812345678']))).toEqual([]);
  });

  it.each(['\u0000', '\u0007', '\n', '\r', '\u001b', '\u007f', '\u202e'])('a control character %j in a cell is a problem', (c) => {
    const read = readRegister(sheet(HEADER, ['3-2-1201', '89.5', `王${c}芳`, '13812345678']));
    expect(read.problems).toEqual([expect.objectContaining({ row: 2, column: '业主姓名', reason: 'CONTROL_CHARACTER' })]);
    expect(read.rows).toEqual([]);
  });

  it(`more than ${MAX_ROWS} rows is one problem`, () => {
    const rows = [HEADER, ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => [`1-1-${i + 1}`, '80', '王芳', '13812345678'])];
    expect(reasons(sheet(...rows))).toEqual(['TOO_MANY_ROWS']);
  });

  it('every reason is a stable upper-case code', () => {
    for (const r of PROBLEM_REASONS) expect(r).toMatch(/^[A-Z_]+$/);
  });
});

describe('planning an import', () => {
  let n = 0;
  const newId = () => `new-${++n}`;
  const current = (): CurrentRegister => ({
    buildings: [1],
    units: [
      { id: 'u1', label: '1-1-101', area: '80.00', use: UnitUse.RESIDENTIAL, inUse: false },
      { id: 'u2', label: '1-1-102', area: '90.00', use: UnitUse.RESIDENTIAL, inUse: true },
      { id: 'u3', label: '1-1-103', area: '70.00', use: UnitUse.RESIDENTIAL, inUse: false },
    ],
    people: [
      { id: 'p1', name: '王芳', phone: '13812345678', hasAccount: true, isOwner: true },
      { id: 'p2', name: '李强', phone: '13900000001', hasAccount: false, isOwner: true },
      { id: 'staff', name: '客服', phone: '13700000000', hasAccount: true, isOwner: false },
      { id: 'p2dup', name: '李强', phone: '13900000001', hasAccount: true, isOwner: true },
    ],
    ownerships: [
      { id: 'o1', unitId: 'u1', personId: 'p1', certificateRef: null },
      { id: 'o2', unitId: 'u2', personId: 'p2', certificateRef: null },
      { id: 'o3', unitId: 'u3', personId: 'p2', certificateRef: null },
    ],
  });
  const rows = (...r: string[][]) => readRegister(sheet([...HEADER, '产权证号'], ...r)).rows;

  it('the same register again changes nothing', () => {
    const { summary, plan } = planImport(current(), rows(['1-1-101', '80', '王芳', '13812345678', '']), {
      mode: ImportMode.MERGE,
      hasCertificate: true,
      newId,
    });
    expect(summary).toMatchObject({ unitsUnchanged: 1, ownersUnchanged: 1, unitsCreated: 0, unitsUpdated: 0, ownersCreated: 0, ownersUpdated: 0 });
    expect(Object.values(plan).every((list) => list.length === 0)).toBe(true);
  });

  it('MERGE adds and updates; matches people by phone (account holders first, staff too); leaves the rest alone', () => {
    const { summary, plan, problems } = planImport(
      current(),
      rows(
        ['1-1-101', '81', '王芳', '13812345678', 'C-1'],
        ['2-1-101', '60', '赵六', '13600000000', ''],
        ['2-1-101', '60', '客服', '13700000000', ''],
        ['1-1-103', '70', '李强强', '13900000001', ''],
      ),
      { mode: ImportMode.MERGE, hasCertificate: true, newId },
    );
    expect(problems).toEqual([]);
    expect(summary).toEqual({
      unitsCreated: 1,
      unitsUpdated: 1,
      unitsUnchanged: 1,
      unitsRemoved: 0,
      ownersCreated: 3,
      ownersUpdated: 1,
      ownersUnchanged: 0,
      ownersRemoved: 0,
      peopleCreated: 1,
    });
    expect(plan.buildings).toEqual([2]);
    expect(plan.unitsUpdate).toEqual([{ id: 'u1', area: '81.00', use: UnitUse.RESIDENTIAL }]);
    expect(plan.ownershipsUpdate).toEqual([{ id: 'o1', certificateRef: 'C-1' }]);
    expect(plan.peopleMakeOwner).toEqual(['staff']);
    expect(plan.peopleRename).toEqual([{ id: 'p2dup', name: '李强强' }]);
    expect(plan.ownershipsCreate.map((o) => o.personId)).toEqual([expect.stringMatching(/^new-/), 'staff', 'p2dup']);
  });

  it('without a certificate column, certificates stay as they are', () => {
    const c = current();
    c.ownerships[0]!.certificateRef = 'KEEP';
    const r = readRegister(sheet(HEADER, ['1-1-101', '80', '王芳', '13812345678'])).rows;
    expect(planImport(c, r, { mode: ImportMode.MERGE, hasCertificate: false, newId }).summary.ownersUnchanged).toBe(1);
  });

  it('REPLACE removes units and owners the file lacks, but keeps a unit in use and says so', () => {
    const { summary, plan, problems } = planImport(current(), rows(['1-1-101', '80', '新业主', '13500000000', '']), {
      mode: ImportMode.REPLACE,
      hasCertificate: true,
      newId,
    });
    expect(plan.unitsRemove).toEqual(['u3']);
    expect(plan.ownershipsRemove.sort()).toEqual(['o1', 'o3']);
    expect(summary).toMatchObject({ unitsRemoved: 1, ownersRemoved: 2, ownersCreated: 1, unitsUnchanged: 1 });
    expect(problems).toEqual([expect.objectContaining({ reason: 'UNIT_IN_USE_KEPT', severity: 'WARNING', message: expect.stringContaining('1-1-102') })]);
  });

  it('a unit’s use stays when the file gives none, and a new unit is residential', () => {
    const { plan } = planImport(current(), rows(['9-1-101', '80', '王芳', '13812345678', '']), { mode: ImportMode.MERGE, hasCertificate: true, newId });
    expect(plan.unitsCreate[0]).toMatchObject({ label: '9-1-101', building: 9, use: UnitUse.RESIDENTIAL });
  });
});
