import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../shared/config.js';

const ALIYUN = {
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: '湖畔花园',
  ALIYUN_SMS_TEMPLATE_NOTICE: 'SMS_1',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_2',
};

const TENCENT = {
  SMS_PROVIDER: 'tencent',
  TENCENT_SMS_SECRET_ID: 'AKIDtest',
  TENCENT_SMS_SECRET_KEY: 'secret',
  TENCENT_SMS_SDK_APP_ID: '1400000001',
  TENCENT_SMS_SIGN_NAME: '湖畔花园',
  TENCENT_SMS_TEMPLATE_NOTICE: '100001',
  TENCENT_SMS_TEMPLATE_CODE: '100002',
};
const WECHAT = { WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: '0123456789abcdef0123456789abcdef', WECHAT_TEMPLATE_NOTICE: 'tpl-Notice_1' };

describe('notification configuration', () => {
  it('defaults: the worker in-process, the log channel for e-mail and SMS, links to this server', () => {
    const { notify } = loadConfig({});
    expect(notify).toMatchObject({
      worker: true,
      smtpUrl: null,
      sms: { provider: 'log' },
      publicUrl: 'http://localhost:3000',
      maxAttempts: 8,
      concurrency: 10,
    });
    expect(loadConfig({ PORT: '8080' }).notify.publicUrl).toBe('http://localhost:8080');
  });

  it('takes SMTP, the sender, Alibaba Cloud SMS and a public URL', () => {
    const { notify } = loadConfig({
      SMTP_URL: 'smtp://u:p@mail.example.cn:587',
      MAIL_FROM: '湖畔花园 <notice@example.cn>',
      PUBLIC_URL: 'https://lakeside.example.cn/',
      NOTIFY_WORKER: '0',
      ...ALIYUN,
    });
    expect(notify).toMatchObject({
      worker: false,
      smtpUrl: 'smtp://u:p@mail.example.cn:587',
      mailFrom: '湖畔花园 <notice@example.cn>',
      publicUrl: 'https://lakeside.example.cn',
    });
    expect(notify.sms).toMatchObject({ provider: 'aliyun', signName: '湖畔花园', endpoint: 'https://dysmsapi.aliyuncs.com' });
  });

  it('takes Tencent Cloud SMS with its region and endpoint', () => {
    expect(loadConfig(TENCENT).notify.sms).toMatchObject({
      provider: 'tencent',
      sdkAppId: '1400000001',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
    });
    expect(loadConfig({ ...TENCENT, TENCENT_SMS_REGION: 'ap-beijing', TENCENT_SMS_ENDPOINT: 'http://127.0.0.1:9' }).notify.sms).toMatchObject({
      region: 'ap-beijing',
      endpoint: 'http://127.0.0.1:9',
    });
  });

  it('has no WeChat unless configured; takes its templates per kind and its bases', () => {
    expect(loadConfig({}).notify.wechat).toBeNull();
    expect(loadConfig({ ...WECHAT, WECHAT_TEMPLATES: 'TICKET_SOLUTION_PROPOSED:abc, DECISION_OPENED:def' }).notify.wechat).toEqual({
      appId: 'wx0123456789abcdef',
      appSecret: '0123456789abcdef0123456789abcdef',
      noticeTemplate: 'tpl-Notice_1',
      templates: { TICKET_SOLUTION_PROPOSED: 'abc', DECISION_OPENED: 'def' },
      apiBase: 'https://api.weixin.qq.com',
      oauthBase: 'https://open.weixin.qq.com',
    });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.cn' }, 'SMTP_URL'],
    [{ ...TENCENT, TENCENT_SMS_SDK_APP_ID: '' }, 'TENCENT_SMS_SDK_APP_ID'],
    [{ ...TENCENT, TENCENT_SMS_REGION: 'guangzhou!' }, 'TENCENT_SMS_REGION'],
    [{ ...TENCENT, TENCENT_SMS_ENDPOINT: 'ftp://x' }, 'TENCENT_SMS_ENDPOINT'],
    [{ WECHAT_APP_ID: 'wx0123456789abcdef' }, 'WECHAT_APP_SECRET'],
    [{ ...WECHAT, WECHAT_APP_ID: 'not-an-appid' }, 'WECHAT_APP_ID'],
    [{ ...WECHAT, WECHAT_TEMPLATE_NOTICE: '' }, 'WECHAT_TEMPLATE_NOTICE'],
    [{ ...WECHAT, WECHAT_TEMPLATES: 'TICKET_SOLUTION_PROPOSED' }, 'WECHAT_TEMPLATES'],
    [{ ...WECHAT, WECHAT_API_BASE: 'javascript:alert(1)' }, 'WECHAT_API_BASE'],
    [{ ...WECHAT, WECHAT_OAUTH_BASE: 'https://evil.example/?x=1' }, 'WECHAT_OAUTH_BASE'],
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
