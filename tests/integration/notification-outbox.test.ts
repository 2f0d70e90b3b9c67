import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeliveryFailuresDocument,
  NotificationPreferencesDocument,
  NotificationsDocument,
  RetryDeliveryDocument,
  UpdateNotificationPreferencesDocument,
  UpdateNotificationSettingsDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { startMailbox } from '../support/mailbox.js';
import { startAliyunSmsStub } from '../support/aliyun-sms-stub.js';
import { until } from '../support/until.js';

// The outbox (#11): a delivery per notification and outside channel, written with the change,
// delivered by graphile-worker through a real SMTP server and a local Alibaba Cloud SMS stub.

const PUBLIC_URL = 'https://lakeside.example.cn';
const KEY = { accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'test-secret/with+odd=chars' };

let app: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let sms: Awaited<ReturnType<typeof startAliyunSmsStub>>;
let c: Cast;
let admin: Client;

async function deliveriesOf(ticketId: string, email: string) {
  return app.sql<{ id: string; channel: string; status: string; attempts: number; last_error: string | null; address: string; kind: string }>(
    `select d.id, d.channel, d.status, d.attempts, d.last_error, d.address, n.kind from notification_delivery d
       join notification n on n.id = d.notification_id join person p on p.id = n.recipient_id
      where n.subject_id = $1 and p.email = $2 order by n.id, d.channel`,
    [ticketId, email],
  );
}

const settled = (rows: { status: string }[]) => rows.length > 0 && rows.every((r) => r.status === 'SENT' || r.status === 'FAILED');

beforeAll(async () => {
  [mailbox, sms] = await Promise.all([startMailbox({ user: 'cocreate', password: 'p@ss word' }), startAliyunSmsStub(KEY)]);
  app = await startTestApp({
    NOTIFY_WORKER: '1',
    NOTIFY_MAX_ATTEMPTS: '2',
    PUBLIC_URL,
    SMTP_URL: mailbox.url,
    MAIL_FROM: '湖畔花园物业 <notice@lakeside.example.cn>',
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: KEY.accessKeyId,
    ALIYUN_SMS_ACCESS_KEY_SECRET: KEY.accessKeySecret,
    ALIYUN_SMS_SIGN_NAME: '湖畔花园',
    ALIYUN_SMS_TEMPLATE_NOTICE: 'SMS_100000001',
    ALIYUN_SMS_TEMPLATE_CODE: 'SMS_100000002',
    ALIYUN_SMS_ENDPOINT: sms.url,
  });
  // The seed's history stays in the portal: its services have no outbox.
  expect(await app.sql(`select 1 from notification_delivery`)).toEqual([]);
  c = await cast(app, 'owner7@lakeside.test');
  admin = await app.signIn('admin@lakeside.test');
  // Whatever the hour this runs at, SMS are not held for the night unless a test asks.
  for (const who of [c.owner, c.cs, c.maint]) await who.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: false } });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([mailbox?.close(), sms?.close()]);
});

describe('delivery', () => {
  it('tells the owner of a solution to confirm by e-mail and SMS, in Chinese, with a link to the ticket and nobody’s personal data', async () => {
    const t = await ticketIn(c, 'SOLUTION_PROPOSED', 'REPAIR', '王小明 13812345678 家水管漏水');
    const rows = await until('deliveries sent', async () => {
      const r = (await deliveriesOf(t.id, 'owner7@lakeside.test')).filter((d) => d.kind === 'TICKET_SOLUTION_PROPOSED');
      return settled(r) && r;
    });
    expect(rows.map((r) => `${r.channel}:${r.status}:${r.attempts}`)).toEqual(['EMAIL:SENT:1', 'SMS:SENT:1']);
    const link = `${PUBLIC_URL}/tickets/${t.id}`;

    const mail = await mailbox.waitFor((m) => m.messageId.includes(rows[0]!.id));
    expect(mail.to).toEqual(['owner7@lakeside.test']);
    expect(mail.subject).toBe(`工单${t.number}有解决方案待您确认`);
    expect(mail.text).toContain(link);
    expect(mail.raw).toContain(`X-Cocreate-Delivery: ${rows[0]!.id}`);
    expect(`${mail.subject}${mail.text}`).not.toMatch(/王小明|13812345678|漏水/);

    const text = sms.sent.find((s) => s.outId === rows[1]!.id)!;
    expect(text).toMatchObject({ signName: '湖畔花园', templateCode: 'SMS_100000001', params: { text: `工单${t.number}有解决方案待您确认`, link } });
    expect(sms.requests.every((r) => r.signatureOk)).toBe(true);

    const { notifications } = await c.owner.run(NotificationsDocument, { first: 5 });
    const item = notifications.edges.map((e) => e.node).find((n) => n.kind === 'TICKET_SOLUTION_PROPOSED' && n.subjectId === t.id)!;
    expect(item.link).toBe(`/tickets/${t.id}`);
    expect(item.deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual(['EMAIL:SENT', 'SMS:SENT']);
  });

  it('writes in the person’s language', async () => {
    await c.owner.run(UpdateNotificationSettingsDocument, { input: { language: 'en' } });
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const rows = await until('sent', async () => {
      const r = (await deliveriesOf(t.id, 'owner7@lakeside.test')).filter((d) => d.kind === 'TICKET_SOLUTION_PROPOSED');
      return settled(r) && r;
    });
    const mail = await mailbox.waitFor((m) => m.messageId.includes(rows[0]!.id));
    expect(mail.subject).toBe(`Ticket ${t.number}: a solution awaits your answer`);
    expect(mail.text).toContain('Choose what reaches you and how');
    await c.owner.run(UpdateNotificationSettingsDocument, { input: { language: 'zh-CN' } });
  });

  it('follows the person’s channels for a kind, and never silences a vote on their unit', async () => {
    const { updateNotificationPreferences: prefs } = await c.owner.run(UpdateNotificationPreferencesDocument, {
      input: { kind: 'TICKET_SOLUTION_PROPOSED', channels: ['INBOX', 'EMAIL'] },
    });
    expect(prefs.rules.find((r) => r.kind === 'TICKET_SOLUTION_PROPOSED')).toMatchObject({ channels: ['INBOX', 'EMAIL'], custom: true, required: false });
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const rows = await until('written', async () => {
      const r = (await deliveriesOf(t.id, 'owner7@lakeside.test')).filter((d) => d.kind === 'TICKET_SOLUTION_PROPOSED');
      return settled(r) && r;
    });
    expect(rows.map((r) => r.channel)).toEqual(['EMAIL']);

    const legal = await c.owner.fail(UpdateNotificationPreferencesDocument, { input: { kind: 'DECISION_OPENED', channels: ['INBOX'] } });
    expect(legal.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channels' });
    const { notificationPreferences } = await c.owner.run(NotificationPreferencesDocument);
    expect(notificationPreferences.rules.find((r) => r.kind === 'DECISION_OPENED')).toMatchObject({ required: true, channels: ['INBOX', 'EMAIL', 'SMS'] });
  });

  it('holds SMS during quiet hours, but not for an URGENT ticket', async () => {
    const now = app.clock.now();
    const china = (now.getUTCHours() + 8) % 24;
    // Quiet hours that contain this very minute.
    const start = `${String((china + 23) % 24).padStart(2, '0')}:00`;
    const end = `${String((china + 2) % 24).padStart(2, '0')}:00`;
    await c.maint.run(UpdateNotificationSettingsDocument, { input: { quietHours: { start, end } } });
    const { id: maintId } = (await app.sql<{ id: string }>(`select id from person where email = 'maint@lakeside.test'`))[0]!;
    const smsFor = (ticketId: string) =>
      app.sql<{ run_at: Date; status: string }>(
        `select d.run_at, d.status from notification_delivery d join notification n on n.id = d.notification_id
        where n.subject_id = $1 and d.person_id = $2 and d.channel = 'SMS' and n.kind = 'TICKET_ASSIGNED'`,
        [ticketId, maintId],
      );
    const assign = `mutation($id:ID!,$to:ID!){ assignTicket(id:$id, assigneeId:$to) { id } }`;

    const normal = await ticketIn(c, 'INVESTIGATING');
    await c.cs.run(assign, { id: normal.id, to: maintId });
    const held = await smsFor(normal.id);
    expect(held).toHaveLength(1);
    expect(held[0]!.status).toBe('PENDING');
    expect(held[0]!.run_at.getTime()).toBeGreaterThan(now.getTime() + 60 * 60_000);

    const urgent = await ticketIn(c, 'RECEIVED');
    await c.cs.run(`mutation($id:ID!){ dispatchTicket(id:$id, input:{ urgency: URGENT, department: MAINTENANCE, category: "水电" }) { id } }`, {
      id: urgent.id,
    });
    await c.cs.run(assign, { id: urgent.id, to: maintId });
    const [sent] = await until('urgent SMS sent', async () => {
      const r = await smsFor(urgent.id);
      return r[0]?.status === 'SENT' && r;
    });
    expect(Math.abs(sent!.run_at.getTime() - app.clock.now().getTime())).toBeLessThan(5_000);
    await c.maint.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: false } });
  });
});

describe('retries and giving up', () => {
  it('retries a refused e-mail (451) and an SMS the provider throttled, with backoff, and sends each once', async () => {
    mailbox.refuseNext('owner7@lakeside.test', 1);
    const phone = (await app.sql<{ phone: string }>(`select phone from person where email = 'owner7@lakeside.test'`))[0]!.phone;
    sms.failNext(phone.replace(/\D/g, '').replace(/^86/, ''), 1);
    await c.owner.run(UpdateNotificationPreferencesDocument, { input: { kind: 'TICKET_SOLUTION_PROPOSED', channels: ['INBOX', 'EMAIL', 'SMS'] } });
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const rows = await until('retried', async () => {
      const r = (await deliveriesOf(t.id, 'owner7@lakeside.test')).filter((d) => d.kind === 'TICKET_SOLUTION_PROPOSED');
      return settled(r) && r;
    });
    expect(rows.map((r) => `${r.channel}:${r.status}:${r.attempts}`)).toEqual(['EMAIL:SENT:2', 'SMS:SENT:2']);
    expect(mailbox.mails.filter((m) => m.messageId.includes(rows[0]!.id))).toHaveLength(1);
    expect(sms.sent.filter((s) => s.outId === rows[1]!.id)).toHaveLength(1);
  });

  it('gives up after NOTIFY_MAX_ATTEMPTS, shows the failure to admins only, and retries it on request', async () => {
    const phone = (await app.sql<{ phone: string }>(`select phone from person where email = 'owner7@lakeside.test'`))[0]!.phone
      .replace(/\D/g, '')
      .replace(/^86/, '');
    sms.failNext(phone, 2);
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const [failed] = await until('failed', async () => {
      const r = (await deliveriesOf(t.id, 'owner7@lakeside.test')).filter((d) => d.kind === 'TICKET_SOLUTION_PROPOSED' && d.channel === 'SMS');
      return r[0]?.status === 'FAILED' && r;
    });
    expect(failed).toMatchObject({ attempts: 2, last_error: expect.stringContaining('isv.BUSINESS_LIMIT_CONTROL') });

    const { deliveryFailures } = await admin.run(DeliveryFailuresDocument, { first: 10 });
    const listed = deliveryFailures.edges.map((e) => e.node).find((n) => n.id === failed!.id)!;
    expect(listed).toMatchObject({ channel: 'SMS', attempts: 2, kind: 'TICKET_SOLUTION_PROPOSED' });
    expect((await c.owner.fail(DeliveryFailuresDocument, { first: 10 })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.owner.fail(RetryDeliveryDocument, { id: failed!.id })).extensions?.code).toBe('FORBIDDEN');

    await admin.run(RetryDeliveryDocument, { id: failed!.id });
    const again = await until('sent after retry', async () => {
      const [r] = await app.sql<{ status: string; attempts: number }>(`select status, attempts from notification_delivery where id = $1`, [failed!.id]);
      return r?.status === 'SENT' && r;
    });
    expect(again.attempts).toBe(1);
    expect(sms.sent.filter((s) => s.outId === failed!.id)).toHaveLength(1);
    // A delivery that did not fail cannot be retried; one of another community is not there.
    expect((await admin.fail(RetryDeliveryDocument, { id: failed!.id })).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await admin.fail(RetryDeliveryDocument, { id: '00000000-0000-4000-8000-000000000000' })).extensions?.code).toBe('NOT_FOUND');
  });

  it('fails at once on an answer that will not change (not a mobile number)', async () => {
    const id = await app.server.services.notifications.sendOneOff(app.orm.em.fork(), { channel: 'SMS', to: '010-1234567', code: '111111' });
    const row = await until('failed', async () => {
      const [r] = await app.sql<{ status: string; attempts: number; last_error: string }>(
        `select status, attempts, last_error from notification_delivery where id = $1`,
        [id],
      );
      return r?.status === 'FAILED' && r;
    });
    expect(row).toMatchObject({ attempts: 1, last_error: 'not a mainland mobile number' });
  });
});

describe('the daily digest', () => {
  it('holds board news for a digest reader and sends it as one e-mail in their language, while a solution to confirm goes at once', async () => {
    await c.owner.run(UpdateNotificationSettingsDocument, { input: { digest: true } });
    await c.owner.run(UpdateNotificationPreferencesDocument, { input: { kind: 'PROPOSAL_COMMENTED', channels: ['INBOX', 'EMAIL'] } });
    const { submitProposal } = await c.owner.run<{ submitProposal: { id: string } }, Record<string, never>>(
      `mutation { submitProposal(input: { title: "单元门禁增加人脸识别", body: "建议单元门禁增加人脸识别，方便老人和孩子进出。", category: SAFETY }) { id } }`,
    );
    const neighbour = await app.signIn('owner8@lakeside.test');
    for (const body of ['赞成，老人用卡不方便。', '要注意人脸数据的保管。']) {
      await neighbour.run(`mutation($id: ID!, $body: String!) { commentOnProposal(id: $id, body: $body) { id } }`, { id: submitProposal.id, body });
    }
    const held = await app.sql<{ id: string; status: string; digest: boolean }>(
      `select d.id, d.status, d.digest from notification_delivery d join notification n on n.id = d.notification_id where n.subject_id = $1 and n.kind = 'PROPOSAL_COMMENTED'`,
      [submitProposal.id],
    );
    expect(held.map((h) => `${h.status}:${h.digest}`)).toEqual(['PENDING:true', 'PENDING:true']);
    const { notifications } = await c.owner.run(NotificationsDocument, { first: 3 });
    expect(notifications.edges[0]!.node.deliveries).toEqual([{ channel: 'EMAIL', status: 'DIGEST', attempts: 0, lastError: null }]);
    // A solution to confirm is not held back for the digest.
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    await until('sent at once', async () => {
      const r = (await deliveriesOf(t.id, 'owner7@lakeside.test')).filter((d) => d.kind === 'TICKET_SOLUTION_PROPOSED' && d.channel === 'EMAIL');
      return r[0]?.status === 'SENT';
    });

    // The cron sends it at the person's digest time (08:00 by default); ask for it now.
    await app.sql(`select graphile_worker.add_job('digest', '{"now": true}'::json)`);
    const mail = await mailbox.waitFor((m) => m.subject === '共创：今日 2 条通知');
    expect(mail.to).toEqual(['owner7@lakeside.test']);
    expect(mail.text.match(/您的提案有新评论/g)).toHaveLength(2);
    expect(mail.text).toContain(`${PUBLIC_URL}/board/${submitProposal.id}`);
    await until('digest rows sent', async () =>
      (await app.sql<{ status: string }>(`select status from notification_delivery where id = any($1::uuid[])`, [held.map((h) => h.id)])).every(
        (r) => r.status === 'SENT',
      ),
    );
    await c.owner.run(UpdateNotificationSettingsDocument, { input: { digest: false } });
  });
});

describe('the digest time', () => {
  /** HH:MM in the community's time zone, `hours` from now. */
  const localClock = (timezone: string, hours: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(Date.now() + hours * 3600_000),
    );

  async function heldFor(client: typeof c.owner, email: string, digestAt: string) {
    await client.run(UpdateNotificationSettingsDocument, { input: { digest: true, digestAt } });
    await client.run(UpdateNotificationPreferencesDocument, { input: { kind: 'PROPOSAL_COMMENTED', channels: ['INBOX', 'EMAIL'] } });
    const { submitProposal } = await client.run<{ submitProposal: { id: string } }, Record<string, never>>(
      `mutation { submitProposal(input: { title: "楼道增加感应灯", body: "建议每层楼道增加感应灯，夜里上下楼更安全。", category: SAFETY }) { id } }`,
    );
    const neighbour = await app.signIn('owner11@lakeside.test');
    await neighbour.run(`mutation($id: ID!, $body: String!) { commentOnProposal(id: $id, body: $body) { id } }`, { id: submitProposal.id, body: '赞成。' });
    const [row] = await app.sql<{ id: string }>(
      `select d.id from notification_delivery d join notification n on n.id = d.notification_id join person p on p.id = d.person_id
        where n.subject_id = $1 and p.email = $2 and d.digest`,
      [submitProposal.id, email],
    );
    // Held back since two hours ago.
    await app.sql(`update notification_delivery set created_at = now() - interval '2 hours' where id = $1`, [row!.id]);
    return row!.id;
  }

  it('is each person’s own, read in their community’s time zone: due an hour ago goes, due in an hour waits', async () => {
    await app.sql(`update community set timezone = 'America/New_York' where name = '湖畔花园'`);
    try {
      const early = await app.signIn('owner12@lakeside.test');
      const { updateNotificationSettings: set } = await early.run(UpdateNotificationSettingsDocument, {
        input: { digestAt: localClock('America/New_York', -1) },
      });
      expect(set).toMatchObject({ digestAt: localClock('America/New_York', -1), timezone: 'America/New_York' });
      const due = await heldFor(early, 'owner12@lakeside.test', localClock('America/New_York', -1));
      const later = await app.signIn('owner13@lakeside.test');
      const waiting = await heldFor(later, 'owner13@lakeside.test', localClock('America/New_York', 1));

      await app.sql(`select graphile_worker.add_job('digest')`);
      await until(
        'the due digest sent',
        async () => (await app.sql<{ status: string }>(`select status from notification_delivery where id = $1`, [due]))[0]?.status === 'SENT',
      );
      expect(await mailbox.waitFor((m) => m.to.includes('owner12@lakeside.test') && m.subject.startsWith('共创：今日'))).toBeTruthy();
      // The later one's last moment was yesterday, before it was held: it waits for today's.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await app.sql<{ status: string }>(`select status from notification_delivery where id = $1`, [waiting]))[0]!.status).toBe('PENDING');
    } finally {
      await app.sql(`update community set timezone = 'Asia/Shanghai' where name = '湖畔花园'`);
    }
  });

  it('defaults to 08:00 and refuses a time that is not one', async () => {
    const { notificationPreferences } = await admin.run(NotificationPreferencesDocument);
    expect(notificationPreferences).toMatchObject({ digestAt: '08:00', timezone: 'Asia/Shanghai' });
    for (const digestAt of ['24:00', '8:00', '08:60', "08'00"]) {
      const error = await c.owner.fail(UpdateNotificationSettingsDocument, { input: { digestAt } });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(String(error.extensions?.field ?? error.message)).toContain('digestAt');
    }
  });
});

describe('one-off messages (sign-in and activation codes)', () => {
  it('sends a code by SMS with the code template and by e-mail, outside preferences, and forgets the code once sent', async () => {
    const em = app.orm.em.fork();
    const smsId = await app.server.services.notifications.sendOneOff(em, { channel: 'SMS', to: '+86 139 0000 1234', code: '482913' });
    const mailId = await app.server.services.notifications.sendOneOff(em, { channel: 'EMAIL', to: 'new-owner@example.cn', code: '771204', language: 'en' });
    await until('both sent', async () => {
      const r = await app.sql<{ status: string }>(`select status from notification_delivery where id = any($1::uuid[])`, [[smsId, mailId]]);
      return r.length === 2 && r.every((x) => x.status === 'SENT');
    });
    expect(sms.sent.find((s) => s.outId === smsId)).toMatchObject({ phone: '13900001234', templateCode: 'SMS_100000002', params: { code: '482913' } });
    const mail = await mailbox.waitFor((m) => m.messageId.includes(mailId));
    expect(mail.subject).toBe('Your Cocreate code');
    expect(mail.text).toContain('771204');
    const stored = await app.sql<{ body: string | null; params: unknown }>(`select body, params from notification_delivery where id = any($1::uuid[])`, [
      [smsId, mailId],
    ]);
    expect(stored.every((r) => r.body === null && JSON.stringify(r.params) === '{}')).toBe(true);
  });
});

describe('hostile input', () => {
  it.each([
    [{ kind: 'NOT_A_KIND', channels: ['INBOX'] }, 'kind'],
    [{ kind: 'PROPOSAL_COMMENTED', channels: ['EMAIL'] }, 'channels'],
    [{ kind: 'x'.repeat(61), channels: ['INBOX'] }, 'kind'],
  ])('updateNotificationPreferences(%j) names %s', async (input, field) => {
    const error = await c.owner.fail(UpdateNotificationPreferencesDocument, { input: input as never });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(String(error.extensions?.field ?? error.message)).toContain(field);
  });

  it.each([
    [{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
    [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours.end'],
    [{ language: 'fr' }, 'language'],
  ])('updateNotificationSettings(%j) names %s', async (input, field) => {
    const error = await c.owner.fail(UpdateNotificationSettingsDocument, { input });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(String(error.extensions?.field ?? error.message)).toContain(field);
  });

  it('refuses crafted cursors and ids', async () => {
    expect((await admin.fail(DeliveryFailuresDocument, { first: 5, after: 'bm90LWEtY3Vyc29y' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect((await admin.fail(RetryDeliveryDocument, { id: "1' or '1'='1" })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('personal data', () => {
  it('lists the person’s notification settings and every delivery written for them, and nobody else’s', async () => {
    const data = JSON.parse((await c.owner.run<{ myPersonalData: string }, Record<string, never>>(`{ myPersonalData }`)).myPersonalData) as {
      notificationSettings: {
        language: string;
        quietHours: unknown;
        digest: boolean;
        digestAt: string;
        channelsByKind: { kind: string; channels: string[] }[];
        wechatOpenid: string | null;
      };
      deliveries: { channel: string; kind: string | null; status: string; address: string; created_at: string; sent_at: string | null }[];
    };
    expect(data.notificationSettings).toMatchObject({ language: 'zh-CN', quietHours: null, digest: false, digestAt: '08:00', wechatOpenid: null });
    expect(data.notificationSettings.channelsByKind).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'PROPOSAL_COMMENTED', channels: ['INBOX', 'EMAIL'] })]),
    );

    const [me] = await app.sql<{ id: string; email: string; phone: string }>(`select id, email, phone from person where email = 'owner7@lakeside.test'`);
    const [{ n }] = await app.sql<{ n: number }>(`select count(*)::int as n from notification_delivery where person_id = $1`, [me!.id]);
    expect(n).toBeGreaterThan(5);
    expect(data.deliveries).toHaveLength(n);
    expect(new Set(data.deliveries.map((d) => d.address))).toEqual(new Set([me!.email, me!.phone]));
    expect(data.deliveries.some((d) => d.kind === 'TICKET_SOLUTION_PROPOSED' && d.channel === 'SMS' && d.status === 'SENT' && d.sent_at)).toBe(true);
    expect(data.deliveries.every((d) => d.created_at)).toBe(true);

    // Nobody else's address, and the neighbour's export holds none of the owner's deliveries.
    const others = await app.sql<{ email: string | null; phone: string | null }>(`select email, phone from person where id <> $1`, [me!.id]);
    const text = JSON.stringify(data.deliveries);
    expect(others.filter((o) => (o.email && text.includes(o.email)) || (o.phone && text.includes(o.phone)))).toEqual([]);
    const neighbour = await app.signIn('owner8@lakeside.test');
    const theirs = JSON.parse((await neighbour.run<{ myPersonalData: string }, Record<string, never>>(`{ myPersonalData }`)).myPersonalData) as {
      deliveries: { address: string }[];
    };
    expect(theirs.deliveries.every((d) => d.address !== me!.email && d.address !== me!.phone)).toBe(true);
  });
});
