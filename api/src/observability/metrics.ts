import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';

/** Label values for what is not a named, valid operation; they cannot clash with a GraphQL name. */
export const OPERATION = { anonymous: '(anonymous)', invalid: '(invalid)', other: '(other)' } as const;

/**
 * Operation names become label values, and a client chooses them: each distinct name is a new
 * series. Only names from a parsed and validated document count, up to 64 characters, and only
 * the first `max` distinct ones; later newcomers are counted as "(other)".
 */
export class OperationLabels {
  private readonly seen = new Set<string>();
  constructor(private readonly max = 200) {}

  label(name: string | null | undefined): string {
    if (name === undefined) return OPERATION.invalid;
    if (name === null || name === '') return OPERATION.anonymous;
    if (name.length > 64) return OPERATION.other;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return OPERATION.other;
    this.seen.add(name);
    return name;
  }
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
}

/** MikroORM 6 talks to PostgreSQL through knex, whose pool is a tarn pool. */
function knexPool(orm: MikroORM): TarnPool | undefined {
  const knex = orm.em.getConnection().getKnex() as unknown as { client?: { pool?: TarnPool } };
  return knex.client?.pool;
}

export interface Metrics {
  registry: Registry;
  operations: OperationLabels;
  /** One answered GraphQL request over HTTP. */
  graphqlRequest(operation: string, status: number, seconds: number): void;
  sweepFinished(): void;
  sweepFailed(): void;
}

/** A registry per server, so that several servers in one process (tests) do not collide. */
export function createMetrics(orm: MikroORM, { sweeping }: { sweeping: boolean }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new OperationLabels();

  const requests = new Counter({
    name: 'cocreate_graphql_requests_total',
    help: 'GraphQL requests over HTTP, by operation name and HTTP status.',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'cocreate_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request over HTTP to the end of its answer, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: 'cocreate_db_pool_connections',
    help: 'Database pool: connections in use, idle, and requests waiting for one.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = knexPool(orm);
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires() + pool.numPendingCreates());
    },
  });
  new Gauge({
    name: 'cocreate_db_pool_max_connections',
    help: 'Database pool: the most connections it opens.',
    registers: [registry],
    collect() {
      const pool = knexPool(orm);
      if (pool) this.set(pool.max);
    },
  });

  // Lag since the last sweep that finished without error (since start before the first): it grows
  // when the sweep fails or hangs, which is when missed deadlines stop being recorded.
  let lastSweep = performance.now();
  const sweepFailures = new Counter({
    name: 'cocreate_sweep_failures_total',
    help: 'Deadline sweeps that failed.',
    registers: [registry],
  });
  if (sweeping) {
    new Gauge({
      name: 'cocreate_sweep_lag_seconds',
      help: 'Seconds since the last deadline sweep finished successfully (since start before the first).',
      registers: [registry],
      collect() {
        this.set((performance.now() - lastSweep) / 1000);
      },
    });
  }

  return {
    registry,
    operations,
    graphqlRequest(operation, status, seconds) {
      requests.inc({ operation, status: String(status) });
      duration.observe({ operation }, seconds);
    },
    sweepFinished() {
      lastSweep = performance.now();
    },
    sweepFailed() {
      sweepFailures.inc();
    },
  };
}
