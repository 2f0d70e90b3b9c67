import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from './community/community.enums.js';
import { CommunityRef } from './community/community.types.js';
import { requireViewer, type Context } from './context.js';
import type { Services } from './services.js';
import { changedSettings, settingsView, withDefaults } from './settings.js';
import { CommunitySettingsInput, CommunitySettingsView } from './settings.types.js';

/** `Community.settings` and the admin's change: every domain's section at once, composed here. */
@Resolver(() => CommunityRef)
export class CommunitySettingsResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => CommunitySettingsView, { description: 'The community’s rules, published to every member.' })
  async settings(@Root() community: CommunityRef, @Ctx() ctx: Context): Promise<CommunitySettingsView> {
    return settingsView(await this.services.community.settings(ctx.em, community.id));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CommunityRef, { description: 'Admin: change the community’s rules (SLA policy; later sections add to it).' })
  async updateCommunitySettings(@Arg('input', () => CommunitySettingsInput) input: CommunitySettingsInput, @Ctx() ctx: Context): Promise<CommunityRef> {
    const viewer = requireViewer(ctx);
    const community = await this.services.community.changeSettings(ctx.em, viewer, (current) => {
      const before = withDefaults(current);
      const after = changedSettings(before, input);
      return { settings: after, audit: { before, after } };
    });
    // Open tickets are held to the policy in force: their deadlines move with it.
    if (input.sla || input.workingHours) await this.services.tickets.applyPolicy(ctx.em.fork(), viewer.communityId);
    return community;
  }
}
