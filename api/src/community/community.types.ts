import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('Community', { description: 'A community (小区) as its members see it.' })
export class CommunityRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  timezone!: string;
}

@ObjectType('UnitRef', { description: '房号 with its exclusive floor area (专有部分面积, m²).' })
export class UnitRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Building-entrance-room, e.g. 3-2-1201.' })
  label!: string;

  @Field(() => Float, { description: 'm², two decimals.' })
  area!: number;
}

@ObjectType('OwnerRef', { description: 'An owner as customer service finds them at the desk (full personal data: CS and admin only).' })
export class OwnerRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Null for an owner known only from the register (no account).' })
  email!: string | null;

  @Field(() => Boolean, { description: 'Has activated an account; otherwise the desk can issue an activation code (issueActivationCodes).' })
  hasAccount!: boolean;

  @Field(() => [UnitRef])
  units!: UnitRef[];
}
