import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const PASSWORD_MIN_SCORE = 3;

/**
 * zxcvbn-ts estimates how many guesses a password takes from dictionaries, keyboard patterns,
 * dates and repeats — a better judge than composition rules ("one digit, one capital"), which
 * people satisfy with Password1. Its feedback keys are kept as codes so the portal can say them in
 * the viewer's language; the English text goes along for other clients.
 */
const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});
const keyed = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: keysOf(en.translations),
});

function keysOf<T extends Record<string, unknown>>(table: T): T {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v && typeof v === 'object' ? keysOf(v as Record<string, unknown>) : k])) as T;
}

export interface PasswordProblem {
  /** Stable code, answered to clients as PASSWORD_<reason>. */
  reason: 'TOO_SHORT' | 'TOO_LONG' | 'DEMO_PASSWORD' | 'NAMES_COMMUNITY' | 'TOO_GUESSABLE';
  message: string;
  /** zxcvbn's warning and suggestions, as keys (e.g. "commonPasswords", "addMoreWords") and in English. */
  warning: string | null;
  suggestions: string[];
  advice: string[];
}

export interface PasswordContext {
  /** Words that make a password guessable here: the community's and company's names, the person's name, phone and email. */
  userInputs: string[];
  /** The demo password is refused in production. */
  production: boolean;
  demoPassword?: string;
}

export function passwordProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const plain = (reason: PasswordProblem['reason'], message: string): PasswordProblem => ({ reason, message, warning: null, suggestions: [], advice: [] });
  const length = [...password].length;
  if (length < PASSWORD_MIN) return plain('TOO_SHORT', `must be at least ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX) return plain('TOO_LONG', `must be at most ${PASSWORD_MAX} characters`);
  if (context.production && context.demoPassword && password === context.demoPassword)
    return plain('DEMO_PASSWORD', 'is the demo password, which everyone knows');
  const lowered = password.toLowerCase();
  const named = context.userInputs.find((w) => w.length >= 2 && /[^\x00-\x7f]/.test(w) && lowered.includes(w.toLowerCase()));
  if (named) return plain('NAMES_COMMUNITY', 'contains a name from this community, which is easy to guess');
  const inputs = context.userInputs.filter((w) => w.length >= 2);
  const result = estimator.check(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const codes = keyed.check(password, inputs).feedback;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
  return {
    reason: 'TOO_GUESSABLE',
    message: `is too easy to guess${advice.length ? `: ${advice.join(' ')}` : ''}`,
    warning: codes.warning,
    suggestions: codes.suggestions,
    advice,
  };
}
