import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Community } from '../community/community.entity.js';
import { Person } from '../community/person.entity.js';
import { Notification } from './notification.entity.js';

export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * The outbox: one row per notification and outside channel, written in the transaction of the
 * change that caused it. The worker moves it PENDING → SENDING (the attempt counted before the
 * send) → SENT, or back to PENDING with the error, or FAILED after the last try. A one-off
 * message (a sign-in code) has no notification and no person, only its address.
 */
@Entity({ tableName: 'notification_delivery' })
@Unique({ properties: ['notification', 'channel'] })
@Index({
  name: 'notification_delivery_failed_idx',
  expression: `create index "notification_delivery_failed_idx" on "notification_delivery" ("community_id", "updated_at" desc, "id") where "status" = 'FAILED'`,
})
@Index({
  name: 'notification_delivery_digest_idx',
  expression: `create index "notification_delivery_digest_idx" on "notification_delivery" ("person_id", "created_at") where "digest" and "status" = 'PENDING'`,
})
@Index({
  name: 'notification_delivery_sending_idx',
  expression: `create index "notification_delivery_sending_idx" on "notification_delivery" ("updated_at") where "status" = 'SENDING'`,
})
export class NotificationDelivery {
  /** Also the idempotency key handed to the provider (Message-ID, OutId): the same on every retry. */
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Community, { fieldName: 'community_id', nullable: true })
  community: Community | null = null;

  @ManyToOne(() => Notification, { nullable: true, deleteRule: 'cascade' })
  notification: Notification | null = null;

  @ManyToOne(() => Person, { nullable: true, index: true })
  person: Person | null = null;

  @Property({ type: 'string', length: 10 })
  channel!: string;

  /** The recipient's own e-mail or phone, as it was when the notice was written. */
  @Property({ type: 'string', length: 254 })
  address!: string;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  /** Erased once a one-off message (a code) is sent. */
  @Property({ type: 'text', nullable: true })
  body: string | null = null;

  /** For SMS providers that send only approved templates: which template and its variables. */
  @Property({ type: 'string', length: 20 })
  template: string & Opt = 'NOTICE';

  @Property({ type: 'jsonb' })
  params: Record<string, string> & Opt = {};

  @Property({ type: 'string', length: 10 })
  status: DeliveryStatus & Opt = 'PENDING';

  /** Waits for the daily digest instead of a job of its own. */
  @Property({ type: 'boolean' })
  digest: boolean & Opt = false;

  @Property({ type: 'smallint' })
  attempts: number & Opt = 0;

  @Property({ type: 'smallint' })
  maxAttempts!: number;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  /** What the provider calls it (SMTP queue id, SMS BizId). */
  @Property({ type: 'string', length: 200, nullable: true })
  providerId: string | null = null;

  @Property({ type: 'timestamptz' })
  runAt!: Date;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}
