import type { AuthService } from '../auth/auth.service.js';
import type { CommunityService } from '../community/community.service.js';
import type { Clock } from './clock.js';

/** The use cases of one server instance, handed to every resolver by the container. */
export interface Services {
  clock: Clock;
  auth: AuthService;
  community: CommunityService;
}
