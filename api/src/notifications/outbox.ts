import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { NotificationDelivery } from './delivery.entity.js';
import type { Notification } from './notification.entity.js';
import { DEFAULT_SETTINGS, LANGUAGES, linkFor, planDeliveries, type Channel, type Language, type PersonSettings } from './notification.rules.js';
import { render, renderCode } from './notification.templates.js';
import { thing } from './channels/wechat.js';

export interface OutboxOptions {
  /** Base of the deep links in messages, e.g. https://lakeside.example.cn */
  publicUrl: string;
  maxAttempts: number;
  /** WeChat is configured: people who bound an openid get their WeChat deliveries. */
  wechat?: boolean;
}

interface RecipientRow {
  id: string;
  email: string | null;
  phone: string | null;
  wechat_openid: string | null;
  language: string | null;
  quiet_start: number | null;
  quiet_end: number | null;
  digest: boolean | null;
  has_settings: boolean;
  prefs: Record<string, Channel[]> | null;
}

export function settingsOf(row: Pick<RecipientRow, 'language' | 'quiet_start' | 'quiet_end' | 'digest' | 'has_settings'>): PersonSettings {
  if (!row.has_settings) return DEFAULT_SETTINGS;
  return {
    language: LANGUAGES.includes(row.language as Language) ? (row.language as Language) : 'zh-CN',
    quietHours: row.quiet_start === null || row.quiet_end === null ? null : { start: row.quiet_start, end: row.quiet_end },
    digest: row.digest ?? false,
  };
}

const BATCH = 100;

/** A template message's 时间 field: China time, to the minute. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Queues the deliveries with graphile-worker's own SQL function, in the caller's transaction: a job
 * is a row like the delivery, committed or rolled back with it. One job carries up to 100
 * deliveries due at the same moment (graphile-worker's batch jobs: a failed entry is retried alone).
 */
export async function enqueueDeliveries(em: EntityManager, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await em.execute(
    `select count(graphile_worker.add_job('deliver', b.payload, run_at => b.run_at, max_attempts => b.max_attempts))
       from (select json_agg(json_build_object('id', d.id)) as payload, d.run_at, d.max_attempts
               from (select d.*, (row_number() over (partition by d.run_at, d.max_attempts order by d.id) - 1) / ${BATCH} as chunk
                       from notification_delivery d where d.id = any(?::uuid[])) d
              group by d.run_at, d.max_attempts, d.chunk) b`,
    [`{${ids.join(',')}}`],
  );
}

/** One delivery in a job of its own, under a key (an admin's retry, the watchdog), so it is queued once. */
export async function enqueueOne(em: EntityManager, id: string): Promise<void> {
  await em.execute(
    `select graphile_worker.add_job('deliver', json_build_array(json_build_object('id', d.id)), run_at => d.run_at,
            max_attempts => d.max_attempts, job_key => 'delivery:' || d.id) from notification_delivery d where d.id = ?`,
    [id],
  );
}

/**
 * Writes the deliveries of freshly queued notifications in the caller's transaction: per
 * recipient and channel their rules allow, rendered in their language, each with its job.
 */
export async function writeDeliveries(em: EntityManager, clock: Clock, options: OutboxOptions, notifications: Notification[]): Promise<number> {
  if (!notifications.length) return 0;
  const personIds = [...new Set(notifications.map((n) => n.recipient.id))];
  const kinds = [...new Set(notifications.map((n) => n.kind))];
  const ticketIds = [...new Set(notifications.filter((n) => n.subjectType === 'TICKET').map((n) => n.subjectId))];
  const [recipients, urgent] = await Promise.all([
    em.execute<RecipientRow[]>(
      `select p.id, p.email, p.phone, a.wechat_openid, s.language, s.quiet_start, s.quiet_end, s.digest, s.person_id is not null as has_settings,
              (select json_object_agg(np.kind, np.channels) from notification_preference np
                where np.person_id = p.id and np.kind = any(?::text[])) as prefs
         from person p left join notification_settings s on s.person_id = p.id left join account a on a.id = p.account_id
        where p.id = any(?::uuid[])`,
      [`{${kinds.join(',')}}`, `{${personIds.join(',')}}`],
    ),
    ticketIds.length
      ? em.execute<{ id: string }[]>(`select id from ticket where id = any(?::uuid[]) and urgency = 'URGENT'`, [`{${ticketIds.join(',')}}`])
      : Promise.resolve([]),
  ]);
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const urgentTickets = new Set(urgent.map((u) => u.id));
  const now = clock.now();
  const created: NotificationDelivery[] = [];
  for (const n of notifications) {
    const person = byId.get(n.recipient.id);
    if (!person) continue;
    const settings = settingsOf(person);
    const plans = planDeliveries({
      kind: n.kind,
      chosen: person.prefs?.[n.kind],
      settings,
      addresses: { EMAIL: person.email, SMS: person.phone, WECHAT: options.wechat ? person.wechat_openid : null },
      urgent: n.subjectType === 'TICKET' && urgentTickets.has(n.subjectId),
      now,
    });
    if (!plans.length) continue;
    const link = linkFor(n.kind, n.subjectType, n.subjectId);
    const message = render({
      kind: n.kind,
      subjectType: n.subjectType,
      text: n.text,
      language: settings.language,
      url: `${options.publicUrl}${link}`,
      settingsUrl: `${options.publicUrl}/inbox/settings`,
    });
    for (const plan of plans) {
      const wechat = plan.channel === 'WECHAT';
      created.push(
        em.create(NotificationDelivery, {
          community: n.community,
          notification: n,
          person: n.recipient,
          channel: plan.channel,
          address: plan.channel === 'EMAIL' ? person.email! : wechat ? person.wechat_openid! : person.phone!,
          subject: message.headline.slice(0, 200),
          body: plan.channel === 'EMAIL' ? message.emailText : `${message.smsText} ${message.link}`,
          template: 'NOTICE',
          params:
            plan.channel === 'SMS'
              ? { text: message.smsText, link: message.link }
              : wechat
                ? { kind: n.kind, text: thing(message.headline), time: chinaTime(n.createdAt), link: message.link }
                : {},
          digest: plan.digest,
          maxAttempts: options.maxAttempts,
          runAt: plan.runAt,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
  }
  if (!created.length) return 0;
  await em.flush();
  await enqueueDeliveries(
    em,
    created.filter((d) => !d.digest).map((d) => d.id),
  );
  return created.length;
}

export interface OneOffMessage {
  channel: 'SMS' | 'EMAIL';
  /** A phone number (SMS) or an e-mail address. */
  to: string;
  language?: Language;
  /** A one-time code: sent with the provider's verification-code template, erased once sent. */
  code?: string;
  /** How long the code is valid, for its wording (default 10). */
  codeMinutes?: number;
  /** Free text instead of a code (e-mail; the SMS notice template carries it as its text). */
  subject?: string;
  text?: string;
  communityId?: string | null;
}

export async function writeOneOff(em: EntityManager, clock: Clock, options: OutboxOptions, message: OneOffMessage): Promise<string> {
  const language = message.language ?? 'zh-CN';
  const now = clock.now();
  const text = message.code !== undefined ? renderCode(language, message.code, message.codeMinutes ?? 10) : (message.text ?? '');
  const subject = message.subject ?? (message.code !== undefined ? (language === 'en' ? 'Your Cocreate code' : '共创验证码') : text.slice(0, 60));
  const delivery = em.create(NotificationDelivery, {
    community: message.communityId ?? null,
    channel: message.channel,
    address: message.to,
    subject: subject.slice(0, 200),
    body: text,
    template: message.code !== undefined ? 'CODE' : 'NOTICE',
    params: message.code !== undefined ? { code: message.code } : { text: [...text].slice(0, 35).join(''), link: options.publicUrl },
    maxAttempts: options.maxAttempts,
    runAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  await enqueueOne(em, delivery.id);
  return delivery.id;
}
