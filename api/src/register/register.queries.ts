import { hasAccountSql } from '../community/person.sql.js';
// The register's read side: the current register for an import's diff, the unit list, the export
// and the import history. Each is one purpose-built statement (or a few, never one per row).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UnitUse } from '../community/community.enums.js';
import { Role } from '../community/community.enums.js';
import { maskName, maskPhone } from '../tickets/ticket.rules.js';
import type { ViewerContext } from '../community/viewer.js';
import { decodeCursor, emptyPage, encodeCursor, pageOf, type Page } from '../shared/pagination.js';
import { isUuid } from '../shared/ids.js';
import { normalisePhone, type CurrentRegister, type ImportMode, type RegisterProblem, type RegisterSummary } from './register.rules.js';
import type { BuildingView, RegisterImportView, UnitView } from './register.types.js';

const contains = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Everything an import compares the file with: four statements for any size of register. */
export async function loadRegister(em: EntityManager, communityId: string): Promise<CurrentRegister> {
  // One after another: inside the import's transaction they share one connection.
  const buildings = await em.execute<{ number: number }[]>('select number from building where community_id = ?', [communityId]);
  const units = await em.execute<{ id: string; label: string; area: string; use: UnitUse; in_use: boolean }[]>(
    `with used as (
         select unit_id from ticket where community_id = ?
         union select unnest(unit_ids) from decision_elector where community_id = ?)
       select u.id, u.label, u.area::text as area, u.use, (u.id in (select unit_id from used)) as in_use from unit u where u.community_id = ?`,
    [communityId, communityId, communityId],
  );
  const people = await em.execute<{ id: string; display_name: string; phone: string | null; has_account: boolean; is_owner: boolean }[]>(
    `select id, display_name, phone, ${hasAccountSql('person')} as has_account, 'OWNER' = any(roles) as is_owner
         from person where community_id = ? order by created_at, id`,
    [communityId],
  );
  const ownerships = await em.execute<{ id: string; unit_id: string; person_id: string; certificate_ref: string | null }[]>(
    'select id, unit_id, person_id, certificate_ref from ownership where community_id = ?',
    [communityId],
  );
  return {
    buildings: buildings.map((b) => b.number),
    units: units.map((u) => ({ id: u.id, label: u.label, area: u.area, use: u.use, inUse: u.in_use })),
    people: people.map((p) => ({ id: p.id, name: p.display_name, phone: normalisePhone(p.phone), hasAccount: p.has_account, isOwner: p.is_owner })),
    ownerships: ownerships.map((o) => ({ id: o.id, unitId: o.unit_id, personId: o.person_id, certificateRef: o.certificate_ref })),
  };
}

/**
 * Units in the order a person reads a register: building, entrance, then room (101 before 1001).
 * The cursor is the last unit's id; its sort key is looked up, so no text goes into a cursor.
 */
const SORT_COLUMNS = (u: string, b: string) =>
  `${b}.number, coalesce(nullif(regexp_replace(split_part(${u}.label, '-', 2), '\\D', '', 'g'), ''), '0')::int,
    length(split_part(${u}.label, '-', 3)), split_part(${u}.label, '-', 3), ${u}.id`;
const SORT_KEY = (u: string, b: string) => `(${SORT_COLUMNS(u, b)})`;

/** 保密制度: customer service and admins see owners in full; the committee sees who owns what only masked. */
export const seesOwners = (viewer: ViewerContext) => viewer.roles.some((r) => r === Role.ADMIN || r === Role.CUSTOMER_SERVICE);

interface UnitRow {
  id: string;
  label: string;
  area: string;
  use: UnitUse;
  building_id: string;
  building_number: number;
  building_name: string;
  owners: { id: string; name: string; phone: string | null; has_account: boolean; certificate_ref: string | null }[];
}

export async function listUnits(
  em: EntityManager,
  viewer: ViewerContext,
  filter: { search?: string | null; buildingId?: string | null },
  first: number,
  after: string | null | undefined,
): Promise<Page<UnitView>> {
  const [cursor] = decodeCursor(after, ['uuid'] as const) ?? [null];
  const entitled = seesOwners(viewer);
  const where: string[] = ['u.community_id = ?'];
  const params: unknown[] = [viewer.communityId];
  if (filter.buildingId) {
    if (!isUuid(filter.buildingId)) return emptyPage();
    where.push('u.building_id = ?');
    params.push(filter.buildingId);
  }
  const search = filter.search?.trim() ?? '';
  if (search) {
    const term = contains(search);
    const digits = search.replace(/[\s-]/g, '');
    const byOwner = entitled
      ? `or exists (select 1 from ownership o join person p on p.id = o.person_id
                     where o.unit_id = u.id and (p.display_name ilike ? ${/^\+?\d{3,}$/.test(digits) ? 'or p.phone like ?' : ''}))`
      : '';
    where.push(`(u.label ilike ? ${byOwner})`);
    params.push(term);
    if (entitled) {
      params.push(term);
      if (/^\+?\d{3,}$/.test(digits)) params.push(contains(digits.replace(/^\+86/, '')));
    }
  }
  const filtered = where.join(' and ');
  const page = cursor
    ? `and ${SORT_KEY('u', 'b')} > (select ${SORT_COLUMNS('u2', 'b2')} from unit u2 join building b2 on b2.id = u2.building_id where u2.id = ? and u2.community_id = ?)`
    : '';
  const [rows, [count]] = await Promise.all([
    em.execute<UnitRow[]>(
      `select u.id, u.label, u.area::text as area, u.use, b.id as building_id, b.number as building_number, b.name as building_name,
              coalesce((select json_agg(json_build_object('id', p.id, 'name', p.display_name, 'phone', p.phone,
                                                          'has_account', ${hasAccountSql('p')}, 'certificate_ref', o.certificate_ref)
                                        order by o.since, p.id)
                          from ownership o join person p on p.id = o.person_id where o.unit_id = u.id), '[]'::json) as owners
         from unit u join building b on b.id = u.building_id
        where ${filtered} ${page}
        order by ${SORT_COLUMNS('u', 'b')}
        limit ?`,
      [...params, ...(cursor ? [cursor, viewer.communityId] : []), first + 1],
    ),
    em.execute<{ n: number }[]>(`select count(*)::int as n from unit u where ${filtered}`, params),
  ]);
  return pageOf(
    rows,
    first,
    (r): UnitView => ({
      id: r.id,
      label: r.label,
      area: Number(r.area),
      use: r.use,
      personalDataMasked: !entitled,
      building: { id: r.building_id, number: r.building_number, name: r.building_name },
      owners: r.owners.map((o) => ({
        id: o.id,
        displayName: entitled ? o.name : maskName(o.name),
        phone: entitled ? o.phone : maskPhone(o.phone),
        hasAccount: o.has_account,
        certificateRef: entitled ? o.certificate_ref : null,
      })),
    }),
    (node) => encodeCursor([node.id]),
    count!.n,
  );
}

export interface ExportRow {
  label: string;
  area: string;
  use: UnitUse;
  name: string | null;
  phone: string | null;
  certificateRef: string | null;
}

/** One row per owner per unit (a unit without owners once, with empty owner cells), in register order. */
export async function exportRows(em: EntityManager, communityId: string): Promise<ExportRow[]> {
  const rows = await em.execute<{ label: string; area: string; use: UnitUse; name: string | null; phone: string | null; certificate_ref: string | null }[]>(
    `select u.label, u.area::text as area, u.use, p.display_name as name, p.phone, o.certificate_ref
       from unit u join building b on b.id = u.building_id
       left join ownership o on o.unit_id = u.id
       left join person p on p.id = o.person_id
      where u.community_id = ?
      order by ${SORT_COLUMNS('u', 'b')}, o.since, p.id`,
    [communityId],
  );
  return rows.map((r) => ({ label: r.label, area: r.area, use: r.use, name: r.name, phone: r.phone, certificateRef: r.certificate_ref }));
}

interface ImportRow {
  id: string;
  file_id: string;
  file_name: string;
  file_sha256: string;
  file_format: string;
  mode: ImportMode;
  dry_run: boolean;
  applied: boolean;
  summary: RegisterSummary;
  problems: RegisterProblem[];
  problem_count: number;
  by_name: string;
  at: string;
}

/** The community's imports, newest first. */
export async function listImports(em: EntityManager, communityId: string, first: number, after: string | null | undefined): Promise<Page<RegisterImportView>> {
  const cursor = decodeCursor(after, ['timestamp', 'uuid'] as const);
  const [rows, [count]] = await Promise.all([
    em.execute<ImportRow[]>(
      `select r.id, r.file_id, r.file_name, r.file_sha256, r.file_format, r.mode, r.dry_run, r.applied, r.summary, r.problems, r.problem_count,
              p.display_name as by_name, r.at
         from register_import r join person p on p.id = r.by_id
        where r.community_id = ? ${cursor ? 'and (r.at, r.id) < (?::timestamptz, ?::uuid)' : ''}
        order by r.at desc, r.id desc limit ?`,
      [communityId, ...(cursor ?? []), first + 1],
    ),
    em.execute<{ n: number }[]>('select count(*)::int as n from register_import where community_id = ?', [communityId]),
  ]);
  return pageOf(
    rows,
    first,
    (r): RegisterImportView => ({
      id: r.id,
      fileId: r.file_id,
      fileName: r.file_name,
      fileSha256: r.file_sha256,
      fileFormat: r.file_format,
      mode: r.mode,
      dryRun: r.dry_run,
      applied: r.applied,
      summary: r.summary,
      problems: r.problems,
      problemCount: r.problem_count,
      byName: r.by_name,
      at: new Date(r.at),
    }),
    (node) => encodeCursor([node.at.toISOString(), node.id]),
    count!.n,
  );
}

/** The community's buildings in number order, for the register's building filter: one statement. */
export async function listBuildings(em: EntityManager, communityId: string): Promise<BuildingView[]> {
  return em.execute<BuildingView[]>('select id, number, name from building where community_id = ? order by number, name', [communityId]);
}
