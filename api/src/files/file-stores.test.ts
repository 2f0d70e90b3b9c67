import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config.js';
import { blobKey, BlobNotFoundError, LocalFileStore, sweepOrphans, type FileStore } from './file-store.js';
import { fileStoreFor } from './file-stores.js';
import { S3FileStore } from './s3-file-store.js';

// The same contract for every store: the local directory and S3-compatible object storage (an
// S3 server started here, on a free port, with its data in a temporary folder).
let dir: string;
let s3rver: S3rver;
let endpoint: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-stores-'));
  s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(dir, 's3'),
    configureBuckets: [{ name: 'cocreate-test', configs: [] }],
  });
  const { port } = await s3rver.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3rver?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

let n = 0;
const STORES: [string, () => FileStore][] = [
  ['local', () => LocalFileStore.inDataDir(path.join(dir, `local-${++n}`))],
  [
    'S3',
    () =>
      new S3FileStore({
        bucket: 'cocreate-test',
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        prefix: `run-${++n}/`,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
  ],
];

describe.each(STORES)('%s file store', (_name, make) => {
  it('stores bytes under their sha256 and gives them back; the same bytes once', async () => {
    const store = make();
    const bytes = Buffer.from('房号,面积\n1-1-101,88.50\n');
    const keys = await Promise.all([store.put(bytes), store.put(bytes), store.put(bytes)]);
    expect(new Set(keys)).toEqual(new Set([blobKey(bytes)]));
    expect(await store.get(keys[0]!)).toEqual(bytes);
    expect(await store.has(keys[0]!)).toBe(true);
    expect((await collect(store.list())).map((b) => [b.key, b.size])).toEqual([[keys[0], bytes.length]]);
  });

  it('keeps binary bytes exactly (a photo), and large ones', async () => {
    const store = make();
    const bytes = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const key = await store.put(bytes);
    expect((await store.get(key)).equals(bytes)).toBe(true);
  });

  it('deletes (twice is fine) and says plainly when a blob is missing', async () => {
    const store = make();
    const key = await store.put(Buffer.from('x'));
    await store.delete(key);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await collect(store.list())).toEqual([]);
  });

  it('refuses anything but a sha256 as a key', async () => {
    const store = make();
    for (const key of ['../../etc/passwd', 'A'.repeat(64), '', 'ab/cd']) await expect(store.get(key)).rejects.toThrow(/Not a blob key/);
  });

  it('the sweep removes old blobs no row refers to and keeps the rest', async () => {
    const store = make();
    const kept = await store.put(Buffer.from('kept'));
    const orphan = await store.put(Buffer.from('orphan'));
    expect((await sweepOrphans(store, { storedBefore: new Date(Date.now() - 600_000), referenced: async () => new Set() })).deleted).toEqual([]);
    const { deleted } = await sweepOrphans(store, {
      storedBefore: new Date(Date.now() + 60_000),
      referenced: async (keys) => new Set(keys.filter((k) => k === kept)),
    });
    expect(deleted).toEqual([orphan]);
    expect([await store.has(kept), await store.has(orphan)]).toEqual([true, false]);
  });

  it('lists past one page', async () => {
    const store = make();
    const keys = await Promise.all(Array.from({ length: 25 }, (_, i) => store.put(Buffer.from(`blob ${i}`))));
    expect((await collect(store.list())).map((b) => b.key).sort()).toEqual([...keys].sort());
  });
});

describe('S3 configuration', () => {
  it('uses S3 when S3_BUCKET is set, the local directory otherwise, and names a bad variable', () => {
    expect(fileStoreFor(loadConfig({ DATA_DIR: dir }))).toBeInstanceOf(LocalFileStore);
    const config = loadConfig({
      S3_BUCKET: 'cocreate-files',
      S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PREFIX: 'prod/',
    });
    expect(config.s3).toEqual({
      bucket: 'cocreate-files',
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'prod/',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    expect(fileStoreFor(config)).toBeInstanceOf(S3FileStore);
    expect(loadConfig({ S3_BUCKET: 'on-aws', S3_REGION: 'cn-north-1' }).s3).toMatchObject({
      endpoint: null,
      forcePathStyle: false,
      credentials: null,
      region: 'cn-north-1',
    });
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_ENDPOINT is set but S3_BUCKET is not/);
    expect(() => loadConfig({ S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET must be a bucket name/);
    expect(() => loadConfig({ S3_BUCKET: 'ok-bucket', S3_ACCESS_KEY_ID: 'id' })).toThrow(/go together/);
    expect(() => loadConfig({ S3_BUCKET: 'ok-bucket', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT must be an http/);
    expect(() => loadConfig({ S3_BUCKET: 'ok-bucket', S3_PREFIX: '../x' })).toThrow(/S3_PREFIX must be a folder/);
  });
});
