import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import type { AuditService } from '../audit/audit.service.js';
import { type UnitUse } from '../community/community.enums.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { readRegisterFile } from './register.parse.js';
import { exportRows, loadRegister } from './register.queries.js';
import {
  blocks,
  type ImportMode,
  MAX_PROBLEMS_KEPT,
  neutraliseFormula,
  planImport,
  readRegister,
  type ReadRegister,
  type RegisterPlan,
  type RegisterProblem,
  type RegisterSummary,
} from './register.rules.js';
import { RegisterExportFormat, type RegisterExportView, type RegisterImportView } from './register.types.js';

/** What the file store hands over (api/src/files): the file's record and its bytes, for a viewer allowed to read it. */
export interface StoredFileRead {
  file: { id: string; name: string; size: number; contentType: string; sha256: string };
  bytes: Buffer;
}
export interface RegisterFileSource {
  read(em: EntityManager, viewer: ViewerContext, fileId: string): Promise<StoredFileRead>;
}

export interface ImportOptions {
  dryRun: boolean;
  mode: ImportMode;
}

/**
 * Parameters go to PostgreSQL as bound values: MikroORM's execute would inline a megabyte of JSON
 * into the statement text, escaped and copied on the way.
 */
async function run(tx: EntityManager, sql: string, params: unknown[]): Promise<void> {
  const query = tx
    .getConnection()
    .getKnex()
    .raw(sql, params as never[]);
  const ctx = tx.getTransactionContext();
  await (ctx ? query.transacting(ctx as never) : query);
}
const json = (value: unknown) => JSON.stringify(value);

/**
 * Rows per statement: a 20,000-unit register is a few statements per kind of change, each with a
 * JSON parameter of about a megabyte, instead of one of 4 MB (held as a string, again as UTF-8 and
 * again in the driver's message at once).
 */
const CHUNK = 5_000;
async function runChunked<T>(tx: EntityManager, items: readonly T[], statement: (chunk: readonly T[]) => [string, unknown[]]): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await run(tx, ...statement(items.slice(i, i + CHUNK)));
}

/**
 * randomUUID() builds its text by concatenation, which V8 keeps as a tree of pieces: about 460 bytes
 * an id, 32 MB for the 69,000 ids of a 20,000-unit import. One copy makes it a flat 36-byte string.
 */
const newId = () => Buffer.from(randomUUID(), 'latin1').toString('latin1');

/**
 * The plan, set by set: one statement per kind of change and per 5,000 rows, whatever the number
 * of rows (a 20,000-unit register is a few dozen statements). Runs inside the caller's transaction.
 */
async function applyPlan(tx: EntityManager, communityId: string, plan: RegisterPlan, now: Date): Promise<void> {
  if (plan.buildings.length) {
    await run(
      tx,
      `insert into building (id, community_id, number, name)
      select gen_random_uuid(), ?, n::int, n || '号楼' from jsonb_array_elements_text(?::jsonb) as t(n)
      on conflict (community_id, number) do nothing`,
      [communityId, json(plan.buildings)],
    );
  }
  await runChunked(tx, plan.unitsCreate, (chunk) => [
    `insert into unit (id, community_id, building_id, label, area, use)
      select x.id, ?, b.id, x.label, x.area, x.use
        from jsonb_to_recordset(?::jsonb) as x(id uuid, label text, building int, area numeric, use text)
        join building b on b.community_id = ? and b.number = x.building`,
    [communityId, json(chunk), communityId],
  ]);
  await runChunked(tx, plan.unitsUpdate, (chunk) => [
    `update unit u set area = x.area, use = x.use from jsonb_to_recordset(?::jsonb) as x(id uuid, area numeric, use text)
      where u.id = x.id and u.community_id = ?`,
    [json(chunk), communityId],
  ]);
  await runChunked(tx, plan.peopleCreate, (chunk) => [
    `insert into person (id, community_id, display_name, email, phone, roles, department, leads_department, created_at)
      select x.id, ?, x.name, null, x.phone, '{OWNER}', null, false, ?
        from jsonb_to_recordset(?::jsonb) as x(id uuid, name text, phone text)`,
    [communityId, now, json(chunk)],
  ]);
  await runChunked(tx, plan.peopleRename, (chunk) => [
    `update person p set display_name = x.name from jsonb_to_recordset(?::jsonb) as x(id uuid, name text)
      where p.id = x.id and p.community_id = ?`,
    [json(chunk), communityId],
  ]);
  await runChunked(tx, plan.peopleMakeOwner, (chunk) => [
    `update person set roles = array_append(roles, 'OWNER')
      where community_id = ? and id in (select (jsonb_array_elements_text(?::jsonb))::uuid) and not ('OWNER' = any(roles))`,
    [communityId, json(chunk)],
  ]);
  await runChunked(tx, plan.ownershipsRemove, (chunk) => [
    `delete from ownership where community_id = ? and id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`,
    [communityId, json(chunk)],
  ]);
  await runChunked(tx, plan.ownershipsCreate, (chunk) => [
    `insert into ownership (id, community_id, person_id, unit_id, certificate_ref, since)
      select x.id, ?, x.person_id, x.unit_id, x.certificate_ref, ? from jsonb_to_recordset(?::jsonb) as x(id uuid, person_id uuid, unit_id uuid, certificate_ref text)`,
    [communityId, now, json(chunk.map((o) => ({ id: o.id, person_id: o.personId, unit_id: o.unitId, certificate_ref: o.certificateRef })))],
  ]);
  await runChunked(tx, plan.ownershipsUpdate, (chunk) => [
    `update ownership o set certificate_ref = x.certificate_ref from jsonb_to_recordset(?::jsonb) as x(id uuid, certificate_ref text)
      where o.id = x.id and o.community_id = ?`,
    [json(chunk.map((o) => ({ id: o.id, certificate_ref: o.certificateRef }))), communityId],
  ]);
  // In use is decided under the register lock; checked again here so that no import can ever take a unit with history.
  await runChunked(tx, plan.unitsRemove, (chunk) => [
    `delete from unit u where u.community_id = ? and u.id in (select (jsonb_array_elements_text(?::jsonb))::uuid)
      and not exists (select 1 from ticket t where t.unit_id = u.id)
      and not exists (select 1 from decision_elector e where e.community_id = u.community_id and u.id = any(e.unit_ids))`,
    [communityId, json(chunk)],
  ]);
}

async function readRows(bytes: Buffer): Promise<{ format: string; read: ReadRegister }> {
  const sheet = await readRegisterFile(bytes);
  return { format: sheet.format, read: readRegister(sheet.rows) };
}

function csvCell(text: string): string {
  return `"${neutraliseFormula(text).replaceAll('"', '""')}"`;
}

export class RegisterService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly files: () => RegisterFileSource,
  ) {}

  async importRegister(em: EntityManager, viewer: ViewerContext, fileId: string, options: ImportOptions): Promise<RegisterImportView> {
    if (!isUuid(fileId)) throw notFound('File');
    const { file, bytes } = await this.files().read(em, viewer, fileId);
    return this.importFile(em, viewer, file, bytes, options);
  }

  /**
   * Validates every row and diffs against the register; applies only when asked and nothing is an
   * ERROR, in one transaction under the community's register lock (check and write together).
   * Every run is kept in the history; an applied one is on the audit chain.
   */
  async importFile(
    em: EntityManager,
    viewer: ViewerContext,
    file: StoredFileRead['file'],
    bytes: Buffer,
    { dryRun, mode }: ImportOptions,
  ): Promise<RegisterImportView> {
    // Only the valid rows outlive this line: the file's rows of text are left to the collector before any SQL runs.
    const { format, read } = await readRows(bytes);
    const communityId = viewer.communityId;
    const attempt = async (tx: EntityManager, lock: boolean) => {
      if (lock) await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`register:${communityId}`]);
      const current = await loadRegister(tx, communityId);
      const planned = planImport(current, read.rows, { mode, hasCertificate: read.hasCertificate, newId });
      return { planned, problems: [...read.problems, ...planned.problems] };
    };
    const record = async (tx: EntityManager, summary: RegisterSummary, problems: RegisterProblem[], applied: boolean) => {
      const id = randomUUID();
      const at = this.clock.now();
      const [by] = await tx.execute<{ display_name: string }[]>('select display_name from person where id = ?', [viewer.id]);
      await run(
        tx,
        `insert into register_import (id, community_id, file_id, file_name, file_sha256, file_format, mode, dry_run, applied, summary, problems, problem_count, by_id, at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)`,
        [
          id,
          communityId,
          file.id,
          file.name.slice(0, 255),
          file.sha256,
          format,
          mode,
          dryRun,
          applied,
          json(summary),
          json(problems.slice(0, MAX_PROBLEMS_KEPT)),
          problems.length,
          viewer.id,
          at,
        ],
      );
      const view: RegisterImportView = {
        id,
        fileId: file.id,
        fileName: file.name.slice(0, 255),
        fileSha256: file.sha256,
        fileFormat: format,
        mode,
        dryRun,
        applied,
        summary,
        problems: problems.slice(0, MAX_PROBLEMS_KEPT),
        problemCount: problems.length,
        byName: by?.display_name ?? '',
        at,
      };
      return view;
    };

    if (dryRun || blocks(read.problems)) {
      const { planned, problems } = await attempt(em, false);
      return record(em, planned.summary, problems, false);
    }
    return em.transactional(async (tx) => {
      const { planned, problems } = await attempt(tx, true);
      if (blocks(problems)) return record(tx, planned.summary, problems, false);
      await applyPlan(tx, communityId, planned.plan, this.clock.now());
      const view = await record(tx, planned.summary, problems, true);
      await this.audit.append(tx, {
        communityId,
        actor: { id: viewer.id, name: view.byName },
        action: 'REGISTER_IMPORTED',
        subjectType: 'REGISTER_IMPORT',
        subjectId: view.id,
        data: { fileSha256: file.sha256, fileName: view.fileName, mode, ...planned.summary, by: view.byName },
      });
      return view;
    });
  }

  /** The whole register, unmasked, in the columns an import reads back; the export itself is on the audit chain. */
  async exportRegister(em: EntityManager, viewer: ViewerContext, format: RegisterExportFormat): Promise<RegisterExportView> {
    return em.transactional(async (tx) => {
      const rows = await exportRows(tx, viewer.communityId);
      const header = ['房号', '专有部分面积', '用途', '业主姓名', '手机号', '产权证号'];
      const USE: Record<UnitUse, string> = { RESIDENTIAL: '住宅', COMMERCIAL: '商业', PARKING: '车位' };
      const cells = rows.map((r) => [r.label, r.area, USE[r.use], r.name ?? '', r.phone ?? '', r.certificateRef ?? '']);
      const stamp = this.clock.now().toISOString().slice(0, 10);
      let bytes: Buffer;
      let contentType: string;
      if (format === RegisterExportFormat.CSV) {
        const text = [header, ...cells].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
        bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
        contentType = 'text/csv; charset=utf-8';
      } else {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('业主名册');
        sheet.addRow(header);
        for (const line of cells) sheet.addRow([line[0], Number(line[1]), ...line.slice(2).map((c) => neutraliseFormula(c as string))]);
        sheet.getColumn(2).numFmt = '0.00';
        sheet.getColumn(5).numFmt = '@';
        bytes = Buffer.from(await workbook.xlsx.writeBuffer());
        contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      }
      const units = new Set(rows.map((r) => r.label)).size;
      const owners = rows.filter((r) => r.name !== null).length;
      const [by] = await tx.execute<{ display_name: string }[]>('select display_name from person where id = ?', [viewer.id]);
      await this.audit.append(tx, {
        communityId: viewer.communityId,
        actor: { id: viewer.id, name: by?.display_name ?? '' },
        action: 'REGISTER_EXPORTED',
        subjectType: 'COMMUNITY',
        subjectId: viewer.communityId,
        data: { format, units, owners, by: by?.display_name ?? '' },
      });
      return { name: `register-${stamp}.${format.toLowerCase()}`, contentType, base64: bytes.toString('base64'), units, owners };
    });
  }
}
