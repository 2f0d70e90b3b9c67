import { error } from '@sveltejs/kit';
import type { Outcome } from './operations';

/**
 * The record an `[id]` page shows, from its `fetch…` read: a 404 when there is none (or it is
 * another community's), a 503 when the network failed, a 500 for anything else.
 */
export async function loadRecord<T>(read: Promise<Outcome<T | null>>, missing: string): Promise<T> {
  const outcome = await read;
  if (!outcome.ok) error(outcome.problem.code === 'network' ? 503 : 500, outcome.problem.message);
  if (!outcome.value) error(404, missing);
  return outcome.value;
}
