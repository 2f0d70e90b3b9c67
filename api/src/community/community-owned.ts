import { ManyToOne } from '@mikro-orm/core';
import { Community } from './community.entity.js';

/** Every row that belongs to a community carries community_id; the request filter scopes on it. */
export abstract class CommunityOwned {
  @ManyToOne(() => Community, { fieldName: 'community_id', index: true })
  community!: Community;
}
