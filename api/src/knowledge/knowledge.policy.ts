// Who may see and do what in the knowledge base, from one definition.
import { Department, Role } from '../community/community.enums.js';
import type { ViewerContext } from '../community/viewer.js';

/** The roles that read and write the staff knowledge base (drafts and notes included). Owners and the committee do not. */
export const KNOWLEDGE_ROLES = [Role.CUSTOMER_SERVICE, Role.STAFF, Role.ADMIN] as const;

/** Any staff member shares what they know: customer service most, a technician's tip as much. */
export const canWrite = (viewer: ViewerContext) => KNOWLEDGE_ROLES.some((r) => viewer.roles.includes(r));

/**
 * 审核: what customer service tells owners is the property company's word, so the head of customer
 * service, management (the property manager answers for it) or an admin approves it.
 */
export function canApprove(viewer: ViewerContext): boolean {
  if (viewer.roles.includes(Role.ADMIN)) return true;
  if (!viewer.roles.includes(Role.STAFF) && !viewer.roles.includes(Role.CUSTOMER_SERVICE)) return false;
  return viewer.department === Department.MANAGEMENT || (viewer.department === Department.CUSTOMER_SERVICE && viewer.leadsDepartment === true);
}

/** Reviewers delete any answer; a writer only their own draft that was never approved (an approved answer is the company's). */
export const canDelete = (viewer: ViewerContext, a: { createdById: string; approvedVersion: number | null }) =>
  canApprove(viewer) || (canWrite(viewer) && a.createdById === viewer.id && a.approvedVersion === null);
