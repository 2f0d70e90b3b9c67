import type { CombinedError } from '@urql/core';
import type { ErrorReason } from '@cocreate/schema';
import { isReason } from '$lib/problems/reasons';

/** Why a command or query failed, in terms a form can explain. */
export type ProblemCode = 'forbidden' | 'notFound' | 'badInput' | 'invalidTransition' | 'conflict' | 'tooSoon' | 'unauthenticated' | 'network' | 'unknown';

export interface Problem {
  code: ProblemCode;
  /** For bad input: the field the server named, without its input path ("input.title" → "title"). */
  field: string | null;
  /** The server's own words (English, for logs and support); never shown as they are. */
  message: string;
  /** The server's stable reason (extensions.reason), which the portal words; null for a problem found here. */
  reason?: ErrorReason | null;
  /** The facts beside the reason (min, max, count, until…). */
  facts?: Record<string, unknown>;
}

const CODES: Record<string, ProblemCode> = {
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  BAD_USER_INPUT: 'badInput',
  INVALID_TRANSITION: 'invalidTransition',
  CONFLICT: 'conflict',
  TOO_MANY_ATTEMPTS: 'tooSoon',
  UNAUTHENTICATED: 'unauthenticated',
};

function fieldOf(extensions: Record<string, unknown> | undefined): string | null {
  const raw =
    typeof extensions?.field === 'string'
      ? extensions.field
      : Array.isArray(extensions?.fields) && typeof extensions.fields[0] === 'string'
        ? extensions.fields[0]
        : null;
  return raw ? (raw.split('.').at(-1) ?? null) : null;
}

export function problemOf(error: CombinedError): Problem {
  if (error.networkError && error.graphQLErrors.length === 0) return { code: 'network', field: null, message: error.message };
  const first = error.graphQLErrors[0];
  const code = CODES[String(first?.extensions?.code)] ?? 'unknown';
  const { code: _code, reason, field: _field, fields: _fields, ...facts } = first?.extensions ?? {};
  return {
    code,
    field: code === 'badInput' ? fieldOf(first?.extensions) : null,
    message: first?.message ?? error.message,
    reason: isReason(reason) ? reason : null,
    facts,
  };
}

/** A problem found before sending anything (a required field left empty). */
export function localProblem(field: string): Problem {
  return { code: 'badInput', field, message: '' };
}

/** The answer when the server sent neither data nor an error. */
export const unknownProblem: Problem = { code: 'unknown', field: null, message: '' };
