import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NotificationPreferencesDocument,
  UnbindWeChatDocument,
  UpdateNotificationPreferencesDocument,
  UpdateNotificationSettingsDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { startWeChatStub } from '../support/wechat-stub.js';
import { until } from '../support/until.js';

// The WeChat channel (#11): binding an openid through WeChat's web authorisation (snsapi_base) and
// 服务号 template messages, against a local stub of api.weixin.qq.com and open.weixin.qq.com.

const PUBLIC_URL = 'https://lakeside.example.cn';
const WX = { appId: 'wx0123456789abcdef', appSecret: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' };
const OPENID = 'oAbCdEf-owner7_openid00';

let app: TestApp;
let wechat: Awaited<ReturnType<typeof startWeChatStub>>;
let c: Cast;

/** A browser request that does not follow redirects: the status and where it would go. */
async function visit(client: Client | null, path: string): Promise<{ status: number; location: string }> {
  const response = await fetch(`${app.url}${path}`, { redirect: 'manual', headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, location: response.headers.get('location') ?? '' };
}

/** The whole binding as a browser inside WeChat goes through it: connect → WeChat → callback → settings. */
async function bind(client: Client, openid: string): Promise<string> {
  wechat.signInBrowser(openid);
  const connect = await visit(client, '/wechat/connect');
  expect(connect.status).toBe(302);
  const atWeChat = await fetch(connect.location.replace('#wechat_redirect', ''), { redirect: 'manual' });
  const back = new URL(atWeChat.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/wechat/callback`);
  return (await visit(client, `${back.pathname}${back.search}`)).location;
}

async function stateFor(client: Client): Promise<string> {
  const { location } = await visit(client, '/wechat/connect');
  return new URL(location).searchParams.get('state')!;
}

const wechatOf = (ticketId: string, kind = 'TICKET_SOLUTION_PROPOSED') =>
  app.sql<{ id: string; status: string; attempts: number; last_error: string | null; address: string }>(
    `select d.id, d.status, d.attempts, d.last_error, d.address from notification_delivery d join notification n on n.id = d.notification_id
    where n.subject_id = $1 and n.kind = $2 and d.channel = 'WECHAT'`,
    [ticketId, kind],
  );

async function sentOnce(ticketId: string, kind?: string) {
  const [row] = await until('WeChat delivery settled', async () => {
    const r = await wechatOf(ticketId, kind);
    return (r[0]?.status === 'SENT' || r[0]?.status === 'FAILED') && r;
  });
  return row!;
}

beforeAll(async () => {
  wechat = await startWeChatStub(WX);
  app = await startTestApp({
    NOTIFY_WORKER: '1',
    NOTIFY_MAX_ATTEMPTS: '3',
    PUBLIC_URL,
    WECHAT_APP_ID: WX.appId,
    WECHAT_APP_SECRET: WX.appSecret,
    WECHAT_TEMPLATE_NOTICE: 'tplNotice',
    WECHAT_TEMPLATES: 'TICKET_SOLUTION_PROPOSED:tplSolution',
    WECHAT_API_BASE: wechat.url,
    WECHAT_OAUTH_BASE: wechat.url,
  });
  c = await cast(app, 'owner7@lakeside.test');
  await c.owner.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: false } });
  wechat.follow(OPENID);
});
afterAll(async () => {
  await app?.close();
  await wechat?.close();
});

describe('binding WeChat', () => {
  it('is offered but not among the channels until the person connects it', async () => {
    const { notificationPreferences: p } = await c.owner.run(NotificationPreferencesDocument);
    expect(p).toMatchObject({ wechatConfigured: true, wechatBound: false });
    expect(p.rules.flatMap((r) => [...r.channels, ...r.defaultChannels])).not.toContain('WECHAT');
    const refused = await c.owner.fail(UpdateNotificationPreferencesDocument, { input: { kind: 'PROPOSAL_COMMENTED', channels: ['INBOX', 'WECHAT'] } });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channels', reason: 'WECHAT_NOT_BOUND' });
  });

  it('sends the signed-in person to WeChat’s authorisation with a signed state, and stores the openid WeChat vouches for', async () => {
    const connect = await visit(c.owner, '/wechat/connect');
    const target = new URL(connect.location);
    expect(`${target.origin}${target.pathname}`).toBe(`${wechat.url}/connect/oauth2/authorize`);
    expect([...target.searchParams.keys()]).toEqual(['appid', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(target.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/wechat/callback`);
    expect(target.searchParams.get('scope')).toBe('snsapi_base');
    expect(target.searchParams.get('state')).toMatch(/^[0-9a-f]{64}$/);
    expect(target.hash).toBe('#wechat_redirect');

    expect(await bind(c.owner, OPENID)).toBe('/inbox/settings?wechat=BOUND');
    const [account] = await app.sql<{ wechat_openid: string }>(
      `select a.wechat_openid from account a join person p on p.account_id = a.id where p.email = 'owner7@lakeside.test'`,
    );
    expect(account!.wechat_openid).toBe(OPENID);
    const { notificationPreferences: p } = await c.owner.run(NotificationPreferencesDocument);
    expect(p.wechatBound).toBe(true);
    expect(p.rules.find((r) => r.kind === 'TICKET_SOLUTION_PROPOSED')!.channels).toEqual(['INBOX', 'EMAIL', 'SMS', 'WECHAT']);
    expect(p.rules.find((r) => r.kind === 'PROPOSAL_ACCEPTED')!.channels).not.toContain('WECHAT');
    const held = JSON.parse((await c.owner.run<{ myPersonalData: string }, Record<string, never>>(`{ myPersonalData }`)).myPersonalData) as {
      notificationSettings: { wechatOpenid: string; wechatBoundAt: string };
    };
    expect(held.notificationSettings).toMatchObject({ wechatOpenid: OPENID, wechatBoundAt: expect.any(String) });
  });
});

describe('template messages', () => {
  it('tells the owner of a solution to confirm, with the kind’s template, short data, the time and a link into the portal', async () => {
    const t = await ticketIn(c, 'SOLUTION_PROPOSED', 'REPAIR', '王小明 13812345678 家水管漏水');
    const row = await sentOnce(t.id);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, address: OPENID });
    const message = wechat.messages.find((m) => m.clientMsgId === row.id)!;
    expect(message).toMatchObject({ openid: OPENID, templateId: 'tplSolution', url: `${PUBLIC_URL}/tickets/${t.id}` });
    expect([...message.data.thing1!.value].length).toBeLessThanOrEqual(20);
    expect(message.data.thing1!.value).toMatch(/^工单/);
    expect(message.data.time2!.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(JSON.stringify(message)).not.toMatch(/王小明|13812345678|漏水/);
    const [stored] = await app.sql<{ provider_id: string }>(`select provider_id from notification_delivery where id = $1`, [row.id]);
    expect(stored!.provider_id).toBe(String(message.msgid));
  });

  it('uses the notice template for a kind without its own', async () => {
    const t = await ticketIn(c, 'RESOLVED');
    const row = await sentOnce(t.id, 'TICKET_RESOLVED');
    expect(wechat.messages.find((m) => m.clientMsgId === row.id)!.templateId).toBe('tplNotice');
  });

  it('keeps the access token, and fetches a new one when WeChat calls it invalid (40001) or expired (42001)', async () => {
    const before = wechat.tokenCalls();
    const t1 = await ticketIn(c, 'SOLUTION_PROPOSED');
    expect((await sentOnce(t1.id)).status).toBe('SENT');
    expect(wechat.tokenCalls()).toBe(before);

    wechat.revokeTokens();
    const t2 = await ticketIn(c, 'SOLUTION_PROPOSED');
    expect(await sentOnce(t2.id)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(wechat.calls.some((x) => x.path === '/cgi-bin/message/template/send' && x.errcode === 40001)).toBe(true);
    expect(wechat.tokenCalls()).toBe(before + 1);

    wechat.expireTokens();
    const t3 = await ticketIn(c, 'SOLUTION_PROPOSED');
    expect(await sentOnce(t3.id)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(wechat.calls.some((x) => x.errcode === 42001)).toBe(true);
    expect(wechat.tokenCalls()).toBe(before + 2);
  });

  it('retries when WeChat is busy (errcode -1), and sends once', async () => {
    wechat.failNext(OPENID, -1);
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const row = await sentOnce(t.id);
    expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(wechat.messages.filter((m) => m.clientMsgId === row.id)).toHaveLength(1);
  });

  it('gives up at once when the person no longer follows the 服务号 (43004)', async () => {
    wechat.unfollow(OPENID);
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const row = await sentOnce(t.id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1, last_error: expect.stringContaining('43004') });
    wechat.follow(OPENID);
  });
});

describe('hostile callbacks', () => {
  it('sends a visitor without a session to sign in, from both endpoints', async () => {
    expect(await visit(null, '/wechat/connect')).toEqual({ status: 302, location: '/login' });
    expect(await visit(null, `/wechat/callback?code=${wechat.issueCode('oIntruder01')}&state=${'0'.repeat(64)}`)).toEqual({ status: 302, location: '/login' });
  });

  it.each([
    ['a crafted state', () => `code=X&state=${'a'.repeat(64)}`, 'STATE_INVALID'],
    ['no state', () => 'code=X', 'STATE_INVALID'],
    [
      'two states',
      async () => {
        const s = await stateFor(c.owner);
        return `code=X&state=${s}&state=${s}`;
      },
      'STATE_INVALID',
    ],
    ['a huge state', () => `code=X&state=${'f'.repeat(4000)}`, 'STATE_INVALID'],
    ['no code', async () => `state=${await stateFor(c.owner)}`, 'CODE_MISSING'],
    ['a code that is not one', async () => `code=${encodeURIComponent('<script>')}&state=${await stateFor(c.owner)}`, 'CODE_INVALID'],
    ['a huge code', async () => `code=${'A'.repeat(6000)}&state=${await stateFor(c.owner)}`, 'CODE_INVALID'],
    ['a code WeChat never gave', async () => `code=NOTACODE&state=${await stateFor(c.owner)}`, 'CODE_INVALID'],
  ])('%s: refused, and only ever back to the settings page', async (_name, query, outcome) => {
    const answer = await visit(c.owner, `/wechat/callback?${await query()}&next=https://evil.example/&redirect_uri=https://evil.example/`);
    expect(answer).toEqual({ status: 302, location: `/inbox/settings?wechat=${outcome}` });
  });

  it('refuses a state made for another session, an expired one, a used code, and a snapshot user', async () => {
    const other = await app.signIn('owner7@lakeside.test');
    const foreign = await stateFor(other);
    expect((await visit(c.owner, `/wechat/callback?code=${wechat.issueCode('oIntruder01')}&state=${foreign}`)).location).toBe(
      '/inbox/settings?wechat=STATE_INVALID',
    );

    const old = await stateFor(c.owner);
    app.clock.advance(11 * 60_000);
    expect((await visit(c.owner, `/wechat/callback?code=${wechat.issueCode('oIntruder01')}&state=${old}`)).location).toBe(
      '/inbox/settings?wechat=STATE_EXPIRED',
    );

    const code = wechat.issueCode(OPENID);
    expect((await visit(c.owner, `/wechat/callback?code=${code}&state=${await stateFor(c.owner)}`)).location).toBe('/inbox/settings?wechat=BOUND');
    expect((await visit(c.owner, `/wechat/callback?code=${code}&state=${await stateFor(c.owner)}`)).location).toBe('/inbox/settings?wechat=CODE_INVALID');

    wechat.signInBrowser('oSnapshot0001', true);
    const connect = await visit(c.owner, '/wechat/connect');
    const back = new URL((await fetch(connect.location, { redirect: 'manual' })).headers.get('location')!);
    expect((await visit(c.owner, `${back.pathname}${back.search}`)).location).toBe('/inbox/settings?wechat=WECHAT_SNAPSHOT_USER');
    // None of it changed the binding.
    const [account] = await app.sql<{ wechat_openid: string }>(
      `select a.wechat_openid from account a join person p on p.account_id = a.id where p.email = 'owner7@lakeside.test'`,
    );
    expect(account!.wechat_openid).toBe(OPENID);
  });

  it('answers an oversized request line with 431 before any of our code', async () => {
    expect((await visit(c.owner, `/wechat/callback?code=${'A'.repeat(20_000)}`)).status).toBe(431);
  });
});

describe('moving and unbinding', () => {
  it('moves an openid to whoever proves it next, and unbinding stops WeChat at once', async () => {
    const neighbour = await app.signIn('owner8@lakeside.test');
    const openid = 'oShared-openid-000001';
    expect(await bind(neighbour, openid)).toBe('/inbox/settings?wechat=BOUND');
    expect(await bind(c.owner, openid)).toBe('/inbox/settings?wechat=BOUND');
    expect((await neighbour.run(NotificationPreferencesDocument)).notificationPreferences.wechatBound).toBe(false);
    expect(await bind(c.owner, OPENID)).toBe('/inbox/settings?wechat=BOUND');

    // A WeChat message held for the night is dropped with the binding.
    await c.owner.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: true } });
    const now = app.clock.now();
    const china = (now.getUTCHours() + 8) % 24;
    await c.owner.run(UpdateNotificationSettingsDocument, {
      input: { quietHours: { start: `${String((china + 23) % 24).padStart(2, '0')}:00`, end: `${String((china + 2) % 24).padStart(2, '0')}:00` } },
    });
    const held = await ticketIn(c, 'SOLUTION_PROPOSED');
    expect((await wechatOf(held.id)).map((r) => r.status)).toEqual(['PENDING']);

    const { unbindWeChat } = await c.owner.run(UnbindWeChatDocument);
    expect(unbindWeChat.wechatBound).toBe(false);
    expect(unbindWeChat.rules.flatMap((r) => r.channels)).not.toContain('WECHAT');
    expect(await wechatOf(held.id)).toEqual([]);
    await c.owner.run(UpdateNotificationSettingsDocument, { input: { quietHoursOn: false } });
    const after = await ticketIn(c, 'SOLUTION_PROPOSED');
    await until(
      'e-mail written',
      async () =>
        (await app.sql(`select 1 from notification_delivery d join notification n on n.id = d.notification_id where n.subject_id = $1`, [after.id])).length > 0,
    );
    expect(await wechatOf(after.id)).toEqual([]);
    // Unbinding twice is harmless.
    expect((await c.owner.run(UnbindWeChatDocument)).unbindWeChat.wechatBound).toBe(false);
  });
});

describe('without WeChat configured, and under the rate limit', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await startTestApp({ RATE_LIMIT_ANONYMOUS: '3' });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('offers nothing, refuses the channel naming why, and sends the browser back with the reason', async () => {
    const owner = await plain.signIn('owner7@lakeside.test');
    const { notificationPreferences: p } = await owner.run(NotificationPreferencesDocument);
    expect(p).toMatchObject({ wechatConfigured: false, wechatBound: false });
    const refused = await owner.fail(UpdateNotificationPreferencesDocument, { input: { kind: 'TICKET_SOLUTION_PROPOSED', channels: ['INBOX', 'WECHAT'] } });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channels', reason: 'WECHAT_NOT_CONFIGURED' });
    const response = await fetch(`${plain.url}/wechat/connect`, { redirect: 'manual', headers: { cookie: owner.cookie! } });
    expect(response.headers.get('location')).toBe('/inbox/settings?wechat=WECHAT_NOT_CONFIGURED');
  });

  it('counts anonymous requests like the other endpoints: 429 with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${plain.url}/wechat/callback?code=x&state=y`, { redirect: 'manual' });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 2)).toEqual([302, 302]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
