import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateNotificationSettingsDocument } from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { startMailbox } from '../support/mailbox.js';
import { startAliyunSmsStub } from '../support/aliyun-sms-stub.js';
import { repoRoot } from '../support/process.js';

// The outbox through a crash (#11): the worker process is killed after the provider has the
// message and before the worker marks it sent. Another worker finishes the job: nothing is lost,
// no SMS goes twice (the provider is asked for the OutId first), and an e-mail sent again keeps
// its Message-ID (SMTP cannot be asked; mail stores keep one copy per Message-ID).

const KEY = { accessKeyId: 'LTAI5tCrashTest', accessKeySecret: 'crash-secret' };
let app: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let sms: Awaited<ReturnType<typeof startAliyunSmsStub>>;
let c: Cast;
const children: ChildProcess[] = [];

function worker(): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn(process.execPath, [path.join(repoRoot, 'api/dist/worker.js')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: app.databaseUrl,
      NOTIFY_CONCURRENCY: '1',
      NOTIFY_STALE_SECONDS: '1',
      PUBLIC_URL: 'https://lakeside.example.cn',
      SMTP_URL: mailbox.url,
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: KEY.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: KEY.accessKeySecret,
      ALIYUN_SMS_SIGN_NAME: '湖畔花园',
      ALIYUN_SMS_TEMPLATE_NOTICE: 'SMS_1',
      ALIYUN_SMS_TEMPLATE_CODE: 'SMS_2',
      ALIYUN_SMS_ENDPOINT: sms.url,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return { child, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const statuses = () =>
  app.sql<{ id: string; channel: string; status: string; attempts: number }>(
    `select id, channel, status, attempts from notification_delivery order by created_at, channel`,
  );

beforeAll(async () => {
  [mailbox, sms] = await Promise.all([startMailbox(), startAliyunSmsStub(KEY)]);
  // This process writes the outbox; the workers run apart, as `npm run worker` does.
  app = await startTestApp({ NOTIFY_WORKER: '0' });
  c = await cast(app, 'owner9@lakeside.test');
  for (const who of [c.owner, c.cs, c.maint]) await who.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: false } });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await app?.close();
  await Promise.all([mailbox?.close(), sms?.close()]);
});

describe('a worker killed between sending and marking sent', () => {
  it('loses nothing and sends no SMS twice', async () => {
    for (let i = 0; i < 3; i++) await ticketIn(c, 'SOLUTION_PROPOSED');
    const written = await statuses();
    expect(written.filter((d) => d.channel === 'SMS').length).toBeGreaterThanOrEqual(3);

    const first = worker();
    let killed: string | null = null;
    sms.onAccepted(async (accepted) => {
      if (killed) return;
      killed = accepted.outId;
      first.child.kill('SIGKILL');
      await first.exited;
    });
    await until('the first worker killed', async () => (killed && first.child.exitCode !== null) || (first.child.signalCode === 'SIGKILL' && killed));
    sms.onAccepted(null);
    const [stuck] = await app.sql<{ status: string; attempts: number }>(`select status, attempts from notification_delivery where id = $1`, [killed]);
    expect(stuck).toMatchObject({ status: 'SENDING', attempts: 1 });

    const second = worker();
    // The watchdog runs each minute; ask for it now rather than wait (its stale time is 1 s here).
    await new Promise((r) => setTimeout(r, 1500));
    await app.sql(`select graphile_worker.add_job('recover_deliveries')`);
    const done = await until('every delivery sent', async () => {
      const rows = await statuses();
      return rows.length === written.length && rows.every((r) => r.status === 'SENT') && rows;
    });
    second.child.kill('SIGTERM');
    await second.exited;

    const smsIds = done.filter((d) => d.channel === 'SMS').map((d) => d.id);
    for (const id of smsIds)
      expect(
        sms.sent.filter((s) => s.outId === id),
        id,
      ).toHaveLength(1);
    expect(sms.requests.some((r) => r.action === 'QuerySendDetails')).toBe(true);
    const killedRow = done.find((d) => d.id === killed)!;
    expect(killedRow.attempts).toBe(2); // counted again, but not sent again
    for (const id of done.filter((d) => d.channel === 'EMAIL').map((d) => d.id)) {
      expect(new Set(mailbox.mails.filter((m) => m.messageId.includes(id)).map((m) => m.messageId)).size).toBe(1);
    }
  });

  it('an e-mail whose acknowledgement was lost goes again with the same Message-ID, and only that one', async () => {
    await ticketIn(c, 'SOLUTION_PROPOSED');
    const before = mailbox.mails.length;
    const first = worker();
    let killedId: string | null = null;
    mailbox.onAccepted(async (mail) => {
      if (killedId) return;
      killedId = /<([0-9a-f-]{36})@/.exec(mail.messageId)?.[1] ?? null;
      first.child.kill('SIGKILL');
      await first.exited;
    });
    await until('the first worker killed', async () => killedId !== null && first.child.signalCode === 'SIGKILL');
    mailbox.onAccepted(null);
    const second = worker();
    await new Promise((r) => setTimeout(r, 1500));
    await app.sql(`select graphile_worker.add_job('recover_deliveries')`);
    await until('every delivery sent', async () => (await statuses()).every((r) => r.status === 'SENT'));
    second.child.kill('SIGTERM');
    await second.exited;
    const copies = mailbox.mails.slice(before).filter((m) => m.messageId.includes(killedId!));
    expect(copies.length).toBeGreaterThanOrEqual(1);
    expect(copies.length).toBeLessThanOrEqual(2);
    expect(new Set(copies.map((m) => m.messageId)).size).toBe(1);
  });
});
