import { Field, ID, ObjectType } from 'type-graphql';
import { Department, Role } from '../community/community.enums.js';
import { CommunityRef, UnitRef } from '../community/community.types.js';

@ObjectType('Viewer', { description: 'The signed-in person.' })
export class Viewer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => CommunityRef)
  community!: CommunityRef;

  @Field(() => [UnitRef], { description: 'Units this person owns.' })
  units!: UnitRef[];
}
