import DataLoader from 'dataloader';
import { loader, type Context } from '../context.js';
import { attachmentView, type AttachmentView } from './attachment.types.js';
import type { FileOwner, FilesService } from './files.service.js';
import type { StoredFile } from './stored-file.entity.js';

/**
 * The attachments of one item, for a field resolver: one query per request for each kind of owner,
 * however many items the page shows (DataLoader). Whether the viewer may see the item is the caller's.
 */
export async function attachmentsOf(ctx: Context, files: FilesService, owner: FileOwner, id: string): Promise<AttachmentView[]> {
  const rows = await loader(
    ctx,
    `${owner}Files`,
    () =>
      new DataLoader<string, StoredFile[]>(async (ids) => {
        const byOwner = await files.of(ctx.em, owner, ids);
        return ids.map((key) => byOwner.get(key) ?? []);
      }),
  ).load(id);
  return rows.map(attachmentView);
}
