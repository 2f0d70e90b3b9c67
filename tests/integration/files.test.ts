import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeDocument } from '@cocreate/schema';
import { createCommunity } from '@cocreate/api/seed/community';
import { Person } from '@cocreate/api/community/person.entity';
import type { ViewerContext } from '@cocreate/api/community/viewer';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';

const LIMIT = 64 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const CSV = '房号,专有部分面积,业主姓名,手机号\r\n1-1-101,88.50,张三,13800000000\r\n';

interface Part {
  field?: string;
  /** Sent as raw UTF-8 in Content-Disposition, as browsers do; undefined sends a plain field. */
  filename?: string | Buffer;
  bytes: Buffer | string;
}

/** A multipart body built by hand, so that the tests control every byte of a hostile one. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----cocreate${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? [] : [Buffer.from('; filename="'), Buffer.from(part.filename), Buffer.from('"')];
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.field ?? 'file'}"`),
      ...filename,
      // busboy takes an octet-stream part without a filename for a file, so a plain field has no type.
      Buffer.from(part.filename === undefined ? '\r\n\r\n' : '\r\nContent-Type: application/octet-stream\r\n\r\n'),
      Buffer.from(part.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Answer {
  status: number;
  body: { id?: string; name?: string; size?: number; contentType?: string; errors?: { message: string; extensions: { code: string } }[] };
}

async function upload(
  app: TestApp,
  client: Client | null,
  parts: Part[],
  headers: Record<string, string> = { 'apollo-require-preflight': 'true' },
): Promise<Answer> {
  const { body, contentType } = multipart(parts);
  const response = await fetch(`${app.url}/files`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(client?.cookie ? { cookie: client.cookie } : {}), ...headers },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('业主名册').addRows([
    ['房号', '专有部分面积', '业主姓名', '手机号'],
    ['1-1-101', 88.5, '张三', '13800000000'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let app: TestApp;
let dataDir: string;
let owner: Client;
let admin: Client;
const blobs = () =>
  fs
    .readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
const rows = async () => Number((await app.sql<{ n: string }>('select count(*) as n from stored_file'))[0]!.n);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-files-'));
  app = await startTestApp({ DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(LIMIT) });
  [owner, admin] = await Promise.all([app.signIn('owner1@lakeside.test'), app.signIn('admin@lakeside.test')]);
});
afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /files', () => {
  it('keeps a UTF-8 CSV in the file store under its sha256, with a row for the upload', async () => {
    const bytes = Buffer.from(CSV);
    const { status, body } = await upload(app, admin, [{ filename: '业主名册.csv', bytes }]);
    expect(status).toBe(201);
    expect(body).toEqual({ id: expect.any(String), name: '业主名册.csv', size: bytes.length, contentType: 'text/csv; charset=utf-8' });
    const key = sha256(bytes);
    expect(fs.readFileSync(path.join(dataDir, 'files', key.slice(0, 2), key.slice(2, 4), key))).toEqual(bytes);
    const [row] = await app.sql<{ community_id: string; uploaded_by_id: string; sha256: string; size: number }>(
      'select f.community_id, f.uploaded_by_id, f.sha256, f.size from stored_file f where f.id = $1',
      [body.id],
    );
    const me = (await admin.run(MeDocument)).me!;
    expect(row).toEqual({ community_id: me.community.id, uploaded_by_id: me.id, sha256: key, size: bytes.length });
  });

  it('takes CSV with a BOM and in GB18030, and an XLSX whatever it is called; the type comes from the bytes', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]);
    expect((await upload(app, admin, [{ filename: 'bom.csv', bytes: bom }])).body.contentType).toBe('text/csv; charset=utf-8');

    const gb18030 = iconv.encode(CSV, 'gb18030');
    expect(gb18030.equals(Buffer.from(CSV))).toBe(false);
    const gb = await upload(app, admin, [{ filename: '名册（GB18030）.csv', bytes: gb18030 }]);
    expect(gb).toMatchObject({ status: 201, body: { contentType: 'text/csv; charset=gb18030', size: gb18030.length } });

    const xlsx = await workbook();
    expect(await upload(app, admin, [{ filename: '名册.xlsx', bytes: xlsx }])).toMatchObject({ status: 201, body: { contentType: XLSX, name: '名册.xlsx' } });
    expect((await upload(app, admin, [{ filename: 'named-like-text.csv', bytes: xlsx }])).body.contentType).toBe(XLSX);
  });

  it('takes a file sent by a browser’s FormData too', async () => {
    const form = new FormData();
    form.append('file', new Blob([CSV], { type: 'text/csv' }), 'from-browser.csv');
    const response = await fetch(`${app.url}/files`, { method: 'POST', headers: { cookie: owner.cookie!, 'apollo-require-preflight': 'true' }, body: form });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'from-browser.csv', contentType: 'text/csv; charset=utf-8' });
  });

  it('cleans hostile names: NUL and control characters, emoji, 10 KB, a path', async () => {
    const bytes = Buffer.from('a,b\n1,2\n');
    const names: [string | Buffer, string][] = [
      ['invoice\u202egpj.exe.csv', 'invoicegpj.exe.csv'],
      ['🏠业主名册👨‍👩‍👧.csv', '🏠业主名册👨‍👩‍👧.csv'],
      [`${'a'.repeat(10_240)}.csv`, `${'a'.repeat(251)}.csv`],
      [`${'长'.repeat(3000)}.xlsx`, `${'长'.repeat(250)}.xlsx`],
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
      ['', 'file'],
      [Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x63, 0x73, 0x76]), 'a��.csv'],
    ];
    for (const [filename, name] of names) {
      const { status, body } = await upload(app, owner, [{ filename, bytes }]);
      expect({ status, name: body.name }).toEqual({ status: 201, name });
    }
    // A NUL or control character cannot be sent raw in a header (busboy refuses the part as malformed),
    // only encoded (RFC 5987).
    const encoded = await fetch(`${app.url}/files`, {
      method: 'POST',
      headers: { cookie: owner.cookie!, 'apollo-require-preflight': 'true', 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename*=utf-8\'\'reg%00is%07ter%1B.csv\r\n\r\na,b\r\n--xyz--\r\n',
    });
    expect(await encoded.json()).toMatchObject({ name: 'register.csv' });
    for (const filename of ['reg\u0000ister.csv', 'reg\u0007ister.csv', '长'.repeat(10_000)]) {
      const raw = await upload(app, owner, [{ filename, bytes }]);
      expect(raw).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
    }
    const stored = await app.sql<{ n: number }>(`select max(char_length(name)) as n from stored_file`);
    expect(stored[0]!.n).toBe(255);
    expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
  });

  it('keeps the same bytes once: two uploads, two rows, one blob', async () => {
    const bytes = Buffer.from(`房号\n${randomBytes(8).toString('hex')}\n`);
    const before = blobs().length;
    const first = await upload(app, owner, [{ filename: 'a.csv', bytes }]);
    const second = await upload(app, admin, [{ filename: 'b.csv', bytes }]);
    expect(first.body.id).not.toBe(second.body.id);
    expect(blobs().length).toBe(before + 1);
    const shared = await app.sql<{ n: string }>('select count(*) as n from stored_file where sha256 = $1', [sha256(bytes)]);
    expect(Number(shared[0]!.n)).toBe(2);
  });

  describe('refuses, storing nothing', () => {
    const refusals: [string, () => Promise<Answer>, number, string, RegExp][] = [
      ['signed out', () => upload(app, null, [{ filename: 'a.csv', bytes: CSV }]), 401, 'UNAUTHENTICATED', /sign in/],
      [
        'a made-up session',
        () => upload(app, { cookie: 'cocreate_session=made-up' } as Client, [{ filename: 'a.csv', bytes: CSV }]),
        401,
        'UNAUTHENTICATED',
        /sign in/,
      ],
      ['without the preflight header', () => upload(app, owner, [{ filename: 'a.csv', bytes: CSV }], {}), 400, 'BAD_REQUEST', /apollo-require-preflight/],
      [
        'GIF bytes named .csv',
        () => upload(app, owner, [{ filename: 'register.csv', bytes: GIF }]),
        400,
        'BAD_USER_INPUT',
        /^The file is not any of: a JPEG image, a PNG image, a WebP image, an HEIC photo \(iPhone\), a PDF document, a spreadsheet \(XLSX\), a CSV text file\.$/,
      ],
      ['random binary', () => upload(app, owner, [{ filename: 'data.xlsx', bytes: randomBytes(4096) }]), 400, 'BAD_USER_INPUT', /not any of: .*a spreadsheet/],
      ['an empty file', () => upload(app, owner, [{ filename: 'empty.csv', bytes: '' }]), 400, 'BAD_USER_INPUT', /^The file is empty\.$/],
      [
        'a file past the limit',
        () => upload(app, owner, [{ filename: 'big.csv', bytes: 'a,b\n'.repeat(LIMIT / 4 + 1) }]),
        413,
        'PAYLOAD_TOO_LARGE',
        /larger than 64 KB/,
      ],
      [
        'a body far past the limit',
        () => upload(app, owner, [{ filename: 'big.csv', bytes: 'a,b\n'.repeat(LIMIT) }]),
        413,
        'PAYLOAD_TOO_LARGE',
        /larger than 64 KB/,
      ],
      [
        'two files',
        () =>
          upload(app, owner, [
            { filename: 'a.csv', bytes: CSV },
            { filename: 'b.csv', bytes: CSV },
          ]),
        400,
        'BAD_REQUEST',
        /exactly one file/,
      ],
      [
        'a file and a field',
        () =>
          upload(app, owner, [
            { filename: 'a.csv', bytes: CSV },
            { field: 'note', bytes: 'hi' },
          ]),
        400,
        'BAD_REQUEST',
        /exactly one file/,
      ],
      ['the wrong field name', () => upload(app, owner, [{ field: 'upload', filename: 'a.csv', bytes: CSV }]), 400, 'BAD_REQUEST', /field `file`/],
      ['a plain field named file', () => upload(app, owner, [{ bytes: CSV }]), 400, 'BAD_REQUEST', /exactly one file/],
      ['no parts at all', () => upload(app, owner, []), 400, 'BAD_REQUEST', /exactly one file/],
    ];
    it.each(refusals)('%s', async (_name, send, status, code, message) => {
      const [rowsBefore, blobsBefore] = [await rows(), blobs().length];
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.body.errors?.[0]?.extensions.code).toBe(code);
      expect(answer.body.errors?.[0]?.message).toMatch(message);
      expect([await rows(), blobs().length]).toEqual([rowsBefore, blobsBefore]);
    });

    it('a streamed body without Content-Length: answered 413 at the limit, the rest never read', async () => {
      const total = 50 * 1024 * 1024;
      let produced = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (produced === 0) controller.enqueue(Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="endless.csv"\r\n\r\n'));
          if (produced >= total) {
            controller.enqueue(Buffer.from('\r\n--xyz--\r\n'));
            controller.close();
            return;
          }
          controller.enqueue(Buffer.alloc(64 * 1024, 'a'));
          produced += 64 * 1024;
        },
      });
      const response = await fetch(`${app.url}/files`, {
        method: 'POST',
        headers: { cookie: owner.cookie!, 'apollo-require-preflight': 'true', 'content-type': 'multipart/form-data; boundary=xyz' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(produced).toBeLessThan(total);
      expect((await owner.raw('{ me { id } }')).status).toBe(200);
    });

    it('a body that is not multipart, a malformed one, and another method', async () => {
      const json = await fetch(`${app.url}/files`, {
        method: 'POST',
        headers: { cookie: owner.cookie!, 'apollo-require-preflight': 'true', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(json.status).toBe(400);
      expect(((await json.json()) as Answer['body']).errors?.[0]?.message).toMatch(/multipart\/form-data/);
      const cut = await fetch(`${app.url}/files`, {
        method: 'POST',
        headers: { cookie: owner.cookie!, 'apollo-require-preflight': 'true', 'content-type': 'multipart/form-data; boundary=xyz' },
        body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b',
      });
      expect(cut.status).toBe(400);
      const get = await fetch(`${app.url}/files`, { headers: { cookie: owner.cookie! } });
      expect(get.status).toBe(405);
    });
  });
});

describe('FilesService.read', () => {
  it('gives the bytes to the uploader’s community and NOT_FOUND to another community’s admin', async () => {
    const gb18030 = iconv.encode(CSV, 'gb18030');
    const { body } = await upload(app, admin, [{ filename: 'gb.csv', bytes: gb18030 }]);
    const files = app.server.services.files;
    const viewerOf = async (email: string): Promise<ViewerContext> => {
      const person = await app.orm.em.fork().findOneOrFail(Person, { email }, { filters: false, populate: ['community'] });
      return { id: person.id, communityId: person.community.id, roles: person.roles, department: person.department, sessionTokenHash: '' };
    };
    const read = await files.read(app.orm.em.fork(), await viewerOf('admin@lakeside.test'), body.id!);
    expect(read.bytes.equals(gb18030)).toBe(true);
    expect(read.file).toMatchObject({ name: 'gb.csv', contentType: 'text/csv; charset=gb18030', size: gb18030.length });

    await createCommunity(
      app.orm.em.fork(),
      {
        name: '星河湾',
        timezone: 'Asia/Shanghai',
        buildings: [],
        units: [],
        people: [{ email: 'admin@xinghe.test', displayName: '管理员 星', phone: '13900000009', roles: ['ADMIN'], department: null, units: [] }],
      },
      'another-password',
    );
    const outsider = await viewerOf('admin@xinghe.test');
    await expect(files.read(app.orm.em.fork(), outsider, body.id!)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(files.read(app.orm.em.fork(), outsider, 'not-a-uuid')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ DATA_DIR: dataDir, RATE_LIMIT_ANONYMOUS: '2', RATE_LIMIT_PERSON: '3' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('counts uploads like GraphQL requests: per address signed out, per person signed in', async () => {
    const person = await limited.signIn('owner1@lakeside.test'); // one request from this address
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await upload(limited, null, [{ filename: 'a.csv', bytes: CSV }])).status);
    expect(statuses).toEqual([401, 429]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await upload(limited, person, [{ filename: 'a.csv', bytes: CSV }]));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    expect(answers[3]!.body.errors?.[0]?.extensions.code).toBe('TOO_MANY_REQUESTS');
  });
});
