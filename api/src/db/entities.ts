import { Session } from '../auth/session.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { Building } from '../community/building.entity.js';
import { Community } from '../community/community.entity.js';
import { Ownership } from '../community/ownership.entity.js';
import { Person } from '../community/person.entity.js';
import { Unit } from '../community/unit.entity.js';

export const entities = [Community, Building, Unit, Person, Ownership, Session, LoginThrottle];

/** Entities whose rows belong to one community; the per-request filter scopes these. */
export const communityScoped = [Building, Unit, Person, Ownership, Session];
