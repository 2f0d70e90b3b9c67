import type { ErrorReason } from '@cocreate/schema';

/** Reasons of accounts and people, worded with their forms (account.reason.*). */
export const ACCOUNT_REASONS = [
  'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_TOO_GUESSABLE', 'PASSWORD_NAMES_COMMUNITY', 'PASSWORD_DEMO_PASSWORD',
  'CODE_WRONG', 'CODE_USED', 'CODE_EXPIRED', 'CODE_INVALID', 'PHONE_INVALID', 'EMAIL_INVALID', 'WRONG_PASSWORD', 'SAME_PASSWORD',
  'ACCOUNT_EXISTS', 'ACCOUNT_TAKEN', 'ACCOUNT_MISMATCH', 'PERSON_EXISTS', 'LAST_ADMIN', 'OWN_ADMIN_ROLE', 'SELF',
  'OPEN_WORK', 'HANDOVER_INVALID', 'ALREADY_DEACTIVATED', 'ALREADY_ACTIVE', 'NOT_ELIGIBLE', 'DATE_INVALID', 'DATE_PAST',
  'CODE_REQUIRED', 'NAME_REQUIRED', 'ROLE_NOT_STAFF', 'DEPARTMENT_MISMATCH', 'DEPARTMENT_REQUIRED', 'ROLES_REQUIRED', 'TOO_SHORT', 'TOO_LONG',
  'TOO_MANY_RESIDENTS', 'ALREADY_OWNER', 'PERSON_DEACTIVATED', 'RESIDENT_EXISTS', 'NAME_TAKEN', 'TIMEZONE_INVALID',
] as const satisfies readonly ErrorReason[];
export type AccountReason = (typeof ACCOUNT_REASONS)[number];
/** Every other reason the API answers, worded here for both languages (the compiler checks both are complete). */
export type WordedReason = Exclude<ErrorReason, AccountReason>;
