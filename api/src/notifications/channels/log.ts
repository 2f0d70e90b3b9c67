import type { Logger } from '../../observability/log.js';
import type { Channel, OutgoingMessage, SendResult } from './channel.js';

/** The development default: the message goes to the log (with its address masked), nowhere else. */
export class LogChannel implements Channel {
  constructor(
    readonly name: string,
    private readonly logger: Logger,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    this.logger.info(
      { channel: this.name, key: message.idempotencyKey, to: mask(message.to), subject: message.subject, text: message.text },
      'Message (log channel)',
    );
    return { providerId: null };
  }
}

function mask(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address.slice(0, 1)}***${address.slice(at)}`;
  return address.length > 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : '****';
}
