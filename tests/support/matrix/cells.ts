import type { Client, GraphQLResult } from '../harness.js';
import { wsClient } from '../ws.js';

/** Who asks. "owner" owns the fixture ticket; "staff" works in its department (maintenance). */
export const PERSONAS = ['anon', 'owner', 'otherOwner', 'cs', 'staff', 'otherStaff', 'committee', 'admin', 'otherAdmin'] as const;
export type Persona = (typeof PERSONAS)[number];

/**
 * allow: answered (for a mutation: authorization let it through; a rule of the thing's state, such as
 * INVALID_TRANSITION or CONFLICT, may still refuse it). masked: answered with personal fields hidden.
 * The rest are the refusal's code.
 */
export type Outcome = 'allow' | 'masked' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
export const DENIALS = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

export type Expectations = Record<Persona, Outcome>;

/** Every persona `base`, except those named. */
export function cells(base: Outcome, except: Partial<Expectations> = {}): Expectations {
  return Object.fromEntries(PERSONAS.map((p) => [p, except[p] ?? base])) as Expectations;
}
/** Signed in: `base`; signed out: UNAUTHENTICATED. */
export const signedIn = (base: Outcome, except: Partial<Expectations> = {}) => cells(base, { anon: 'UNAUTHENTICATED', ...except });

/** What one cell came to, and the text to scan. */
export interface Observed {
  outcome: Outcome | string;
  text: string;
}

export function outcomeOf(field: string, body: GraphQLResult<Record<string, unknown>>, maskedFlag: (data: unknown) => boolean): Outcome | string {
  const error = body.errors?.[0];
  const code = error?.extensions?.code;
  if (code && DENIALS.has(code)) return code;
  if (error && !body.data?.[field]) return `allow (${code})`;
  return maskedFlag(body.data?.[field]) ? 'masked' : 'allow';
}

/** Subscribes over the socket and reports the handshake: an error's code, or allow if none came. */
/**
 * A subscription that is allowed sends nothing until an event, so "allowed" means "no error within
 * a moment after the connection was acknowledged". A refusal is waited for much longer, so that a
 * slow machine cannot make a refusal look like an allowance (the caller says which it expects).
 */
export async function subscribeOutcome(
  baseUrl: string,
  client: Client | null,
  query: string,
  variables: Record<string, unknown>,
  expectRefusal = false,
): Promise<Observed> {
  const ws = wsClient(baseUrl, client?.cookie ?? null);
  let connected = false;
  ws.on('connected', () => {
    connected = true;
  });
  const errors: unknown[] = [];
  let completed = false;
  const stop = ws.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  const handshake = Date.now() + 10_000;
  while (!connected && !errors.length && !completed && Date.now() < handshake) await new Promise((r) => setTimeout(r, 25));
  const deadline = Date.now() + (expectRefusal ? 5_000 : 400);
  while (!errors.length && !completed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  stop();
  await ws.dispose();
  const text = JSON.stringify(errors, (_k, v: unknown) => (v instanceof Error ? { message: v.message, ...(v as object) } : v));
  if (!errors.length) return { outcome: 'allow', text };
  const first = errors[0] as { extensions?: { code?: string }; message?: string; reason?: string; code?: number };
  const list = Array.isArray(first) ? (first as { extensions?: { code?: string } }[]) : [first];
  const code = list[0]?.extensions?.code;
  return { outcome: code && DENIALS.has(code) ? code : `error (${code ?? first.reason ?? first.message ?? text})`, text };
}
