import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { log } from '../observability/log.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './outage.js';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_TRANSITION', 'CONFLICT',
  'TOO_MANY_ATTEMPTS', 'SERVICE_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** One place where errors become what clients see: domain codes kept, internals masked. */
export function formatError(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { extensions?: Record<string, unknown> } | undefined;
    const code = (formatted.extensions?.code ?? original?.extensions?.code) as string | undefined;
    const validationErrors = original?.extensions?.validationErrors as ValidationError[] | undefined;
    if (validationErrors) {
      const fields = flatten(validationErrors);
      return {
        message: fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join('. '),
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', fields: fields.map((f) => f.field) },
      };
    }
    if (code !== 'SERVICE_UNAVAILABLE' && isDatabaseUnavailable(original ?? error)) {
      return {
        message: 'The service is briefly unavailable. Please try again in a few seconds.',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
      };
    }
    if (code && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stack, validationErrors: _v, ...extensions } = formatted.extensions ?? {};
      return development ? formatted : { ...formatted, extensions };
    }
    if (development) return formatted;
    log.error({ err: original ?? error }, 'Internal error');
    return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
