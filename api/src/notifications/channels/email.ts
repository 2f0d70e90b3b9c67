import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel, OutgoingMessage, SendResult } from './channel.js';
import { PermanentDeliveryError } from './channel.js';

/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the delivery's idempotency key, so
 * a retry after an unknown outcome carries the same Message-ID and mail stores keep one copy.
 */
export class EmailChannel implements Channel {
  readonly name = 'EMAIL';
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, { pool: true, maxConnections: 4 } as never);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: messageIdOf(message.idempotencyKey, this.from),
        headers: { 'X-Cocreate-Delivery': message.idempotencyKey, 'Auto-Submitted': 'auto-generated' },
      });
      return { providerId: String(info.messageId ?? '') || null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server's final word (no such mailbox, refused); 4xx and network errors may pass.
      if (code && code >= 500 && code < 600) throw new PermanentDeliveryError(`SMTP ${code}: ${(error as Error).message}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

export function messageIdOf(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'cocreate.local';
  return `<${key}@${domain}>`;
}
