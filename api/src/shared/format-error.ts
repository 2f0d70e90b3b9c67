import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { log } from '../observability/log.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './outage.js';
import { reasonFor, type ErrorReason } from './reasons.js';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'CONFLICT',
  'TOO_MANY_ATTEMPTS',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface FieldProblem {
  field: string;
  messages: string[];
  /** Which validators refused it (class-validator's constraint names) and the facts a decorator gave (its `context`). */
  constraints: string[];
  contexts: Record<string, unknown>[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints
      ? [
          {
            field,
            messages: Object.values(e.constraints),
            constraints: Object.keys(e.constraints),
            contexts: Object.values(e.contexts ?? {}) as Record<string, unknown>[],
          },
        ]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The reason of a refused input: what its decorator named (`context: { reason, … }`), else what its validator checks. */
const CONSTRAINT_REASONS: Record<string, ErrorReason> = {
  isLength: 'TEXT_LENGTH',
  length: 'TEXT_LENGTH',
  minLength: 'TEXT_LENGTH',
  maxLength: 'TEXT_LENGTH',
  isNotEmpty: 'REQUIRED',
  min: 'OUT_OF_RANGE',
  max: 'OUT_OF_RANGE',
  isInt: 'NOT_WHOLE_NUMBER',
  arrayMaxSize: 'LIST_TOO_LONG',
  isEmail: 'EMAIL_INVALID',
};
function reasonOf(problem: FieldProblem | undefined): Record<string, unknown> {
  if (!problem) return { reason: 'INVALID' };
  const given = problem.contexts.find((c) => typeof c?.reason === 'string');
  if (given) return given;
  return { reason: problem.constraints.map((c) => CONSTRAINT_REASONS[c]).find(Boolean) ?? 'INVALID' };
}

const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables, error limit reached/;

const internal = (formatted: GraphQLFormattedError): GraphQLFormattedError => ({
  message: 'Internal server error.',
  path: formatted.path,
  extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' },
});

/** Every error leaves with a reason a client can word: the thrower's, or its code's default. */
function withReason(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  if (typeof extensions.reason === 'string') return formatted;
  return { ...formatted, extensions: { ...extensions, reason: reasonFor(extensions.code as string | undefined) } };
}

/**
 * One place where errors become what clients see: domain codes kept, internals masked. It never
 * throws: Apollo would answer its own unmasked "Internal server error" for the whole request.
 */
export function formatError(development: boolean) {
  const format = formatErrorUnsafe(development);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      return withReason(format(formatted, error));
    } catch {
      return internal(formatted);
    }
  };
}

function formatErrorUnsafe(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { extensions?: Record<string, unknown> } | undefined;
    const code = (formatted.extensions?.code ?? original?.extensions?.code) as string | undefined;
    const validationErrors = original?.extensions?.validationErrors as ValidationError[] | Error | undefined;
    // type-graphql hands on what a validator threw (validator.js's isEmail throws URIError on
    // malformed Unicode) in place of the list: the input was refused, not the server broken.
    if (validationErrors && !Array.isArray(validationErrors)) {
      return { message: 'The input could not be validated.', path: formatted.path, extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID', fields: [] } };
    }
    if (validationErrors) {
      const fields = flatten(validationErrors);
      return {
        message: fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join('. '),
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', ...reasonOf(fields[0]), fields: fields.map((f) => f.field) },
      };
    }
    // graphql-js stops coercing variables after 50 errors with an error that names nothing and has
    // no code (Apollo calls it internal); the 50 before it are BAD_USER_INPUT and the answer is 400.
    if ((!code || code === 'INTERNAL_SERVER_ERROR') && TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) {
      return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT', field: 'variables' } };
    }
    if (code !== 'SERVICE_UNAVAILABLE' && isDatabaseUnavailable(original ?? error)) {
      return {
        message: 'The service is briefly unavailable. Please try again in a few seconds.',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
      };
    }
    if (code && PUBLIC_CODES.has(code)) {
      // Apollo prefixes errors thrown while building the context (a refused or throttled request);
      // the client needs the reason, not where it was found.
      const message = formatted.message.replace(/^Context creation failed: /, '');
      const { stacktrace: _stack, validationErrors: _v, ...extensions } = formatted.extensions ?? {};
      return development ? { ...formatted, message } : { ...formatted, message, extensions };
    }
    if (development) return formatted;
    log.error({ err: original ?? error }, 'Internal error');
    return internal(formatted);
  };
}
