import 'reflect-metadata';
import { loadConfigOrExit } from './shared/config.js';
import { processLogger } from './observability/log.js';
import { startConfiguredWorker } from './notifications/worker-process.js';

// The delivery worker on its own (run web processes with NOTIFY_WORKER=0 then). It needs the
// database the API migrated: DATABASE_URL.
const config = loadConfigOrExit();
if (!config.databaseUrl) {
  console.error('Configuration error: DATABASE_URL is required to run the worker on its own (npm start runs it in-process).');
  process.exit(1);
}
const logger = processLogger(config.logLevel);
const worker = await startConfiguredWorker(config, config.databaseUrl, logger);
console.log('Cocreate delivery worker is running (Ctrl-C stops it).');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
