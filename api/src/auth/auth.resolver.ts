import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Matches } from 'class-validator';
import { Length, MaxLength } from '../shared/text.js';
import { badLength } from '../shared/errors.js';
import type { Context } from '../context.js';
import { requireViewer } from '../context.js';
import { Viewer } from './auth.types.js';
import type { Services } from '../services.js';
import { SessionView } from '../people/people.types.js';
import { clearSessionCookie, setSessionCookie } from './session.cookie.js';
import type { SignedIn } from './auth.service.js';
import { viewerOf } from './auth.queries.js';

@ArgsType()
class LoginArgs {
  @Field(() => String, { description: 'An email address or a mainland mobile number (138 0013 8000, +86 13800138000).' })
  @MaxLength(254)
  @Matches(/^\s*(?:[^\s@]+@[^\s@]+\.[^\s@]+|(?:\+86|0086)?[\s-]*1[3-9](?:[\s-]*\d){9})\s*$/, {
    message: 'email must be an email address or a mainland mobile number',
  })
  email!: string;

  @Field(() => String)
  @Length(1, 200, { message: 'password must be 1 to 200 characters' })
  password!: string;
}

@ArgsType()
class CodeArgs {
  @Field(() => String)
  @MaxLength(32)
  phone!: string;

  @Field(() => String)
  @MaxLength(40)
  code!: string;

  @Field(() => String, { description: 'The new password (judged by a strength estimator, not by composition rules).' })
  @Length(1, 200, { message: 'password must be 1 to 200 characters' })
  password!: string;
}

const address = (ctx: Context) => ctx.req.socket?.remoteAddress ?? 'unknown';
const userAgent = (ctx: Context) => {
  const ua = ctx.req.headers['user-agent'];
  return typeof ua === 'string' ? ua : null;
};

/** A shortened device name from a User-Agent: browser and system, as the session list shows it. */
export function deviceName(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const system = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  const browser = /MicroMessenger/.test(ua)
    ? 'WeChat'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  return [browser, system].filter(Boolean).join(' · ') || ua.slice(0, 60);
}

@Resolver()
export class AuthResolver {
  constructor(private readonly services: Services) {}

  @Query(() => Viewer, { nullable: true, description: 'The signed-in person, or null.' })
  async me(@Ctx() ctx: Context): Promise<Viewer | null> {
    if (!ctx.viewer) return null;
    const viewer = await viewerOf(ctx.em, ctx.viewer.id);
    // The roles in force (a lapsed committee term is not), as every check sees them.
    return viewer && { ...viewer, roles: ctx.viewer.roles };
  }

  @Mutation(() => Viewer, { description: 'Signs in with an email or a mobile number (in `email`) and the password; sets the session cookie.' })
  async login(@Args(() => LoginArgs) { email, password }: LoginArgs, @Ctx() ctx: Context): Promise<Viewer> {
    return this.signedIn(ctx, await this.services.auth.login(ctx.em, email, password, address(ctx), userAgent(ctx)));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends this session.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    await this.services.auth.logout(ctx.em, requireViewer(ctx).sessionTokenHash);
    clearSessionCookie(ctx);
    return true;
  }

  @Mutation(() => Viewer, { description: '激活: the mobile number and the code of an activation letter (or from the desk), and a first password; signs in.' })
  async activateAccount(@Args(() => CodeArgs) { phone, code, password }: CodeArgs, @Ctx() ctx: Context): Promise<Viewer> {
    return this.signedIn(ctx, await this.services.accounts.activate(ctx.em, phone, code, password, address(ctx), userAgent(ctx)));
  }

  @Mutation(() => Boolean, { description: 'Sends a reset code to the number’s account if there is one. Always true, known number or not.' })
  async requestPasswordReset(@Arg('phone', () => String) phone: string, @Ctx() ctx: Context): Promise<boolean> {
    if (phone.length > 32) return true;
    await this.services.accounts.requestReset(ctx.em, phone, address(ctx));
    return true;
  }

  @Mutation(() => Viewer, { description: 'A reset code and a new password: every session of the account ends, and this one begins.' })
  async resetPassword(@Args(() => CodeArgs) { phone, code, password }: CodeArgs, @Ctx() ctx: Context): Promise<Viewer> {
    return this.signedIn(ctx, await this.services.accounts.reset(ctx.em, phone, code, password, address(ctx), userAgent(ctx)));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Needs the current password; every other session of the account ends.' })
  async changePassword(@Arg('current', () => String) current: string, @Arg('next', () => String) next: string, @Ctx() ctx: Context): Promise<boolean> {
    if (current.length > 200) throw badLength('current', 0, 200);
    await this.services.accounts.changePassword(ctx.em, requireViewer(ctx), current, next, address(ctx));
    return true;
  }

  @Authorized()
  @Query(() => [SessionView], { description: 'The viewer’s signed-in devices, most recently used first.' })
  async mySessions(@Ctx() ctx: Context): Promise<SessionView[]> {
    const sessions = await this.services.accounts.sessions(ctx.em, requireViewer(ctx));
    return sessions.map((s) => ({ ...s, device: deviceName(s.userAgent) }));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Signs one of the viewer’s own sessions out (its sockets close at once).' })
  async endSession(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await this.services.accounts.endSession(ctx.em, requireViewer(ctx), id);
    return true;
  }

  @Authorized()
  @Mutation(() => Viewer, { description: 'Shows another community of the company where the viewer’s account is a person.' })
  async switchCommunity(@Arg('communityId', () => ID) communityId: string, @Ctx() ctx: Context): Promise<Viewer> {
    const personId = await this.services.accounts.switchCommunity(ctx.em, requireViewer(ctx), communityId);
    return (await viewerOf(ctx.em.fork(), personId))!;
  }

  private async signedIn(ctx: Context, session: SignedIn): Promise<Viewer> {
    setSessionCookie(ctx, session.token, session.expiresAt);
    return (await viewerOf(ctx.em.fork(), session.personId))!;
  }
}
