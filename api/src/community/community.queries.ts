import { Community } from './community.entity.js';
import { withDefaults, type CommunitySettings } from './community.settings.js';
import { loader, requireViewer, type Context } from '../shared/context.js';

/**
 * The viewer's community's settings for a read: those read with the session at the start of the
 * request, else (each event of a subscription) read once for the event.
 */
export function requestSettings(ctx: Context): Promise<CommunitySettings> {
  if (ctx.settings) return Promise.resolve(ctx.settings);
  return loader(ctx, 'communitySettings', async () =>
    withDefaults((await ctx.em.findOneOrFail(Community, { id: requireViewer(ctx).communityId }, { fields: ['settings'] })).settings));
}
