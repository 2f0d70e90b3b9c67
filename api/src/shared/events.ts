import pg from 'pg';
import { createPubSub } from '@graphql-yoga/subscription';
import type { EntityManager } from '@mikro-orm/postgresql';

export const CHANNEL = 'cocreate_events';

/** Topics and the id each event is routed by. */
export interface Topics {
  TICKET_CHANGED: string; // ticket id
  INBOX_CHANGED: string; // person id
  PROPOSAL_CHANGED: string; // proposal id
  DECISION_CHANGED: string; // decision id
  REVIEW_CHANGED: string; // review id
  SESSION_ENDED: string; // session token hash: its sockets close
}
export type Topic = keyof Topics;

interface Wire {
  topic: Topic;
  id: string;
}

/**
 * Sends one event to every process (through the database the given EntityManager talks to), for
 * callers that hold no EventBus, such as the auth service.
 */
export async function notify(em: EntityManager, topic: Topic, id: string): Promise<void> {
  // em.execute runs in em's transaction, if any: PostgreSQL then delivers the NOTIFY at commit
  // and drops it on rollback, so nobody hears of a change that did not happen.
  await em.execute('select pg_notify(?, ?)', eventWire(topic, id));
}

/** The channel and payload of one event, for a statement that sends its own `pg_notify` with the change. */
export function eventWire(topic: Topic, id: string): [channel: string, payload: string] {
  const wire: Wire = { topic, id };
  return [CHANNEL, JSON.stringify(wire)];
}

/**
 * Events cross processes through PostgreSQL LISTEN/NOTIFY: every API process LISTENs on one
 * channel and fans each notification out to its own subscribers. Publishing is a NOTIFY, so a
 * process hears its own events the same way it hears everyone else's.
 */
export class EventBus {
  private readonly local = createPubSub<{ [K in Topic]: [id: string, payload: { id: string }] }>();
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly connectionString: string) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const wire = JSON.parse(message.payload) as Wire;
      this.local.publish(wire.topic, wire.id, { id: wire.id });
    });
    client.on('error', () => this.reconnect());
    client.on('end', () => this.reconnect());
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
  }

  private reconnect() {
    if (this.closed || this.retry) return;
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start().catch(() => this.reconnect());
    }, 1000);
  }

  /**
   * Publishes a change from inside the transaction that makes it. Published after the commit, an
   * outage in between would answer the client with an error for a change that was in fact made.
   */
  async publish(em: EntityManager, topic: Topic, id: string): Promise<void> {
    if (!em.isInTransaction()) throw new Error(`Publish ${topic} inside the transaction that makes the change.`);
    return notify(em, topic, id);
  }

  subscribe(topic: Topic, id: string): AsyncIterable<{ id: string }> {
    return this.local.subscribe(topic, id);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}
