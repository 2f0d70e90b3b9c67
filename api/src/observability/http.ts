import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { OperationTypeNode } from 'graphql';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** What a proxy or client may hand us as a request id: short, and safe in a header and a log. */
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The id a request was given (its own well-formed X-Request-Id, or a new UUID). */
export function requestId(req: IncomingMessage): string {
  return req.headers[REQUEST_ID_HEADER] as string;
}

/** Every answer carries X-Request-Id; a well-formed incoming one is kept, so a proxy's id follows through. */
export function assignRequestId(req: Request, res: Response, next: NextFunction) {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

/** What the GraphQL pipeline learnt about a request, for its log line and metrics. */
interface GraphQLRequestInfo {
  /** From the parsed, validated document: undefined until then, null when the operation has no name. */
  operationName?: string | null;
  operationType?: OperationTypeNode;
  errorCodes: string[];
  viewerId?: string;
}

const infos = new WeakMap<IncomingMessage, GraphQLRequestInfo>();

function infoFor(req: IncomingMessage): GraphQLRequestInfo {
  let info = infos.get(req);
  if (!info) infos.set(req, (info = { errorCodes: [] }));
  return info;
}

/** Collects the operation, viewer and error codes of each HTTP request; never its variables. */
export function requestInfoPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.res) return;
      const info = infoFor(contextValue.req);
      info.viewerId = contextValue.viewer?.id;
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          info.operationName = operation.name?.value ?? null;
          info.operationType = operation.operation;
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          const codes = new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN')));
          info.errorCodes = [...codes];
        },
      };
    },
  };
}

/** One log line and one observation per GraphQL request over HTTP, written when the answer is done. */
export function graphqlRequestLog(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const info = infos.get(req) ?? { errorCodes: [] };
      const operation = metrics.operations.label(info.operationName);
      metrics.graphqlRequest(operation, res.statusCode, seconds);
      const failed = res.statusCode >= 500 || info.errorCodes.includes('INTERNAL_SERVER_ERROR');
      logger[failed ? 'error' : 'info'](
        {
          requestId: requestId(req),
          method: req.method,
          // null when unnamed; operationType is null as well when the document never got that far.
          operation: info.operationName?.slice(0, 64) ?? null,
          operationType: info.operationType ?? null,
          status: res.statusCode,
          durationMs: Math.round(seconds * 100_000) / 100,
          errors: info.errorCodes,
          viewer: info.viewerId ?? null,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'graphql request',
      );
    });
    next();
  };
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export type MetricsAccess = 'allowed' | 'unauthorized' | 'forbidden';

/**
 * Who may read /metrics: a request straight from this machine (not relayed by a proxy, which
 * would make every visitor look local), or one bearing METRICS_TOKEN.
 */
export function metricsAccess(req: { socket: { remoteAddress?: string }; headers: IncomingHttpHeaders }, token: string | null): MetricsAccess {
  const authorization = req.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (token && bearer && timingSafeEqual(digest(bearer), digest(token))) return 'allowed';
  const relayed = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => req.headers[h] !== undefined);
  if (isLoopback(req.socket.remoteAddress) && !relayed) return 'allowed';
  return token ? 'unauthorized' : 'forbidden';
}

/** GET /metrics in Prometheus' text format, for those metricsAccess lets in. */
export function metricsEndpoint(metrics: Metrics, token: string | null): RequestHandler {
  return async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const access = metricsAccess(req, token);
    if (access === 'unauthorized') {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text').send('A bearer token is required.\n');
    } else if (access === 'forbidden') {
      res.status(403).type('text').send('Metrics are served to this machine only (or set METRICS_TOKEN).\n');
    } else {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    }
  };
}
