import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../shared/errors.js';
import type { Context } from '../context.js';
import type { Role } from '../community/community.enums.js';

/** @Authorized() needs a session; @Authorized(Role.X, …) needs one of those roles. ADMIN passes every role check. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  if (roles.length === 0 || viewer.roles.includes('ADMIN' as Role)) return true;
  if (roles.some((role) => viewer.roles.includes(role))) return true;
  throw forbidden();
};
