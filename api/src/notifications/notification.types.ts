import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../shared/pagination.js';

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

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

export const NotificationConnection = Connection(NotificationView, 'Notification');
