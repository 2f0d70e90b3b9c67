import pg from 'pg';

export interface SentStatement {
  text: string;
  /** Bound parameters of a prepared statement (none for one with its values inlined). */
  values: unknown[];
}

/** Counts SQL statements sent by this process (the in-process API server) while `fn` runs. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[]; sent: SentStatement[] }> {
  const sent: SentStatement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; values?: unknown[] };
    sent.push(
      typeof config === 'string'
        ? { text: config, values: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] }
        : { text: config?.text ?? '?', values: config?.values ?? [] },
    );
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await fn();
    return { result, statements: sent.map((s) => s.text), sent };
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** EXPLAIN ANALYZE (JSON) of a statement as it was sent, with its own parameters. */
export type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  'Sort Method'?: string;
  Plans?: PlanNode[];
};
export const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];
