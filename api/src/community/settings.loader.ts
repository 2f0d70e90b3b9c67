import { Community } from './community.entity.js';
import { withDefaults, type CommunitySettings } from './community.settings.js';
import { loader, requireViewer, type Context } from '../context.js';

/** What a read needs of the viewer's community: its settings and its time zone. */
export interface RequestCommunity {
  settings: CommunitySettings;
  timezone: string;
}

/**
 * The viewer's community for a read: as read with the session at the start of the request, else
 * (each event of a subscription) read once for the event.
 */
export function requestCommunity(ctx: Context): Promise<RequestCommunity> {
  if (ctx.community) return Promise.resolve(ctx.community);
  return loader(ctx, 'requestCommunity', async () => {
    const c = await ctx.em.findOneOrFail(Community, { id: requireViewer(ctx).communityId }, { fields: ['settings', 'timezone'] });
    return { settings: withDefaults(c.settings), timezone: c.timezone };
  });
}

export const requestSettings = async (ctx: Context): Promise<CommunitySettings> => (await requestCommunity(ctx)).settings;
