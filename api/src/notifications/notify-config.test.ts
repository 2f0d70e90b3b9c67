import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../shared/config.js';

const ALIYUN = {
  SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'id', ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret', ALIYUN_SMS_SIGN_NAME: '湖畔花园',
  ALIYUN_SMS_TEMPLATE_NOTICE: 'SMS_1', ALIYUN_SMS_TEMPLATE_CODE: 'SMS_2',
};

describe('notification configuration', () => {
  it('defaults: the worker in-process, the log channel for e-mail and SMS, links to this server', () => {
    const { notify } = loadConfig({});
    expect(notify).toMatchObject({ worker: true, smtpUrl: null, sms: { provider: 'log' }, publicUrl: 'http://localhost:3000', maxAttempts: 8, concurrency: 10 });
    expect(loadConfig({ PORT: '8080' }).notify.publicUrl).toBe('http://localhost:8080');
  });

  it('takes SMTP, the sender, Alibaba Cloud SMS and a public URL', () => {
    const { notify } = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.cn:587', MAIL_FROM: '湖畔花园 <notice@example.cn>', PUBLIC_URL: 'https://lakeside.example.cn/', NOTIFY_WORKER: '0', ...ALIYUN });
    expect(notify).toMatchObject({ worker: false, smtpUrl: 'smtp://u:p@mail.example.cn:587', mailFrom: '湖畔花园 <notice@example.cn>', publicUrl: 'https://lakeside.example.cn' });
    expect(notify.sms).toMatchObject({ provider: 'aliyun', signName: '湖畔花园', endpoint: 'https://dysmsapi.aliyuncs.com' });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.cn' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
    [{ SMS_PROVIDER: 'twilio' }, 'SMS_PROVIDER'],
    [{ ...ALIYUN, ALIYUN_SMS_ACCESS_KEY_SECRET: '' }, 'ALIYUN_SMS_ACCESS_KEY_SECRET'],
    [{ ...ALIYUN, ALIYUN_SMS_ENDPOINT: 'ftp://x' }, 'ALIYUN_SMS_ENDPOINT'],
    [{ NOTIFY_MAX_ATTEMPTS: '0' }, 'NOTIFY_MAX_ATTEMPTS'],
    [{ NOTIFY_CONCURRENCY: '1000' }, 'NOTIFY_CONCURRENCY'],
    [{ NOTIFY_WORKER: 'maybe' }, 'NOTIFY_WORKER'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
