import { badInput } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import type { FileKindId } from './file-kinds.js';

/** The WeChat habit: nine photos to a message. */
export const MAX_ATTACHMENTS = 9;

/** An upload nobody attached within a day was abandoned (the owner closed the form): swept. */
export const ABANDONED_UPLOAD_MS = 24 * 3600_000;

export interface SizeLimits {
  imageMaxBytes: number;
  pdfMaxBytes: number;
}

/** The size limit of one kind, or null when only the endpoint's own limit applies (spreadsheets). */
export function sizeLimit(kind: FileKindId, limits: SizeLimits): { maxBytes: number; what: string } | null {
  if (kind === 'pdf') return { maxBytes: limits.pdfMaxBytes, what: 'A PDF' };
  if (kind === 'jpeg' || kind === 'png' || kind === 'webp' || kind === 'heic') return { maxBytes: limits.imageMaxBytes, what: 'A photo' };
  return null;
}

/** `IMG_0042.HEIC` is served as `IMG_0042.webp`: the name says what the bytes are. */
export function servedName(name: string, kind: FileKindId): string {
  if (kind !== 'jpeg' && kind !== 'png' && kind !== 'webp' && kind !== 'heic') return name;
  const stem = name.replace(/\.[\p{L}\p{N}]{1,16}$/u, '');
  return `${stem || 'photo'}.webp`;
}

/** The ids as given, checked before anything is loaded: at most nine, each once, each an id. */
export function checkAttachmentIds(ids: readonly string[] | null | undefined): string[] {
  const list = [...(ids ?? [])];
  if (list.length > MAX_ATTACHMENTS)
    throw badInput('attachmentIds', `at most ${MAX_ATTACHMENTS} files to one item`, { reason: 'TOO_MANY_FILES', max: MAX_ATTACHMENTS });
  if (new Set(list).size !== list.length) throw badInput('attachmentIds', 'names a file twice', { reason: 'FILE_TWICE' });
  if (list.some((id) => !isUuid(id))) throw badInput('attachmentIds', 'contains something that is not a file id', { reason: 'NOT_A_FILE_ID' });
  return list;
}

/** What a viewer of a ticket may see of what is attached to one of its timeline lines. */
export function seesTicketEventFiles(event: { internal: boolean }, viewer: { staffView: boolean }): boolean {
  return !event.internal || viewer.staffView;
}

/**
 * Who may see the scan of a paper ballot. The paper shows the choice, and the choice is sealed until
 * the close: before it, only the elector's own owners and whoever recorded the paper; after it, also
 * those who may record paper ballots (customer service, committee, admin), to check the count.
 */
export function seesPaperBallotScan(viewer: { electorOwner: boolean; recorder: boolean; mayRecordPaper: boolean }, vote: { closed: boolean }): boolean {
  return viewer.electorOwner || viewer.recorder || (vote.closed && viewer.mayRecordPaper);
}
