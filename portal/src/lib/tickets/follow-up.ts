import type { Department, Role } from '@cocreate/schema';

/** 回访跟进 is the property manager's (management) and an admin's, as the API's canFollowUp says. */
export const mayFollowUp = (viewer: { roles: readonly Role[]; department?: Department | null }): boolean =>
  viewer.department === 'MANAGEMENT' || viewer.roles.includes('ADMIN');
