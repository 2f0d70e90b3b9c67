import type { RegisterImportFieldsFragment, RegisterProblemReason, Role } from '@cocreate/schema';
import type { PlainMessageKey } from '$lib/i18n';

export type RegisterImport = RegisterImportFieldsFragment;
export type RegisterProblem = RegisterImport['problems'][number];

const REASONS: readonly RegisterProblemReason[] = [
  'AREA_ABSURD',
  'AREA_MISSING',
  'AREA_NOT_A_NUMBER',
  'AREA_NOT_POSITIVE',
  'AREA_TOO_PRECISE',
  'CERTIFICATE_TOO_LONG',
  'CONTROL_CHARACTER',
  'DUPLICATE_COLUMN',
  'DUPLICATE_OWNER',
  'LABEL_MALFORMED',
  'LABEL_MISSING',
  'MISSING_COLUMN',
  'NAME_MISSING',
  'NAME_TOO_LONG',
  'NO_HEADER',
  'NO_ROWS',
  'PHONE_INVALID',
  'PHONE_MISSING',
  'PHONE_NAME_CONFLICT',
  'TOO_MANY_ROWS',
  'UNIT_AREA_CONFLICT',
  'UNIT_IN_USE_KEPT',
  'UNIT_USE_CONFLICT',
  'UNKNOWN_COLUMN',
  'USE_UNKNOWN',
];

/** The portal's wording for a problem's reason, or null (a reason newer than the portal: show the server's words). */
export function reasonKey(reason: string | null | undefined): PlainMessageKey | null {
  return reason && (REASONS as readonly string[]).includes(reason) ? (`register.reason.${reason as RegisterProblemReason}` as const) : null;
}

/** Apply is offered only for a clean dry run: warnings (a unit in use kept) do not block, errors do. */
export function canApply(run: RegisterImport | null): boolean {
  return (
    !!run &&
    run.dryRun &&
    !run.applied &&
    !run.problems.some((p) => p.severity === 'ERROR') &&
    run.problemCount === run.problems.filter((p) => p.severity === 'WARNING').length
  );
}

export const errorCount = (run: RegisterImport) => run.problems.filter((p) => p.severity === 'ERROR').length;

/** Accepts what the import reads; the server still decides by the bytes. */
export const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Roles = { roles: readonly Role[] };
/** As the API allows: the list for admin, customer service and the committee (masked for the committee). */
export const canSeeRegister = (viewer: Roles) => viewer.roles.some((r) => r === 'ADMIN' || r === 'CUSTOMER_SERVICE' || r === 'COMMITTEE');
/** Import, history and export: admin only. */
export const canImportRegister = (viewer: Roles) => viewer.roles.includes('ADMIN');
