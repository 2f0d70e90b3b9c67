import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { Length } from '../shared/text.js';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../shared/pagination.js';
import type { Channel } from './notification.rules.js';

export enum NotificationChannel {
  INBOX = 'INBOX',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  WECHAT = 'WECHAT',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'Where a notification reaches a person: the portal inbox, e-mail, SMS or WeChat (服务号 template messages, once the person connected WeChat).',
});

@ObjectType('NotificationDelivery', { description: 'One outside channel of one notification, as the outbox knows it.' })
export class DeliveryView {
  @Field(() => NotificationChannel)
  channel!: Channel;

  @Field(() => String, { description: 'PENDING, SENDING, SENT, FAILED, or DIGEST (waiting for the daily digest).' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

@ObjectType('Notification', { description: 'One inbox item. `kind` is machine-readable; the portal words it in the reader’s language.' })
export class NotificationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. TICKET_SOLUTION_PROPOSED, TICKET_ESCALATED_TO_HEAD.' })
  kind!: string;

  @Field(() => String, { description: 'TICKET, PROPOSAL, REVIEW or DECISION.' })
  subjectType!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => String, { description: 'The portal path of the exact thing: the ticket, the proposal at its vote, the review’s scoring page.' })
  link!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

export const NotificationConnection = Connection(NotificationView, 'Notification');

@ObjectType('NotificationRule', { description: 'The channels of one kind for the viewer.' })
export class NotificationRuleView {
  @Field(() => String)
  kind!: string;

  @Field(() => String, { description: 'TICKET, BOARD, DECISION or REVIEW: how the settings screen groups kinds.' })
  topic!: string;

  @Field(() => [NotificationChannel])
  channels!: Channel[];

  @Field(() => [NotificationChannel])
  defaultChannels!: Channel[];

  @Field(() => Boolean, { description: 'Required by law (an owners’ vote on your unit): its default channels cannot be turned off.' })
  required!: boolean;

  @Field(() => Boolean, { description: 'The viewer chose these channels (else the default).' })
  custom!: boolean;
}

@ObjectType('QuietHours', { description: 'China time, HH:MM; no SMS in between except for URGENT tickets (held until the end instead).' })
export class QuietHoursView {
  @Field(() => String)
  start!: string;

  @Field(() => String)
  end!: string;
}

@ObjectType('NotificationPreferences')
export class NotificationPreferencesView {
  @Field(() => [NotificationRuleView])
  rules!: NotificationRuleView[];

  @Field(() => QuietHoursView, { nullable: true })
  quietHours!: QuietHoursView | null;

  @Field(() => Boolean, { description: 'Board and other news that needs no action comes by e-mail once a day (at digestAt) instead of one by one.' })
  digest!: boolean;

  @Field(() => String, { description: 'HH:MM in `timezone`: when the daily digest goes (08:00 unless the person chose).' })
  digestAt!: string;

  @Field(() => String, { description: 'The community’s time zone (IANA), in which digestAt is read.' })
  timezone!: string;

  @Field(() => String, { description: 'zh-CN or en: the language of e-mail and SMS.' })
  language!: string;

  @Field(() => Boolean, { description: 'WeChat is set up on this server: the viewer may connect it (GET /wechat/connect).' })
  wechatConfigured!: boolean;

  @Field(() => Boolean, { description: 'The viewer’s account has a WeChat openid; only then is WECHAT among the channels.' })
  wechatBound!: boolean;
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => String)
  @Length(1, 60)
  kind!: string;

  @Field(() => [NotificationChannel])
  @ArrayMaxSize(4)
  channels!: Channel[];
}

@InputType()
export class QuietHoursInput {
  @Field(() => String)
  @Length(5, 5)
  start!: string;

  @Field(() => String)
  @Length(5, 5)
  end!: string;
}

@InputType()
export class NotificationSettingsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(['zh-CN', 'en'], { message: 'language must be zh-CN or en' })
  language?: string | null;

  @Field(() => QuietHoursInput, { nullable: true })
  quietHours?: QuietHoursInput | null;

  @Field(() => Boolean, { nullable: true, description: 'false turns quiet hours off; true turns them on (22:00–07:00 unless given).' })
  quietHoursOn?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  digest?: boolean | null;

  @Field(() => String, { nullable: true, description: 'HH:MM in the community’s time zone: when the daily digest goes.' })
  @IsOptional()
  @Length(5, 5)
  digestAt?: string | null;
}

@ObjectType('DeliveryFailure', { description: 'A delivery that gave up after its last try (or a permanent refusal).' })
export class DeliveryFailureView {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationChannel)
  channel!: Channel;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => String, { nullable: true, description: 'The notification’s kind; null for a one-off message.' })
  kind!: string | null;

  @Field(() => String, { nullable: true, description: 'Who it was for (admins see names); null for a one-off message.' })
  recipientName!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  failedAt!: Date;
}

export const DeliveryFailureConnection = Connection(DeliveryFailureView, 'DeliveryFailure');
