import { Migration } from '@mikro-orm/migrations';

export class Migration20261203080738_ticket_assignee extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);

    this.addSql(`alter table "ticket" add column "assignee_id" uuid null;`);
    this.addSql(
      `alter table "ticket" add constraint "ticket_assignee_id_foreign" foreign key ("assignee_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "ticket_community_id_assignee_id_due_at_index" on "ticket" ("community_id", "assignee_id", "due_at");`);

    this.addSql(`alter table "ticket_event" add column "assignee_id" uuid null;`);
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_assignee_id_foreign" foreign key ("assignee_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in ('OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED', 'CANCELLED', 'URGED', 'REOPENED', 'ASSIGNED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ticket" drop constraint "ticket_assignee_id_foreign";`);

    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);

    this.addSql(`alter table "ticket_event" drop constraint "ticket_event_assignee_id_foreign";`);

    this.addSql(`drop index "ticket_community_id_assignee_id_due_at_index";`);
    this.addSql(`alter table "ticket" drop column "assignee_id";`);

    this.addSql(`alter table "ticket_event" drop column "assignee_id";`);

    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in ('OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED', 'CANCELLED', 'URGED', 'REOPENED'));`,
    );
  }
}
