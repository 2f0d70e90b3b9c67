import { Field, ID, ObjectType } from 'type-graphql';
import { Department, Role } from '../community/community.enums.js';
import { CommunityRef, UnitRef } from '../community/community.types.js';

@ObjectType('Viewer', { description: 'The signed-in person.' })
export class Viewer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { description: 'Empty when the person signs in by mobile number only.' })
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => CommunityRef)
  community!: CommunityRef;

  @Field(() => [UnitRef], { description: 'Units this person owns.' })
  units!: UnitRef[];

  @Field(() => [UnitRef], { description: 'Units this person lives in as a resident (住户): they file tickets for these too.' })
  residences!: UnitRef[];

  @Field(() => [CommunityRef], { description: 'Every community of the company where this account is an active person (the community switcher).' })
  communities!: CommunityRef[];

  @Field(() => String, { description: '物业公司 the community belongs to.' })
  companyName!: string;

  @Field(() => Boolean, { description: '公司管理员: creates communities, sees the company view.' })
  companyAdmin!: boolean;
}
