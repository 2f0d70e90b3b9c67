import { Logger as GraphileLogger, run, type Runner, type Task, type JobHelpers } from 'graphile-worker';
import type { Logger } from '../observability/log.js';
import type { Channel, OutgoingMessage } from './channels/channel.js';
import type { Channels } from './channels/index.js';
import { PermanentDeliveryError } from './channels/channel.js';
import { messageIdOf } from './channels/email.js';
import { renderDigest } from './notification.templates.js';
import { DEFAULT_DIGEST_AT, LANGUAGES, type Language } from './notification.rules.js';

export interface WorkerOptions {
  connectionString: string;
  channels: Channels;
  logger: Logger;
  publicUrl: string;
  concurrency: number;
  /** A delivery still SENDING this long after its attempt began is taken to be a crashed worker's. */
  staleSendingSeconds: number;
  /** Runs each minute by graphile-worker's cron, in whichever worker process gets it first. */
  minutely?: () => Promise<unknown>;
  /** Interval of the LISTEN fallback poll, ms. */
  pollInterval?: number;
}

interface ClaimRow {
  id: string;
  channel: 'EMAIL' | 'SMS' | 'WECHAT';
  address: string;
  subject: string;
  body: string | null;
  template: 'NOTICE' | 'CODE';
  params: Record<string, string>;
  created_at: Date;
  previous: string;
}

function messageOf(row: ClaimRow): OutgoingMessage {
  return {
    idempotencyKey: row.id,
    to: row.address,
    subject: row.subject,
    text: row.body ?? '',
    template: row.template,
    params: row.params,
    createdAt: new Date(row.created_at),
  };
}

const SENT = `update notification_delivery d set status = 'SENT', sent_at = now(), updated_at = now(), provider_id = v.provider_id, last_error = null,
  body = case when d.template = 'CODE' then null else d.body end, params = case when d.template = 'CODE' then '{}'::jsonb else d.params end
  from unnest($1::uuid[], $2::text[]) as v(id, provider_id) where d.id = v.id`;

/** At most this many sends of one job at once. */
const PARALLEL = 10;

/**
 * A job of deliveries, each at most one send per attempt: the attempts are counted (SENDING) in one
 * statement before anything is sent. Finding one SENDING means an attempt whose outcome nobody
 * recorded; its provider is asked for the idempotency key before anything goes out again. Returns
 * one promise per entry: graphile-worker retries the entries that failed, alone, after its backoff.
 */
export function deliverTask(channels: WorkerOptions['channels'], logger: Logger): Task {
  return async (payload, helpers: JobHelpers) => {
    const entries = (Array.isArray(payload) ? payload : [payload]) as { id?: unknown }[];
    const ids = entries.map((e) => (typeof e?.id === 'string' ? e.id : null));
    const claimed = await helpers.query<ClaimRow>(
      `with prev as (select id, status from notification_delivery where id = any($1::uuid[]) for update)
       update notification_delivery d set status = 'SENDING', attempts = d.attempts + 1, updated_at = now()
         from prev where d.id = prev.id and prev.status in ('PENDING', 'SENDING')
       returning d.id, d.channel, d.address, d.subject, d.body, d.template, d.params, d.created_at, prev.status as previous`,
      [ids.filter((id): id is string => id !== null)],
    );
    const rows = new Map(claimed.rows.map((r) => [r.id, r]));
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    const sent: { id: string; providerId: string | null }[] = [];
    const outcomes: Promise<void>[] = new Array(entries.length);

    const one = async (row: ClaimRow): Promise<void> => {
      const channel = channels[row.channel];
      if (!channel) {
        await helpers.query(
          `update notification_delivery set status = 'FAILED', last_error = 'no adapter for this channel', updated_at = now() where id = $1`,
          [row.id],
        );
        return;
      }
      const message = messageOf(row);
      try {
        if (row.previous === 'SENDING' && channel.lookup) {
          const found = await channel.lookup(message);
          if (found) {
            logger.info({ delivery: row.id, channel: row.channel }, 'Delivery found at the provider after an unfinished attempt');
            sent.push({ id: row.id, providerId: found.providerId });
            return;
          }
        }
        const result = await channel.send(message);
        sent.push({ id: row.id, providerId: result.providerId });
      } catch (error) {
        const text = ((error as Error).message || String(error)).slice(0, 500);
        const giveUp = final || error instanceof PermanentDeliveryError;
        await helpers.query(`update notification_delivery set status = $2, last_error = $3, updated_at = now() where id = $1`, [
          row.id,
          giveUp ? 'FAILED' : 'PENDING',
          text,
        ]);
        if (giveUp) {
          logger.warn({ delivery: row.id, channel: row.channel, attempts: helpers.job.attempts }, 'Delivery gave up');
          return;
        }
        throw error;
      }
    };

    for (let start = 0; start < entries.length; start += PARALLEL) {
      const slice = entries.slice(start, start + PARALLEL).map((_e, i) => {
        const row = ids[start + i] ? rows.get(ids[start + i]!) : undefined;
        return row ? one(row) : Promise.resolve(); // sent, failed for good, or gone
      });
      await Promise.allSettled(slice);
      slice.forEach((p, i) => (outcomes[start + i] = p));
    }
    if (sent.length) await helpers.query(SENT, [sent.map((s) => s.id), sent.map((s) => s.providerId)]);
    for (const p of outcomes) p.catch(() => {});
    return Array.isArray(payload) ? outcomes : outcomes[0];
  };
}

/** Puts deliveries back in the queue whose worker died mid-attempt (its job stays locked for hours). */
export function recoverTask(staleSeconds: number): Task {
  return async (_payload, helpers) => {
    await helpers.query(
      `select count(graphile_worker.add_job('deliver', json_build_array(json_build_object('id', d.id)),
              max_attempts => greatest(d.max_attempts - d.attempts, 1), job_key => 'delivery:' || d.id))
         from notification_delivery d
        where d.status = 'SENDING' and d.updated_at < now() - make_interval(secs => $1)`,
      [staleSeconds],
    );
  };
}

/**
 * The daily digest, looked at each minute: each person's held-back e-mails written before their
 * latest digest moment (their time of day, 08:00 unless they chose, in their community's time zone)
 * go as one message in their language. What was held after that moment waits for the next one; a
 * worker that was down sends the missed digest when it is back. `{ "now": true }` sends every
 * held-back e-mail at once (an operator's or a test's request).
 */
export function digestTask(email: Channel, publicUrl: string): Task {
  return async (payload, helpers) => {
    const now = (payload as { now?: unknown } | null)?.now === true;
    const people = await helpers.query<{
      person_id: string;
      address: string;
      language: string | null;
      ids: string[];
      lines: { headline: string; url: string }[];
    }>(
      `select d.person_id, min(d.address) as address, min(s.language) as language, array_agg(d.id order by d.created_at) as ids,
              json_agg(json_build_object('headline', d.subject, 'url', substring(d.body from 'https?://\\S+')) order by d.created_at) as lines
         from notification_delivery d
         join person p on p.id = d.person_id join community c on c.id = p.community_id
         left join notification_settings s on s.person_id = d.person_id
         cross join lateral (select now() at time zone c.timezone as at) l
         cross join lateral (select date_trunc('day', l.at) + make_interval(mins => coalesce(s.digest_at, ${DEFAULT_DIGEST_AT})) as today) m
        where d.digest and d.status = 'PENDING' and d.channel = 'EMAIL'
          and ($1::boolean or d.created_at < (case when m.today <= l.at then m.today else m.today - interval '1 day' end) at time zone c.timezone)
        group by d.person_id`,
      [now],
    );
    for (const p of people.rows) {
      const language: Language = LANGUAGES.includes(p.language as Language) ? (p.language as Language) : 'zh-CN';
      const { subject, text } = renderDigest(language, p.lines.slice(0, 100), `${publicUrl}/inbox/settings`);
      const key = `digest-${p.ids[0]}`;
      await helpers.query(`update notification_delivery set status = 'SENDING', attempts = attempts + 1, updated_at = now() where id = any($1::uuid[])`, [
        p.ids,
      ]);
      try {
        const result = await email.send({ idempotencyKey: key, to: p.address, subject, text, template: 'NOTICE', params: {}, createdAt: new Date() });
        await helpers.query(
          `update notification_delivery set status = 'SENT', sent_at = now(), updated_at = now(), provider_id = $2 where id = any($1::uuid[])`,
          [p.ids, result.providerId],
        );
      } catch (error) {
        await helpers.query(`update notification_delivery set status = 'PENDING', last_error = $2, updated_at = now() where id = any($1::uuid[])`, [
          p.ids,
          String((error as Error).message).slice(0, 500),
        ]);
      }
    }
  };
}

export interface DeliveryWorker {
  stop(): Promise<void>;
}

/** Runs graphile-worker in this process: deliveries as they are queued, each person's digest at their time. */
export async function startDeliveryWorker(options: WorkerOptions): Promise<DeliveryWorker> {
  const minutely: Task = async () => {
    await options.minutely?.();
  };
  const runner: Runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    maxPoolSize: options.concurrency + 2,
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 2000,
    logger: graphileLogger(options.logger),
    taskList: {
      deliver: deliverTask(options.channels, options.logger),
      recover_deliveries: recoverTask(options.staleSendingSeconds),
      digest: digestTask(options.channels.EMAIL, options.publicUrl),
      minutely,
    },
    // Each minute: whoever's digest moment has come gets it, one digest job at a time (its queue). Cron items are
    // deduplicated across worker processes.
    crontab: ['* * * * * recover_deliveries', '* * * * * digest ?queue=digest', ...(options.minutely ? ['* * * * * minutely'] : [])].join('\n'),
  });
  return {
    async stop() {
      await runner.stop();
      await Promise.all(Object.values(options.channels).map((c) => c?.close?.()));
    },
  };
}

export { messageIdOf };

function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    if (level === 'error') logger.error({ meta }, message);
    else if (level === 'warning') logger.warn({ meta }, message);
    else logger.debug({ meta }, message);
  });
}
