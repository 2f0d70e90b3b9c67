/** One message on its way out, as the worker hands it to a channel. */
export interface OutgoingMessage {
  /** The same on every attempt: providers that deduplicate use it (Message-ID, OutId). */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  /** For providers that send only pre-approved templates (Chinese SMS): which one, and its variables. */
  template: 'NOTICE' | 'CODE';
  params: Record<string, string>;
  createdAt: Date;
}

export interface SendResult {
  providerId: string | null;
}

/** Thrown for an answer that will never change (a bad number, a refused template): no more tries. */
export class PermanentDeliveryError extends Error {}

export interface Channel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * After an attempt whose outcome is unknown (the worker died between sending and marking), asks
   * the provider whether it has the message with this key. Channels whose provider cannot say
   * leave it out; they send again with the same key, for the receiver to deduplicate.
   */
  lookup?(message: OutgoingMessage): Promise<SendResult | null>;
  close?(): Promise<void>;
}
