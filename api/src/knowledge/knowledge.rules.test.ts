import { describe, expect, it } from 'vitest';
import { Department, Role } from '../community/community.enums.js';
import type { ViewerContext } from '../community/viewer.js';
import { canApprove, canDelete, canWrite } from './knowledge.policy.js';
import { approvalRefusal, CannedAnswerStatus, isUsable, statusOf, textFor } from './knowledge.rules.js';

const viewer = (roles: Role[], department: Department | null = null, leadsDepartment = false): ViewerContext => ({
  id: 'me',
  communityId: 'c',
  roles,
  department,
  leadsDepartment,
  sessionTokenHash: '',
});

describe('an answer’s status', () => {
  it.each([
    [{ version: 1, approvedVersion: null }, CannedAnswerStatus.DRAFT, false],
    [{ version: 3, approvedVersion: null }, CannedAnswerStatus.DRAFT, false],
    [{ version: 2, approvedVersion: 2 }, CannedAnswerStatus.APPROVED, true],
    [{ version: 3, approvedVersion: 2 }, CannedAnswerStatus.CHANGED, true],
  ])('%o is %s (usable: %s)', (versions, status, usable) => {
    expect(statusOf(versions)).toBe(status);
    expect(isUsable(versions)).toBe(usable);
  });
});

describe('approval', () => {
  const draft = { version: 2, approvedVersion: null, updatedById: 'writer' };
  it('approves the version read, by someone other than its last editor', () => {
    expect(approvalRefusal(draft, 'reviewer', 2)).toBeNull();
    expect(approvalRefusal({ ...draft, approvedVersion: 1 }, 'reviewer', 2)).toBeNull();
  });
  it('refuses a version other than the one read: CONFLICT, whoever asks', () => {
    expect(approvalRefusal(draft, 'reviewer', 1)).toMatchObject({ code: 'CONFLICT', reason: 'CHANGED_MEANWHILE' });
    expect(approvalRefusal(draft, 'writer', 3)).toMatchObject({ code: 'CONFLICT' });
  });
  it('refuses the last editor’s own edit, and an approved version again', () => {
    expect(approvalRefusal(draft, 'writer', 2)).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_EDIT' });
    expect(approvalRefusal({ ...draft, approvedVersion: 2 }, 'reviewer', 2)).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'ALREADY_APPROVED' });
  });
});

describe('the words put into a ticket', () => {
  it('are in the owner’s language where the answer has it, else Chinese', () => {
    expect(textFor({ bodyZh: '中文', bodyEn: 'English' }, 'en')).toEqual({ text: 'English', language: 'en' });
    expect(textFor({ bodyZh: '中文', bodyEn: null }, 'en')).toEqual({ text: '中文', language: 'zh-CN' });
    expect(textFor({ bodyZh: '中文', bodyEn: 'English' }, 'zh-CN')).toEqual({ text: '中文', language: 'zh-CN' });
    expect(textFor({ bodyZh: '中文', bodyEn: 'English' }, null)).toEqual({ text: '中文', language: 'zh-CN' });
  });
});

describe('who may', () => {
  const people = {
    owner: viewer([Role.OWNER]),
    committee: viewer([Role.OWNER, Role.COMMITTEE]),
    cs: viewer([Role.CUSTOMER_SERVICE], Department.CUSTOMER_SERVICE),
    csHead: viewer([Role.CUSTOMER_SERVICE], Department.CUSTOMER_SERVICE, true),
    maintenanceHead: viewer([Role.STAFF], Department.MAINTENANCE, true),
    manager: viewer([Role.STAFF, Role.COMMITTEE], Department.MANAGEMENT, true),
    admin: viewer([Role.ADMIN]),
    // Holding a department without a staff role (a register slip) grants nothing.
    ownerInManagement: viewer([Role.OWNER], Department.MANAGEMENT, true),
  };
  it.each([
    ['owner', false, false],
    ['committee', false, false],
    ['cs', true, false],
    ['csHead', true, true],
    ['maintenanceHead', true, false],
    ['manager', true, true],
    ['admin', true, true],
    ['ownerInManagement', false, false],
  ] as const)('%s: write %s, approve %s', (who, write, approve) => {
    expect(canWrite(people[who])).toBe(write);
    expect(canApprove(people[who])).toBe(approve);
  });
  it('deletes: a reviewer anything, a writer only their own never-approved draft', () => {
    const own = { createdById: 'me', approvedVersion: null };
    expect(canDelete(people.cs, own)).toBe(true);
    expect(canDelete(people.cs, { ...own, approvedVersion: 1 })).toBe(false);
    expect(canDelete(people.cs, { ...own, createdById: 'someone' })).toBe(false);
    expect(canDelete(people.manager, { createdById: 'someone', approvedVersion: 4 })).toBe(true);
    expect(canDelete(people.owner, own)).toBe(false);
  });
});
