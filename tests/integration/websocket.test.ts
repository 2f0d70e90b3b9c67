import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Client as WsClient } from 'graphql-ws';
import { print, type GraphQLFormattedError } from 'graphql';
import { InboxChangedDocument, MeDocument, OpenTicketDocument } from '@cocreate/schema';
import { SESSION_TTL_MS } from '@cocreate/api/auth/auth.rules';
import { startServer } from '@cocreate/api/server';
import { loadConfig } from '@cocreate/api/shared/config';
import { BODY_LIMIT_BYTES, SOCKET_LIMITS } from '@cocreate/api/shared/limits';
import { Client, startTestApp, type TestApp } from '../support/harness.js';
import { collect, wsClient } from '../support/ws.js';

// The WebSocket carries the session cookie like any request, so it must hold the same line as HTTP:
// who may open it, what it accepts, how much one client may hold, and that it ends with the session.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const wsUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/graphql`;

/** The HTTP status of a raw graphql-transport-ws handshake (101 when it opened), and the socket if it did. */
function handshake(httpUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(httpUrl), 'graphql-transport-ws', { headers });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      req.destroy();
    });
    socket.once('error', reject);
  });
}

/** A raw socket past connection_init/ack, for sending what no well-behaved client would. */
async function acknowledged(httpUrl: string): Promise<WebSocket> {
  const { socket } = await handshake(httpUrl);
  if (!socket) throw new Error('handshake refused');
  const acked = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acked;
  return socket;
}

/** The close code the server ends this socket with, or 'open' if it is still open after `ms`. */
function closeCode(socket: WebSocket, ms = 5000): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('open'), ms);
    socket.once('close', (code) => (clearTimeout(timer), resolve(code)));
  });
}

/** One operation over a graphql-ws client: its result, or the errors the server refused it with. */
function once(
  client: WsClient,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: unknown; errors?: readonly GraphQLFormattedError[] }> {
  return new Promise((resolve) => {
    let result: { data?: unknown } = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => (result = value),
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String((error as { reason?: string }).reason ?? error) }] }),
        complete: () => resolve(result),
      },
    );
  });
}

/** Resolves with the close event once the client's socket closes. */
function closed(client: WsClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
}

/** The promise's value, or 'timed out' after `ms`. */
const within = <T>(promise: Promise<T>, ms = 5000) =>
  Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);

/** Another API server on the same database, with its own event bus (as another process would have). */
async function secondServer(env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: app.databaseUrl, SEED_DEMO: '0', SWEEP_INTERVAL_SECONDS: '0', ...env });
  return startServer({ config: { ...config, port: 0, host: '127.0.0.1' }, orm: app.orm, clock: app.clock, portal: false });
}

const http = async (query: string) => (await app.client().raw(query)).body;
const messages = (errors: readonly GraphQLFormattedError[] | undefined) => (errors ?? []).map((e) => [e.message, e.extensions?.code]);

/** Pushes an inbox event to this person's subscribers, the way a notification does (from a transaction). */
const touchInbox = (personId: string) => app.orm.em.fork().transactional((tx) => app.server.services.events.publish(tx, 'INBOX_CHANGED', personId));

describe('who may open the socket', () => {
  it(`refuses more than ${SOCKET_LIMITS.connectionsPerAddress} open sockets from one address at the handshake, and takes more once one closes`, async () => {
    const open: WebSocket[] = [];
    try {
      // Acknowledged, so none is closed meanwhile for never sending connection_init.
      for (let i = 0; i < SOCKET_LIMITS.connectionsPerAddress; i++) open.push(await acknowledged(app.url));
      expect((await handshake(app.url)).status).toBe(429);
      const first = open.shift()!;
      const gone = closeCode(first);
      first.close();
      await gone;
      const again = await handshake(app.url);
      expect(again.status).toBe(101);
      open.push(again.socket!);
    } finally {
      for (const socket of open) socket.close();
    }
  });

  it('refuses a foreign Origin at the handshake with 403, even carrying a valid cookie', async () => {
    const owner = await app.signIn('owner1@lakeside.test');
    expect((await handshake(app.url, { origin: 'https://evil.example', cookie: owner.cookie! })).status).toBe(403);
    expect((await handshake(app.url, { origin: 'null', cookie: owner.cookie! })).status).toBe(403);
    // A look-alike of the server's own host on another scheme or port is another origin.
    const { port } = new URL(app.url);
    expect((await handshake(app.url, { origin: `http://127.0.0.1:${Number(port) + 1}` })).status).toBe(403);
    expect((await handshake(app.url, { origin: `ftp://127.0.0.1:${port}` })).status).toBe(403);
  });

  it('accepts the server’s own origin and clients that send none (not browsers)', async () => {
    for (const headers of [{ origin: app.url }, {}] as Record<string, string>[]) {
      const { status, socket } = await handshake(app.url, headers);
      expect(status).toBe(101);
      socket!.close();
    }
  });

  it('accepts an origin in ALLOWED_ORIGINS', async () => {
    const other = await secondServer({ ALLOWED_ORIGINS: 'https://portal.example.org' });
    try {
      const url = `http://127.0.0.1:${other.port}`;
      const { status, socket } = await handshake(url, { origin: 'https://portal.example.org' });
      expect(status).toBe(101);
      socket!.close();
      expect((await handshake(url, { origin: 'https://evil.example' })).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe('what the socket accepts', () => {
  let owner: Client;
  let ws: WsClient;
  beforeAll(async () => {
    owner = await app.signIn('owner2@lakeside.test');
    ws = wsClient(app.url, owner.cookie);
  });
  afterAll(async () => {
    await ws?.dispose();
  });

  it('refuses a mutation, which changes nothing', async () => {
    const { me } = await owner.run(MeDocument);
    const count = async () => Number((await app.sql<{ n: string }>('select count(*) as n from ticket'))[0]!.n);
    const before = await count();
    const input = { kind: 'INQUIRY', title: '跨站请求', description: '经 WebSocket 发起的工单', unitId: me!.units[0]!.id };
    const { data, errors } = await once(ws, print(OpenTicketDocument), { input });
    expect(data).toBeUndefined();
    expect(messages(errors)).toEqual([
      [expect.stringMatching(/^Only subscriptions are served over the WebSocket; send this mutation over HTTP/), 'BAD_REQUEST'],
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a query', async () => {
    const { data, errors } = await once(ws, '{ me { id } }');
    expect(data).toBeUndefined();
    expect(messages(errors)).toEqual([[expect.stringMatching(/send this query over HTTP/), 'BAD_REQUEST']]);
  });

  it('refuses a too-deep subscription with the same errors as HTTP', async () => {
    const deep = `subscription { inboxChanged ${'{ a '.repeat(14)}${'}'.repeat(14)} }`;
    const overHttp = (await http(deep)).errors;
    expect(JSON.stringify(overHttp)).toMatch(/levels deep; the limit is 12/);
    const { errors } = await once(ws, deep);
    expect(messages(errors)).toEqual(messages(overHttp));
  });

  it('refuses a subscription with too many aliases with the same errors as HTTP', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    const many = `subscription { proposalChanged(id: "00000000-0000-4000-8000-000000000000") { ${aliases} } }`;
    const overHttp = (await http(many)).errors;
    expect(JSON.stringify(overHttp)).toMatch(/aliases/i);
    const { errors } = await once(ws, many);
    expect(messages(errors)).toEqual(messages(overHttp));
  });

  it('refuses a document over the token limit with the same error as HTTP', async () => {
    const long = `subscription { inboxChanged ${'@skip(if: false) '.repeat(1200)} }`;
    const overHttp = (await http(long)).errors;
    expect(JSON.stringify(overHttp)).toMatch(/tokens/);
    const { errors } = await once(ws, long);
    expect(messages(errors)).toEqual(messages(overHttp));
  });

  it(`closes a socket sent a message over ${BODY_LIMIT_BYTES} bytes with 1009, and keeps serving`, async () => {
    const socket = await acknowledged(app.url);
    const padding = `#${'x'.repeat(BODY_LIMIT_BYTES)}\n`;
    const code = closeCode(socket);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `${padding}subscription { inboxChanged }` } }));
    expect(await code).toBe(1009);

    expect((await http('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const live = collect(ws, InboxChangedDocument, {});
    try {
      const { me } = await owner.run(MeDocument);
      await new Promise((r) => setTimeout(r, 300)); // let the subscription reach the server
      await touchInbox(me!.id);
      await live.next(() => true);
    } finally {
      live.stop();
    }
  });

  it(`refuses subscription ${SOCKET_LIMITS.subscriptionsPerConnection + 1} on one connection, naming the limit, and takes it once one ends`, async () => {
    const { me } = await owner.run(MeDocument);
    const live = Array.from({ length: SOCKET_LIMITS.subscriptionsPerConnection }, () => collect(ws, InboxChangedDocument, {}));
    try {
      const refused = await within(once(ws, 'subscription { inboxChanged }'));
      expect(refused).not.toBe('timed out');
      expect(messages((refused as Awaited<ReturnType<typeof once>>).errors)).toEqual([
        [
          `Too many subscriptions on one connection; the limit is ${SOCKET_LIMITS.subscriptionsPerConnection}. Complete one before starting another.`,
          'BAD_REQUEST',
        ],
      ]);
      // The ones already open keep streaming.
      await new Promise((r) => setTimeout(r, 500)); // let all of them start listening
      await touchInbox(me!.id);
      await Promise.all(live.map((l) => l.next(() => true)));

      live.pop()!.stop();
      await new Promise((r) => setTimeout(r, 200)); // let the completion reach the server
      const next = collect(ws, InboxChangedDocument, {});
      live.push(next);
      await new Promise((r) => setTimeout(r, 300));
      await touchInbox(me!.id);
      await next.next(() => true);
      expect(next.errors).toEqual([]);
    } finally {
      for (const l of live) l.stop();
    }
  });
});

describe('the socket ends with its session', () => {
  it('closes every socket of a session that logs out over HTTP, and only those', async () => {
    // Two sessions of the same person: logging out of one is not logging out of the other.
    const phone = await app.signIn('owner3@lakeside.test');
    const laptop = await app.signIn('owner3@lakeside.test');
    const { me } = await laptop.run(MeDocument);
    const onPhone = wsClient(app.url, phone.cookie);
    const onLaptop = wsClient(app.url, laptop.cookie);
    const phoneLive = collect(onPhone, InboxChangedDocument, {});
    const laptopLive = collect(onLaptop, InboxChangedDocument, {});
    const phoneClosed = closed(onPhone);
    let laptopClosed = false;
    onLaptop.on('closed', () => (laptopClosed = true));
    try {
      await new Promise((r) => setTimeout(r, 500)); // let both subscriptions reach the server
      await phone.run('mutation { logout }');
      expect(await within(phoneClosed)).toMatchObject({ code: 4401, reason: 'Session ended' });

      await touchInbox(me!.id);
      await laptopLive.next(() => true);
      expect(laptopClosed).toBe(false);
      expect(phoneLive.results).toEqual([]);
    } finally {
      phoneLive.stop();
      laptopLive.stop();
      await Promise.all([onPhone.dispose(), onLaptop.dispose()]);
    }
  });

  it('closes the socket when the session logs out through another server', async () => {
    const other = await secondServer();
    const owner = await app.signIn('owner5@lakeside.test');
    const ws = wsClient(app.url, owner.cookie);
    const live = collect(ws, InboxChangedDocument, {});
    const ended = closed(ws);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const elsewhere = new Client(`http://127.0.0.1:${other.port}`);
      elsewhere.cookie = owner.cookie;
      await elsewhere.run('mutation { logout }');
      expect(await within(ended)).toMatchObject({ code: 4401, reason: 'Session ended' });
    } finally {
      live.stop();
      await ws.dispose();
      await other.close();
    }
  });

  it('sends nothing more on a session that expired while the socket was open, and closes it', async () => {
    const owner = await app.signIn('owner4@lakeside.test');
    const { me } = await owner.run(MeDocument);
    const ws = wsClient(app.url, owner.cookie);
    const live = collect(ws, InboxChangedDocument, {});
    const ended = closed(ws);
    const now = app.clock.now();
    try {
      await new Promise((r) => setTimeout(r, 500));
      await touchInbox(me!.id);
      await live.next(() => true);

      app.clock.advance(SESSION_TTL_MS + 60_000);
      await touchInbox(me!.id);
      expect(await within(ended)).toMatchObject({ code: 4401, reason: 'Session ended' });
      expect(live.results).toHaveLength(1);
    } finally {
      app.clock.set(now);
      live.stop();
      await ws.dispose();
    }
  });
});
