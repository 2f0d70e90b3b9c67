import type { EntityManager } from '@mikro-orm/postgresql';
import { Community } from '../community/community.entity.js';
import { Person } from '../community/person.entity.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../shared/context.js';
import { DomainError, notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { ACCEPTED_KINDS, refusal, sniff } from './file-kinds.js';
import type { FileStore } from './file-store.js';
import { cleanFileName } from './files.rules.js';
import { StoredFile } from './stored-file.entity.js';

/** What `POST /files` answers. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export class FilesService {
  constructor(
    private readonly clock: Clock,
    readonly store: FileStore,
  ) {}

  /**
   * Keeps an upload: its type decided from the bytes, the blob written before the row (a crash in
   * between leaves an orphan blob for the sweep, never a row without bytes).
   */
  async upload(em: EntityManager, viewer: ViewerContext, input: { name: string | null | undefined; bytes: Uint8Array }): Promise<UploadedFile> {
    if (input.bytes.byteLength === 0) throw refused('The file is empty.');
    const kind = sniff(input.bytes, ACCEPTED_KINDS);
    if (!kind) throw refused(refusal(ACCEPTED_KINDS));
    const sha256 = await this.store.put(input.bytes);
    const file = em.create(StoredFile, {
      community: em.getReference(Community, viewer.communityId),
      uploadedBy: em.getReference(Person, viewer.id),
      name: cleanFileName(input.name),
      size: input.bytes.byteLength,
      contentType: kind.contentType,
      sha256,
      createdAt: this.clock.now(),
    });
    await em.persist(file).flush();
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
}

export const view = (file: StoredFile): UploadedFile => ({ id: file.id, name: file.name, size: file.size, contentType: file.contentType });

const refused = (message: string) => new DomainError('BAD_USER_INPUT', message, { field: 'file' });
