import type { Config } from '../shared/config.js';
import type { Logger } from '../observability/log.js';
import { channelsFromConfig } from './channels/index.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery.worker.js';

/** The delivery worker as `npm start` runs it in-process and `npm run worker` runs it alone. */
export function startConfiguredWorker(config: Config, connectionString: string, logger: Logger): Promise<DeliveryWorker> {
  return startDeliveryWorker({
    connectionString,
    channels: channelsFromConfig(config.notify, logger),
    logger,
    publicUrl: config.notify.publicUrl,
    concurrency: config.notify.concurrency,
    staleSendingSeconds: config.notify.staleSendingSeconds,
  });
}
