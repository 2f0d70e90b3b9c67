import type { AnyVariables, CombinedError, DocumentInput, OperationResult } from '@urql/core';
import { client } from '$lib/graphql/client';
import type { Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf, unknownProblem, type Problem } from './problem';

/** What every command and read answers: the value picked from the data, or why there is none. */
export type Outcome<T, P extends Problem = Problem> = { ok: true; value: T } | { ok: false; problem: P };

/** How a domain words a refusal (accounts add the password advice); the plain one by default. */
export interface Refusal<P extends Problem> {
  problemOf: (error: CombinedError) => P;
  unknown: P;
}

const plain: Refusal<Problem> = { problemOf, unknown: unknownProblem };

interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
}

function outcome<Data, T, P extends Problem>(result: OperationResult<Data>, pick: (data: Data) => T, refusal: Refusal<P>): Outcome<T, P> {
  if (result.error) return { ok: false, problem: refusal.problemOf(result.error) };
  if (!result.data) return { ok: false, problem: refusal.unknown };
  return { ok: true, value: pick(result.data) };
}

/** A request to the server for one document: a mutation, or a query past any cached copy. */
type Run = <Data, Vars extends AnyVariables>(document: DocumentInput<Data, Vars>, variables: Vars) => Promise<OperationResult<Data>>;

function operation(run: Run) {
  return async <Data, Vars extends AnyVariables, T, P extends Problem = Problem>(
    document: DocumentInput<Data, Vars>,
    variables: Vars,
    pick: (data: Data) => T,
    refusal: Refusal<P> = plain as unknown as Refusal<P>,
  ): Promise<Outcome<T, P>> => outcome(await run(document, variables), pick, refusal);
}

/** Runs a mutation. */
export const send = operation((document, variables) => client.mutation(document, variables).toPromise());

/** Runs a query against the server, bypassing any cached copy. */
export const read = operation((document, variables) => client.query(document, variables, { requestPolicy: 'network-only' }).toPromise());

/** A record by id: null when there is none (or it belongs to another community), rather than a problem. */
export async function readRecord<Data, Vars extends AnyVariables, T>(
  document: DocumentInput<Data, Vars>,
  variables: Vars,
  pick: (data: Data) => T | null | undefined,
): Promise<Outcome<T | null>> {
  const done = await read(document, variables, (data) => pick(data) ?? null);
  return !done.ok && done.problem.code === 'notFound' ? { ok: true, value: null } : done;
}

/** One page of a Relay connection, as a PagedList takes it. */
export async function readPage<Data, Vars extends AnyVariables, T, P extends Problem = Problem>(
  document: DocumentInput<Data, Vars>,
  variables: Vars,
  pick: (data: Data) => Connection<T>,
  refusal: Refusal<P> = plain as unknown as Refusal<P>,
): Promise<Fetched<T>> {
  const done = await read(document, variables, pick, refusal);
  if (!done.ok) return { problem: done.problem };
  const { edges, pageInfo, totalCount } = done.value;
  return { items: edges.map((edge) => edge.node), totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor ?? null };
}
