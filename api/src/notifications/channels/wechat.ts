import type { WeChatConfig } from '../../shared/config.js';
import type { Channel, OutgoingMessage, SendResult } from './channel.js';
import { PermanentDeliveryError } from './channel.js';

/** An answer from WeChat with errcode ≠ 0. */
export class WeChatError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
    what: string,
  ) {
    super(`${what} errcode ${errcode}: ${errmsg}`.slice(0, 400));
  }
}

/** The access token is no longer good: fetch a fresh one and try once more. */
const TOKEN_INVALID = new Set([40001, 40014, 42001]);

/**
 * Answers after which this message will never go to this person: they unfollowed the 服务号 (43004),
 * the openid or template is not ours (40003, 40037), the data do not fit the template (47003), the
 * user refused messages (43101), the app's credentials or rights are wrong (40013, 40125, 48001).
 */
const PERMANENT = new Set([43004, 40003, 40037, 47003, 43101, 40013, 40125, 48001, 40036]);

export function isPermanentWeChatError(errcode: number): boolean {
  return PERMANENT.has(errcode);
}

interface Json {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

/**
 * The 服务号's side of the WeChat API: the access token (stable_token, cached in this process until
 * five minutes before it expires, fetched again when WeChat calls it invalid), template messages and
 * the web authorisation's code exchange.
 */
export class WeChatApi {
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(
    private readonly config: WeChatConfig,
    private readonly timeoutMs = 15_000,
  ) {}

  private async request(url: string, init: RequestInit, what: string): Promise<Json> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    const json = (await response.json().catch(() => null)) as Json | null;
    if (!json || typeof json !== 'object') throw new Error(`${what}: HTTP ${response.status}, not JSON`);
    if (json.errcode !== undefined && json.errcode !== 0) throw new WeChatError(Number(json.errcode), String(json.errmsg ?? ''), what);
    return json;
  }

  /** A valid access token; `force` asks WeChat for a new one (after it refused the cached one). */
  accessToken(force = false): Promise<string> {
    if (!force && this.token && Date.now() < this.token.expiresAt - 5 * 60_000) return Promise.resolve(this.token.value);
    // One fetch at a time: concurrent sends share it.
    this.fetching ??= this.request(
      `${this.config.apiBase}/cgi-bin/stable_token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret, force_refresh: force }),
      },
      'stable_token',
    )
      .then((json) => {
        if (typeof json.access_token !== 'string' || !json.access_token) throw new Error('stable_token: no access_token in the answer');
        const seconds = Number(json.expires_in) > 0 ? Number(json.expires_in) : 7200;
        this.token = { value: json.access_token, expiresAt: Date.now() + seconds * 1000 };
        return json.access_token;
      })
      .finally(() => {
        this.fetching = null;
      });
    return this.fetching;
  }

  /** POST with the access token; a token WeChat calls invalid or expired is replaced once. */
  private async withToken(path: string, body: unknown, what: string): Promise<Json> {
    const post = (token: string) =>
      this.request(
        `${this.config.apiBase}${path}?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
        what,
      );
    const token = await this.accessToken();
    try {
      return await post(token);
    } catch (error) {
      if (!(error instanceof WeChatError) || !TOKEN_INVALID.has(error.errcode)) throw error;
      if (this.token?.value === token) this.token = null;
      return post(await this.accessToken(true));
    }
  }

  async sendTemplate(input: { openid: string; templateId: string; url: string; data: Record<string, string>; clientMsgId: string }): Promise<string | null> {
    const json = await this.withToken(
      '/cgi-bin/message/template/send',
      {
        touser: input.openid,
        template_id: input.templateId,
        url: input.url,
        data: Object.fromEntries(Object.entries(input.data).map(([k, value]) => [k, { value }])),
        // WeChat sends one message per openid and client_msg_id: a retry after an unknown outcome is not a second message.
        client_msg_id: input.clientMsgId,
      },
      'template/send',
    );
    return json.msgid === undefined ? null : String(json.msgid);
  }

  /** 网页授权 (snsapi_base): the code WeChat handed the browser → the person's openid for this 服务号. */
  async openidForCode(code: string): Promise<{ openid: string; snapshotUser: boolean }> {
    const query = new URLSearchParams({ appid: this.config.appId, secret: this.config.appSecret, code, grant_type: 'authorization_code' });
    const json = await this.request(`${this.config.apiBase}/sns/oauth2/access_token?${query}`, { method: 'GET' }, 'oauth2/access_token');
    if (typeof json.openid !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(json.openid)) throw new Error('oauth2/access_token: no openid in the answer');
    return { openid: json.openid, snapshotUser: Number(json.is_snapshotuser) === 1 };
  }

  /** Where the browser goes to be asked (silently, snsapi_base) who it is. */
  authorizeUrl(redirectUri: string, state: string): string {
    // WeChat wants the parameters in this order, and the fragment.
    return (
      `${this.config.oauthBase}/connect/oauth2/authorize?appid=${this.config.appId}&redirect_uri=${encodeURIComponent(redirectUri)}` +
      `&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`
    );
  }
}

/** WeChat's limit for a `thing` field: 20 characters. */
export function thing(value: string): string {
  const chars = [...value];
  return chars.length <= 20 ? value : `${chars.slice(0, 19).join('')}…`;
}

/** 服务号 template messages (模板消息) to the person's openid, with a deep link into the portal. */
export class WeChatChannel implements Channel {
  readonly name = 'WECHAT';
  readonly api: WeChatApi;

  constructor(
    private readonly config: WeChatConfig,
    api?: WeChatApi,
  ) {
    this.api = api ?? new WeChatApi(config);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(message.to)) throw new PermanentDeliveryError('not a WeChat openid');
    const kind = message.params.kind ?? '';
    try {
      const msgid = await this.api.sendTemplate({
        openid: message.to,
        templateId: this.config.templates[kind] ?? this.config.noticeTemplate,
        url: message.params.link ?? '',
        // The templates this adapter fills have a 内容 (thing1) and a 时间 (time2) field.
        data: { thing1: thing(message.params.text ?? message.subject), time2: message.params.time ?? '' },
        clientMsgId: message.idempotencyKey,
      });
      return { providerId: msgid };
    } catch (error) {
      if (error instanceof WeChatError && isPermanentWeChatError(error.errcode)) throw new PermanentDeliveryError(error.message);
      throw error;
    }
  }
}
