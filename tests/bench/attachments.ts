// Photo benchmark: the time and memory to process one 12-megapixel phone photo (4032 × 3024 JPEG,
// and HEIC when heif-enc is on the machine), then 20 uploads of it at once to a running API while a
// ping (GET /healthz and a GraphQL `me`) goes every 50 ms: the API must stay responsive (target: every
// ping under 200 ms).
//   npx tsx bench/attachments.ts            (from tests/)
// Not part of `npm test`: timing figures belong here, not in tests.
import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { migrate, openOrm } from '@cocreate/api/db/orm';
import { seedDemo } from '@cocreate/api/seed/demo';
import { startServer } from '@cocreate/api/server';
import { loadConfig } from '@cocreate/api/shared/config';
import { processImage } from '@cocreate/api/files/images';
import { throwAwayPostgres } from '../support/postgres.js';

const UPLOADS = Number(process.env.UPLOADS ?? 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A photo-like 12 MP JPEG: smooth gradients plus sensor noise, so it compresses like a real one (~4-6 MB). */
async function twelveMegapixels(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) % 24;
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width + noise;
      raw[i + 1] = (y * 255) / height + noise;
      raw[i + 2] = ((x + y) * 128) / (width + height) + noise;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
    .toBuffer();
}

async function measure(label: string, bytes: Buffer, kind: 'jpeg' | 'heic') {
  const times: number[] = [];
  let peak = process.memoryUsage().rss;
  const before = peak;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  let out: Awaited<ReturnType<typeof processImage>> = { display: Buffer.alloc(0), thumbnail: Buffer.alloc(0), width: 0, height: 0, contentType: 'image/webp' };
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    out = await processImage(bytes, kind);
    times.push(performance.now() - started);
  }
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  console.log(
    `${label}: ${mb(bytes.length)} in → display ${out.width}×${out.height} ${mb(out.display.length)}, thumbnail ${(out.thumbnail.length / 1024).toFixed(0)} KB; ` +
      `median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}); RSS peak +${mb(peak - before)} over ${mb(before)}`,
  );
}

const photo = await twelveMegapixels();
await measure('12 MP JPEG', photo, 'jpeg');
let heic: Buffer | null = null;
try {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-bench-heic-'));
  fs.writeFileSync(path.join(dir, 'in.jpg'), photo);
  execFileSync('heif-enc', ['-q', '60', '-o', path.join(dir, 'out.heic'), path.join(dir, 'in.jpg')], { stdio: 'ignore' });
  heic = fs.readFileSync(path.join(dir, 'out.heic'));
  fs.rmSync(dir, { recursive: true, force: true });
} catch {
  console.log('12 MP HEIC: skipped (no heif-enc here: apt-get install libheif-examples)');
}
if (heic) await measure('12 MP HEIC', heic, 'heic');

// ---- 20 uploads at once against a running API, pinged meanwhile
const pg = await throwAwayPostgres('cocreate_bench_attachments');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-bench-files-'));
const orm = await openOrm(pg.url, { pool: { min: 0, max: 20 } });
try {
  await migrate(orm);
  await seedDemo(orm.em.fork());
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: pg.url,
      SEED_DEMO: '0',
      SWEEP_INTERVAL_SECONDS: '0',
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_PERSON: '0',
      DATA_DIR: dataDir,
    }),
    port: 0,
    host: '127.0.0.1',
  };
  const server = await startServer({ config, orm, portal: false });
  const url = `http://127.0.0.1:${server.port}`;
  const login = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(email: "owner1@lakeside.test", password: "cocreate-demo") { id } }' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  // The uploads and the pings come from processes of their own, so that what is measured is the API's
  // event loop, not the client's work of sending 100 MB.
  const photoFile = path.join(dataDir, 'photo.jpg');
  fs.writeFileSync(photoFile, photo);
  const child = (code: string) =>
    new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--input-type=module', '-e', code], {
        env: { ...process.env, URL: url, COOKIE: cookie, PHOTO: photoFile, UPLOADS: String(UPLOADS) },
      });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => process.stderr.write(d));
      proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}`))));
    });
  const PINGER = `
    const { URL: url, COOKIE: cookie } = process.env;
    const health = [], graphql = [];
    const stop = Date.now() + 60000;
    process.stdin?.destroy?.();
    let running = true;
    process.on('SIGTERM', () => { running = false; });
    while (running && Date.now() < stop) {
      let t = performance.now();
      await fetch(url + '/healthz').then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      t = performance.now();
      await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{"query":"{ me { id } }"}' }).then((r) => r.arrayBuffer());
      graphql.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(JSON.stringify({ health, graphql }));
  `;
  const UPLOADER = `
    import fs from 'node:fs';
    const { URL: url, COOKIE: cookie, PHOTO, UPLOADS } = process.env;
    const photo = fs.readFileSync(PHOTO);
    const t0 = performance.now();
    const answers = await Promise.all(Array.from({ length: Number(UPLOADS) }, async (_, i) => {
      const bytes = Buffer.from(photo);
      bytes[bytes.length - 3] = i; // each a different photo: none deduplicated
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'IMG_' + i + '.jpg');
      const t = performance.now();
      const response = await fetch(url + '/files', { method: 'POST', headers: { cookie, 'apollo-require-preflight': 'true' }, body: form });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - t };
    }));
    console.log(JSON.stringify({ total: performance.now() - t0, answers }));
  `;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 10);
  let pingerProc: ReturnType<typeof spawn> | null = null;
  const pinged = new Promise<string>((resolve, reject) => {
    pingerProc = spawn(process.execPath, ['--input-type=module', '-e', PINGER], { env: { ...process.env, URL: url, COOKIE: cookie } });
    let out = '';
    pingerProc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    pingerProc.on('exit', () => resolve(out));
    pingerProc.on('error', reject);
  });
  await new Promise((r) => setTimeout(r, 500));
  const uploaded = JSON.parse(await child(UPLOADER)) as { total: number; answers: { status: number; ms: number }[] };
  (pingerProc as unknown as { kill(signal: string): void }).kill('SIGTERM');
  const pings = JSON.parse(await pinged) as { health: number[]; graphql: number[] };
  clearInterval(sampler);
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `n=${s.length} median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms`;
  };
  const { answers, total } = uploaded;
  console.log(
    `${UPLOADS} uploads at once: all ${answers.every((a) => a.status === 201) ? '201' : answers.map((a) => a.status).join(',')} in ${(total / 1000).toFixed(1)} s; each ${stats(answers.map((a) => a.ms))}`,
  );
  console.log(`  ping GET /healthz meanwhile: ${stats(pings.health)}`);
  console.log(`  ping GraphQL { me } meanwhile: ${stats(pings.graphql)}`);
  console.log(`  RSS of the API process peak +${mb(rssPeak - rssBefore)} over ${mb(rssBefore)}`);
  await server.close();
} finally {
  await orm.close();
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
