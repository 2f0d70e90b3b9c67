import { ERROR_REASONS, type ErrorReason } from '@cocreate/schema';
import { getLocale, interpolate, t, type PlainMessageKey } from '$lib/i18n';
import { dateTime } from '$lib/tickets/time';
import { ACCOUNT_REASONS, type AccountReason, type WordedReason } from './worded';
import { reasonsEn } from './reasons.en';
import { reasonsZhCN } from './reasons.zh-CN';

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
