// Loaded into a server process by the benchmark (`node --import ./sql-count-preload.mjs …`): counts
// the SQL statements the process sends through `pg` (the same wrap as tests/support/sql-counter.ts)
// and samples its resident set, and answers GET http://127.0.0.1:$BENCH_PROBE_PORT/ with
// { statements, rssMb, peakRssMb }; POST / resets both. GET /sent answers the texts and parameters
// of the statements since the last reset (the first 200), for the report's query plans. Nothing is
// loaded without the variable.
import http from 'node:http';
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
      sent.push(typeof config === 'string'
        ? { text: config, values: Array.isArray(args[1]) ? args[1] : [] }
        : { text: config?.text ?? '?', values: config?.values ?? [] });
    }
    return original.apply(this, args);
  };
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  setInterval(sample, 50).unref();
  const mb = (bytes) => Math.round(bytes / 1024 / 1024);
  http
    .createServer((req, res) => {
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
