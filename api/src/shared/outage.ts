import { GraphQLError } from 'graphql';

/** Seconds a client is told to wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

// Connection failures (Node's socket codes), and PostgreSQL's connection-exception class (08),
// operator intervention (57P01–57P03: shutdown, crash, starting up) and a database closed to connections.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Timeout acquiring a connection|not currently accepting connections|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/** Whether an error (or anything in its cause chain) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 8; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/** What a client sees during an outage: 503 with Retry-After, a code that says "try again". */
export const serviceUnavailable = () =>
  new GraphQLError('The service is briefly unavailable. Please try again in a few seconds.', {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
