// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- s3rver has no types; its declaration lives with the API, which is not a project reference
/// <reference path="../../api/src/files/s3rver.d.ts" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenTicketDocument } from '@cocreate/schema';
import { S3FileStore } from '@cocreate/api/files/s3-file-store';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, type Cast } from '../support/tickets.js';

// The API with its files in S3-compatible object storage: an S3 server started by this test.
let dir: string;
let s3rver: S3rver;
let app: TestApp;
let c: Cast;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-s3-'));
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'cocreate-files', configs: [] }] });
  const { port } = await s3rver.run();
  app = await startTestApp({
    S3_BUCKET: 'cocreate-files',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_PREFIX: 'lakeside/',
    DATA_DIR: path.join(dir, 'data'),
  });
  c = await cast(app);
});
afterAll(async () => {
  await app?.close();
  await s3rver?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${app.url}/files`, { method: 'POST', headers: { cookie: c.owner.cookie!, 'apollo-require-preflight': 'true' }, body: form });
  return { status: response.status, body: (await response.json()) as { id: string; contentType: string } };
}

describe('files in S3', () => {
  it('keeps a photo’s display image and thumbnail as objects, serves them by visibility, and sweeps orphans', async () => {
    const store = app.server.services.files.store;
    expect(store).toBeInstanceOf(S3FileStore);
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#468' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
      .toBuffer();
    const { status, body } = await upload(photo, 'leak.jpg');
    expect(status).toBe(201);
    const t = (
      await c.owner.run(OpenTicketDocument, {
        input: { kind: 'REPAIR', title: '阳台漏水', description: '下雨就漏。', unitId: c.unitId, attachmentIds: [body.id] },
      })
    ).openTicket;
    expect(t.events[0]!.attachments.map((a) => a.id)).toEqual([body.id]);

    const [row] = await app.sql<{ sha256: string; thumbnail_sha256: string }>('select sha256, thumbnail_sha256 from stored_file where id = $1', [body.id]);
    const objects = fs.readdirSync(dir, { recursive: true }).map(String);
    expect(objects.some((p) => p.includes(`lakeside/${row!.sha256.slice(0, 2)}/${row!.sha256.slice(2, 4)}/${row!.sha256}`))).toBe(true);
    expect(await store.has(row!.thumbnail_sha256)).toBe(true);

    const served = await fetch(`${app.url}/files/${body.id}`, { headers: { cookie: c.owner.cookie! } });
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    const stranger = await app.signIn('owner10@lakeside.test');
    expect((await fetch(`${app.url}/files/${body.id}/thumbnail`, { headers: { cookie: stranger.cookie! } })).status).toBe(404);

    const orphan = await store.put(Buffer.from('a blob whose row never committed'));
    const swept = await app.server.services.files.sweep(app.orm.em.fork(), { storedBefore: new Date(Date.now() + 60_000) });
    expect(swept.deleted).toEqual([orphan]);
    expect(await store.has(row!.sha256)).toBe(true);
  });
});
