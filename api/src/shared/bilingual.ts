import { Field, InterfaceType } from 'type-graphql';

/**
 * Text a community enters about itself (a rubric criterion, a reward tier): in zh-CN, the community's
 * language, and in English where the community gives it. One interface so that clients can pick the
 * reader's language with one fragment and one helper wherever such a name appears.
 */
@InterfaceType('BilingualName', {
  description:
    'A name the community entered: `name` in zh-CN (always), `nameEn` in English where given. Show `nameEn` to an English reader when it is not null, otherwise `name`.',
})
export abstract class BilingualName {
  @Field(() => String, { description: 'zh-CN, as the community wrote it.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English, or null when the community gave none.' })
  nameEn!: string | null;
}
