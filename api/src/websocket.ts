import type http from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { hashToken } from './auth/auth.service.js';
import { sessionToken } from './auth/session.cookie.js';
import type { Config } from './shared/config.js';
import type { Context } from './context.js';
import type { EventBus } from './shared/events.js';
import { formatError } from './shared/format-error.js';
import { BODY_LIMIT_BYTES, parseOptions, SOCKET_LIMITS, validationRules } from './shared/limits.js';

export interface WebSocketEndpoint {
  dispose(): Promise<void>;
  close(): void;
}

export interface WebSocketOptions {
  config: Pick<Config, 'allowedOrigins' | 'development'>;
  /** Where SESSION_ENDED is heard, from this process or any other. */
  events: EventBus;
}

/** graphql-transport-ws close code the client treats as final (no reconnect): the session is gone. */
export const SESSION_ENDED_CLOSE = 4401;

/** What the server remembers of one socket beyond what graphql-ws keeps. */
interface SocketState extends Record<PropertyKey, unknown> {
  /** Hash of the session the socket was opened with, if it was signed in then. */
  sessionTokenHash?: string;
}

/**
 * Whether a handshake with this Origin may use the cookie. Browsers always send Origin on a
 * WebSocket and never let a page forge it, so a missing Origin is a non-browser client (which has
 * only the cookie it was given); a present one must be this server's own or an allowed one.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
  if (!['http:', 'https:'].includes(url.protocol)) return false;
  if (allowedOrigins.includes(url.origin)) return true;
  return host !== undefined && url.host === hostOf(url.protocol, host);
}

/** The Host header as URL.host writes it (lower case, default port dropped), or null if it is not a host. */
function hostOf(protocol: string, host: string): string | null {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}

/** Open sockets per client address, counted in the same synchronous turn that accepts them. */
class AddressCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}

  full(address: string): boolean {
    return (this.open.get(address) ?? 0) >= this.max;
  }

  track(address: string, socket: WebSocket) {
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
  }
}

const addressOf = (req: http.IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

/** The error as Apollo reports it over HTTP: same message, with the code clients branch on. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { reason: 'BAD_REQUEST', ...error.extensions, code },
  });
}

/**
 * Parses and validates an operation with the same options and rules as HTTP, and refuses anything
 * but a subscription: queries and mutations go over HTTP, where every other protection applies,
 * and a socket opened from a page that cannot read the answer must not be a way to change data.
 */
function prepareOperation(schema: GraphQLSchema, payload: SubscribePayload, rules: readonly ValidationRule[]): ExecutionArgs | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, parseOptions);
  } catch (error) {
    return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
  }
  const operation = getOperationAST(document, payload.operationName);
  if (operation && operation.operation !== 'subscription') {
    return [
      new GraphQLError(`Only subscriptions are served over the WebSocket; send this ${operation.operation} over HTTP (POST /graphql).`, {
        extensions: { code: 'BAD_REQUEST', reason: 'BAD_REQUEST' },
      }),
    ];
  }
  const errors = validate(schema, document, rules);
  if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

const tooManySubscriptions = () =>
  new GraphQLError(
    `Too many subscriptions on one connection; the limit is ${SOCKET_LIMITS.subscriptionsPerConnection}. Complete one before starting another.`,
    { extensions: { code: 'BAD_REQUEST', reason: 'LIST_TOO_LONG' } },
  );

/** Closes the socket when any process announces that its session ended (logout). */
function closeWhenSessionEnds(events: EventBus, tokenHash: string, socket: WebSocket) {
  const ended = events.subscribe('SESSION_ENDED', tokenHash)[Symbol.asyncIterator]();
  void ended.next().then(({ done }) => {
    if (!done) socket.close(SESSION_ENDED_CLOSE, 'Session ended');
  });
  socket.once('close', () => void ended.return?.());
}

/** GraphQL over WebSocket (graphql-ws) on the HTTP server's port, at /graphql: subscriptions only. */
export function attachWebSocket(
  httpServer: http.Server,
  schema: GraphQLSchema,
  contextFor: (req: http.IncomingMessage) => Promise<Context>,
  { config, events }: WebSocketOptions,
): WebSocketEndpoint {
  const connections = new AddressCounter(SOCKET_LIMITS.connectionsPerAddress);
  const rules = [...specifiedRules, ...validationRules()];
  const format = formatError(config.development);

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    // Larger messages close the socket with 1009 before they are buffered whole or parsed.
    maxPayload: BODY_LIMIT_BYTES,
    // Refused here, at the HTTP upgrade, the handshake fails with a status and no socket exists.
    // `accept` is called in the same turn, so the count cannot be overtaken by a burst.
    verifyClient: ({ origin, req }, accept) => {
      if (!isAllowedOrigin(origin, req.headers.host, config.allowedOrigins)) return accept(false, 403, 'Origin not allowed');
      if (connections.full(addressOf(req))) return accept(false, 429, 'Too many connections from this address');
      accept(true);
    },
  });
  wsServer.on('connection', (socket, req) => connections.track(addressOf(req), socket));

  /** Whether the socket's session (if it had one) still signs someone in: it may have expired or been deleted. */
  const stillSignedIn = async (state: SocketState & { request: http.IncomingMessage }) => {
    if (!state.sessionTokenHash) return true;
    const { viewer } = await contextFor(state.request);
    return viewer?.sessionTokenHash === state.sessionTokenHash;
  };

  const cleanup = useServer<Record<string, unknown>, SocketState>(
    {
      schema,
      context: (ctx) => contextFor(ctx.extra.request),
      onConnect: async ({ extra }) => {
        const token = sessionToken(extra.request);
        if (!token) return true;
        // Listen before looking the session up, so a logout in between is not missed.
        const tokenHash = hashToken(token);
        closeWhenSessionEnds(events, tokenHash, extra.socket);
        const { viewer } = await contextFor(extra.request);
        if (viewer) extra.sessionTokenHash = tokenHash;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already registered this one, so the count includes it.
        if (Object.keys(ctx.subscriptions).length > SOCKET_LIMITS.subscriptionsPerConnection) return [tooManySubscriptions()];
        return prepareOperation(schema, payload, rules);
      },
      onNext: async ({ extra }, _id, _payload, _args, result) => {
        // Checked on every delivery: an expired or deleted session sends nothing more, even if no
        // SESSION_ENDED was heard (another process's notice lost while the bus reconnected).
        if (!(await stillSignedIn(extra))) {
          extra.socket.close(SESSION_ENDED_CLOSE, 'Session ended');
          return;
        }
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((e) => format(e.toJSON(), e)) };
      },
      // Masked as over HTTP: internal errors never reach the client verbatim.
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e.toJSON(), e)),
    },
    wsServer,
  );
  return {
    dispose: async () => cleanup.dispose(),
    close: () => wsServer.close(),
  };
}
