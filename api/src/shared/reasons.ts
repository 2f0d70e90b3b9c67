// Every refusal the API answers carries one of these in `extensions.reason`: a stable code that a
// client words in its reader's language (the `message` is English, for logs and developers). The
// list is written to schema/src/reasons.ts by `npm run schema`, where the portal checks that it
// words every one. Names are never reused for another meaning; a reason that is gone stays listed.

export const ERROR_REASONS = [
  // The default for each code, when nothing more specific is known.
  'SIGN_IN_REQUIRED',
  'NOT_ALLOWED',
  'NOT_FOUND',
  'INVALID',
  'WRONG_STATE',
  'CHANGED_MEANWHILE',
  'TOO_SOON',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'BAD_REQUEST',
  'INTERNAL',

  // Input of any kind.
  'TEXT_LENGTH',
  'REQUIRED',
  'CONTROL_CHARACTER',
  'TOO_SHORT',
  'TOO_LONG',
  'OUT_OF_RANGE',
  'NOT_WHOLE_NUMBER',
  'MONEY_DECIMALS',
  'TIME_INVALID',
  'TIME_PAST',
  'TIME_TOO_FAR',
  'DATE_INVALID',
  'DATE_PAST',
  'RANGE_TOO_LONG',
  'LIST_TOO_LONG',
  'NAMED_TWICE',
  'CURSOR_INVALID',

  // Who may do it.
  'COMMITTEE_ONLY',
  'OWNERS_ONLY',
  'DESK_ONLY',
  'ADMIN_ONLY',
  'STAFF_ONLY',
  'OWN_UNITS_ONLY',
  'RESIDENTS_CANNOT_PROPOSE',
  'NOT_ON_PANEL',
  'RECUSED',
  'NOT_ON_ROLL',
  'NOT_YOUR_TICKET_ROLE',

  // Files and photos.
  'TOO_LARGE',
  'TOO_MANY_PIXELS',
  'BROKEN',
  'FILE_TYPE',
  'FILE_EMPTY',
  'TOO_MANY_FILES',
  'FILE_TWICE',
  'NOT_A_FILE_ID',
  'FILE_NOT_USABLE',
  'PHOTO_REQUIRED',

  // Tickets.
  'UNIT_NOT_THE_OWNERS',
  'PHONE_REQUIRED',
  'DEMAND_REQUIRED',
  'REASON_REQUIRED',
  'NOT_IN_DEPARTMENT',
  'TICKET_STATUS',
  'URGED_RECENTLY',
  'REOPEN_WINDOW_OVER',
  'MANAGER_ONLY',
  'FOLLOW_UP_DONE',
  'UNIT_OR_COMMON_AREA',
  'COMMON_AREA_KIND',
  'ALREADY_ME_TOO',
  'ME_TOO_OWN_TICKET',
  'ME_TOO_JOINED',
  'VISIT_REPAIRS_ONLY',

  // Business hours and the holiday calendar.
  'HOURS_REVERSED',
  'HOURS_OVERLAP',
  'HOURS_NONE',
  'DATE_OUTSIDE_YEAR',

  // Board and votes.
  'PROPOSAL_STATUS',
  'PROPOSAL_MERGED',
  'SAME_PROPOSAL',
  'MERGE_TARGET_MERGED',
  'SUPPORTS_CLOSED',
  'VOTE_EXISTS',
  'VOTE_CLOSED',
  'NO_OWNERS',
  'UNIT_NOT_ON_ROLL',
  'PAPER_BALLOT_STANDS',
  'PAPER_BALLOT_EXISTS',
  'REFERENCE_TAKEN',
  'MATTER_MISMATCH',
  'ITEM_INVALID',
  'REWARD_BY_REVIEW_ONLY',

  // Reviews and rewards.
  'REVIEW_EXISTS',
  'REVIEW_STATUS',
  'SCORING_CLOSED',
  'NOT_A_CRITERION',
  'SCORED_TWICE',
  'SCORE_RANGE',
  'SCORES_MISSING',
  'TOO_FEW_ELIGIBLE',
  'NOT_ALL_SCORED',
  'TOO_FEW_SCORED',
  'BUDGET_EXCEEDED',
  'NOTICE_ONLY',
  'NOTICE_RUNNING',
  'OPEN_OBJECTIONS',
  'ALREADY_ANSWERED',
  'POLICY_INVALID',

  // Accounts and people.
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_TOO_GUESSABLE',
  'PASSWORD_NAMES_COMMUNITY',
  'PASSWORD_DEMO_PASSWORD',
  'CODE_WRONG',
  'CODE_USED',
  'CODE_EXPIRED',
  'CODE_INVALID',
  'CODE_REQUIRED',
  'PHONE_INVALID',
  'EMAIL_INVALID',
  'WRONG_PASSWORD',
  'SAME_PASSWORD',
  'ACCOUNT_EXISTS',
  'ACCOUNT_TAKEN',
  'ACCOUNT_MISMATCH',
  'PERSON_EXISTS',
  'LAST_ADMIN',
  'OWN_ADMIN_ROLE',
  'SELF',
  'OPEN_WORK',
  'HANDOVER_INVALID',
  'ALREADY_DEACTIVATED',
  'ALREADY_ACTIVE',
  'NOT_ELIGIBLE',
  'NAME_REQUIRED',
  'NAME_MISSING',
  'NAME_TOO_LONG',
  'NAME_TAKEN',
  'ROLE_NOT_STAFF',
  'ROLES_REQUIRED',
  'DEPARTMENT_MISMATCH',
  'DEPARTMENT_REQUIRED',
  'TOO_MANY_RESIDENTS',
  'ALREADY_OWNER',
  'PERSON_DEACTIVATED',
  'RESIDENT_EXISTS',
  'TIMEZONE_INVALID',
  'CERTIFICATE_TOO_LONG',

  // Notifications.
  'WECHAT_NOT_CONFIGURED',
  'WECHAT_NOT_BOUND',
  'NO_ACCOUNT',

  // The register import.
  'MISSING_COLUMN',
  'UNKNOWN_COLUMN',
  'DUPLICATE_COLUMN',
  'USE_UNKNOWN',
  'UNIT_IN_USE_KEPT',

  // The knowledge base (常用答复).
  'REVIEWERS_ONLY',
  'OWN_EDIT',
  'ALREADY_APPROVED',
  'ANSWER_NOT_APPROVED',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The reason an error gets when the code that threw it named none. */
export const DEFAULT_REASON: Record<string, ErrorReason> = {
  UNAUTHENTICATED: 'SIGN_IN_REQUIRED',
  FORBIDDEN: 'NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'INVALID',
  INVALID_TRANSITION: 'WRONG_STATE',
  CONFLICT: 'CHANGED_MEANWHILE',
  TOO_MANY_ATTEMPTS: 'TOO_SOON',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
  PAYLOAD_TOO_LARGE: 'TOO_LARGE',
};

export const reasonFor = (code: string | undefined): ErrorReason => DEFAULT_REASON[code ?? ''] ?? 'BAD_REQUEST';

/** Extensions for an error answered outside GraphQL's formatter (uploads, limits): the code's default reason unless one is given. */
export const withReason = <T extends { code: string; reason?: unknown }>(extensions: T) => ({ reason: reasonFor(extensions.code), ...extensions });
