import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobKey, BlobNotFoundError, LocalFileStore, sweepOrphans } from './file-store.js';

let dir: string;
let store: LocalFileStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-store-'));
  store = LocalFileStore.inDataDir(dir);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const allFiles = (root: string): string[] =>
  fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));

describe('LocalFileStore', () => {
  it('stores bytes under files/ab/cd/<sha256> and gives them back', async () => {
    const bytes = Buffer.from('房号,面积\n1-1-101,88.50\n');
    const key = await store.put(bytes);
    expect(key).toBe(blobKey(bytes));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(allFiles(dir)).toEqual([path.join(dir, 'files', key.slice(0, 2), key.slice(2, 4), key)]);
    expect(await store.get(key)).toEqual(bytes);
    expect(await store.has(key)).toBe(true);
  });

  it('keeps the same bytes once, however often and however concurrently they are put', async () => {
    const bytes = Buffer.alloc(100_000, 7);
    const keys = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
    expect(new Set(keys).size).toBe(1);
    expect(allFiles(dir)).toHaveLength(1); // no temp file left behind either
  });

  it('deletes, and says plainly when a blob is missing', async () => {
    const key = await store.put(Buffer.from('x'));
    await store.delete(key);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('refuses anything but a sha256 as a key, so no key can name a path', async () => {
    for (const key of ['../../etc/passwd', 'A'.repeat(64), '', 'ab/cd']) {
      await expect(store.get(key)).rejects.toThrow(/Not a blob key/);
      await expect(store.has(key)).rejects.toThrow(/Not a blob key/);
    }
  });

  it('lists blobs (not temp files), and the sweep removes old ones no row refers to', async () => {
    const kept = await store.put(Buffer.from('kept'));
    const orphan = await store.put(Buffer.from('orphan'));
    const fresh = await store.put(Buffer.from('fresh'));
    const old = new Date(Date.now() - 3600_000);
    for (const key of [kept, orphan]) fs.utimesSync(store.pathOf(key), old, old);
    fs.writeFileSync(path.join(path.dirname(store.pathOf(kept)), `.${kept}.x.tmp`), 'partial');
    expect((await collect(store.list())).map((b) => b.key).sort()).toEqual([kept, orphan, fresh].sort());

    const { deleted } = await sweepOrphans(store, {
      storedBefore: new Date(Date.now() - 600_000),
      referenced: async (keys) => new Set(keys.filter((k) => k === kept)),
    });
    expect(deleted).toEqual([orphan]);
    expect(await store.has(kept)).toBe(true);
    expect(await store.has(fresh)).toBe(true);
  });

  it('a put of bytes already stored makes the blob fresh again, out of the sweep’s reach', async () => {
    const key = await store.put(Buffer.from('again'));
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(store.pathOf(key), old, old);
    await store.put(Buffer.from('again'));
    const { deleted } = await sweepOrphans(store, { storedBefore: new Date(Date.now() - 600_000), referenced: async () => new Set() });
    expect(deleted).toEqual([]);
  });

  it('lists nothing before the first upload', async () => {
    expect(await collect(store.list())).toEqual([]);
  });
});
