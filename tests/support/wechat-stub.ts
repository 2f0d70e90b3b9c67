import http from 'node:http';

// A local stand-in for WeChat (服务号), written from the official documentation: api.weixin.qq.com's
// cgi-bin/stable_token, cgi-bin/token, cgi-bin/message/template/send and sns/oauth2/access_token, and
// open.weixin.qq.com's connect/oauth2/authorize, which sends the browser back to redirect_uri with a
// one-time code and the state, as WeChat does for a follower who opened the link (snsapi_base).

export interface StubTemplateMessage {
  openid: string;
  templateId: string;
  url: string;
  data: Record<string, { value: string }>;
  clientMsgId: string;
  msgid: number;
}

export async function startWeChatStub(app: { appId: string; appSecret: string }) {
  const messages: StubTemplateMessage[] = [];
  const calls: { path: string; errcode: number }[] = [];
  const tokens = new Map<string, number>(); // token → expires at (ms)
  const codes = new Map<string, { openid: string; used: boolean; snapshot: boolean }>();
  const followers = new Set<string>();
  /** openid → errcodes the next sends answer, in order. */
  const failing = new Map<string, number[]>();
  /** Who "opens" the authorisation page next (the WeChat user in the browser). */
  let browserUser: { openid: string; snapshot: boolean } | null = null;
  let expiresIn = 7200;
  let seq = 0;
  const seenClientMsgIds = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const json = (body: Record<string, unknown>) => {
        calls.push({ path: url.pathname, errcode: Number(body.errcode ?? 0) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const error = (errcode: number, errmsg: string) => json({ errcode, errmsg });
      let body: Record<string, unknown> = {};
      if (req.method === 'POST') {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return error(47001, 'data format error');
        }
      }
      const issueToken = () => {
        const token = `ACCESS_TOKEN_${++seq}`;
        tokens.set(token, Date.now() + expiresIn * 1000);
        return json({ access_token: token, expires_in: expiresIn });
      };
      switch (`${req.method} ${url.pathname}`) {
        case 'POST /cgi-bin/stable_token': {
          if (body.grant_type !== 'client_credential') return error(40002, 'invalid grant_type');
          if (body.appid !== app.appId) return error(40013, 'invalid appid');
          if (body.secret !== app.appSecret) return error(40125, 'invalid appsecret');
          return issueToken();
        }
        case 'GET /cgi-bin/token': {
          if (url.searchParams.get('appid') !== app.appId) return error(40013, 'invalid appid');
          if (url.searchParams.get('secret') !== app.appSecret) return error(40125, 'invalid appsecret');
          return issueToken();
        }
        case 'POST /cgi-bin/message/template/send': {
          const token = url.searchParams.get('access_token') ?? '';
          const expires = tokens.get(token);
          if (expires === undefined) return error(40001, 'invalid credential, access_token is invalid or not latest');
          if (expires < Date.now()) return error(42001, 'access_token expired');
          const openid = String(body.touser ?? '');
          const next = failing.get(openid);
          if (next?.length) return error(next.shift()!, 'refused by the stub');
          if (!/^[A-Za-z0-9_-]{6,64}$/.test(openid)) return error(40003, 'invalid openid');
          if (!followers.has(openid)) return error(43004, 'require subscribe');
          if (typeof body.template_id !== 'string' || !body.template_id) return error(40037, 'invalid template_id');
          const data = body.data as Record<string, { value?: unknown }> | undefined;
          if (!data || typeof data !== 'object') return error(47003, 'argument invalid! data is empty');
          for (const [key, field] of Object.entries(data)) {
            if (typeof field?.value !== 'string') return error(47003, `argument invalid! data.${key}.value`);
            // A `thing` field takes at most 20 characters; `time` a date and time.
            if (key.startsWith('thing') && [...field.value].length > 20) return error(47003, `argument invalid! data.${key}.value too long`);
            if (key.startsWith('time') && !/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(field.value))
              return error(47003, `argument invalid! data.${key}.value is not a time`);
          }
          const clientMsgId = String(body.client_msg_id ?? '');
          const again = clientMsgId ? seenClientMsgIds.get(`${openid}/${clientMsgId}`) : undefined;
          if (again !== undefined) return json({ errcode: 0, errmsg: 'ok', msgid: again });
          const message: StubTemplateMessage = {
            openid,
            templateId: body.template_id,
            url: String(body.url ?? ''),
            data: data as Record<string, { value: string }>,
            clientMsgId,
            msgid: 2000000 + ++seq,
          };
          messages.push(message);
          if (clientMsgId) seenClientMsgIds.set(`${openid}/${clientMsgId}`, message.msgid);
          return json({ errcode: 0, errmsg: 'ok', msgid: message.msgid });
        }
        case 'GET /sns/oauth2/access_token': {
          if (url.searchParams.get('appid') !== app.appId) return error(40013, 'invalid appid');
          if (url.searchParams.get('secret') !== app.appSecret) return error(40125, 'invalid appsecret');
          if (url.searchParams.get('grant_type') !== 'authorization_code') return error(40002, 'invalid grant_type');
          const code = codes.get(url.searchParams.get('code') ?? '');
          if (!code) return error(40029, 'invalid code');
          if (code.used) return error(40163, 'code been used');
          code.used = true;
          return json({
            access_token: `WEB_TOKEN_${++seq}`,
            expires_in: 7200,
            refresh_token: `REFRESH_${seq}`,
            openid: code.openid,
            scope: 'snsapi_base',
            ...(code.snapshot ? { is_snapshotuser: 1 } : {}),
          });
        }
        case 'GET /connect/oauth2/authorize': {
          const redirect = url.searchParams.get('redirect_uri') ?? '';
          if (
            url.searchParams.get('appid') !== app.appId ||
            url.searchParams.get('response_type') !== 'code' ||
            url.searchParams.get('scope') !== 'snsapi_base' ||
            !redirect
          ) {
            res.writeHead(400).end('bad authorize request');
            return;
          }
          if (!browserUser) {
            res.writeHead(403).end('nobody is signed in to WeChat in this browser');
            return;
          }
          const code = `CODE${++seq}x${Math.random().toString(36).slice(2, 10)}`;
          codes.set(code, { openid: browserUser.openid, used: false, snapshot: browserUser.snapshot });
          const back = new URL(redirect);
          back.searchParams.set('code', code);
          back.searchParams.set('state', url.searchParams.get('state') ?? '');
          res.writeHead(302, { location: back.toString() }).end();
          return;
        }
        default:
          res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    calls,
    follow(openid: string) {
      followers.add(openid);
    },
    unfollow(openid: string) {
      followers.delete(openid);
    },
    /** The WeChat user the next authorisation page sees. */
    signInBrowser(openid: string, snapshot = false) {
      browserUser = { openid, snapshot };
    },
    /** A code WeChat would hand the browser, for tests that call the callback themselves. */
    issueCode(openid: string) {
      const code = `CODE${++seq}`;
      codes.set(code, { openid, used: false, snapshot: false });
      return code;
    },
    failNext(openid: string, ...errcodes: number[]) {
      failing.set(openid, errcodes);
    },
    /** Every token WeChat gave out stops working (as after a reset of the AppSecret or a fresh cgi-bin/token elsewhere). */
    revokeTokens() {
      tokens.clear();
    },
    /** Every token given out has expired. */
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    setExpiresIn(seconds: number) {
      expiresIn = seconds;
    },
    tokenCalls: () => calls.filter((c) => c.path === '/cgi-bin/stable_token' || c.path === '/cgi-bin/token').length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
