import type { EntityManager } from '@mikro-orm/postgresql';
import { Community } from '../community/community.entity.js';
import { Person } from '../community/person.entity.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, DomainError, notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import type { ErrorReason } from '../shared/reasons.js';
import { TicketEvent } from '../tickets/ticket-event.entity.js';
import { Role } from '../community/community.enums.js';
import { ProposalComment } from '../proposals/proposal-comment.entity.js';
import { findProposal } from '../proposals/proposal.queries.js';
import { canView, relationsOf } from '../tickets/ticket.rules.js';
import { ACCEPTED_KINDS, ATTACHMENT_KINDS, isImageKind, refusal, sniff } from './file-kinds.js';
import { sweepOrphans, type BlobKey, type FileStore } from './file-store.js';
import { cleanFileName } from './files.rules.js';
import { ImageRefusedError, processImage } from './images.js';
import { canRecordPaperBallots } from '../decisions/decision.rules.js';
import { attachmentPolicy } from './attachment.settings.js';
import { ABANDONED_UPLOAD_MS, seesPaperBallotScan, seesTicketEventFiles, servedName, sizeLimit, type SizeLimits } from './attachment.rules.js';
import { StoredFile } from './stored-file.entity.js';

/** What `POST /files` answers. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** Photos: the display size, upright. */
  width?: number | null;
  height?: number | null;
}

export type FileVariant = 'display' | 'thumbnail';

/** What an attachment may belong to: the column that names it. */
export type AttachTarget =
  { ticketEventId: string } | { proposalId: string } | { proposalCommentId: string } | { objectionId: string } | { decisionElectorId: string };
const TARGET_COLUMN = {
  ticketEventId: 'ticket_event_id',
  proposalId: 'proposal_id',
  proposalCommentId: 'proposal_comment_id',
  objectionId: 'objection_id',
  decisionElectorId: 'decision_elector_id',
} as const;
const UNATTACHED_SQL = Object.values(TARGET_COLUMN)
  .map((column) => `${column} is null`)
  .join(' and ');

/** What files may be listed for: the entity property naming the owner. */
export type FileOwner = 'ticketEvent' | 'proposal' | 'proposalComment' | 'objection' | 'decisionElector';

/** What the download endpoint sends. */
export interface ServedFile {
  bytes: Buffer;
  contentType: string;
  name: string;
  /** The blob's key: the bytes behind it never change. */
  etag: string;
  document: boolean;
}

/**
 * Uploads take this advisory lock shared around "put the blob, insert the row"; the orphan sweep takes
 * it exclusively around "is it referenced? delete it". So a sweep never deletes a blob that an upload
 * has just put again for a row about to commit.
 */
const BLOB_LOCK = 278_010;

export class FilesService {
  constructor(
    private readonly clock: Clock,
    readonly store: FileStore,
    private readonly limits: SizeLimits = { imageMaxBytes: 10 * 1024 * 1024, pdfMaxBytes: 20 * 1024 * 1024 },
  ) {}

  /**
   * Keeps an upload: its type decided from the bytes; a photo processed first (images.ts), so what is
   * stored is what may be shown. Blobs are written before the row, in the row's transaction: a crash
   * in between leaves an orphan blob for the sweep, never a row without bytes.
   */
  async upload(em: EntityManager, viewer: ViewerContext, input: { name: string | null | undefined; bytes: Uint8Array }): Promise<UploadedFile> {
    const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    if (bytes.byteLength === 0) throw refused('The file is empty.', 'FILE_EMPTY');
    const sniffed = sniff(bytes, ACCEPTED_KINDS);
    if (!sniffed) throw refused(refusal(ACCEPTED_KINDS));
    const kind = sniffed.kind;
    const limit = sizeLimit(kind, this.limits);
    if (limit && bytes.byteLength > limit.maxBytes) {
      throw new DomainError('BAD_USER_INPUT', `${limit.what} may be at most ${megabytes(limit.maxBytes)}; this one is ${megabytes(bytes.byteLength)}.`, {
        field: 'file',
        reason: 'TOO_LARGE',
        maxBytes: limit.maxBytes,
      });
    }
    const name = servedName(cleanFileName(input.name), kind);
    let blobs: { main: Buffer; thumbnail?: Buffer; original?: Buffer };
    let facts: Pick<StoredFile, 'contentType' | 'width' | 'height'>;
    if (isImageKind(kind)) {
      const image = await processImage(bytes, kind).catch((error: unknown) => {
        throw error instanceof ImageRefusedError ? new DomainError('BAD_USER_INPUT', error.message, { field: 'file', reason: error.reason }) : error;
      });
      const { settings } = await em.findOneOrFail(Community, { id: viewer.communityId }, { fields: ['settings'] });
      blobs = { main: image.display, thumbnail: image.thumbnail, ...(attachmentPolicy(settings).keepOriginals ? { original: bytes } : {}) };
      facts = { contentType: image.contentType, width: image.width, height: image.height };
    } else {
      blobs = { main: bytes };
      facts = { contentType: sniffed.contentType, width: null, height: null };
    }
    const file = await em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock_shared(?)', [BLOB_LOCK]);
      const [sha256, thumbnailSha256, originalSha256] = await Promise.all([
        this.store.put(blobs.main),
        blobs.thumbnail ? this.store.put(blobs.thumbnail) : null,
        blobs.original ? this.store.put(blobs.original) : null,
      ]);
      const row = tx.create(StoredFile, {
        community: tx.getReference(Community, viewer.communityId),
        uploadedBy: tx.getReference(Person, viewer.id),
        name,
        kind,
        size: blobs.main.byteLength,
        ...facts,
        sha256,
        thumbnailSha256,
        originalSha256,
        createdAt: this.clock.now(),
      });
      tx.persist(row);
      return row;
    });
    return view(file);
  }

  /**
   * A file of the viewer's community and its bytes; NOT_FOUND for anyone else's, exactly as for a
   * file that does not exist. Who may use it for what is the caller's decision (an import is the
   * admin's, an attachment follows what it is attached to).
   */
  async read(em: EntityManager, viewer: ViewerContext, fileId: string): Promise<{ file: StoredFile; bytes: Buffer }> {
    const file = isUuid(fileId) ? await em.findOne(StoredFile, { id: fileId, community: viewer.communityId }) : null;
    if (!file) throw notFound('File');
    return { file, bytes: await this.store.get(file.sha256) };
  }

  /** The kinds of the viewer's own unattached uploads among `ids` (for rules such as "a photo is required"). */
  async ownUnattached(em: EntityManager, viewer: ViewerContext, ids: readonly string[]): Promise<StoredFile[]> {
    if (!ids.length) return [];
    return em.find(StoredFile, {
      id: { $in: [...ids] },
      community: viewer.communityId,
      uploadedBy: viewer.id,
      ticketEvent: null,
      proposal: null,
      proposalComment: null,
      objection: null,
      decisionElector: null,
    });
  }

  /**
   * Attaches the viewer's own, not yet attached photos and PDFs to a ticket's timeline line, in the
   * caller's transaction (after its flush): the check and the write are one statement, so one file
   * cannot end up on two items however the requests race. Anything else refuses the whole command.
   */
  attachToTicketEvent(em: EntityManager, viewer: ViewerContext, ids: readonly string[], event: TicketEvent): Promise<void> {
    return this.attach(em, viewer, ids, { ticketEventId: event.id });
  }

  /** The same for a proposal or a comment (and any later owner of files): one statement, the caller's transaction. */
  async attach(em: EntityManager, viewer: ViewerContext, ids: readonly string[], target: AttachTarget): Promise<void> {
    if (!ids.length) return;
    const [field, ownerId] = Object.entries(target)[0] as [keyof typeof TARGET_COLUMN, string];
    const rows = await em.execute<{ id: string }[]>(
      `update stored_file set ${TARGET_COLUMN[field]} = ?, position = array_position(?::uuid[], id), attached_at = ?
        where id = any(?::uuid[]) and community_id = ? and uploaded_by_id = ? and ${UNATTACHED_SQL} and kind = any(?::text[])
        returning id`,
      [ownerId, `{${ids.join(',')}}`, this.clock.now(), `{${ids.join(',')}}`, viewer.communityId, viewer.id, `{${ATTACHMENT_KINDS.join(',')}}`],
    );
    if (rows.length !== ids.length) {
      // The same answer whether the file is someone else's, already used, a spreadsheet or made up.
      throw badInput('attachmentIds', 'names a file that is not a photo or PDF you uploaded, or that is already attached to something', {
        reason: 'FILE_NOT_USABLE',
      });
    }
  }

  /** The files of these timeline lines, proposals, comments, objections or paper ballots, in their order. */
  async of(em: EntityManager, owner: FileOwner, ids: readonly string[]): Promise<Map<string, StoredFile[]>> {
    const rows = ids.length ? await em.find(StoredFile, { [owner]: { $in: [...ids] } }, { orderBy: { position: 'asc' } }) : [];
    const out = new Map<string, StoredFile[]>(ids.map((id) => [id, []]));
    for (const row of rows) out.get(row[owner]!.id)?.push(row);
    return out;
  }

  /**
   * The bytes of a file for the download endpoint, to a viewer who may see what it is attached to:
   * a ticket the viewer may see, and the line not an internal note unless the viewer is staff handling
   * it; a proposal of the viewer's community; a comment not hidden (admins see hidden ones); an
   * objection (part of the public notice); a paper ballot's scan under seesPaperBallotScan. Not
   * attached yet: its uploader only. Anyone else gets NOT_FOUND, as for no file at all.
   */
  async serve(em: EntityManager, viewer: ViewerContext, fileId: string, variant: FileVariant): Promise<ServedFile> {
    const file = isUuid(fileId) ? await em.findOne(StoredFile, { id: fileId, community: viewer.communityId }) : null;
    if (!file || !(await this.maySee(em, viewer, file))) throw notFound('File');
    const key = variant === 'thumbnail' ? file.thumbnailSha256 : file.sha256;
    if (!key) throw notFound('File');
    return {
      bytes: await this.store.get(key),
      contentType: variant === 'thumbnail' ? 'image/webp' : file.contentType,
      name: file.name,
      etag: key,
      document: !isImageKind(file.kind),
    };
  }

  private async maySee(em: EntityManager, viewer: ViewerContext, file: StoredFile): Promise<boolean> {
    // Objections are part of the public notice (公示): the community sees them and their evidence.
    if (file.objection) return true;
    if (file.decisionElector) return this.maySeePaperBallotScan(em, viewer, file);
    // The board is public to the community; a hidden comment's files go with it, to admins only.
    if (file.proposal) return (await findProposal(em, viewer, file.proposal.id)) !== null;
    if (file.proposalComment) {
      const comment = await em.findOne(ProposalComment, { id: file.proposalComment.id }, { populate: ['proposal'] });
      if (!comment || (comment.hiddenAt && !viewer.roles.includes(Role.ADMIN))) return false;
      return (await findProposal(em, viewer, comment.proposal.id)) !== null;
    }
    if (!file.ticketEvent) return file.uploadedBy.id === viewer.id;
    const event = await em.findOne(TicketEvent, { id: file.ticketEvent.id }, { populate: ['ticket'] });
    if (!event) return false;
    const ticket = { ownerId: event.ticket.owner.id, department: event.ticket.department };
    if (!canView(viewer, ticket)) return false;
    const relations = relationsOf(viewer, ticket);
    const staffView = relations.has('CUSTOMER_SERVICE') || relations.has('DEPARTMENT_STAFF') || relations.has('ADMIN');
    return seesTicketEventFiles(event, { staffView });
  }

  private async maySeePaperBallotScan(em: EntityManager, viewer: ViewerContext, file: StoredFile): Promise<boolean> {
    const [row] = await em.getConnection().execute<{ elector_owner: boolean; recorder: boolean; closed: boolean }[]>(
      `select ?::uuid = any(e.owner_ids) as elector_owner, e.recorded_by_id is not distinct from ?::uuid as recorder, d.status = 'CLOSED' as closed
         from decision_elector e join decision d on d.id = e.decision_id where e.id = ?`,
      [viewer.id, viewer.id, file.decisionElector!.id],
    );
    if (!row) return false;
    return seesPaperBallotScan(
      { electorOwner: row.elector_owner, recorder: row.recorder, mayRecordPaper: canRecordPaperBallots(viewer.roles) },
      { closed: row.closed },
    );
  }

  /**
   * On deactivation (离职): the person's uploads that were never attached can no longer be, so they go
   * now rather than in a day; what is attached stays with the record it belongs to, as the rest of
   * the record does. The blobs follow in the next sweep. In the caller's transaction.
   */
  async forgetUnattached(em: EntityManager, personId: string): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `delete from stored_file where uploaded_by_id = ? and ${UNATTACHED_SQL} and kind = any(?::text[]) returning id`,
      [personId, `{${ATTACHMENT_KINDS.join(',')}}`],
    );
    return rows.length;
  }

  /**
   * Forgets uploads nobody attached within a day, then removes blobs no row refers to that were
   * stored before `storedBefore` (an hour ago by default: room for an upload between its put and
   * its commit). Run by the server's sweep loop; safe in several processes at once.
   */
  async sweep(
    em: EntityManager,
    { storedBefore = new Date(Date.now() - 3600_000) }: { storedBefore?: Date } = {},
  ): Promise<{ abandoned: number; deleted: BlobKey[] }> {
    const abandonedBefore = new Date(this.clock.now().getTime() - ABANDONED_UPLOAD_MS);
    const abandoned = await em
      .getConnection()
      .execute<{ id: string }[]>(`delete from stored_file where ${UNATTACHED_SQL} and kind = any(?::text[]) and created_at < ? returning id`, [
        `{${ATTACHMENT_KINDS.join(',')}}`,
        abandonedBefore,
      ]);
    const { deleted } = await sweepOrphans(this.store, {
      storedBefore,
      referenced: async (keys) => {
        const rows = await em.getConnection().execute<{ key: string }[]>(
          `select k as key from unnest(?::text[]) k
            where exists (select 1 from stored_file f where f.sha256 = k or f.thumbnail_sha256 = k or f.original_sha256 = k)`,
          [`{${keys.join(',')}}`],
        );
        return new Set(rows.map((r) => r.key));
      },
      guard: async (work) => {
        await em.fork().transactional(async (tx) => {
          await tx.execute('select pg_advisory_xact_lock(?)', [BLOB_LOCK]);
          await work();
        });
      },
    });
    return { abandoned: abandoned.length, deleted };
  }
}

/** For services made without a file service (the demo seed attaches nothing): attaching fails loudly. */
export function attachingWith(files: FilesService | null, service: string): FilesService {
  if (!files) throw new Error(`This ${service} was made without a file service: it cannot attach files.`);
  return files;
}

export const view = (file: StoredFile): UploadedFile => ({
  id: file.id,
  name: file.name,
  size: file.size,
  contentType: file.contentType,
  ...(file.width ? { width: file.width, height: file.height } : {}),
});

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const refused = (message: string, reason: ErrorReason = 'FILE_TYPE') => new DomainError('BAD_USER_INPUT', message, { field: 'file', reason });
