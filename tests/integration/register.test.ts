import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { BuildingsDocument, ExportRegisterDocument, ImportRegisterDocument, RegisterImportsDocument, UnitsDocument, type ImportMode } from '@cocreate/schema';
import { startTestApp, withoutSecondCommunity, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn } from '../support/tickets.js';

let app: TestApp;
let admin: Client;
let cs: Client;
let committee: Client;
let owner: Client;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const HEADER = ['房号', '专有部分面积', '业主姓名', '手机号', '产权证号'];
const csvText = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const utf8Csv = (rows: string[][]) => Buffer.concat([BOM, Buffer.from(csvText(rows))]);
const gbCsv = (rows: string[][]) => iconv.encode(csvText(rows), 'gb18030');
async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: Client, name: string, bytes: Buffer): Promise<{ status: number; body: { id?: string } }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${app.url}/files`, { method: 'POST', headers: { cookie: client.cookie!, 'apollo-require-preflight': 'true' }, body: form });
  return { status: response.status, body: (await response.json()) as { id?: string } };
}

async function importFile(
  bytes: Buffer,
  { dryRun, mode = 'MERGE', name = 'register.csv', client = admin }: { dryRun: boolean; mode?: ImportMode; name?: string; client?: Client },
) {
  const { status, body } = await upload(client, name, bytes);
  expect(status, JSON.stringify(body)).toBe(201);
  return (await client.run(ImportRegisterDocument, { fileId: body.id!, dryRun, mode })).importRegister;
}

/** The register as rows of the file format: one per owner per unit, read from the database. */
async function registerRows(): Promise<string[][]> {
  const rows = await app.sql<{ label: string; area: string; name: string; phone: string; cert: string | null }>(
    `select u.label, u.area::text as area, p.display_name as name, p.phone, o.certificate_ref as cert
       from unit u join ownership o on o.unit_id = u.id join person p on p.id = o.person_id
       join community c on c.id = u.community_id where c.name = '湖畔花园' order by u.label, p.phone`,
  );
  return rows.map((r) => [r.label, r.area, r.name, r.phone, r.cert ?? '']);
}

const counts = async () =>
  (
    await app.sql<{ units: number; people: number; ownerships: number; buildings: number; audit: number }>(
      `select (select count(*)::int from unit) as units, (select count(*)::int from person) as people, (select count(*)::int from ownership) as ownerships,
          (select count(*)::int from building) as buildings, (select count(*)::int from audit_entry) as audit`,
    )
  )[0]!;

const unchanged = (units: number, owners: number) => ({
  unitsCreated: 0,
  unitsUpdated: 0,
  unitsUnchanged: units,
  unitsRemoved: 0,
  ownersCreated: 0,
  ownersUpdated: 0,
  ownersUnchanged: owners,
  ownersRemoved: 0,
  peopleCreated: 0,
});

beforeAll(async () => {
  app = await startTestApp();
  await withoutSecondCommunity(app);
  [admin, cs, committee, owner] = await Promise.all(['admin', 'cs', 'owner2', 'owner1'].map((p) => app.signIn(`${p}@lakeside.test`)));
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the demo register', () => {
  it('has owners for every one of its units, about half of them with accounts, co-owners and a multi-unit owner', async () => {
    const [r] = await app.sql<{ units: number; unowned: number; owners: number; with_account: number; co_owned: number; multi: number }>(
      `select count(*)::int as units,
              count(*) filter (where not exists (select 1 from ownership o where o.unit_id = u.id))::int as unowned,
              (select count(distinct person_id)::int from ownership) as owners,
              (select count(distinct o.person_id)::int from ownership o join person p on p.id = o.person_id where p.account_id is not null) as with_account,
              (select count(*)::int from (select unit_id from ownership group by unit_id having count(*) > 1) x) as co_owned,
              (select count(*)::int from (select person_id from ownership group by person_id having count(*) > 1) x) as multi
         from unit u`,
    );
    expect(r).toMatchObject({ units: 132, unowned: 0 });
    expect(r!.with_account / r!.owners).toBeGreaterThan(0.4);
    expect(r!.with_account / r!.owners).toBeLessThan(0.6);
    expect(r!.co_owned).toBeGreaterThan(1);
    expect(r!.multi).toBeGreaterThan(1);
    const { units } = await admin.run(UnitsDocument, { first: 100 });
    expect(units.totalCount).toBe(132);
    expect(units.edges.slice(0, 3).map((e) => e.node.label)).toEqual(['1-1-101', '1-1-102', '1-1-201']);
  });

  it('an owner without an account cannot sign in, even if an email is set on them', async () => {
    const [p] = await app.sql<{ id: string }>(`select id from person where account_id is null limit 1`);
    await app.sql(`update person set email = 'paper@lakeside.test' where id = $1`, [p!.id]);
    const error = await app.client().fail(`mutation { login(email: "paper@lakeside.test", password: "cocreate-demo") { id } }`);
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    await app.sql(`update person set email = null where id = $1`, [p!.id]);
  });
});

describe('units', () => {
  it('pages in register order with keyset cursors, filters by building and searches labels, names and phones', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { units }: { units: { edges: { node: { label: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await cs.run(
        UnitsDocument,
        { first: 50, after },
      );
      seen.push(...units.edges.map((e) => e.node.label));
      if (!units.pageInfo.hasNextPage) break;
      after = units.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(132);
    expect(new Set(seen).size).toBe(132);
    const [b2] = await app.sql<{ id: string }>(`select id from building where number = 2`);
    const inB2 = await cs.run(UnitsDocument, { filter: { buildingId: b2!.id }, first: 100 });
    expect(inB2.units.totalCount).toBe(44);
    expect(inB2.units.edges.every((e) => e.node.label.startsWith('2-') && e.node.building.name === '2号楼')).toBe(true);
    const [o] = await app.sql<{ name: string; phone: string; label: string }>(
      `select p.display_name as name, p.phone, u.label from person p join ownership o on o.person_id = p.id join unit u on u.id = o.unit_id where p.account_id is null order by u.label limit 1`,
    );
    for (const search of [o!.name, o!.phone, o!.phone.slice(-6), o!.label]) {
      const { units } = await cs.run(UnitsDocument, { filter: { search }, first: 20 });
      expect(
        units.edges.map((e) => e.node.label),
        search,
      ).toContain(o!.label);
      const node = units.edges.find((e) => e.node.label === o!.label)!.node;
      expect(node.owners.find((x) => x.displayName === o!.name)).toMatchObject({ phone: o!.phone, hasAccount: false });
    }
  });

  it('the committee sees the register masked and cannot search by name or phone; owners cannot see it', async () => {
    const { units } = await committee.run(UnitsDocument, { first: 100 });
    expect(
      units.edges.every((e) => e.node.personalDataMasked && e.node.owners.every((o) => o.displayName.includes('*') && (!o.phone || o.phone.includes('*')))),
    ).toBe(true);
    const [o] = await app.sql<{ name: string }>(`select display_name as name from person where account_id is null limit 1`);
    expect((await committee.run(UnitsDocument, { filter: { search: o!.name }, first: 20 })).units.totalCount).toBe(0);
    expect((await owner.fail(UnitsDocument, { first: 10 })).extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a cursor it did not hand out', async () => {
    expect((await cs.fail(UnitsDocument, { first: 10, after: 'bm90LWEtY3Vyc29y' })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('importing the register', () => {
  it('re-importing the register as it is changes nothing, in every format', async () => {
    const rows = await registerRows();
    const units = new Set(rows.map((r) => r[0])).size;
    const before = await counts();
    for (const [name, bytes] of [
      ['same.csv', utf8Csv([HEADER, ...rows])],
      ['same-gb.csv', gbCsv([HEADER, ...rows])],
      ['same.xlsx', await xlsx([HEADER, ...rows])],
    ] as const) {
      const dry = await importFile(bytes, { dryRun: true, name });
      expect(dry.problems, name).toEqual([]);
      expect(dry.summary, name).toEqual(unchanged(units, rows.length));
      expect(dry.applied).toBe(false);
    }
    const applied = await importFile(utf8Csv([HEADER, ...rows]), { dryRun: false });
    expect(applied).toMatchObject({ applied: true, dryRun: false, problemCount: 0, fileFormat: 'CSV (UTF-8)', summary: unchanged(units, rows.length) });
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit).toBe(before.audit + 1);
  });

  it('reports every kind of problem by row and column, and refuses to apply while there is one', async () => {
    const [acc] = await app.sql<{ phone: string; name: string }>(`select phone, display_name as name from person where email = 'owner3@lakeside.test'`);
    const file = utf8Csv([
      HEADER,
      ['9-1-101', 'abc', '甲', '13500000001', ''],
      ['9-1-102', '0', '乙', '13500000002', ''],
      ['9-1-103', '80.123', '丙', '13500000003', ''],
      ['9-1-104', '200000', '丁', '13500000004', ''],
      ['9-1', '80', '戊', '13500000005', ''],
      ['9-1-106', '80', '己', '12345', ''],
      ['9-1-107', '80', '庚', '13500000007', ''],
      ['9-1-107', '81', '辛', '13500000008', ''],
      ['9-1-108', '80', '壬', '13500000007', ''],
      ['9-1-109', '80', '癸', '13500000009', ''],
      ['9-1-109', '80', '癸', '135 0000 0009', ''],
      ['', '', '', '', ''],
      ['9-1-110', '80', '', '13500000010', ''],
      ['9-1-111', '80', 'x'.repeat(10_000), '13500000011', ''],
      ['9-1-112', '80', '王\u202e芳', '13500000012', ''],
      ['9-1-113', '80', '子', '', ''],
      ['9-1-114', '', '丑', '13500000014', ''],
      ['', '80', '寅', '13500000015', ''],
      ['9-1-116', '80', '卯', '13500000016', 'C'.repeat(65)],
      ['9-1-117', '80', acc!.name, acc!.phone, ''],
    ]);
    const before = await counts();
    const dry = await importFile(file, { dryRun: true });
    expect(dry.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, '专有部分面积', 'AREA_NOT_A_NUMBER'],
      [3, '专有部分面积', 'AREA_NOT_POSITIVE'],
      [4, '专有部分面积', 'AREA_TOO_PRECISE'],
      [5, '专有部分面积', 'AREA_ABSURD'],
      [6, '房号', 'LABEL_MALFORMED'],
      [7, '手机号', 'PHONE_INVALID'],
      [9, '专有部分面积', 'UNIT_AREA_CONFLICT'],
      [10, '手机号', 'PHONE_NAME_CONFLICT'],
      [12, '手机号', 'DUPLICATE_OWNER'],
      [14, '业主姓名', 'NAME_MISSING'],
      [15, '业主姓名', 'NAME_TOO_LONG'],
      [16, '业主姓名', 'CONTROL_CHARACTER'],
      [17, '手机号', 'PHONE_MISSING'],
      [18, '专有部分面积', 'AREA_MISSING'],
      [19, '房号', 'LABEL_MISSING'],
      [20, '产权证号', 'CERTIFICATE_TOO_LONG'],
    ]);
    expect(dry.problems.every((p) => p.severity === 'ERROR' && p.message.length > 10 && !/undefined|null|\[object/.test(p.message))).toBe(true);
    expect(dry.summary).toMatchObject({ unitsCreated: 3, ownersCreated: 3 });
    const refused = await importFile(file, { dryRun: false });
    expect(refused).toMatchObject({ applied: false, dryRun: false, problemCount: 16 });
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'an unknown column',
      [
        [...HEADER, '备注'],
        ['9-1-101', '80', '甲', '13500000001', '', 'x'],
      ],
      [[1, '备注', 'UNKNOWN_COLUMN']],
    ],
    [
      'a missing column',
      [
        ['房号', '面积', '姓名'],
        ['9-1-101', '80', '甲'],
      ],
      [[1, '手机号', 'MISSING_COLUMN']],
    ],
    [
      'a repeated column',
      [
        [...HEADER, '电话'],
        ['9-1-101', '80', '甲', '13500000001', '', '13500000001'],
      ],
      [[1, '电话', 'DUPLICATE_COLUMN']],
    ],
    ['a header alone', [HEADER], [[null, null, 'NO_ROWS']]],
    [
      'an unknown use',
      [
        ['房号', '面积', '姓名', '手机', '用途'],
        ['9-1-101', '80', '甲', '13500000001', '仓库'],
      ],
      [[2, '用途', 'USE_UNKNOWN']],
    ],
  ] as const)('%s is a problem of the file', async (_what, rows, expected) => {
    const dry = await importFile(utf8Csv(rows.map((r) => [...r])), { dryRun: true });
    expect(dry.problems.map((p) => [p.row, p.column, p.reason])).toEqual(expected);
    expect(dry.applied).toBe(false);
  });

  it('more than 50,000 rows is refused as a whole', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => [
      `9-${1 + Math.floor(i / 10_000)}-${(i % 10_000) + 1}`,
      '80',
      `业主${i}`,
      `135${String(i).padStart(8, '0')}`,
      '',
    ]);
    const dry = await importFile(utf8Csv([HEADER, ...rows]), { dryRun: true });
    expect(dry.problems.map((p) => p.reason)).toEqual(['TOO_MANY_ROWS']);
  }, 60_000);

  it('a GB18030 file adds units, a new building, co-owners, owners without accounts, and matches an account holder by phone', async () => {
    const [staff] = await app.sql<{ id: string; phone: string; name: string }>(
      `select id, phone, display_name as name from person where email = 'cs@lakeside.test'`,
    );
    const file = gbCsv([
      ['楼栋', '单元', '房号', '面积', '姓名', '手机', '用途', '产权证号'],
      ['7号楼', '1单元', '101', '88.8', '欧阳娜娜', '+86 135-0000-0101', '住宅', '沪(2024)第0101号'],
      ['7', '1', '101', '88.80', '司马光', '13500000102', '', ''],
      ['7', '1', '102', '60', '欧阳娜娜', '13500000101', '商铺', ''],
      ['7', '1', 'P01', '12.5', staff!.name, staff!.phone, '车位', ''],
    ]);
    const before = await counts();
    const dry = await importFile(file, { dryRun: true, name: 'gb.csv' });
    expect(dry.fileFormat).toBe('CSV (GB18030)');
    expect(dry.problems).toEqual([]);
    expect(dry.summary).toEqual({
      unitsCreated: 3,
      unitsUpdated: 0,
      unitsUnchanged: 0,
      unitsRemoved: 0,
      ownersCreated: 4,
      ownersUpdated: 0,
      ownersUnchanged: 0,
      ownersRemoved: 0,
      peopleCreated: 2,
    });
    expect(await counts()).toEqual(before);
    const applied = await importFile(file, { dryRun: false, name: 'gb.csv' });
    expect(applied.applied).toBe(true);
    const after = await counts();
    expect(after).toMatchObject({ units: before.units + 3, people: before.people + 2, ownerships: before.ownerships + 4, buildings: before.buildings + 1 });
    // The new building is in the filter's list, in number order, and only this community's are.
    const { buildings } = await cs.run(BuildingsDocument);
    const inSql = await app.sql<{ id: string }>(
      'select b.id from building b join community c on c.id = b.community_id where c.name = $1 order by b.number, b.name',
      ['湖畔花园'],
    );
    expect(buildings.map((b) => b.id)).toEqual(inSql.map((b) => b.id));
    expect(buildings.map((b) => b.number)).toEqual([...buildings.map((b) => b.number)].sort((x, y) => x - y));
    expect(buildings.some((b) => b.number === 7)).toBe(true);
    const { units } = await admin.run(UnitsDocument, { filter: { search: '7-1-' }, first: 10 });
    expect(
      units.edges.map((e) => [
        e.node.label,
        e.node.area,
        e.node.use,
        e.node.owners.map((o) => [o.displayName, o.phone, o.hasAccount, o.certificateRef]).sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
      ]),
    ).toEqual([
      [
        '7-1-101',
        88.8,
        'RESIDENTIAL',
        [
          ['欧阳娜娜', '13500000101', false, '沪(2024)第0101号'],
          ['司马光', '13500000102', false, null],
        ],
      ],
      ['7-1-102', 60, 'COMMERCIAL', [['欧阳娜娜', '13500000101', false, null]]],
      ['7-1-P01', 12.5, 'PARKING', [[staff!.name, staff!.phone, true, null]]],
    ]);
    // The account holder is now an owner, and still signs in as before.
    expect((await app.sql<{ roles: string[] }>(`select roles from person where id = $1`, [staff!.id]))[0]!.roles).toEqual(['CUSTOMER_SERVICE', 'OWNER']);
    await app.signIn('cs@lakeside.test');
    // The same file again: nothing changes.
    const again = await importFile(file, { dryRun: false, name: 'gb.csv' });
    expect(again.summary).toEqual(unchanged(3, 4));
    expect({ ...(await counts()), audit: 0 }).toEqual({ ...after, audit: 0 });
  });

  it('an updated XLSX file updates exactly the rows that changed', async () => {
    const rows = await registerRows();
    const changed = rows.map((r) => [...r]);
    const [a, b, c] = [changed[0]!, changed[10]!, changed[20]!];
    a[1] = (Number(a[1]) + 1).toFixed(2);
    b[1] = (Number(b[1]) + 0.01).toFixed(2);
    const renamed = `${c[2]}新`;
    c[2] = renamed;
    const cert = changed[30]!;
    cert[4] = '京(2025)第0030号';
    const units = new Set(rows.map((r) => r[0])).size;
    const bytes = await xlsx([HEADER, ...changed.map((r) => [r[0]!, Number(r[1]), r[2]!, r[3]!, r[4]!])]);
    const ownersOfC = changed.filter((r) => r[3] === c[3]).length;
    const dry = await importFile(bytes, { dryRun: true, name: 'updated.xlsx' });
    expect(dry.problems).toEqual([]);
    expect(dry.summary).toEqual({ ...unchanged(units - 2, rows.length - ownersOfC - 1), unitsUpdated: 2, ownersUpdated: ownersOfC + 1 });
    const applied = await importFile(bytes, { dryRun: false, name: 'updated.xlsx' });
    expect(applied).toMatchObject({ applied: true, fileFormat: 'XLSX' });
    const now = await registerRows();
    expect(now).toEqual(changed.map((r) => (r[3] === c[3] ? [r[0], r[1], renamed, r[3], r[4]] : r)).sort((x, y) => (x[0]! + x[3]).localeCompare(y[0]! + y[3])));
  });

  it('REPLACE removes units and owners the file lacks, keeps a unit with tickets and reports it; MERGE removes nothing', async () => {
    const c = await cast(app, 'owner5@lakeside.test');
    await ticketIn(c, 'RECEIVED');
    const [ticketUnit] = await app.sql<{ label: string }>(`select label from unit where id = $1`, [c.unitId]);
    const rows = await registerRows();
    const coOwned = rows.find((r, i) => rows.findIndex((x) => x[0] === r[0]) !== i)!;
    const [free] = await app.sql<{ label: string }>(
      `select u.label from unit u where not exists (select 1 from ticket t where t.unit_id = u.id)
          and not exists (select 1 from decision_elector e where u.id = any(e.unit_ids)) and u.label like '7-%' order by u.label limit 1`,
    );
    const kept = rows.filter((r) => r[0] !== ticketUnit!.label && r[0] !== free!.label && r !== coOwned);
    const file = utf8Csv([HEADER, ...kept]);
    const merge = await importFile(file, { dryRun: true, mode: 'MERGE' });
    expect(merge.summary).toMatchObject({ unitsRemoved: 0, ownersRemoved: 0 });
    const removedOwners = rows.filter((r) => r[0] === free!.label).length + 1;
    const dry = await importFile(file, { dryRun: true, mode: 'REPLACE' });
    expect(dry.problems).toEqual([
      expect.objectContaining({ reason: 'UNIT_IN_USE_KEPT', severity: 'WARNING', message: expect.stringContaining(ticketUnit!.label) }),
    ]);
    expect(dry.summary).toMatchObject({ unitsRemoved: 1, ownersRemoved: removedOwners, unitsCreated: 0, ownersCreated: 0 });
    const applied = await importFile(file, { dryRun: false, mode: 'REPLACE' });
    expect(applied.applied).toBe(true);
    const labels = (await app.sql<{ label: string }>(`select label from unit`)).map((u) => u.label);
    expect(labels).toContain(ticketUnit!.label);
    expect(labels).not.toContain(free!.label);
    const nowRows = await registerRows();
    expect(nowRows.filter((r) => r[0] === coOwned[0]).map((r) => r[3])).not.toContain(coOwned[3]);
    expect(nowRows.filter((r) => r[0] === ticketUnit!.label)).toEqual(rows.filter((r) => r[0] === ticketUnit!.label));
  });

  it('is all or nothing: a failure in the middle of applying leaves the register as it was', async () => {
    // The failure comes from the database after units and people were written: the ownership insert trips a trigger.
    await app.sql(`create function fail_register() returns trigger language plpgsql as $$ begin
      if new.certificate_ref = 'BOOM' then raise exception 'injected failure'; end if; return new; end $$`);
    await app.sql(`create trigger fail_register before insert on ownership for each row execute function fail_register()`);
    try {
      const before = await counts();
      const bytes = utf8Csv([HEADER, ['8-1-101', '80', '新业主甲', '13600000001', ''], ['8-1-102', '81', '新业主乙', '13600000002', 'BOOM']]);
      const { body } = await upload(admin, 'boom.csv', bytes);
      const { body: answer } = await admin.raw(ImportRegisterDocument, { fileId: body.id!, dryRun: false });
      expect(answer.errors?.[0]).toBeDefined();
      expect(await counts()).toEqual(before);
      expect(await app.sql(`select 1 from unit where label like '8-1-%'`)).toEqual([]);
      expect(await app.sql(`select 1 from register_import where file_id = $1`, [body.id])).toEqual([]);
    } finally {
      await app.sql(`drop trigger fail_register on ownership; drop function fail_register()`);
    }
  });

  it('every applied import is on the audit chain with the file’s hash, mode, counts and who; dry runs are only in the history', async () => {
    const rows = await registerRows();
    const bytes = utf8Csv([HEADER, ...rows]);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const before = await counts();
    app.clock.advance(60_000);
    await importFile(bytes, { dryRun: true });
    expect((await counts()).audit).toBe(before.audit);
    app.clock.advance(60_000);
    const applied = await importFile(bytes, { dryRun: false });
    const [entry] = await app.sql<{ action: string; actor_name: string; payload: string; subject_id: string }>(
      `select action, actor_name, payload, subject_id from audit_entry order by seq desc limit 1`,
    );
    expect(entry).toMatchObject({ action: 'REGISTER_IMPORTED', actor_name: '管理员', subject_id: applied.id });
    expect(JSON.parse(entry!.payload)).toMatchObject({
      fileSha256: sha,
      mode: 'MERGE',
      unitsUnchanged: applied.summary.unitsUnchanged,
      ownersUnchanged: rows.length,
      by: '管理员',
    });
    expect((await admin.run(`{ verifyAuditLog { valid } }`)) as unknown).toEqual({ verifyAuditLog: { valid: true } });
    const history = await admin.run(RegisterImportsDocument, { first: 2 });
    expect(history.registerImports.edges.map((e) => [e.node.id === applied.id, e.node.dryRun])).toEqual([
      [true, false],
      [false, true],
    ]);
    const next = await admin.run(RegisterImportsDocument, { first: 2, after: history.registerImports.pageInfo.endCursor });
    expect(next.registerImports.edges[0]!.node.id).not.toBe(history.registerImports.edges[1]!.node.id);
    expect(history.registerImports.totalCount).toBeGreaterThan(10);
  });
});

describe('hostile cells and files', () => {
  it('emoji and formula-looking names import as text; the export neutralises formulas; its files import back unchanged', async () => {
    const hostile = [
      ['6-1-101', '70', "=cmd|' /C calc'!A0", '13700000001', '@SUM(1+1)'],
      ['6-1-102', '70', '王🏠芳👨‍👩‍👧', '13700000002', '-2+3'],
      ['6-1-103', '70', '+李强', '13700000003', ''],
    ];
    const applied = await importFile(utf8Csv([HEADER, ...hostile]), { dryRun: false });
    expect(applied).toMatchObject({ applied: true, summary: { unitsCreated: 3, ownersCreated: 3 } });
    const before = await counts();
    for (const format of ['CSV', 'XLSX'] as const) {
      const { exportRegister } = await admin.run(ExportRegisterDocument, { format });
      const bytes = Buffer.from(exportRegister.base64, 'base64');
      let cells: string[][];
      if (format === 'CSV') {
        expect(bytes.subarray(0, 3)).toEqual(BOM);
        cells = bytes
          .subarray(3)
          .toString('utf8')
          .trim()
          .split('\r\n')
          .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
      } else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        cells = [];
        wb.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      }
      const byName = (label: string) => cells.find((r) => r[0] === label)!;
      expect(byName('6-1-101')[3]).toBe(`'=cmd|' /C calc'!A0`);
      expect(byName('6-1-101')[5]).toBe(`'@SUM(1+1)`);
      expect(byName('6-1-102')[3]).toBe('王🏠芳👨‍👩‍👧');
      expect(byName('6-1-103')[3]).toBe(`'+李强`);
      expect(cells.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
      expect(exportRegister.units).toBe(before.units);
      const back = await importFile(bytes, { dryRun: true, name: exportRegister.name });
      expect(back.problems, format).toEqual([]);
      expect(back.summary.unitsUnchanged).toBe(exportRegister.units);
      expect(back.summary.ownersUnchanged).toBe(exportRegister.owners);
      expect(back.summary.unitsUpdated + back.summary.ownersUpdated + back.summary.ownersCreated + back.summary.unitsCreated).toBe(0);
    }
    const exports = await app.sql<{ payload: string }>(`select payload from audit_entry where action = 'REGISTER_EXPORTED' order by seq`);
    expect(exports.map((e) => JSON.parse(e.payload))).toEqual([
      { format: 'CSV', units: before.units, owners: before.ownerships, by: '管理员' },
      { format: 'XLSX', units: before.units, owners: before.ownerships, by: '管理员' },
    ]);
  });

  it('a file with a NUL byte, an empty file or an image never reaches the register', async () => {
    for (const bytes of [
      Buffer.from('房号,面积,姓名,手机\n6-1-104,70,王\u0000芳,13700000004\n'),
      Buffer.alloc(0),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    ]) {
      const { status } = await upload(admin, 'x.csv', bytes);
      expect(status).toBe(400);
    }
  });
});

describe('who may', () => {
  it('only an admin imports, exports and reads the history', async () => {
    const { body } = await upload(admin, 'r.csv', utf8Csv([HEADER, ['6-1-101', '70', '王芳', '13700000001', '']]));
    for (const client of [cs, committee, owner]) {
      expect((await client.fail(ImportRegisterDocument, { fileId: body.id!, dryRun: true })).extensions?.code).toBe('FORBIDDEN');
      expect((await client.fail(ExportRegisterDocument, { format: 'CSV' })).extensions?.code).toBe('FORBIDDEN');
      expect((await client.fail(RegisterImportsDocument, { first: 5 })).extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.client().fail(UnitsDocument, { first: 5 })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await admin.fail(ImportRegisterDocument, { fileId: '00000000-0000-4000-8000-000000000000', dryRun: true })).extensions?.code).toBe('NOT_FOUND');
  });
});
