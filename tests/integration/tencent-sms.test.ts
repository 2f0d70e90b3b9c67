import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateNotificationPreferencesDocument, UpdateNotificationSettingsDocument } from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { startTencentSmsStub } from '../support/tencent-sms-stub.js';
import { until } from '../support/until.js';

// Tencent Cloud SMS (#11) as the second real SMS provider: SMS_PROVIDER=tencent, every request
// signed with TC3-HMAC-SHA256 and checked by a local stub of the documented API.

const PUBLIC_URL = 'https://lakeside.example.cn';
const KEY = { secretId: 'AKIDtestSecretId0001', secretKey: 'tencent+secret/key=', sdkAppId: '1400000001' };

let app: TestApp;
let sms: Awaited<ReturnType<typeof startTencentSmsStub>>;
let c: Cast;
let phone: string;

const smsOf = (ticketId: string) =>
  app.sql<{ id: string; status: string; attempts: number; last_error: string | null }>(
    `select d.id, d.status, d.attempts, d.last_error from notification_delivery d join notification n on n.id = d.notification_id
    join person p on p.id = n.recipient_id where n.subject_id = $1 and p.email = 'owner9@lakeside.test' and d.channel = 'SMS' and n.kind = 'TICKET_SOLUTION_PROPOSED'`,
    [ticketId],
  );

beforeAll(async () => {
  sms = await startTencentSmsStub(KEY);
  app = await startTestApp({
    NOTIFY_WORKER: '1',
    NOTIFY_MAX_ATTEMPTS: '3',
    PUBLIC_URL,
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_SECRET_ID: KEY.secretId,
    TENCENT_SMS_SECRET_KEY: KEY.secretKey,
    TENCENT_SMS_SDK_APP_ID: KEY.sdkAppId,
    TENCENT_SMS_SIGN_NAME: '湖畔花园',
    TENCENT_SMS_TEMPLATE_NOTICE: '2100001',
    TENCENT_SMS_TEMPLATE_CODE: '2100002',
    TENCENT_SMS_REGION: 'ap-shanghai',
    TENCENT_SMS_ENDPOINT: sms.url,
  });
  c = await cast(app, 'owner9@lakeside.test');
  await c.owner.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: false } });
  await c.owner.run(UpdateNotificationPreferencesDocument, { input: { kind: 'TICKET_SOLUTION_PROPOSED', channels: ['INBOX', 'SMS'] } });
  phone = (await app.sql<{ phone: string }>(`select phone from person where email = 'owner9@lakeside.test'`))[0]!.phone.replace(/\D/g, '').replace(/^86/, '');
});
afterAll(async () => {
  await app?.close();
  await sms?.close();
});

describe('Tencent Cloud SMS', () => {
  it('sends a solution to confirm with the notice template, its sentence and link, signed, keyed by the delivery', async () => {
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const [row] = await until('sent', async () => {
      const r = await smsOf(t.id);
      return r[0]?.status === 'SENT' && r;
    });
    const text = sms.sent.find((s) => s.sessionContext === row!.id)!;
    expect(text).toMatchObject({
      phone: `${phone}`,
      sdkAppId: KEY.sdkAppId,
      signName: '湖畔花园',
      templateId: '2100001',
      params: [`工单${t.number}有解决方案待您确认`, `${PUBLIC_URL}/tickets/${t.id}`],
    });
    expect(row!.attempts).toBe(1);
    expect(sms.requests.length).toBeGreaterThan(0);
    expect(sms.requests.every((r) => r.signatureOk && r.action === 'SendSms' && r.region === 'ap-shanghai')).toBe(true);
    const [stored] = await app.sql<{ provider_id: string }>(`select provider_id from notification_delivery where id = $1`, [row!.id]);
    expect(stored!.provider_id).toBe(text.serialNo);
  });

  it('retries a number throttled for 30 seconds, and sends it once', async () => {
    sms.failNext(phone, 1);
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const [row] = await until('sent on the second try', async () => {
      const r = await smsOf(t.id);
      return r[0]?.status === 'SENT' && r;
    });
    expect(row!.attempts).toBe(2);
    expect(sms.sent.filter((s) => s.sessionContext === row!.id)).toHaveLength(1);
  });

  it('gives up at once on an answer that will not change (template not approved)', async () => {
    sms.failNext(phone, 1, 'FailedOperation.TemplateIncorrectOrUnapproved');
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const [row] = await until('failed', async () => {
      const r = await smsOf(t.id);
      return r[0]?.status === 'FAILED' && r;
    });
    expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('FailedOperation.TemplateIncorrectOrUnapproved') });
  });

  it('sends a code with the code template', async () => {
    const id = await app.server.services.notifications.sendOneOff(app.orm.em.fork(), { channel: 'SMS', to: '+86 139 0000 5678', code: '630218' });
    await until('sent', async () => (await app.sql<{ status: string }>(`select status from notification_delivery where id = $1`, [id]))[0]?.status === 'SENT');
    expect(sms.sent.find((s) => s.sessionContext === id)).toMatchObject({ phone: '13900005678', templateId: '2100002', params: ['630218'] });
  });

  it('after an attempt nobody finished, finds the message by its SessionContext in the number’s receipts, and says when it is not there', async () => {
    await ticketIn(c, 'SOLUTION_PROPOSED');
    const [row] = await app.sql<{ id: string; created_at: Date }>(
      `select d.id, d.created_at from notification_delivery d join person p on p.id = d.person_id
        where p.email = 'owner9@lakeside.test' and d.channel = 'SMS' and d.status = 'SENT' order by d.created_at desc limit 1`,
    );
    await until('sent', async () => sms.sent.some((s) => s.sessionContext === row!.id));
    const { TencentSmsChannel } = await import('@cocreate/api/notifications/channels/tencent-sms');
    const channel = new TencentSmsChannel({
      ...KEY,
      signName: '湖畔花园',
      noticeTemplate: '2100001',
      codeTemplate: '2100002',
      region: 'ap-guangzhou',
      endpoint: sms.url,
    });
    const message = {
      idempotencyKey: row!.id,
      to: phone,
      subject: '',
      text: '',
      template: 'NOTICE' as const,
      params: {},
      createdAt: new Date(row!.created_at),
    };
    expect(await channel.lookup(message)).toEqual({ providerId: sms.sent.find((s) => s.sessionContext === row!.id)!.serialNo });
    expect(await channel.lookup({ ...message, idempotencyKey: '00000000-0000-4000-8000-00000000beef' })).toBeNull();
    expect(sms.requests.filter((r) => r.action === 'PullSmsSendStatusByPhoneNumber').every((r) => r.signatureOk)).toBe(true);
  });

  it('a wrong key is refused by the provider as final, after one try', async () => {
    const other = await startTencentSmsStub({ ...KEY, secretKey: 'not-the-key' });
    const { TencentSmsChannel } = await import('@cocreate/api/notifications/channels/tencent-sms');
    const channel = new TencentSmsChannel({
      ...KEY,
      signName: '湖畔花园',
      noticeTemplate: '1',
      codeTemplate: '2',
      region: 'ap-guangzhou',
      endpoint: other.url,
    });
    const { PermanentDeliveryError } = await import('@cocreate/api/notifications/channels/channel');
    await expect(
      channel.send({
        idempotencyKey: 'k',
        to: '13800138000',
        subject: 's',
        text: 't',
        template: 'NOTICE',
        params: { text: 't', link: 'l' },
        createdAt: new Date(),
      }),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(other.requests[0]!.signatureOk).toBe(false);
    await other.close();
  });
});
