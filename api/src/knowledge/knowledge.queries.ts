// Read side of the knowledge base: one statement for the page and one for the total, rows shaped for the view.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department } from '../community/community.enums.js';
import type { ViewerContext } from '../community/viewer.js';
import { isUuid } from '../shared/ids.js';
import { containsPattern as like, searchWords } from '../shared/like.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../shared/pagination.js';
import type { TicketKind } from '../tickets/ticket.enums.js';
import { canApprove, canDelete, canWrite } from './knowledge.policy.js';
import { approvalRefusal, statusOf, textFor, type AnswerLanguage, type CannedAnswerStatus } from './knowledge.rules.js';

export interface CannedAnswerListFilter {
  search?: string | null;
  /** Only answers with an approved copy (the picker); ordered most used first. */
  usable?: boolean;
  status?: CannedAnswerStatus | null;
  /** Answers for this kind of ticket and those for any kind. */
  kind?: TicketKind | null;
  /** The ticket's owner's language, for `insert`. */
  language?: string | null;
}

export interface CannedAnswerRecord {
  id: string;
  title: string;
  bodyZh: string;
  bodyEn: string | null;
  note: string | null;
  kind: TicketKind | null;
  department: Department | null;
  public: boolean;
  version: number;
  status: CannedAnswerStatus;
  createdByName: string;
  createdAt: Date;
  updatedByName: string;
  updatedAt: Date;
  approved: { version: number; title: string; bodyZh: string; bodyEn: string | null; public: boolean; byName: string | null; at: Date } | null;
  useCount: number;
  lastUsedAt: Date | null;
  /** What the picker puts into the ticket: the approved words in the owner's language where written. */
  insert: { text: string; language: AnswerLanguage } | null;
  canEdit: boolean;
  canApprove: boolean;
  canDelete: boolean;
}

interface Row {
  id: string;
  title: string;
  body_zh: string;
  body_en: string | null;
  note: string | null;
  kind: string | null;
  department: string | null;
  public: boolean;
  version: number;
  created_by_id: string;
  updated_by_id: string;
  created_by_name: string;
  created_at: string;
  updated_by_name: string;
  updated_at: string;
  approved_version: number | null;
  approved_title: string | null;
  approved_body_zh: string | null;
  approved_body_en: string | null;
  approved_public: boolean | null;
  approved_by_name: string | null;
  approved_at: string | null;
  use_count: number;
  last_used_at: string | null;
}

const COLUMNS = `c.id, c.title, c.body_zh, c.body_en, c.note, c.kind, c.department, c.public, c.version, c.created_by_id, c.updated_by_id,
  cb.display_name as created_by_name, c.created_at, ub.display_name as updated_by_name, c.updated_at, c.approved_version,
  c.approved_title, c.approved_body_zh, c.approved_body_en, c.approved_public, ab.display_name as approved_by_name, c.approved_at,
  c.use_count, c.last_used_at`;
const FROM = `canned_answer c join person cb on cb.id = c.created_by_id join person ub on ub.id = c.updated_by_id left join person ab on ab.id = c.approved_by_id`;

const at = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

function record(r: Row, viewer: ViewerContext, language: string | null | undefined): CannedAnswerRecord {
  const approved =
    r.approved_version === null
      ? null
      : {
          version: r.approved_version,
          title: r.approved_title!,
          bodyZh: r.approved_body_zh!,
          bodyEn: r.approved_body_en,
          public: r.approved_public === true,
          byName: r.approved_by_name,
          at: at(r.approved_at)!,
        };
  return {
    id: r.id,
    title: r.title,
    bodyZh: r.body_zh,
    bodyEn: r.body_en,
    note: r.note,
    kind: r.kind as TicketKind | null,
    department: r.department as Department | null,
    public: r.public,
    version: r.version,
    status: statusOf({ version: r.version, approvedVersion: r.approved_version }),
    createdByName: r.created_by_name,
    createdAt: at(r.created_at)!,
    updatedByName: r.updated_by_name,
    updatedAt: at(r.updated_at)!,
    approved,
    useCount: r.use_count,
    lastUsedAt: at(r.last_used_at),
    insert: approved ? textFor(approved, language) : null,
    canEdit: canWrite(viewer),
    canApprove:
      canApprove(viewer) &&
      approvalRefusal({ version: r.version, approvedVersion: r.approved_version, updatedById: r.updated_by_id }, viewer.id, r.version) === null,
    canDelete: canDelete(viewer, { createdById: r.created_by_id, approvedVersion: r.approved_version }),
  };
}

/** The language a person reads their messages in (notification settings; Chinese without a row). */
export async function languageOf(em: EntityManager, personId: string): Promise<string> {
  const [row] = await em.getConnection().execute<{ language: string }[]>('select language from notification_settings where person_id = ?', [personId]);
  return row?.language ?? 'zh-CN';
}

export async function findCannedAnswer(em: EntityManager, viewer: ViewerContext, id: string): Promise<CannedAnswerRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.getConnection().execute<Row[]>(`select ${COLUMNS} from ${FROM} where c.community_id = ? and c.id = ?`, [viewer.communityId, id]);
  return row ? record(row, viewer, null) : null;
}

/** The staff list (newest change first) or the picker (usable only, most used first); every word must match, by trigram index. */
export async function listCannedAnswers(
  em: EntityManager,
  viewer: ViewerContext,
  filter: CannedAnswerListFilter,
  first: number,
  after: string | null | undefined,
): Promise<Page<CannedAnswerRecord>> {
  const where: string[] = ['c.community_id = ?'];
  const params: unknown[] = [viewer.communityId];
  if (filter.usable) where.push('c.approved_version is not null');
  if (filter.status === 'DRAFT') where.push('c.approved_version is null');
  if (filter.status === 'APPROVED') where.push('c.approved_version = c.version');
  if (filter.status === 'CHANGED') where.push('c.approved_version <> c.version');
  if (filter.kind) {
    where.push('(c.kind is null or c.kind = ?)');
    params.push(filter.kind);
  }
  for (const word of searchWords(filter.search)) {
    where.push('c.search_text ilike ?');
    params.push(like(word));
  }
  const countSql = `select count(*)::int as n from canned_answer c where ${where.join(' and ')}`;
  const countParams = [...params];

  let orderBy: string;
  if (filter.usable) {
    orderBy = 'c.use_count desc, c.id asc';
    const cursor = decodeCursor(after, ['int', 'uuid']);
    if (cursor) {
      where.push('(c.use_count < ? or (c.use_count = ? and c.id > ?))');
      params.push(cursor[0], cursor[0], cursor[1]);
    }
  } else {
    orderBy = 'c.updated_at desc, c.id desc';
    const cursor = decodeCursor(after, ['timestamp', 'uuid']);
    if (cursor) {
      where.push('(c.updated_at, c.id) < (?, ?)');
      params.push(cursor[0], cursor[1]);
    }
  }
  const conn = em.getConnection();
  const [rows, [count]] = await Promise.all([
    conn.execute<Row[]>(`select ${COLUMNS} from ${FROM} where ${where.join(' and ')} order by ${orderBy} limit ?`, [...params, first + 1]),
    conn.execute<{ n: number }[]>(countSql, countParams),
  ]);
  const cursorOf = (a: CannedAnswerRecord) => encodeCursor(filter.usable ? [a.useCount, a.id] : [a.updatedAt.toISOString(), a.id]);
  return pageOf(rows, first, (r) => record(r, viewer, filter.language), cursorOf, count!.n);
}

/** 业主常见问题: approved answers meant for owners — the approved words only, never the note, drafts or pending edits. */
export interface FaqRecord {
  id: string;
  title: string;
  bodyZh: string;
  bodyEn: string | null;
  approvedAt: Date;
}

export async function listFaq(
  em: EntityManager,
  communityId: string,
  search: string | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<Page<FaqRecord>> {
  const where = ['community_id = ?', 'approved_public'];
  const params: unknown[] = [communityId];
  // The approved words only: a pending edit or the note must not be found through the FAQ. They end
  // search_text, so its trigram index narrows the rows and the second test keeps the right ones.
  for (const word of searchWords(search)) {
    where.push(`search_text ilike ? and concat_ws(' ', approved_title, approved_body_zh, approved_body_en) ilike ?`);
    params.push(like(word), like(word));
  }
  const countSql = `select count(*)::int as n from canned_answer where ${where.join(' and ')}`;
  const countParams = [...params];
  const cursor = decodeCursor(after, ['int', 'uuid']);
  if (cursor) {
    where.push('(use_count < ? or (use_count = ? and id > ?))');
    params.push(cursor[0], cursor[0], cursor[1]);
  }
  const conn = em.getConnection();
  const [rows, [count]] = await Promise.all([
    conn.execute<{ id: string; approved_title: string; approved_body_zh: string; approved_body_en: string | null; approved_at: string; use_count: number }[]>(
      `select id, approved_title, approved_body_zh, approved_body_en, approved_at, use_count from canned_answer where ${where.join(' and ')} order by use_count desc, id asc limit ?`,
      [...params, first + 1],
    ),
    conn.execute<{ n: number }[]>(countSql, countParams),
  ]);
  return pageOf(
    rows,
    first,
    (r) => ({ id: r.id, title: r.approved_title, bodyZh: r.approved_body_zh, bodyEn: r.approved_body_en, approvedAt: at(r.approved_at)! }),
    (_node, r) => encodeCursor([r.use_count, r.id]),
    count!.n,
  );
}
