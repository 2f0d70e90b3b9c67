// Loaded into a server process by the benchmark (`node --import ./sql-count-preload.mjs …`): counts
// the SQL statements the process sends through `pg` (the same wrap as tests/support/sql-counter.ts)
// and samples its resident set, and answers GET http://127.0.0.1:$BENCH_PROBE_PORT/ with
// { statements, rssMb, peakRssMb }; POST / resets both. GET /sent answers the texts and parameters
// of the statements since the last reset (the first 200), for the report's query plans. POST
// /profile/start and /profile/stop run V8's CPU profiler (node:inspector) and answer the self time
// by where the code comes from (GraphQL execution, the ORM, the driver, …). Nothing is loaded
// without the variable.
import http from 'node:http';
import inspector from 'node:inspector/promises';
import pg from 'pg';

const port = Number(process.env.BENCH_PROBE_PORT);
if (port) {
  let statements = 0;
  let peak = 0;
  let sent = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    statements++;
    if (sent.length < 200) {
      const config = args[0];
      sent.push(
        typeof config === 'string'
          ? { text: config, values: Array.isArray(args[1]) ? args[1] : [] }
          : { text: config?.text ?? '?', values: config?.values ?? [] },
      );
    }
    return original.apply(this, args);
  };
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  setInterval(sample, 50).unref();
  const mb = (bytes) => Math.round(bytes / 1024 / 1024);
  const session = new inspector.Session();
  session.connect();
  // What a frame's script is, for the CPU profile's summary.
  const AREAS = [
    [/node_modules[\\/]graphql[\\/]execution[\\/]/, 'graphql-js: execution'],
    [/node_modules[\\/]graphql[\\/](validation|utilities)[\\/]/, 'graphql-js: validation'],
    [/node_modules[\\/]graphql[\\/]/, 'graphql-js: other'],
    [/node_modules[\\/]type-graphql[\\/]/, 'type-graphql (resolver wrappers)'],
    [/node_modules[\\/]@apollo[\\/]|node_modules[\\/]@as-integrations[\\/]|node_modules[\\/]@escape\.tech[\\/]/, 'Apollo Server, armor'],
    [/node_modules[\\/](pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)[\\/]/, 'pg driver'],
    [/node_modules[\\/](@mikro-orm|knex)[\\/]/, 'MikroORM, knex'],
    [/node_modules[\\/](express|body-parser|compression|router|send|serve-static|raw-body|iconv-lite|qs|cookie)[\\/]/, 'express, body, compression'],
    [/node_modules[\\/](pino|pino-std-serializers|sonic-boom|prom-client)[\\/]/, 'logs, metrics'],
    [/node_modules[\\/]dataloader[\\/]/, 'dataloader'],
    [/node_modules[\\/]/, 'other libraries'],
    [/[\\/]api[\\/]dist[\\/]/, 'Cocreate API code'],
    [/^node:|^internal[\\/]/, 'Node.js internals (http, streams, zlib, crypto)'],
  ];
  // Built-ins have no script: named by the function (JSON.stringify, a RegExp, the socket write…).
  const area = (url, fn) => (url === '' ? `built-in ${fn || '(anonymous)'}` : (AREAS.find(([re]) => re.test(url)) ?? [null, 'other'])[1]);
  const summary = (profile) => {
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    for (const [id, us] of dt) {
      const frame = byId.get(id).callFrame;
      const name =
        frame.functionName === '(garbage collector)'
          ? 'garbage collection'
          : frame.functionName === '(idle)'
            ? 'idle'
            : frame.functionName === '(program)'
              ? 'V8 and natives (program)'
              : area(frame.url, frame.functionName);
      self.set(name, (self.get(name) ?? 0) + us / 1000);
    }
    return Object.fromEntries([...self].sort((a, b) => b[1] - a[1]));
  };
  http
    .createServer(async (req, res) => {
      if (req.url === '/profile/start' || req.url === '/profile/stop') {
        const start = req.url === '/profile/start';
        if (start) {
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          await session.post('Profiler.start');
        }
        const body = start ? '{}' : JSON.stringify(summary((await session.post('Profiler.stop')).profile));
        res.setHeader('content-type', 'application/json');
        res.end(body);
        return;
      }
      sample();
      const body = req.url === '/sent' ? JSON.stringify(sent) : JSON.stringify({ statements, rssMb: mb(process.memoryUsage.rss()), peakRssMb: mb(peak) });
      if (req.method === 'POST') {
        statements = 0;
        sent = [];
        peak = process.memoryUsage.rss();
      }
      res.setHeader('content-type', 'application/json');
      res.end(body);
    })
    .listen(port, '127.0.0.1')
    .unref();
}
