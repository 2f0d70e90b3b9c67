import { Args, ArgsType, Authorized, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { IsEmail } from 'class-validator';
import { Length, MaxLength } from '../shared/text.js';
import type { Context } from '../shared/context.js';
import { requireViewer } from '../shared/context.js';
import { Viewer } from './auth.types.js';
import type { Services } from '../shared/services.js';
import { clearSessionCookie, setSessionCookie } from './session.cookie.js';

@ArgsType()
class LoginArgs {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @Length(1, 200, { message: 'password must be 1 to 200 characters' })
  password!: string;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly services: Services) {}

  @Query(() => Viewer, { nullable: true, description: 'The signed-in person, or null.' })
  async me(@Ctx() ctx: Context): Promise<Viewer | null> {
    return ctx.viewer ? this.services.community.viewer(ctx.em, ctx.viewer.id) : null;
  }

  @Mutation(() => Viewer, { description: 'Signs in and sets the session cookie.' })
  async login(@Args(() => LoginArgs) { email, password }: LoginArgs, @Ctx() ctx: Context): Promise<Viewer> {
    const session = await this.services.auth.login(ctx.em, email, password, ctx.req.socket?.remoteAddress ?? undefined);
    setSessionCookie(ctx, session.token, session.expiresAt);
    return (await this.services.community.viewer(ctx.em, session.person.id))!;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends this session.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    await this.services.auth.logout(ctx.em, requireViewer(ctx).sessionTokenHash);
    clearSessionCookie(ctx);
    return true;
  }
}
