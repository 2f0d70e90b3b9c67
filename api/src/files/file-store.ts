import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A blob's key is the SHA-256 of its bytes, in lower-case hex. */
export type BlobKey = string;

const KEY = /^[0-9a-f]{64}$/;

export const blobKey = (bytes: Uint8Array): BlobKey => createHash('sha256').update(bytes).digest('hex');

export class BlobNotFoundError extends Error {
  constructor(readonly key: BlobKey) {
    super(`No blob ${key} in the file store.`);
  }
}

export interface BlobInfo {
  key: BlobKey;
  size: number;
  /** When the blob was last put (a put of bytes already stored refreshes it). */
  storedAt: Date;
}

/**
 * Where file bytes live: content-addressed, so the same bytes are stored once however often they
 * are uploaded. A blob is written before the row that refers to it commits; a blob no row refers
 * to is an orphan, which `sweepOrphans` removes once it is older than a grace period.
 */
export interface FileStore {
  /** Stores the bytes (atomically: a reader never sees part of a blob) and returns their key. */
  put(bytes: Uint8Array): Promise<BlobKey>;
  /** The bytes under `key`; BlobNotFoundError if there are none. */
  get(key: BlobKey): Promise<Buffer>;
  has(key: BlobKey): Promise<boolean>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: BlobKey): Promise<void>;
  /** Every blob, in no particular order (for the orphan sweep). */
  list(): AsyncIterable<BlobInfo>;
}

export function checkKey(key: string): BlobKey {
  // Keys become paths (and object names): anything but 64 hex digits could leave the store.
  if (!KEY.test(key)) throw new Error(`Not a blob key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Blobs as files under `<root>/ab/cd/<sha256>`: two levels of 256 folders keep each folder small. */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  /** `<DATA_DIR>/files`. */
  static inDataDir(dataDir: string): LocalFileStore {
    return new LocalFileStore(path.join(dataDir, 'files'));
  }

  pathOf(key: BlobKey): string {
    checkKey(key);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(bytes: Uint8Array): Promise<BlobKey> {
    const key = blobKey(bytes);
    const file = this.pathOf(key);
    const dir = path.dirname(file);
    if (await this.has(key)) {
      // Fresh again, so a sweep with a grace period does not take it from under the row being written.
      const now = new Date();
      await fs.utimes(file, now, now);
      return key;
    }
    await fs.mkdir(dir, { recursive: true });
    // Same folder as the blob, so the rename cannot cross file systems; the dot keeps it out of list().
    const temp = path.join(dir, `.${key}.${randomUUID()}.tmp`);
    const handle = await fs.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      // Two puts of the same bytes at once both rename; either result is the same blob.
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dir);
    return key;
  }

  async get(key: BlobKey): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async has(key: BlobKey): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: BlobKey): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<BlobInfo> {
    for (const a of await entries(this.root)) {
      for (const b of await entries(path.join(this.root, a))) {
        const dir = path.join(this.root, a, b);
        for (const name of await entries(dir)) {
          if (!KEY.test(name) || name.slice(0, 2) !== a || name.slice(2, 4) !== b) continue;
          const stat = await fs.stat(path.join(dir, name)).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error)));
          if (stat?.isFile()) yield { key: name, size: stat.size, storedAt: stat.mtime };
        }
      }
    }
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** A rename is durable only once its folder is on disk too. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (and platforms) cannot fsync a directory; the blob itself is synced.
    if (!['EINVAL', 'EPERM', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Removes blobs stored before `storedBefore` that no row refers to. `referenced` answers from the
 * database for a batch of keys. The grace period covers a put whose row has not committed yet. A put
 * that refreshes an old blob between `referenced` and `delete` could still lose it: `guard` runs each
 * batch's check and deletes under a lock that uploads take (shared) around their put and row, which
 * closes that gap (FilesService).
 */
export async function sweepOrphans(
  store: FileStore,
  {
    storedBefore,
    referenced,
    batchSize = 100,
    guard = (work) => work(),
  }: {
    storedBefore: Date;
    referenced: (keys: BlobKey[]) => Promise<Set<BlobKey>>;
    batchSize?: number;
    guard?: (work: () => Promise<void>) => Promise<void>;
  },
): Promise<{ deleted: BlobKey[] }> {
  const deleted: BlobKey[] = [];
  let batch: BlobKey[] = [];
  const flush = async () => {
    const keys = batch;
    batch = [];
    await guard(async () => {
      const inUse = await referenced(keys);
      for (const key of keys) {
        if (inUse.has(key)) continue;
        await store.delete(key);
        deleted.push(key);
      }
    });
  };
  for await (const blob of store.list()) {
    if (blob.storedAt >= storedBefore) continue;
    batch.push(blob.key);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  return { deleted };
}
