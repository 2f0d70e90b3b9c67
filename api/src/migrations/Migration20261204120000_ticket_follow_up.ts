import { Migration } from '@mikro-orm/migrations';

const KINDS = `'OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED', 'CANCELLED', 'URGED', 'REOPENED', 'ASSIGNED'`;

/** 回访跟进: the manager's task after a 1–2 star return visit, and its line on the timeline. */
export class Migration20261204120000_ticket_follow_up extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "ticket_follow_up" ("id" uuid not null, "community_id" uuid not null, "ticket_id" uuid not null, "satisfaction" smallint not null, "comment" text null, "opened_at" timestamptz not null, "done_at" timestamptz null, "done_by_id" uuid null, "action" text null, constraint "ticket_follow_up_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ticket_follow_up_community_id_index" on "ticket_follow_up" ("community_id");`);
    this.addSql(`create index "ticket_follow_up_ticket_id_index" on "ticket_follow_up" ("ticket_id");`);
    this.addSql(`create index "ticket_follow_up_community_id_done_at_opened_at_index" on "ticket_follow_up" ("community_id", "done_at", "opened_at");`);
    this.addSql(
      `alter table "ticket_follow_up" add constraint "ticket_follow_up_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_follow_up" add constraint "ticket_follow_up_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_follow_up" add constraint "ticket_follow_up_done_by_id_foreign" foreign key ("done_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);
    this.addSql(`alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in (${KINDS}, 'FOLLOWED_UP'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "ticket_event" where "kind" = 'FOLLOWED_UP';`);
    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);
    this.addSql(`alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in (${KINDS}));`);
    this.addSql(`drop table if exists "ticket_follow_up" cascade;`);
  }
}
