import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sessionToken } from './auth/session.cookie.js';
import { communityScoped } from './db/entities.js';
import { createSchema } from './schema.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { Config } from './shared/config.js';
import type { Context } from './context.js';
import { BODY_LIMIT, parseOptions, validationRules } from './shared/limits.js';
import { formatError } from './shared/format-error.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, serviceUnavailable } from './shared/outage.js';
import { createServices, type Services } from './services.js';
import { EventBus } from './shared/events.js';
import { attachWebSocket } from './websocket.js';
import { RequestLimiter } from './rate-limit.js';
import { fileStoreFor } from './files/file-stores.js';
import { filesRouter } from './files/files.routes.js';
import { assignRequestId, graphqlRequestLog, metricsEndpoint, requestInfoPlugin } from './observability/http.js';
import { processLogger, type Logger } from './observability/log.js';
import { createMetrics } from './observability/metrics.js';
import { startConfiguredWorker } from './notifications/worker-process.js';
import { wechatRouter } from './notifications/wechat.routes.js';

export interface ServerOptions {
  config: Config;
  orm: MikroORM;
  clock?: Clock;
  /** Serve the built portal at / (off in API-only tests). */
  portal?: boolean;
  /** Where the JSON logs go (tests read them); the process's stdout logger by default. */
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  close(): Promise<void>;
}

function portalHandlerPath() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../portal/build/handler.js');
}

/** Wiring only: services → schema → HTTP and WebSocket on one port. */
export async function startServer({
  config,
  orm,
  clock = systemClock,
  portal = true,
  logger = processLogger(config.logLevel),
}: ServerOptions): Promise<RunningServer> {
  const metrics = createMetrics(orm, { sweeping: config.sweepIntervalSeconds > 0 });
  const events = new EventBus(orm.config.get('clientUrl')!);
  await events.start();
  const services = createServices(clock, events, fileStoreFor(config), config.attachments, {
    activationCodeDays: config.activationCodeDays,
    publicUrl: config.notify.publicUrl,
    production: config.production,
  });
  services.notifications.configure({ publicUrl: config.notify.publicUrl, maxAttempts: config.notify.maxAttempts, wechat: config.notify.wechat !== null });
  const schema = await createSchema(services);
  const limiter = new RequestLimiter(config.rateLimit);

  async function contextFor(req: http.IncomingMessage, res: http.ServerResponse | null): Promise<Context> {
    const em = orm.em.fork();
    const token = sessionToken(req);
    const signedIn = token
      ? await services.auth.viewerForToken(em, token).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? serviceUnavailable() : error;
        })
      : null;
    const viewer = signedIn?.viewer ?? null;
    // HTTP requests with a cookie are counted here, before any GraphQL parsing or execution; those
    // without one at the door (below). A socket is held by the connection cap in websocket.ts.
    if (res && token) await limiter.count({ personId: viewer?.id ?? null, address: req.socket.remoteAddress ?? 'unknown' });
    if (viewer) em.addFilter('community', { community: viewer.communityId }, communityScoped);
    return { em, viewer, community: signedIn?.community ?? null, clock, config, req, res, services, loaders: new Map() };
  }

  const app = express();
  app.disable('x-powered-by');
  // Protective headers on every answer, the portal's pages included: no framing (clickjacking), no
  // MIME sniffing, no full URLs leaked to other sites, no plugins and no foreign form targets.
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'");
    next();
  });
  app.use(assignRequestId);
  // Pages and GraphQL answers compressed (brotli or gzip, whichever the browser takes): the demo
  // board's first page is 2.4 times smaller on a phone's connection (#15). The portal's scripts and
  // styles are compressed once at build time and served as they are; images and uploads are not
  // compressible and pass through. No page carries a secret beside text an attacker can reflect
  // (sessions are cookies, not body), so compressing answers opens no BREACH-style oracle.
  app.use(compression());
  const httpServer = http.createServer(app);

  const websocket = attachWebSocket(httpServer, schema, (req) => contextFor(req, null), { config, events });

  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: validationRules(),
    parseOptions,
    formatError: formatError(config.development),
    includeStacktraceInErrorResponses: config.development,
    introspection: !config.production,
    // The entry point owns shutdown (HTTP, then the ORM, then the embedded database).
    stopOnTerminationSignals: false,
    plugins: [
      // Nothing here uses cache hints or federated traces; left on, the cache-control plugin wraps
      // every field resolver of every request (about 400 on a board page) for nothing (#15).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestInfoPlugin(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await websocket.dispose();
            },
          };
        },
      },
      {
        // A resolver that met an outage answers 503 with Retry-After, not 200 or 500.
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
              if (errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
                response.http.status = 503;
                response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // Prometheus scrapes this; it is not world-readable (see metricsAccess).
  app.get('/metrics', metricsEndpoint(metrics, config.metricsToken));
  // Live: the process answers. Ready: it can reach its database (a load balancer routes on this one).
  app.get(['/healthz', '/healthz/live'], (_req, res) => {
    res.json({ ok: true, live: true });
  });
  app.get('/healthz/ready', async (_req, res) => {
    try {
      await Promise.race([
        orm.em.getConnection().execute('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('connection timeout')), 2000).unref()),
      ]);
      res.json({ ok: true, ready: true });
    } catch {
      res.status(503).set('retry-after', String(RETRY_AFTER_SECONDS)).json({ ok: false, ready: false, reason: 'database unreachable' });
    }
  });
  // Uploads: counted by the same limiter as GraphQL (at the door signed out, in contextFor signed in).
  app.use(
    '/files',
    limiter.anonymousRequests((req) => sessionToken(req) !== null),
    filesRouter({ context: contextFor, maxBytes: config.uploadMaxBytes }),
  );
  // WeChat web authorisation (binding an openid): the same limits, redirects only to fixed places.
  app.use(
    '/wechat',
    limiter.anonymousRequests((req) => sessionToken(req) !== null),
    wechatRouter({ context: contextFor, wechat: config.notify.wechat, publicUrl: config.notify.publicUrl }),
  );
  app.use(
    '/graphql',
    graphqlRequestLog(logger, metrics),
    limiter.anonymousRequests((req) => sessionToken(req) !== null),
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(req, res) }),
  );
  // Errors from body parsing (too large, malformed JSON) answered as GraphQL-shaped JSON.
  app.use('/graphql', (err: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({
        errors: [{ message: `Request body is larger than ${BODY_LIMIT.toUpperCase()}.`, extensions: { code: 'PAYLOAD_TOO_LARGE', reason: 'TOO_LARGE' } }],
      });
    } else if (err.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', reason: 'BAD_REQUEST' } }] });
    } else {
      next(err);
    }
  });

  if (portal) {
    const handlerFile = portalHandlerPath();
    if (fs.existsSync(handlerFile)) {
      const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: express.RequestHandler };
      app.use(handler);
    } else {
      app.get('/', (_req, res) => {
        res.type('text').send('The portal is not built. Run `npm run build` (npm start does it for you).');
      });
    }
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  // Deadlines live in PostgreSQL; this loop only decides how often they are looked at, so a
  // restart forgets nothing. Several processes may run it: the sweep takes an advisory lock.
  const sweep = () =>
    Promise.all([services.tickets.sweep(orm.em.fork()), services.decisions.sweep(orm.em.fork()), services.reviews.sweep(orm.em.fork())]).then(
      () => metrics.sweepFinished(),
      (error: unknown) => {
        metrics.sweepFailed();
        logger.error({ err: error }, 'Deadline sweep failed');
      },
    );
  // The first sweep runs at once, so deadlines that passed while the server was down are met now.
  let sweeping: Promise<unknown> = config.sweepIntervalSeconds > 0 ? sweep() : Promise.resolve();
  const sweeper =
    config.sweepIntervalSeconds > 0
      ? setInterval(() => {
          sweeping = sweep();
        }, config.sweepIntervalSeconds * 1000)
      : null;

  // Files nobody refers to (an upload never attached, a blob whose row never committed).
  let fileSweeping: Promise<unknown> = Promise.resolve();
  const fileSweeper =
    config.fileSweepIntervalSeconds > 0
      ? setInterval(() => {
          fileSweeping = services.files.sweep(orm.em.fork()).catch((error: unknown) => logger.error({ err: error }, 'File sweep failed'));
        }, config.fileSweepIntervalSeconds * 1000)
      : null;
  fileSweeper?.unref();

  // The outbox's deliveries, in this process unless NOTIFY_WORKER=0 (then `npm run worker`).
  const worker = config.notify.worker ? await startConfiguredWorker(config, orm.config.get('clientUrl')!, logger) : null;

  return {
    url: `http://localhost:${port}`,
    port,
    services,
    async close() {
      await worker?.stop();
      if (sweeper) clearInterval(sweeper);
      if (fileSweeper) clearInterval(fileSweeper);
      await Promise.all([sweeping, fileSweeping]);
      await apollo.stop();
      websocket.close();
      await events.close();
    },
  };
}
