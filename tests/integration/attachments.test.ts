import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseDecisionDocument,
  CommentOnProposalDocument,
  DecisionDocument,
  DecisionRollDocument,
  HideCommentDocument,
  ProposalDocument,
  RaiseObjectionDocument,
  DeactivatePersonDocument,
  RecordPaperBallotDocument,
  ReviewDocument,
  SubmitProposalDocument,
  OpenTicketDocument,
  PostTicketUpdateDocument,
  ProposeSolutionDocument,
  ResolveTicketDocument,
  TicketDocument,
  type AttachmentFieldsFragment,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';

const HEIC = fs.readFileSync(new URL('../../api/src/files/fixtures/photo.heic', import.meta.url));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const IMAGE_LIMIT = 2 * 1024 * 1024;

/** A photo as a phone writes one: GPS where it was taken, the camera, and "rotate 90°". */
async function phonePhoto(width = 600, height = 300, color = { r: 30, g: 120, b: 200 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 15' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 5678/100' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

interface Uploaded {
  id?: string;
  name?: string;
  size?: number;
  contentType?: string;
  width?: number;
  height?: number;
  errors?: { message: string; extensions: { code: string; reason?: string } }[];
}

let app: TestApp;
let dataDir: string;
let c: Cast;
let otherOwner: Client;
let admin: Client;

async function upload(client: Client, bytes: Buffer, name: string): Promise<{ status: number; body: Uploaded }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${app.url}/files`, { method: 'POST', headers: { cookie: client.cookie!, 'apollo-require-preflight': 'true' }, body: form });
  return { status: response.status, body: (await response.json()) as Uploaded };
}
const uploaded = async (client: Client, bytes: Buffer, name: string) => {
  const answer = await upload(client, bytes, name);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id!;
};
const get = (client: Client | null, url: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${url}`, { headers: { ...(client?.cookie ? { cookie: client.cookie } : {}), ...headers } });

const blobCount = () =>
  fs.existsSync(path.join(dataDir, 'files'))
    ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).length
    : 0;
const rowCount = async () => Number((await app.sql<{ n: string }>('select count(*) as n from stored_file'))[0]!.n);

async function attachmentsOf(client: Client, ticketId: string): Promise<{ kind: string; internal: boolean; attachments: AttachmentFieldsFragment[] }[]> {
  const { ticket } = await client.run(TicketDocument, { id: ticketId });
  return ticket!.events.map((e) => ({ kind: e.kind, internal: e.internal, attachments: e.attachments }));
}

/** The admin sets the community's attachment rules, as in the admin screen; answers what the settings now say. */
async function setPolicy(attachments: { keepOriginals?: boolean; repairResolutionNeedsPhoto?: boolean }) {
  await admin.run(`mutation($a: AttachmentPolicyInput!) { updateCommunitySettings(input: { attachments: $a }) { id } }`, { a: attachments });
  const read = await admin.run(`{ community { settings { attachments { keepOriginals repairResolutionNeedsPhoto } } } }`);
  return (read as { community: { settings: { attachments: Record<string, boolean> } } }).community.settings.attachments;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-attachments-'));
  app = await startTestApp({ DATA_DIR: dataDir, ATTACHMENT_IMAGE_MAX_BYTES: String(IMAGE_LIMIT) });
  c = await cast(app);
  [otherOwner, admin] = await Promise.all([app.signIn('owner10@lakeside.test'), app.signIn('admin@lakeside.test')]);
});
afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('photos on a repair, end to end', () => {
  let ticketId: string;
  let intake: AttachmentFieldsFragment[];

  it('owner1 files a repair with a JPEG and an iPhone HEIC; each becomes an upright WebP without metadata, with a thumbnail', async () => {
    const jpeg = await upload(c.owner, await phonePhoto(), 'IMG_0001.JPG');
    expect(jpeg).toMatchObject({ status: 201, body: { name: 'IMG_0001.webp', contentType: 'image/webp', width: 300, height: 600 } });
    const heic = await upload(c.owner, HEIC, 'IMG_0002.HEIC');
    expect(heic).toMatchObject({ status: 201, body: { name: 'IMG_0002.webp', contentType: 'image/webp', width: 320, height: 240 } });
    const t = (
      await c.owner.run(OpenTicketDocument, {
        input: {
          kind: 'REPAIR',
          title: '卫生间天花板渗水',
          description: '楼上漏水，天花板有水渍。',
          unitId: c.unitId,
          attachmentIds: [jpeg.body.id!, heic.body.id!],
        },
      })
    ).openTicket;
    ticketId = t.id;
    const opened = t.events.find((e) => e.kind === 'OPENED')!;
    intake = opened.attachments;
    expect(intake.map((a) => [a.id, a.kind, a.contentType, a.width, a.height])).toEqual([
      [jpeg.body.id, 'IMAGE', 'image/webp', 300, 600],
      [heic.body.id, 'IMAGE', 'image/webp', 320, 240],
    ]);
    expect(intake[0]).toMatchObject({ url: `/files/${jpeg.body.id}`, thumbnailUrl: `/files/${jpeg.body.id}/thumbnail` });
  });

  it('serves the photo to the owner: WebP, no EXIF or GPS anywhere in the bytes, private caching, inert on its own', async () => {
    const response = await get(c.owner, intake[0]!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="IMG_0001.webp"; filename*=UTF-8''IMG_0001.webp`);
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 300, height: 600 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    for (const trace of ['Exif', 'GPS', 'iPhone', 'Apple']) expect(bytes.toString('latin1')).not.toContain(trace);
    // The original (with GPS) was never written: the community does not keep originals.
    const [row] = await app.sql<{ original_sha256: string | null }>('select original_sha256 from stored_file where id = $1', [intake[0]!.id]);
    expect(row!.original_sha256).toBeNull();

    const thumbnail = await get(c.owner, intake[0]!.thumbnailUrl!);
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ width: 320, height: 320 });
    const again = await get(c.owner, intake[0]!.url, { 'if-none-match': response.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('another owner gets NOT_FOUND for the photo exactly as for the ticket; signed out, UNAUTHENTICATED; staff see it', async () => {
    const ticket = await otherOwner.fail(TicketDocument, { id: ticketId });
    expect(ticket.extensions?.code).toBe('NOT_FOUND');
    for (const url of [intake[0]!.url, intake[0]!.thumbnailUrl!, '/files/00000000-0000-4000-8000-000000000000', '/files/not-an-id']) {
      const response = await get(otherOwner, url);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        errors: [{ message: 'File not found.', extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND', subject: 'File' } }],
      });
    }
    expect((await get(null, intake[0]!.url)).status).toBe(401);
    for (const staff of [c.cs, c.maint, admin]) expect((await get(staff, intake[0]!.url)).status).toBe(200);
  });

  it('an internal note’s photo reaches staff only; a public update’s reaches the owner', async () => {
    await c.cs.run((await import('@cocreate/schema')).DispatchTicketDocument, { id: ticketId, input: { urgency: 'HIGH', department: 'MAINTENANCE' } });
    const secret = await uploaded(c.maint, await phonePhoto(200, 200, { r: 200, g: 0, b: 0 }), 'pipe.jpg');
    const note = (await c.maint.run(PostTicketUpdateDocument, { id: ticketId, message: '楼上管道老化，需物业出资。', internal: true, attachmentIds: [secret] }))
      .postTicketUpdate;
    expect(note.attachments.map((a) => a.id)).toEqual([secret]);
    const shown = await uploaded(c.maint, await phonePhoto(200, 200, { r: 0, g: 200, b: 0 }), 'progress.jpg');
    await c.maint.run(PostTicketUpdateDocument, { id: ticketId, message: '已找到漏点。', attachmentIds: [shown] });

    const ownerSees = (await attachmentsOf(c.owner, ticketId)).flatMap((e) => e.attachments.map((a) => a.id));
    expect(ownerSees).toContain(shown);
    expect(ownerSees).not.toContain(secret);
    expect((await get(c.owner, `/files/${secret}`)).status).toBe(404);
    expect((await get(c.owner, `/files/${secret}/thumbnail`)).status).toBe(404);
    expect((await get(c.owner, `/files/${shown}`)).status).toBe(200);
    expect((await get(c.maint, `/files/${secret}`)).status).toBe(200);
    expect((await get(c.cs, `/files/${secret}`)).status).toBe(200);
    // Security staff see the ticket (staff see all tickets) but are not handling it: no internal note, no photo.
    const security = await app.signIn('security@lakeside.test');
    expect((await get(security, `/files/${secret}`)).status).toBe(404);
    expect((await get(security, `/files/${shown}`)).status).toBe(200);
  });

  it('the owner writes back with a photo; a quotation (PDF) goes with the solution and downloads as a document', async () => {
    const reply = await uploaded(c.owner, await phonePhoto(300, 200), 'again.jpg');
    await c.owner.run(PostTicketUpdateDocument, { id: ticketId, message: '今天又漏了。', attachmentIds: [reply] });
    const quote = await upload(c.maint, PDF, '报价单（维修）.pdf');
    expect(quote).toMatchObject({ status: 201, body: { contentType: 'application/pdf', name: '报价单（维修）.pdf' } });
    const t = (await c.maint.run(ProposeSolutionDocument, { id: ticketId, solution: '更换楼上排水管，费用见报价。', attachmentIds: [quote.body.id!] }))
      .proposeSolution;
    const doc = t.events.find((e) => e.kind === 'SOLUTION_PROPOSED')!.attachments[0]!;
    expect(doc).toMatchObject({ kind: 'DOCUMENT', thumbnailUrl: null, contentType: 'application/pdf' });
    const response = await get(c.owner, doc.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('报价单（维修）.pdf')}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await get(c.owner, `${doc.url}/thumbnail`)).status).toBe(404);
  });

  it('a community that requires it: a repair is resolved only with an after photo', async () => {
    await setPolicy({ repairResolutionNeedsPhoto: true });
    const t = await ticketIn(c, 'IN_PROGRESS');
    const quote = await uploaded(c.maint, PDF, 'invoice.pdf');
    for (const attachmentIds of [[], [quote]]) {
      const refused = await c.maint.fail(ResolveTicketDocument, { id: t.id, summary: '已修好。', attachmentIds });
      expect(refused).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'attachmentIds' }, message: expect.stringMatching(/at least one photo/) });
    }
    const after = await uploaded(c.maint, await phonePhoto(400, 300, { r: 250, g: 250, b: 250 }), 'after.jpg');
    const resolved = (await c.maint.run(ResolveTicketDocument, { id: t.id, summary: '已修好。', attachmentIds: [after, quote] })).resolveTicket;
    expect(resolved.status).toBe('RESOLVED');
    const events = await attachmentsOf(c.owner, t.id);
    expect(events.find((e) => e.kind === 'RESOLVED')!.attachments.map((a) => a.kind)).toEqual(['IMAGE', 'DOCUMENT']);
    await setPolicy({ keepOriginals: false, repairResolutionNeedsPhoto: false });
  });
});

describe('refused attachments: a clear reason, nothing attached', () => {
  const openWith = (client: Client, attachmentIds: string[]) =>
    client.fail(OpenTicketDocument, { input: { kind: 'REPAIR', title: '门禁失灵', description: '刷卡没反应。', unitId: c.unitId, attachmentIds } });

  it('someone else’s upload, one already attached, a spreadsheet, a made-up id, the same id twice, ten files', async () => {
    const theirs = await uploaded(otherOwner, await phonePhoto(), 'theirs.jpg');
    const used = await uploaded(c.owner, await phonePhoto(), 'used.jpg');
    await c.owner.run(OpenTicketDocument, { input: { kind: 'REPAIR', title: '楼道灯不亮', description: '三楼。', unitId: c.unitId, attachmentIds: [used] } });
    const csv = await uploaded(c.owner, Buffer.from('房号,面积\n1-1-101,88.50\n'), 'a.csv');
    const mine = await uploaded(c.owner, await phonePhoto(), 'mine.jpg');
    for (const ids of [[theirs], [mine, used], [csv], [mine, '00000000-0000-4000-8000-000000000000']]) {
      expect(await openWith(c.owner, ids)).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'attachmentIds', reason: 'FILE_NOT_USABLE' },
        message: expect.stringMatching(/not a photo or PDF you uploaded/),
      });
    }
    // Refused as a whole: the file that was fine is still free to use.
    const [row] = await app.sql<{ ticket_event_id: string | null }>('select ticket_event_id from stored_file where id = $1', [mine]);
    expect(row!.ticket_event_id).toBeNull();
    expect(await openWith(c.owner, [mine, mine])).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'FILE_TWICE' },
      message: expect.stringMatching(/twice/),
    });
    const ten = Array.from({ length: 10 }, () => mine);
    // The reason and the limit, for the portal to say in the reader's language.
    expect((await openWith(c.owner, ten)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_FILES', max: 9 });
    const t = await ticketIn(c, 'INVESTIGATING');
    const update = await c.owner.fail(PostTicketUpdateDocument, { id: t.id, message: '补充', attachmentIds: ['../../etc/passwd', '\u0000', '😀'] });
    expect(update).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: expect.stringMatching(/^attachmentIds/) } });
  });

  it('nine files to one item, two requests racing for one file: one wins', async () => {
    const nine = await Promise.all(Array.from({ length: 9 }, (_, i) => uploaded(c.owner, PDF, `page-${i}.pdf`)));
    const t = (
      await c.owner.run(OpenTicketDocument, { input: { kind: 'REPAIR', title: '九张图', description: '微信习惯。', unitId: c.unitId, attachmentIds: nine } })
    ).openTicket;
    expect(t.events[0]!.attachments.map((a) => a.id)).toEqual(nine);

    const contested = await uploaded(c.owner, await phonePhoto(), 'contested.jpg');
    const open = () =>
      c.owner.raw(OpenTicketDocument, { input: { kind: 'REPAIR', title: '争用', description: '同一张图。', unitId: c.unitId, attachmentIds: [contested] } });
    const answers = await Promise.all([open(), open(), open()]);
    expect(answers.filter((a) => !a.body.errors).length).toBe(1);
    const rows = await app.sql<{ n: string }>('select count(*) as n from stored_file where id = $1 and ticket_event_id is not null', [contested]);
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('refused uploads: a clear reason, nothing stored, the server unharmed', () => {
  it.each([
    [
      'a photo past the photo limit',
      async () =>
        await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#abc' } })
          .png({ compressionLevel: 0 })
          .toBuffer(),
      /A photo may be at most 2 MB/,
    ],
    ['a truncated JPEG', async () => (await phonePhoto()).subarray(0, 2000), /damaged or cut off/],
    ['a broken HEIC', async () => Buffer.concat([HEIC.subarray(0, 200), Buffer.alloc(100)]), /damaged or cut off/],
    [
      'a decompression bomb (a PNG that claims 10 gigapixels)',
      async () => {
        const png = Buffer.from(
          await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
            .png()
            .toBuffer(),
        );
        png.writeUInt32BE(100_000, 16);
        png.writeUInt32BE(100_000, 20);
        const { crc32 } = await import('node:zlib');
        png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
        return png;
      },
      /too large: at most 50 megapixels/,
    ],
    [
      'a GIF',
      async () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      /not any of: a JPEG image, a PNG image, a WebP image, an HEIC photo \(iPhone\), a PDF document/,
    ],
    ['a PDF cut off (not taken for CSV text either)', async () => PDF.subarray(0, 30), /not any of/],
  ])('%s', async (_name, bytes, message) => {
    const [rows, blobs] = [await rowCount(), blobCount()];
    const answer = await upload(c.owner, await bytes(), 'photo.jpg');
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
    expect([await rowCount(), blobCount()]).toEqual([rows, blobs]);
    expect((await c.owner.raw('{ me { id } }')).status).toBe(200);
  });
});

describe('orphans and originals', () => {
  it('a failure between the blob and its row leaves an orphan blob, never a row without bytes; the sweep removes it', async () => {
    const photo = await phonePhoto(500, 500, { r: 1, g: 2, b: 3 });
    const [rows, blobs] = [await rowCount(), blobCount()];
    // The row's insert fails after the blobs were written (as a crash there would leave them).
    await app.sql('alter table stored_file add constraint inject_failure check (size < 0) not valid');
    try {
      expect((await upload(c.owner, photo, 'crash.jpg')).status).toBe(500);
    } finally {
      await app.sql('alter table stored_file drop constraint inject_failure');
    }
    expect(await rowCount()).toBe(rows);
    expect(blobCount()).toBe(blobs + 2); // display and thumbnail

    const files = app.server.services.files;
    // Within the grace period nothing goes; past it, only what no row refers to.
    expect((await files.sweep(app.orm.em.fork())).deleted).toEqual([]);
    const swept = await files.sweep(app.orm.em.fork(), { storedBefore: new Date(Date.now() + 60_000) });
    expect(swept.deleted).toHaveLength(2);
    expect(blobCount()).toBe(blobs);
    expect(await rowCount()).toBe(rows);
    for (const { id, thumbnail_sha256 } of await app.sql<{ id: string; thumbnail_sha256: string | null }>(
      'select id, thumbnail_sha256 from stored_file where ticket_event_id is not null',
    )) {
      expect((await get(c.cs, `/files/${id}`)).status).toBe(200);
      if (thumbnail_sha256) expect((await get(c.cs, `/files/${id}/thumbnail`)).status).toBe(200);
    }
  });

  it('an upload never attached is forgotten after a day, and its blobs swept; a register file is kept', async () => {
    const abandoned = await uploaded(c.owner, await phonePhoto(100, 100, { r: 9, g: 9, b: 9 }), 'never-sent.jpg');
    const csv = await uploaded(admin, Buffer.from('房号,面积\n9-9-901,99.00\n'), 'register.csv');
    app.clock.advance(25 * 3600_000);
    const swept = await app.server.services.files.sweep(app.orm.em.fork(), { storedBefore: new Date(Date.now() + 60_000) });
    expect(swept.abandoned).toBeGreaterThanOrEqual(1);
    expect(swept.deleted.length).toBeGreaterThanOrEqual(2);
    const left = await app.sql<{ id: string }>('select id from stored_file where id = any($1::uuid[])', [[abandoned, csv]]);
    expect(left.map((r) => r.id)).toEqual([csv]);
    expect((await get(c.owner, `/files/${abandoned}`)).status).toBe(404);
  });

  it('a community that keeps originals keeps the client’s bytes beside the photo, and never serves them', async () => {
    // Each field is changed only when given.
    expect(await setPolicy({ keepOriginals: true })).toEqual({ keepOriginals: true, repairResolutionNeedsPhoto: false });
    const photo = await phonePhoto(640, 480, { r: 5, g: 6, b: 7 });
    const id = await uploaded(c.owner, photo, 'evidence.jpg');
    const [row] = await app.sql<{ original_sha256: string; sha256: string }>('select original_sha256, sha256 from stored_file where id = $1', [id]);
    const kept = path.join(dataDir, 'files', row!.original_sha256.slice(0, 2), row!.original_sha256.slice(2, 4), row!.original_sha256);
    expect(fs.readFileSync(kept).equals(photo)).toBe(true);
    const served = Buffer.from(await (await get(c.owner, `/files/${id}`)).arrayBuffer());
    expect(served.toString('latin1')).not.toContain('GPS');
    await setPolicy({ keepOriginals: false, repairResolutionNeedsPhoto: false });
  });
});

describe('a proposal with its plan, comments with photos', () => {
  it('the whole community sees a proposal’s files; a hidden comment’s photo only admins; another community nothing', async () => {
    const plan = await uploaded(c.owner, PDF, '雨棚方案.pdf');
    const sketch = await uploaded(c.owner, await phonePhoto(400, 300), 'sketch.jpg');
    const p = (
      await c.owner.run(SubmitProposalDocument, {
        input: { title: '单元门口加装雨棚', body: '下雨天进出单元门会淋湿，建议加装雨棚。', category: 'FACILITIES', attachmentIds: [sketch, plan] },
      })
    ).submitProposal;
    const shown = (await otherOwner.run(ProposalDocument, { id: p.id })).proposal!;
    expect(shown.attachments.map((a) => [a.id, a.kind])).toEqual([
      [sketch, 'IMAGE'],
      [plan, 'DOCUMENT'],
    ]);
    for (const viewer of [otherOwner, c.cs, admin]) expect((await get(viewer, `/files/${sketch}/thumbnail`)).status).toBe(200);
    // Used once: the plan cannot go on a ticket as well.
    const reuse = await c.owner.fail(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '再用一次', description: '同一份文件。', unitId: c.unitId, attachmentIds: [plan] },
    });
    expect(reuse.extensions?.code).toBe('BAD_USER_INPUT');

    const photo = await uploaded(otherOwner, await phonePhoto(300, 300, { r: 90, g: 90, b: 0 }), 'here.jpg');
    const comment = (await otherOwner.run(CommentOnProposalDocument, { id: p.id, body: '支持！这里也漏雨。', attachmentIds: [photo] })).commentOnProposal;
    expect(comment.attachments.map((a) => a.id)).toEqual([photo]);
    expect((await get(c.owner, `/files/${photo}`)).status).toBe(200);
    const committee = await app.signIn('owner2@lakeside.test');
    await committee.run(HideCommentDocument, { id: comment.id, reason: '测试隐藏' });
    expect((await get(c.owner, `/files/${photo}`)).status).toBe(404);
    expect((await get(otherOwner, `/files/${photo}`)).status).toBe(404);
    expect((await get(admin, `/files/${photo}`)).status).toBe(200);

    const { createCommunity } = await import('@cocreate/api/seed/community');
    const [existing] = await app.sql<{ n: string }>(`select count(*) as n from person where email = 'admin@xinghe-files.test'`);
    if (Number(existing!.n) === 0) {
      await createCommunity(
        app.orm.em.fork(),
        {
          name: '星河湾（附件）',
          timezone: 'Asia/Shanghai',
          buildings: [],
          units: [],
          people: [{ email: 'admin@xinghe-files.test', displayName: '管理员 星', phone: '13900000019', roles: ['ADMIN'], department: null, units: [] }],
        } as never,
        'another-password',
      );
    }
    const outsider = await app.signIn('admin@xinghe-files.test', 'another-password');
    for (const id of [sketch, plan]) expect((await get(outsider, `/files/${id}`)).status).toBe(404);
  });
});

describe('an objection with its evidence, a paper ballot with its scan', () => {
  it('an objection’s photos and PDFs are public with the notice; someone else’s file is refused and nothing is raised', async () => {
    const [review] = await app.sql<{ id: string }>(
      `select r.id from review r join community c on c.id = r.community_id where r.status = 'NOTICE' and c.name = '湖畔花园' limit 1`,
    );
    const photo = await uploaded(otherOwner, await phonePhoto(500, 400), '对比.jpg');
    const sheet = await uploaded(otherOwner, PDF, '去年的方案.pdf');
    const notMine = await uploaded(c.owner, await phonePhoto(200, 200), 'mine.jpg');
    const before = (await otherOwner.run(ReviewDocument, { id: review!.id })).review!.objections.length;
    const refused = await otherOwner.fail(RaiseObjectionDocument, { reviewId: review!.id, body: '和去年的提案重复', attachmentIds: [photo, notMine] });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attachmentIds' });
    expect((await otherOwner.run(ReviewDocument, { id: review!.id })).review!.objections).toHaveLength(before);

    const objection = (await otherOwner.run(RaiseObjectionDocument, { reviewId: review!.id, body: '和去年的提案重复', attachmentIds: [sheet, photo] }))
      .raiseObjection;
    expect(objection.attachments.map((a) => [a.id, a.kind])).toEqual([
      [sheet, 'DOCUMENT'],
      [photo, 'IMAGE'],
    ]);
    const seen = (await c.owner.run(ReviewDocument, { id: review!.id })).review!.objections.find((o) => o.id === objection.id)!;
    expect(seen.attachments.map((a) => a.id)).toEqual([sheet, photo]);
    for (const viewer of [c.owner, c.cs, admin]) expect((await get(viewer, `/files/${photo}/thumbnail`)).status).toBe(200);
    const pdf = await get(c.owner, `/files/${sheet}`);
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment/);
    expect((await get(null, `/files/${photo}`)).status).toBe(401);
  });

  it('a paper ballot’s scan is sealed like the choice: the owner and the recorder, and after the close the desk and committee', async () => {
    // An owner with an account, sole owner of one unit, who has not voted on the demo's open vote.
    const [elector] = await app.sql<{ decision_id: string; unit_id: string; email: string }>(
      `select e.decision_id, e.unit_ids[1] as unit_id, a.email from decision_elector e
         join decision d on d.id = e.decision_id join person p on p.id = e.owner_ids[1] join account a on a.id = p.account_id
        where d.status = 'OPEN' and e.channel is null and cardinality(e.owner_ids) = 1 and cardinality(e.unit_ids) = 1
          and a.email like 'owner%' and a.email <> 'owner1@lakeside.test' and a.email <> 'owner10@lakeside.test'
        order by a.email limit 1`,
    );
    expect(elector).toBeDefined();
    const owner = await app.signIn(elector!.email);
    const committee = await app.signIn('owner2@lakeside.test');
    const scan = await uploaded(c.cs, await phonePhoto(800, 600, { r: 240, g: 240, b: 230 }), '表决票.jpg');
    const reference = 'SCAN-0001';
    await c.cs.run(RecordPaperBallotDocument, {
      decisionId: elector!.decision_id,
      unitId: elector!.unit_id,
      choice: 'AGAINST',
      reference,
      attachmentIds: [scan],
    });

    const mine = (await owner.run(DecisionDocument, { id: elector!.decision_id })).decision!.viewerBallot!;
    expect(mine).toMatchObject({ channel: 'PAPER', reference });
    expect(mine.attachments.map((a) => a.id)).toEqual([scan]);
    expect((await get(owner, `/files/${scan}`)).status).toBe(200);
    const unitLabel = (await app.sql<{ label: string }>('select label from unit where id = $1', [elector!.unit_id]))[0]!.label;
    const found = async (client: Client) =>
      (await client.run(DecisionRollDocument, { decisionId: elector!.decision_id, search: unitLabel })).decisionRoll.find(
        (u) => u.unitId === elector!.unit_id,
      )!;
    expect((await found(c.cs)).attachments.map((a) => a.id)).toEqual([scan]);
    // Before the close the paper shows a sealed choice: the committee and other owners get nothing.
    expect((await found(committee)).attachments).toEqual([]);
    for (const viewer of [committee, otherOwner, c.owner]) expect((await get(viewer, `/files/${scan}`)).status).toBe(404);

    // A scan that is not a photo or PDF the recorder uploaded refuses the whole paper.
    const [other] = await app.sql<{ unit_id: string }>(
      `select e.unit_ids[1] as unit_id from decision_elector e where e.decision_id = $1 and e.channel is null order by e.key limit 1`,
      [elector!.decision_id],
    );
    const foreign = await uploaded(c.owner, await phonePhoto(100, 100), 'x.jpg');
    const refused = await c.cs.fail(RecordPaperBallotDocument, {
      decisionId: elector!.decision_id,
      unitId: other!.unit_id,
      choice: 'FOR',
      reference: 'SCAN-0002',
      attachmentIds: [foreign],
    });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attachmentIds' });
    expect(
      (
        await app.sql<{ channel: string | null }>('select channel from decision_elector where decision_id = $1 and $2::uuid = any(unit_ids)', [
          elector!.decision_id,
          other!.unit_id,
        ])
      )[0]!.channel,
    ).toBeNull();

    await committee.run(CloseDecisionDocument, { id: elector!.decision_id });
    expect((await found(committee)).attachments.map((a) => a.id)).toEqual([scan]);
    expect((await get(committee, `/files/${scan}`)).status).toBe(200);
    for (const viewer of [otherOwner, c.owner]) expect((await get(viewer, `/files/${scan}`)).status).toBe(404);
  });
});

describe('personal data', () => {
  it('lists the files a person uploaded, and what each is attached to, in their personal data export', async () => {
    const id = await uploaded(c.owner, await phonePhoto(), '我的照片.jpg');
    const data = JSON.parse(((await c.owner.run(`{ myPersonalData }`)) as { myPersonalData: string }).myPersonalData) as {
      files: { id: string; name: string; kind: string; attached_to: string | null }[];
    };
    expect(data.files.find((f) => f.id === id)).toMatchObject({ kind: 'jpeg', attached_to: null });
    const others = JSON.parse(((await otherOwner.run(`{ myPersonalData }`)) as { myPersonalData: string }).myPersonalData) as { files: { id: string }[] };
    expect(others.files.map((f) => f.id)).not.toContain(id);
  });
});

describe('deactivation (离职)', () => {
  it('forgets the person’s uploads that were never attached at once; what they attached stays with the record', async () => {
    const [leaver] = await app.sql<{ id: string; email: string }>(
      `select p.id, a.email
         from person p join account a on a.id = p.account_id join community c on c.id = p.community_id
        where c.name = '湖畔花园' and p.department = 'MAINTENANCE' and p.deactivated_at is null
        order by p.leads_department, a.email limit 1`,
    );
    expect(leaver).toBeDefined();
    const staff = await app.signIn(leaver!.email);
    const kept = await uploaded(staff, await phonePhoto(300, 200), 'done.jpg');
    const t = await ticketIn(c, 'INVESTIGATING', 'REPAIR', '楼道灯不亮');
    await staff.run(PostTicketUpdateDocument, { id: t.id, message: '已更换灯泡。', internal: false, attachmentIds: [kept] });
    const draft = await uploaded(staff, await phonePhoto(300, 200, { r: 200, g: 0, b: 0 }), 'draft.jpg');

    await admin.run(DeactivatePersonDocument, { id: leaver!.id, reason: '调岗' });
    const left = await app.sql<{ id: string; attached: boolean }>('select id, attached_at is not null as attached from stored_file where uploaded_by_id = $1', [
      leaver!.id,
    ]);
    expect(left.map((r) => r.id)).toContain(kept);
    expect(left.map((r) => r.id)).not.toContain(draft);
    expect(left.every((r) => r.attached)).toBe(true);
    expect((await get(c.owner, `/files/${kept}`)).status).toBe(200);
    const [entry] = await app.sql<{ payload: string }>(`select payload from audit_entry where action = 'PERSON_DEACTIVATED' and subject_id = $1`, [leaver!.id]);
    expect(JSON.parse(entry!.payload)).toMatchObject({ uploadsForgotten: 1 });
  });
});
