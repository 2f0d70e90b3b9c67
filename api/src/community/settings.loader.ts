import { Community } from './community.entity.js';
import type { StoredSettings } from './community.settings.js';
import { loader, requireViewer, type Context } from '../context.js';

/** What a read needs of the viewer's community: its settings (as saved: each domain reads its section) and its time zone. */
export interface RequestCommunity {
  settings: StoredSettings;
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
    return { settings: c.settings, timezone: c.timezone };
  });
}

export const requestSettings = async (ctx: Context): Promise<StoredSettings> => (await requestCommunity(ctx)).settings;
