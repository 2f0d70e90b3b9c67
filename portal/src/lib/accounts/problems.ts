import type { CombinedError } from '@urql/core';
import type { ErrorReason } from '@cocreate/schema';
import type { PlainMessageKey } from '$lib/i18n';
import { problemOf, type Problem } from '$lib/core/problem';
import { isReason } from '$lib/problems/reasons';
import { ACCOUNT_REASONS } from '$lib/problems/worded';

/** A refusal of an accounts or people command: the server's stable reason and, for a weak password, the estimator's advice. */
export interface AccountProblem extends Problem {
  reason: ErrorReason | null;
  /** zxcvbn-ts warning key ("commonPasswords"), if any. */
  warning: string | null;
  /** zxcvbn-ts suggestion keys ("addMoreWords"). */
  suggestions: string[];
}

export const REASONS = ACCOUNT_REASONS;
export type Reason = (typeof REASONS)[number];

/** zxcvbn-ts's warning and suggestion keys (translationKeys), the ones the portal words. */
export const WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const;
export const SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'pwned',
] as const;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function accountProblem(error: CombinedError): AccountProblem {
  const base = problemOf(error);
  const extensions = error.graphQLErrors[0]?.extensions ?? {};
  const field = typeof extensions.field === 'string' ? (extensions.field.split('.').at(-1) ?? null) : base.field;
  return {
    ...base,
    field,
    reason: isReason(extensions.reason) ? extensions.reason : null,
    warning: typeof extensions.warning === 'string' ? extensions.warning : null,
    suggestions: strings(extensions.suggestions),
  };
}

export const unknownProblem: AccountProblem = { code: 'unknown', field: null, message: '', reason: null, warning: null, suggestions: [] };

/** A problem found in the form before anything is sent. */
export function localAccountProblem(field: string, reason: Reason): AccountProblem {
  return { code: 'badInput', field, message: '', reason, warning: null, suggestions: [] };
}

/** The portal's words for the reason, or null (a reason newer than the portal: the general message and the server's words). */
export function reasonKey(problem: AccountProblem | null): PlainMessageKey | null {
  const reason = problem?.reason;
  return reason && (REASONS as readonly string[]).includes(reason) ? (`account.reason.${reason as Reason}` as const) : null;
}

/** The estimator's advice as message keys: the warning first, then each suggestion the portal knows. */
export function adviceKeys(problem: AccountProblem | null): PlainMessageKey[] {
  if (!problem) return [];
  const keys: PlainMessageKey[] = [];
  if (problem.warning && (WARNINGS as readonly string[]).includes(problem.warning)) {
    keys.push(`password.warning.${problem.warning as (typeof WARNINGS)[number]}`);
  }
  for (const s of problem.suggestions) {
    if ((SUGGESTIONS as readonly string[]).includes(s)) keys.push(`password.suggestion.${s as (typeof SUGGESTIONS)[number]}`);
  }
  return keys;
}

/** The form field a problem belongs to, so the form can mark and focus it. */
export function problemField(problem: AccountProblem | null): string | null {
  return problem?.code === 'badInput' || problem?.code === 'conflict' ? problem.field : null;
}

/** Mainland mobile number, as the API reads it: 11 digits starting with 1, spaces, dashes and +86 allowed. */
export function normalPhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1\d{10}$/.test(digits) ? digits : null;
}
