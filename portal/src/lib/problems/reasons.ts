import { ERROR_REASONS, type ErrorReason } from '@cocreate/schema';
import { getLocale, interpolate, t, type PlainMessageKey } from '$lib/i18n';
import { dateTime } from '$lib/tickets/time';
import { reasonsEn } from './reasons.en';
import { reasonsZhCN } from './reasons.zh-CN';

/** Reasons of accounts and people, worded with their forms (account.reason.*). */
export const ACCOUNT_REASONS = [
  'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_TOO_GUESSABLE', 'PASSWORD_NAMES_COMMUNITY', 'PASSWORD_DEMO_PASSWORD',
  'CODE_WRONG', 'CODE_USED', 'CODE_EXPIRED', 'CODE_INVALID', 'PHONE_INVALID', 'EMAIL_INVALID', 'WRONG_PASSWORD', 'SAME_PASSWORD',
  'ACCOUNT_EXISTS', 'ACCOUNT_TAKEN', 'ACCOUNT_MISMATCH', 'PERSON_EXISTS', 'LAST_ADMIN', 'OWN_ADMIN_ROLE', 'SELF',
  'OPEN_WORK', 'HANDOVER_INVALID', 'ALREADY_DEACTIVATED', 'ALREADY_ACTIVE', 'NOT_ELIGIBLE', 'DATE_INVALID', 'DATE_PAST',
  'CODE_REQUIRED', 'NAME_REQUIRED', 'ROLE_NOT_STAFF', 'DEPARTMENT_MISMATCH', 'DEPARTMENT_REQUIRED', 'ROLES_REQUIRED', 'TOO_SHORT', 'TOO_LONG',
  'TOO_MANY_RESIDENTS', 'ALREADY_OWNER', 'PERSON_DEACTIVATED', 'RESIDENT_EXISTS', 'NAME_TAKEN', 'TIMEZONE_INVALID',
] as const satisfies readonly ErrorReason[];
type AccountReason = (typeof ACCOUNT_REASONS)[number];
/** Every other reason the API answers, worded here for both languages (the compiler checks both are complete). */
export type WordedReason = Exclude<ErrorReason, AccountReason>;

const DICTIONARIES = { 'zh-CN': reasonsZhCN, en: reasonsEn } as const;

export const isReason = (value: unknown): value is ErrorReason => typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value);

/** The defaults each code falls back to: they say no more than the code's general message. */
const GENERAL = new Set<ErrorReason>(['NOT_ALLOWED', 'NOT_FOUND', 'INVALID', 'WRONG_STATE', 'CHANGED_MEANWHILE', 'BAD_REQUEST', 'INTERNAL']);
export const isSpecific = (reason: ErrorReason | null): reason is ErrorReason => reason !== null && !GENERAL.has(reason);

/** Facts beside a reason, as the wording shows them: times in local time, the rest as given. */
function shown(facts: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (typeof value === 'number') out[name] = value;
    else if (typeof value === 'string') out[name] = /^\d{4}-\d\d-\d\dT/.test(value) ? dateTime(value) : value;
  }
  return out;
}

/** The reader's words for an API refusal, or null for no reason. */
export function reasonText(reason: ErrorReason | null, facts: Record<string, unknown> = {}): string | null {
  if (!reason) return null;
  if ((ACCOUNT_REASONS as readonly string[]).includes(reason)) return t(`account.reason.${reason as AccountReason}` as PlainMessageKey);
  return interpolate(DICTIONARIES[getLocale()][reason as WordedReason], shown(facts));
}
