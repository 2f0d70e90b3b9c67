import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('CommunityRef', { description: 'A community (小区) as its members see it.' })
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
