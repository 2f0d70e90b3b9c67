import type { EntityManager } from '@mikro-orm/postgresql';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, DomainError } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../shared/pagination.js';
import type { NotificationView } from './notification.types.js';
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import { Notification } from './notification.entity.js';
import { enqueueOne, settingsOf, writeDeliveries, writeOneOff, type OneOffMessage, type OutboxOptions } from './outbox.js';
import {
  CHANNELS,
  channelsFor,
  DEFAULT_DIGEST_AT,
  DEFAULT_SETTINGS,
  defaultChannelsOf,
  formatClock,
  isKnownKind,
  LANGUAGES,
  linkFor,
  NOTICE_KINDS,
  parseClock,
  preferenceProblem,
  ruleFor,
  type Channel,
  type Language,
} from './notification.rules.js';
import type { DeliveryView, NotificationPreferencesView, DeliveryFailureView } from './notification.types.js';
import { notFound } from '../shared/errors.js';

export interface Notice {
  recipientIds: string[];
  kind: string;
  subjectType: 'TICKET' | 'PROPOSAL' | 'REVIEW' | 'DECISION';
  subjectId: string;
  text: string;
}

/** Notifications queued on an EntityManager and not yet given their deliveries. */
const pending = new WeakMap<EntityManager, Notification[]>();

export const DEFAULT_OUTBOX: OutboxOptions = { publicUrl: 'http://localhost:3000', maxAttempts: 8 };

export interface NotificationSettingsInput {
  language?: string | null;
  quietHours?: { start: string; end: string } | null;
  /** false: no quiet hours at all. */
  quietHoursOn?: boolean | null;
  digest?: boolean | null;
  /** HH:MM in the community's time zone. */
  digestAt?: string | null;
}

export class NotificationService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
    /** Null until configured: services built by the demo seed keep its history inside the portal. */
    private outbox: OutboxOptions | null = null,
  ) {}

  /** Turns the outbox on, with the configuration's deep links and tries (the composition root does). */
  configure(outbox: OutboxOptions): void {
    this.outbox = outbox;
  }

  /** Adds inbox items inside the caller's unit of work; `announce` after the flush tells live inboxes. */
  queue(em: EntityManager, communityId: string, notice: Notice): string[] {
    const recipients = [...new Set(notice.recipientIds)];
    for (const recipientId of recipients) {
      const created = em.create(Notification, {
        community: communityId,
        recipient: recipientId,
        kind: notice.kind,
        subjectType: notice.subjectType,
        subjectId: notice.subjectId,
        text: notice.text.slice(0, 200),
        createdAt: this.clock.now(),
      });
      const list = pending.get(em) ?? [];
      list.push(created);
      pending.set(em, list);
    }
    return recipients;
  }

  /**
   * In the command's transaction, after its changes: writes the outbox (a delivery per recipient and
   * outside channel, with its job) for what `queue` added, then tells live inboxes at commit.
   */
  async announce(em: EntityManager, recipientIds: Iterable<string>): Promise<void> {
    const queued = pending.get(em);
    pending.delete(em);
    if (queued?.length && this.outbox) {
      await em.flush();
      await writeDeliveries(em, this.clock, this.outbox, queued);
    }
    for (const id of new Set(recipientIds)) await this.events.publish(em, 'INBOX_CHANGED', id);
  }

  async list(em: EntityManager, viewer: ViewerContext, first: number, after: string | null | undefined, unreadOnly: boolean): Promise<Page<NotificationView>> {
    const where = ['recipient_id = ?'];
    const params: unknown[] = [viewer.id];
    if (unreadOnly) where.push('read_at is null');
    const countSql = `select count(*)::int as n from notification where ${where.join(' and ')}`;
    const countParams = [...params];
    const cursor = decodeCursor(after, ['serial']);
    if (cursor) {
      where.push('id < ?');
      params.push(cursor[0]);
    }
    const conn = em.getConnection();
    const [rows, [count]] = await Promise.all([
      conn.execute<{ id: string; kind: string; subject_type: string; subject_id: string; text: string; created_at: string; read_at: string | null }[]>(
        `select id, kind, subject_type, subject_id, text, created_at, read_at from notification
          where ${where.join(' and ')} order by id desc limit ?`,
        [...params, first + 1],
      ),
      conn.execute<{ n: number }[]>(countSql, countParams),
    ]);
    const nodes = rows.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      text: r.text,
      link: linkFor(r.kind, r.subject_type, r.subject_id),
      createdAt: new Date(r.created_at),
      readAt: r.read_at ? new Date(r.read_at) : null,
    }));
    const cursorOf = (n: NotificationView) => encodeCursor([n.id]);
    return pageOf(nodes, first, (node) => node, cursorOf, count!.n);
  }

  async unreadCount(em: EntityManager, personId: string): Promise<number> {
    const [row] = await em
      .getConnection()
      .execute<{ n: number }[]>('select count(*)::int as n from notification where recipient_id = ? and read_at is null', [personId]);
    return row!.n;
  }

  async markRead(em: EntityManager, viewer: ViewerContext, ids: string[] | null, subjectId: string | null = null): Promise<number> {
    if (subjectId !== null && !isUuid(subjectId)) throw badInput('subjectId', 'is not an id');
    if (ids && ids.some((id) => !/^\d{1,18}$/.test(id))) throw badInput('ids', 'contains something that is not a notification id');
    if (ids && ids.length > 500) throw badInput('ids', 'may name at most 500 notifications at once');
    return em.transactional(async (tx) => {
      const changed = await tx.nativeUpdate(
        Notification,
        { recipient: viewer.id, readAt: null, ...(ids ? { id: { $in: ids } } : {}), ...(subjectId ? { subjectId } : {}) },
        { readAt: this.clock.now() },
      );
      if (changed) await this.announce(tx, [viewer.id]);
      return changed;
    });
  }

  /** The outside deliveries of the given notifications (the viewer's own), oldest channel first. */
  async deliveriesOf(em: EntityManager, notificationIds: readonly string[]): Promise<Map<string, DeliveryView[]>> {
    const rows = await em
      .getConnection()
      .execute<
        { notification_id: string; channel: string; status: string; attempts: number; last_error: string | null; sent_at: string | null; digest: boolean }[]
      >(
        `select notification_id, channel, status, attempts, last_error, sent_at, digest from notification_delivery
        where notification_id = any(?::bigint[]) order by channel`,
        [`{${notificationIds.join(',')}}`],
      );
    const map = new Map<string, DeliveryView[]>();
    for (const r of rows) {
      const key = String(r.notification_id);
      const list = map.get(key) ?? [];
      list.push({
        channel: r.channel as Channel,
        status: r.digest && r.status === 'PENDING' ? 'DIGEST' : r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        sentAt: r.sent_at ? new Date(r.sent_at) : null,
      });
      map.set(key, list);
    }
    return map;
  }

  /** WeChat is configured on this server (the portal offers to connect it). */
  get wechatConfigured(): boolean {
    return this.outbox?.wechat === true;
  }

  async preferences(em: EntityManager, viewer: ViewerContext): Promise<NotificationPreferencesView> {
    const conn = em.getConnection();
    const [prefs, [settings], [person]] = await Promise.all([
      conn.execute<{ kind: string; channels: Channel[] }[]>('select kind, channels from notification_preference where person_id = ?', [viewer.id]),
      conn.execute<{ language: string; quiet_start: number | null; quiet_end: number | null; digest: boolean; digest_at: number | null }[]>(
        'select language, quiet_start, quiet_end, digest, digest_at from notification_settings where person_id = ?',
        [viewer.id],
      ),
      conn.execute<{ wechat_openid: string | null; timezone: string }[]>(
        `select a.wechat_openid, c.timezone from person p join community c on c.id = p.community_id left join account a on a.id = p.account_id where p.id = ?`,
        [viewer.id],
      ),
    ]);
    const wechatBound = Boolean(person?.wechat_openid);
    // WeChat appears among a person's channels only where it can reach them.
    const shown = (channels: Channel[]) => (this.wechatConfigured && wechatBound ? channels : channels.filter((c) => c !== 'WECHAT'));
    const chosen = new Map(prefs.map((p) => [p.kind, p.channels]));
    const s = settingsOf(
      settings ? { ...settings, has_settings: true } : { language: null, quiet_start: null, quiet_end: null, digest: null, has_settings: false },
    );
    return {
      rules: NOTICE_KINDS.map((kind) => {
        const rule = ruleFor(kind);
        return {
          kind,
          topic: rule.topic,
          channels: shown(channelsFor(kind, chosen.get(kind))),
          defaultChannels: shown(defaultChannelsOf(kind)),
          required: rule.legal === true,
          custom: chosen.has(kind),
        };
      }),
      wechatConfigured: this.wechatConfigured,
      wechatBound,
      quietHours: s.quietHours ? { start: formatClock(s.quietHours.start), end: formatClock(s.quietHours.end) } : null,
      digest: s.digest,
      digestAt: formatClock(settings?.digest_at ?? DEFAULT_DIGEST_AT),
      timezone: person?.timezone ?? 'Asia/Shanghai',
      language: s.language,
    };
  }

  async updatePreference(em: EntityManager, viewer: ViewerContext, kind: string, channels: Channel[]): Promise<NotificationPreferencesView> {
    if (channels.some((c) => !CHANNELS.includes(c))) throw badInput('channels', 'names a channel that does not exist');
    const problem = preferenceProblem(kind, channels);
    if (problem) throw badInput(isKnownKind(kind) ? 'channels' : 'kind', problem);
    if (channels.includes('WECHAT')) {
      if (!this.wechatConfigured)
        throw new DomainError('BAD_USER_INPUT', 'channels: WeChat is not set up on this server.', { field: 'channels', reason: 'WECHAT_NOT_CONFIGURED' });
      const [bound] = await em
        .getConnection()
        .execute<{ n: number }[]>(
          'select count(*)::int as n from person p join account a on a.id = p.account_id where p.id = ? and a.wechat_openid is not null',
          [viewer.id],
        );
      if (!bound?.n) throw new DomainError('BAD_USER_INPUT', 'channels: connect WeChat first.', { field: 'channels', reason: 'WECHAT_NOT_BOUND' });
    }
    const unique = CHANNELS.filter((c) => channels.includes(c));
    await em.getConnection().execute(
      `insert into notification_preference (person_id, kind, channels, updated_at) values (?, ?, ?::text[], ?)
       on conflict (person_id, kind) do update set channels = excluded.channels, updated_at = excluded.updated_at`,
      [viewer.id, kind, `{${unique.join(',')}}`, this.clock.now()],
    );
    return this.preferences(em, viewer);
  }

  async updateSettings(em: EntityManager, viewer: ViewerContext, input: NotificationSettingsInput): Promise<NotificationPreferencesView> {
    const current = await this.preferences(em, viewer);
    let language = current.language;
    if (input.language != null) {
      if (!LANGUAGES.includes(input.language as Language)) throw badInput('language', `must be one of ${LANGUAGES.join(', ')}`);
      language = input.language as Language;
    }
    let quiet: { start: number; end: number } | null = current.quietHours
      ? { start: parseClock(current.quietHours.start)!, end: parseClock(current.quietHours.end)! }
      : null;
    if (input.quietHours) {
      const start = parseClock(input.quietHours.start);
      const end = parseClock(input.quietHours.end);
      if (start === null) throw badInput('quietHours.start', 'must be a time like 22:00');
      if (end === null) throw badInput('quietHours.end', 'must be a time like 07:00');
      if (start === end) throw badInput('quietHours.end', 'must differ from the start');
      quiet = { start, end };
    }
    if (input.quietHoursOn === false) quiet = null;
    else if (input.quietHoursOn === true && !quiet) quiet = { start: 22 * 60, end: 7 * 60 };
    const digest = input.digest ?? current.digest;
    let digestAt = parseClock(current.digestAt)!;
    if (input.digestAt != null) {
      const at = parseClock(input.digestAt);
      if (at === null) throw badInput('digestAt', 'must be a time like 08:00', { reason: 'TIME_INVALID' });
      digestAt = at;
    }
    await em.getConnection().execute(
      `insert into notification_settings (person_id, language, quiet_start, quiet_end, digest, digest_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (person_id) do update set language = excluded.language, quiet_start = excluded.quiet_start,
         quiet_end = excluded.quiet_end, digest = excluded.digest, digest_at = excluded.digest_at, updated_at = excluded.updated_at`,
      [viewer.id, language, quiet?.start ?? null, quiet?.end ?? null, digest, digestAt === DEFAULT_DIGEST_AT ? null : digestAt, this.clock.now()],
    );
    return this.preferences(em, viewer);
  }

  /**
   * Binds the openid WeChat's web authorisation vouched for to the viewer's account. An openid is one
   * WeChat user: bound elsewhere before, it moves here (whoever holds that WeChat just proved it).
   */
  async bindWeChat(em: EntityManager, viewer: ViewerContext, openid: string): Promise<void> {
    if (!this.wechatConfigured) throw new DomainError('BAD_USER_INPUT', 'WeChat is not set up on this server.', { reason: 'WECHAT_NOT_CONFIGURED' });
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(openid)) throw badInput('openid', 'is not a WeChat openid');
    await em.transactional(async (tx) => {
      const now = this.clock.now();
      const [me] = await tx.execute<{ account_id: string | null }[]>('select account_id from person where id = ?', [viewer.id]);
      if (!me?.account_id) throw new DomainError('FORBIDDEN', 'This person has no account to bind WeChat to.', { reason: 'NO_ACCOUNT' });
      await tx.execute(`update account set wechat_openid = null, wechat_bound_at = null where wechat_openid = ? and id <> ?`, [openid, me.account_id]);
      await tx.execute(`update account set wechat_openid = ?, wechat_bound_at = ? where id = ?`, [openid, now, me.account_id]);
    });
  }

  /** Forgets the viewer's openid: no more WeChat deliveries are written, and those still waiting are dropped. */
  async unbindWeChat(em: EntityManager, viewer: ViewerContext): Promise<NotificationPreferencesView> {
    await em.transactional(async (tx) => {
      const [account] = await tx.execute<{ id: string }[]>(
        `update account a set wechat_openid = null, wechat_bound_at = null from person p where p.id = ? and a.id = p.account_id and a.wechat_openid is not null returning a.id`,
        [viewer.id],
      );
      if (account) {
        // Not sent yet, and now to nobody: gone (their jobs find no row and end).
        await tx.execute(
          `delete from notification_delivery d using person p
          where p.account_id = ? and d.person_id = p.id and d.channel = 'WECHAT' and d.status = 'PENDING'`,
          [account.id],
        );
      }
    });
    return this.preferences(em, viewer);
  }

  /**
   * What the notifications domain holds about the viewer, for `myPersonalData`: their settings and
   * choices per kind, their WeChat binding, and every delivery written for them (the channel, the
   * kind, the address it went to — their own —, status and times). Nothing about anyone else.
   */
  async personalData(em: EntityManager, viewer: ViewerContext): Promise<Record<string, unknown>> {
    const conn = em.getConnection();
    const [[settings], preferences, [wechat], deliveries] = await Promise.all([
      conn.execute<Record<string, unknown>[]>(
        `select language, quiet_start, quiet_end, digest, digest_at, updated_at from notification_settings where person_id = ?`,
        [viewer.id],
      ),
      conn.execute<Record<string, unknown>[]>(`select kind, channels, updated_at from notification_preference where person_id = ? order by kind`, [viewer.id]),
      conn.execute<{ openid: string | null; bound_at: string | null }[]>(
        `select a.wechat_openid as openid, a.wechat_bound_at as bound_at from person p join account a on a.id = p.account_id where p.id = ?`,
        [viewer.id],
      ),
      conn.execute<Record<string, unknown>[]>(
        `select d.channel, n.kind, case when d.digest and d.status = 'PENDING' then 'DIGEST' else d.status end as status,
                d.attempts, d.address, d.subject, d.created_at, d.run_at, d.sent_at, d.updated_at
           from notification_delivery d left join notification n on n.id = d.notification_id
          where d.person_id = ? order by d.created_at, d.id`,
        [viewer.id],
      ),
    ]);
    const span = (start: unknown, end: unknown) => (typeof start === 'number' && typeof end === 'number' ? `${formatClock(start)}–${formatClock(end)}` : null);
    return {
      notificationSettings: {
        language: settings?.language ?? DEFAULT_SETTINGS.language,
        quietHours: settings ? span(settings.quiet_start, settings.quiet_end) : span(DEFAULT_SETTINGS.quietHours!.start, DEFAULT_SETTINGS.quietHours!.end),
        digest: settings?.digest ?? false,
        digestAt: formatClock(typeof settings?.digest_at === 'number' ? settings.digest_at : DEFAULT_DIGEST_AT),
        updatedAt: settings?.updated_at ?? null,
        channelsByKind: preferences,
        wechatOpenid: wechat?.openid ?? null,
        wechatBoundAt: wechat?.bound_at ?? null,
      },
      deliveries,
    };
  }

  /** For admins: deliveries of their community that gave up, newest first. */
  async failures(em: EntityManager, viewer: ViewerContext, first: number, after: string | null | undefined): Promise<Page<DeliveryFailureView>> {
    const cursor = decodeCursor(after, ['timestamp', 'uuid']);
    const params: unknown[] = [viewer.communityId];
    let where = `d.community_id = ? and d.status = 'FAILED'`;
    if (cursor) {
      where += ' and (d.updated_at, d.id) < (?, ?)';
      params.push(cursor[0], cursor[1]);
    }
    const conn = em.getConnection();
    const [rows, [count]] = await Promise.all([
      conn.execute<
        {
          id: string;
          channel: string;
          attempts: number;
          last_error: string | null;
          updated_at: string;
          created_at: string;
          kind: string | null;
          person_id: string | null;
          display_name: string | null;
        }[]
      >(
        `select d.id, d.channel, d.attempts, d.last_error, d.updated_at, d.created_at, n.kind, d.person_id, p.display_name
           from notification_delivery d left join notification n on n.id = d.notification_id left join person p on p.id = d.person_id
          where ${where} order by d.updated_at desc, d.id desc limit ?`,
        [...params, first + 1],
      ),
      conn.execute<{ n: number }[]>(`select count(*)::int as n from notification_delivery d where d.community_id = ? and d.status = 'FAILED'`, [
        viewer.communityId,
      ]),
    ]);
    const nodes: DeliveryFailureView[] = rows.map((r) => ({
      id: r.id,
      channel: r.channel as Channel,
      attempts: r.attempts,
      lastError: r.last_error,
      failedAt: new Date(r.updated_at),
      createdAt: new Date(r.created_at),
      kind: r.kind,
      recipientName: r.display_name,
    }));
    const cursorOf = (n: DeliveryFailureView) => encodeCursor([n.failedAt.toISOString(), n.id]);
    return pageOf(nodes, first, (node) => node, cursorOf, count!.n);
  }

  /** For admins: a failed delivery of their community goes back in the queue with a fresh set of tries. */
  async retry(em: EntityManager, viewer: ViewerContext, id: string): Promise<DeliveryFailureView> {
    if (!isUuid(id)) throw badInput('id', 'is not a delivery id');
    return em.transactional(async (tx) => {
      const [row] = await tx.execute<{ id: string; status: string }[]>(
        `update notification_delivery set status = 'PENDING', attempts = 0, last_error = null, run_at = ?, updated_at = ?
          where id = ? and community_id = ? and status = 'FAILED' returning id, status`,
        [this.clock.now(), this.clock.now(), id, viewer.communityId],
      );
      if (!row) {
        const [exists] = await tx.execute<{ status: string }[]>('select status from notification_delivery where id = ? and community_id = ?', [
          id,
          viewer.communityId,
        ]);
        if (!exists) throw notFound('Delivery');
        throw new DomainError('INVALID_TRANSITION', `Only a failed delivery can be retried; this one is ${exists.status}.`);
      }
      await enqueueOne(tx, id);
      const [view] = await tx.execute<
        {
          id: string;
          channel: string;
          attempts: number;
          last_error: string | null;
          updated_at: string;
          created_at: string;
          kind: string | null;
          display_name: string | null;
        }[]
      >(
        `select d.id, d.channel, d.attempts, d.last_error, d.updated_at, d.created_at, n.kind, p.display_name
           from notification_delivery d left join notification n on n.id = d.notification_id left join person p on p.id = d.person_id where d.id = ?`,
        [id],
      );
      return {
        id: view!.id,
        channel: view!.channel as Channel,
        attempts: view!.attempts,
        lastError: view!.last_error,
        failedAt: new Date(view!.updated_at),
        createdAt: new Date(view!.created_at),
        kind: view!.kind,
        recipientName: view!.display_name,
      };
    });
  }

  /**
   * Sends one message to a phone number or e-mail address through the configured channel, outside
   * anyone's preferences and quiet hours (it is required: a sign-in or activation code). Durable
   * like every delivery: written in `em`'s transaction if it is in one (else in one of its own),
   * sent by the worker with retries; a code is erased from the row once sent. Returns the delivery
   * id (its idempotency key).
   */
  async sendOneOff(em: EntityManager, message: OneOffMessage): Promise<string> {
    if (message.channel !== 'SMS' && message.channel !== 'EMAIL') throw badInput('channel', 'must be SMS or EMAIL');
    if (!message.to.trim()) throw badInput('to', 'is empty');
    if (message.code === undefined && !message.text) throw badInput('text', 'is empty');
    const outbox = this.outbox ?? DEFAULT_OUTBOX;
    if (em.isInTransaction()) return writeOneOff(em, this.clock, outbox, message);
    return em.transactional((tx) => writeOneOff(tx, this.clock, outbox, message));
  }
}
