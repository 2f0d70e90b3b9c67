import { describe, expect, it } from 'vitest';
import { Department, Role } from '../community/community.enums.js';
import { checkStaffShape, isCalendarDate, leavesNoAdmin, localDate, sortRoles } from './people.rules.js';

describe('staff roles, department and headship', () => {
  it.each([
    [
      { roles: [Role.STAFF], department: Department.MAINTENANCE, headOfDepartment: true },
      { roles: [Role.STAFF], department: Department.MAINTENANCE },
    ],
    [
      { roles: [Role.CUSTOMER_SERVICE], department: null, headOfDepartment: false },
      { roles: [Role.CUSTOMER_SERVICE], department: Department.CUSTOMER_SERVICE },
    ],
    [
      { roles: [Role.ADMIN], department: null, headOfDepartment: false },
      { roles: [Role.ADMIN], department: null },
    ],
    [
      { roles: [Role.COMMITTEE, Role.STAFF, Role.STAFF], department: Department.MANAGEMENT, headOfDepartment: false },
      { roles: [Role.STAFF, Role.COMMITTEE], department: Department.MANAGEMENT },
    ],
  ])('accepts %j', (input, shape) => {
    const result = checkStaffShape(input);
    expect(result.ok && result.shape).toMatchObject(shape);
  });

  it.each([
    [{ roles: [Role.OWNER], department: null, headOfDepartment: false }, 'ROLE_NOT_STAFF'],
    [{ roles: [Role.RESIDENT], department: null, headOfDepartment: false }, 'ROLE_NOT_STAFF'],
    [{ roles: [Role.STAFF], department: null, headOfDepartment: false }, 'DEPARTMENT_REQUIRED'],
    [{ roles: [Role.ADMIN], department: null, headOfDepartment: true }, 'DEPARTMENT_REQUIRED'],
    [{ roles: [Role.CUSTOMER_SERVICE], department: Department.SECURITY, headOfDepartment: false }, 'DEPARTMENT_MISMATCH'],
    [{ roles: [], department: null, headOfDepartment: false }, 'ROLES_REQUIRED'],
  ])('refuses %j with %s', (input, reason) => {
    const result = checkStaffShape(input);
    expect(!result.ok && result.problem.reason).toBe(reason);
  });

  it('keeps the register’s roles: an owner made committee member stays an owner, and may hold no staff role', () => {
    const result = checkStaffShape({ roles: [Role.COMMITTEE], department: null, headOfDepartment: false }, { keepRoles: [Role.OWNER, Role.STAFF] });
    expect(result.ok && result.shape.roles).toEqual([Role.OWNER, Role.COMMITTEE]);
    const none = checkStaffShape({ roles: [], department: null, headOfDepartment: false }, { keepRoles: [Role.OWNER] });
    expect(none.ok && none.shape.roles).toEqual([Role.OWNER]);
  });

  it('orders roles the same way every time', () => {
    expect(sortRoles([Role.ADMIN, Role.COMMITTEE, Role.OWNER])).toEqual([Role.OWNER, Role.COMMITTEE, Role.ADMIN]);
  });
});

describe('the last admin', () => {
  it('is kept: only when they are the one active admin and would lose the role', () => {
    expect(leavesNoAdmin(['a'], 'a', false)).toBe(true);
    expect(leavesNoAdmin(['a', 'b'], 'a', false)).toBe(false);
    expect(leavesNoAdmin(['a'], 'b', false)).toBe(false);
    expect(leavesNoAdmin(['a'], 'a', true)).toBe(false);
  });
});

describe('dates', () => {
  it.each(['2027-02-28', '2028-02-29', '2027-12-31'])('%s is a day', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2027-02-29', '2027-13-01', '2027-1-01', '27-01-01', '2027-01-01T00:00', ''])('%j is not', (d) => expect(isCalendarDate(d)).toBe(false));
  it('takes the day in the community’s time zone', () => {
    expect(localDate(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-31');
  });
});
