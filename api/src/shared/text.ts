import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import type { MiddlewareFn } from 'type-graphql';
import { badInput } from './errors.js';

/**
 * Text at the edge. Every string argument is trimmed of whitespace and zero-width characters
 * before it is validated, so "   " or "\u200b\u200b" is empty, not stored blank; a NUL, which
 * PostgreSQL text cannot hold, is refused naming the field, and so is a lone surrogate (text that is
 * not well-formed UTF-16: it would be stored changed, and validators throw on it). Passwords are
 * otherwise taken as typed.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;
const EDGES = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]+|[\s\u200B-\u200D\u2060\uFEFF\u00AD]+$/g;

export function cleanText(value: string): string {
  return value.replace(INVISIBLE, '').replace(EDGES, '');
}

/** Characters as PostgreSQL's varchar(n) counts them: code points (a variation selector is one). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

const isPassword = (key: string) => /password/i.test(key);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function cleanValue(value: unknown, path: string, key: string): unknown {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw badInput(path, 'must not contain a NUL character', { reason: 'CONTROL_CHARACTER' });
    if (LONE_SURROGATE.test(value)) throw badInput(path, 'is not well-formed Unicode');
    return isPassword(key) ? value : cleanText(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => cleanValue(v, `${path}[${i}]`, key));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanValue(v, path ? `${path}.${k}` : k, k);
    return out;
  }
  return value;
}

/**
 * Global middleware: runs before type-graphql converts and validates the arguments. It runs on
 * every field, so it stays synchronous and does nothing where there are no arguments.
 */
export const cleanArguments: MiddlewareFn = ({ args }, next) => {
  for (const key in args) {
    const value = args[key];
    args[key] = cleanValue(value, value && typeof value === 'object' && !Array.isArray(value) ? '' : key, key);
  }
  return next();
};

/** class-validator's Length, measured in code points like the column. */
export function Length(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'length',
      constraints: [min, max],
      validator: {
        validate: (value) => typeof value === 'string' && codePointLength(value) >= min && codePointLength(value) <= max,
        defaultMessage: buildMessage(() => `$property must be ${min} to ${max} characters`, options),
      },
    },
    { ...options, context: { reason: 'TEXT_LENGTH', min, max, ...options?.context } },
  );
}

/** class-validator's MaxLength, measured in code points like the column. */
export function MaxLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value) => typeof value === 'string' && codePointLength(value) <= max,
        defaultMessage: buildMessage(() => `$property must be at most ${max} characters`, options),
      },
    },
    { ...options, context: { reason: 'TEXT_LENGTH', min: 0, max, ...options?.context } },
  );
}
