// Outbox throughput (#11): how many deliveries per second one worker process sends, to the log
// channel and to a real SMTP server (smtp-server, in this process). Not part of `npm test`:
//   npm run bench:outbox -w @cocreate/tests      (DELIVERIES, SMTP_DELIVERIES, CONCURRENCY override)
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { migrate, openOrm } from '@cocreate/api/db/orm';
import { startDeliveryWorker } from '@cocreate/api/notifications/delivery.worker';
import { LogChannel } from '@cocreate/api/notifications/channels/log';
import { EmailChannel } from '@cocreate/api/notifications/channels/email';
import { enqueueDeliveries } from '@cocreate/api/notifications/outbox';
import { throwAwayPostgres } from '../support/postgres.js';
import { startMailbox } from '../support/mailbox.js';
import { repoRoot } from '../support/process.js';

const DELIVERIES = Number(process.env.DELIVERIES ?? 20_000);
const SMTP_DELIVERIES = Number(process.env.SMTP_DELIVERIES ?? 2_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);

const pg = await throwAwayPostgres('cocreate_outbox_bench');
const orm = await openOrm(pg.url);
await migrate(orm);
// The log channel writes JSON lines as in production, to a sink instead of the terminal.
let logged = 0;
const sink = new Writable({
  write(_chunk, _enc, done) {
    logged++;
    done();
  },
});
const logger = pino({ level: 'info' }, sink);
const silent = pino({ level: 'silent' });

async function fill(n: number, channel: 'EMAIL' | 'SMS', to: string): Promise<void> {
  await orm.em.getConnection().execute(
    `insert into notification_delivery (id, channel, address, subject, body, template, params, status, attempts, max_attempts, run_at, created_at, updated_at)
     select gen_random_uuid(), ?, ?, '工单T-00042有解决方案待您确认', '工单T-00042有解决方案待您确认 https://lakeside.example.cn/tickets/0', 'NOTICE', '{}', 'PENDING', 0, 8, now(), now(), now()
       from generate_series(1, ?)`,
    [channel, to, n],
  );
  // As the outbox queues them after a command: its own function, in batches.
  const ids = (await orm.em.getConnection().execute<{ id: string }[]>(`select id from notification_delivery where status = 'PENDING'`)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) await enqueueDeliveries(orm.em.fork(), ids.slice(i, i + 1000));
}

async function drain(label: string, total: number, channels: Parameters<typeof startDeliveryWorker>[0]['channels']): Promise<number> {
  const started = Date.now();
  const worker = await startDeliveryWorker({
    connectionString: pg.url,
    channels,
    logger: silent,
    publicUrl: 'https://lakeside.example.cn',
    concurrency: CONCURRENCY,
    staleSendingSeconds: 120,
    pollInterval: 500,
  });
  for (;;) {
    const [row] = await orm.em.getConnection().execute<{ n: number }[]>(`select count(*)::int as n from notification_delivery where status <> 'SENT'`);
    if (row!.n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (Date.now() - started) / 1000;
  await worker.stop();
  const rate = total / seconds;
  console.log(`${label}: ${total} deliveries in ${seconds.toFixed(1)} s = ${rate.toFixed(0)}/s (concurrency ${CONCURRENCY})`);
  return rate;
}

const lines: string[] = [`${new Date().toISOString()} outbox, Node ${process.version}, concurrency ${CONCURRENCY}`];
try {
  await fill(DELIVERIES, 'SMS', '13800138000');
  const log = await drain('log channel', DELIVERIES, { EMAIL: new LogChannel('EMAIL', logger), SMS: new LogChannel('SMS', logger) });
  lines.push(`  log channel: ${DELIVERIES} in ${(DELIVERIES / log).toFixed(1)} s, ${log.toFixed(0)}/s (${logged} log lines)`);

  const mailbox = await startMailbox();
  await orm.em.getConnection().execute(`delete from notification_delivery`);
  await fill(SMTP_DELIVERIES, 'EMAIL', 'owner1@lakeside.test');
  const email = new EmailChannel(mailbox.url, '湖畔花园物业 <notice@lakeside.example.cn>');
  const smtp = await drain('SMTP (smtp-server in this process)', SMTP_DELIVERIES, { EMAIL: email, SMS: new LogChannel('SMS', logger) });
  if (mailbox.mails.length !== SMTP_DELIVERIES) throw new Error(`the mailbox holds ${mailbox.mails.length} of ${SMTP_DELIVERIES}`);
  lines.push(`  SMTP: ${SMTP_DELIVERIES} in ${(SMTP_DELIVERIES / smtp).toFixed(1)} s, ${smtp.toFixed(0)}/s, every one received once`);
  await mailbox.close();
} finally {
  await orm.close();
  await pg.stop();
}
const out = path.join(repoRoot, 'tests/test-results/bench.txt');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.appendFileSync(out, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
