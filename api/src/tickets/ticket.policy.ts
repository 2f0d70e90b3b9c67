// Who may see a ticket's personal data, as SQL for the read side. Mirrors relationsOf +
// seesPersonalData in ticket.rules.ts (the rules tests hold both to the same cases).
import { Department, Role } from '../community/community.enums.js';
import type { ViewerContext } from '../community/viewer.js';

/**
 * A predicate over `ticket t` true where the viewer sees the owner's name and phone: the owner, customer
 * service, admins, and staff of the handling department. Search by name or phone is limited to those
 * rows, so a viewer shown 138****5678 cannot confirm the full number by searching for it.
 */
export function personalDataVisibleSql(viewer: ViewerContext): { sql: string; params: unknown[] } {
  if (viewer.roles.includes(Role.CUSTOMER_SERVICE) || viewer.roles.includes(Role.ADMIN)) return { sql: 'true', params: [] };
  if (viewer.department && viewer.roles.includes(Role.STAFF)) {
    return { sql: '(t.owner_id = ? or t.department = ?)', params: [viewer.id, viewer.department] };
  }
  return { sql: 't.owner_id = ?', params: [viewer.id] };
}

/**
 * 个人绩效: whose figures a viewer may see — management and admins everyone's, a department head
 * their department's, anyone else only their own.
 */
export function staffStatsScope(viewer: ViewerContext): { department?: string; personId?: string } {
  if (viewer.roles.includes(Role.ADMIN) || viewer.department === Department.MANAGEMENT) return {};
  if (viewer.leadsDepartment && viewer.department) return { department: viewer.department };
  return { personId: viewer.id };
}

/** 回访跟进 is the property manager's (management) and an admin's: they answer for an unhappy owner. */
export const canFollowUp = (viewer: ViewerContext): boolean => viewer.department === Department.MANAGEMENT || viewer.roles.includes(Role.ADMIN);
