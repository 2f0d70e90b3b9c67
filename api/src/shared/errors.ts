import { GraphQLError } from 'graphql';
import type { ErrorReason } from './reasons.js';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'INVALID_TRANSITION' | 'CONFLICT' | 'TOO_MANY_ATTEMPTS';

/** What an error says beside its code: the stable reason a client words, and the facts that wording needs. */
export interface ErrorDetails {
  reason?: ErrorReason;
  field?: string;
  [fact: string]: unknown;
}

/**
 * A failure the caller caused and can act on. `message` is English for developers and logs; a client
 * words `extensions.reason` (shared/reasons.ts) with the facts beside it (min, max, count, until…).
 */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: ErrorDetails = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Please sign in first.') => new DomainError('UNAUTHENTICATED', message, { reason: 'SIGN_IN_REQUIRED' });
export const forbidden = (message = 'You are not allowed to do that.', reason: ErrorReason = 'NOT_ALLOWED') =>
  new DomainError('FORBIDDEN', message, { reason });
/** `what` names the kind of thing ("Ticket"), in `extensions.subject` too, so a client can say which. */
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`, { reason: 'NOT_FOUND', subject: what });
export const badInput = (field: string, message: string, details: ErrorDetails = {}) =>
  new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { reason: 'INVALID', field, ...details });
export const invalidTransition = (message: string, details: ErrorDetails = {}) =>
  new DomainError('INVALID_TRANSITION', message, { reason: 'WRONG_STATE', ...details });
export const conflict = (message: string, details: ErrorDetails = {}) => new DomainError('CONFLICT', message, { reason: 'CHANGED_MEANWHILE', ...details });

/** A text refused for its length in characters (code points: "𠮷" is one). */
export const badLength = (field: string, min: number, max: number) =>
  badInput(field, `must be ${min} to ${max} characters`, { reason: 'TEXT_LENGTH', min, max });
