import type { ErrorReason } from '../shared/reasons.js';
import { Department, Role } from '../community/community.enums.js';

/** Roles an admin gives and takes; OWNER comes from the register and RESIDENT from a household. */
export const STAFF_ROLES: readonly Role[] = [Role.CUSTOMER_SERVICE, Role.STAFF, Role.COMMITTEE, Role.ADMIN];
export const REGISTER_ROLES: readonly Role[] = [Role.OWNER, Role.RESIDENT];
/** A unit has at most this many residents besides its owners. */
export const MAX_RESIDENTS_PER_UNIT = 12;

export interface StaffShape {
  roles: readonly Role[];
  department: Department | null;
  headOfDepartment: boolean;
}

export type Problem = { field: string; reason: ErrorReason; message: string };

/**
 * Whether a person's staff roles, department and headship fit together: department staff
 * belong to a department; customer service is the customer-service department; a head has a
 * department. Returns the shape to store (customer service gets its department filled in).
 */
export function checkStaffShape(
  input: StaffShape,
  { keepRoles = [] as readonly Role[] } = {},
): { ok: true; shape: StaffShape } | { ok: false; problem: Problem } {
  const given = [...new Set(input.roles)];
  const foreign = given.find((r) => !STAFF_ROLES.includes(r));
  if (foreign)
    return {
      ok: false,
      problem: {
        field: 'roles',
        reason: 'ROLE_NOT_STAFF',
        message: `${foreign} is not given here: owners come from the register and residents from their household`,
      },
    };
  const roles = [...new Set([...keepRoles.filter((r) => REGISTER_ROLES.includes(r)), ...given])];
  let department = input.department;
  if (given.includes(Role.CUSTOMER_SERVICE) && !given.includes(Role.STAFF)) department ??= Department.CUSTOMER_SERVICE;
  if (given.includes(Role.CUSTOMER_SERVICE) && department !== Department.CUSTOMER_SERVICE && !given.includes(Role.STAFF)) {
    return {
      ok: false,
      problem: { field: 'department', reason: 'DEPARTMENT_MISMATCH', message: 'customer service belongs to the CUSTOMER_SERVICE department' },
    };
  }
  if (given.includes(Role.STAFF) && !department)
    return { ok: false, problem: { field: 'department', reason: 'DEPARTMENT_REQUIRED', message: 'department staff need a department' } };
  if (input.headOfDepartment && !department)
    return { ok: false, problem: { field: 'headOfDepartment', reason: 'DEPARTMENT_REQUIRED', message: 'a head of department needs a department' } };
  if (given.length === 0 && !roles.some((r) => REGISTER_ROLES.includes(r))) {
    return { ok: false, problem: { field: 'roles', reason: 'ROLES_REQUIRED', message: 'give at least one role' } };
  }
  return { ok: true, shape: { roles: sortRoles(roles), department, headOfDepartment: input.headOfDepartment } };
}

const ROLE_ORDER = [Role.OWNER, Role.RESIDENT, Role.CUSTOMER_SERVICE, Role.STAFF, Role.COMMITTEE, Role.ADMIN];
export const sortRoles = (roles: readonly Role[]) => [...roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));

/** An admin cannot take away the last active admin's role, nor switch off the last admin (the community would be unmanaged). */
export function leavesNoAdmin(activeAdminIds: readonly string[], personId: string, stillAdmin: boolean): boolean {
  return !stillAdmin && activeAdminIds.length === 1 && activeAdminIds[0] === personId;
}

/** A YYYY-MM-DD that is a real calendar day. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day in the community's time zone, as YYYY-MM-DD. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const validEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
