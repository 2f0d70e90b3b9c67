import { Migration } from '@mikro-orm/migrations';

export class Migration20261128210635_service_desk extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "notification" ("id" bigserial primary key, "community_id" uuid not null, "recipient_id" uuid not null, "kind" varchar(60) not null, "subject_type" varchar(20) not null, "subject_id" uuid not null, "text" varchar(200) not null, "created_at" timestamptz not null, "read_at" timestamptz null);`,
    );
    this.addSql(`create index "notification_community_id_index" on "notification" ("community_id");`);
    this.addSql(`create index "notification_recipient_id_id_index" on "notification" ("recipient_id", "id");`);

    this.addSql(
      `create table "ticket" ("id" uuid not null, "community_id" uuid not null, "seq" int not null, "kind" text check ("kind" in ('INQUIRY', 'COMPLAINT', 'REPAIR')) not null, "status" text check ("status" in ('RECEIVED', 'INVESTIGATING', 'SOLUTION_PROPOSED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')) not null default 'RECEIVED', "title" varchar(120) not null, "description" text not null, "demand" text null, "unit_id" uuid not null, "owner_id" uuid not null, "created_by_id" uuid not null, "contact_phone" varchar(32) not null, "urgency" text check ("urgency" in ('LOW', 'NORMAL', 'HIGH', 'URGENT')) not null, "classified" boolean not null default false, "department" text check ("department" in ('CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT')) null, "category" varchar(60) null, "answer" text null, "resolution_summary" text null, "solution_rounds" int not null default 0, "satisfaction" smallint null, "return_visit_comment" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "responded_at" timestamptz null, "first_solution_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "promised_reply_at" timestamptz null, "promise_kept_at" timestamptz null, "waiting_since" timestamptz null, "paused_ms" bigint not null default 0, "due_at" timestamptz null, "due_clock" text check ("due_clock" in ('RESPONSE', 'SOLUTION', 'RESOLUTION', 'PROMISED_REPLY', 'RETURN_VISIT')) null, "escalation_level" smallint not null default 0, "missed" text[] not null, "version" int not null default 1, constraint "ticket_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ticket_community_id_index" on "ticket" ("community_id");`);
    this.addSql(`create index "ticket_community_id_department_due_at_index" on "ticket" ("community_id", "department", "due_at");`);
    this.addSql(`create index "ticket_community_id_owner_id_created_at_index" on "ticket" ("community_id", "owner_id", "created_at");`);
    this.addSql(`create index "ticket_community_id_status_due_at_index" on "ticket" ("community_id", "status", "due_at");`);
    this.addSql(`alter table "ticket" add constraint "ticket_community_id_seq_unique" unique ("community_id", "seq");`);

    this.addSql(
      `create table "ticket_solution" ("id" uuid not null, "community_id" uuid not null, "ticket_id" uuid not null, "round" int not null, "text" text not null, "proposed_by_id" uuid not null, "proposed_at" timestamptz not null, "accepted" boolean null, "response_reason" text null, "responded_at" timestamptz null, "responded_by_id" uuid null, constraint "ticket_solution_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ticket_solution_community_id_index" on "ticket_solution" ("community_id");`);
    this.addSql(`alter table "ticket_solution" add constraint "ticket_solution_ticket_id_round_unique" unique ("ticket_id", "round");`);

    this.addSql(
      `create table "ticket_event" ("id" bigserial primary key, "community_id" uuid not null, "ticket_id" uuid not null, "at" timestamptz not null, "kind" text check ("kind" in ('OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED')) not null, "message" text null, "internal" boolean not null default false, "actor_id" uuid null, "round" int null, "clock" text check ("clock" in ('RESPONSE', 'SOLUTION', 'RESOLUTION', 'PROMISED_REPLY', 'RETURN_VISIT')) null, "urgency" text check ("urgency" in ('LOW', 'NORMAL', 'HIGH', 'URGENT')) null, "department" text check ("department" in ('CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT')) null);`,
    );
    this.addSql(`create index "ticket_event_community_id_index" on "ticket_event" ("community_id");`);
    this.addSql(`create index "ticket_event_ticket_id_at_index" on "ticket_event" ("ticket_id", "at");`);

    this.addSql(
      `alter table "notification" add constraint "notification_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "ticket" add constraint "ticket_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(`alter table "ticket" add constraint "ticket_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "ticket" add constraint "ticket_owner_id_foreign" foreign key ("owner_id") references "person" ("id") on update cascade;`);
    this.addSql(
      `alter table "ticket" add constraint "ticket_created_by_id_foreign" foreign key ("created_by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "ticket_solution" add constraint "ticket_solution_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_solution" add constraint "ticket_solution_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_solution" add constraint "ticket_solution_proposed_by_id_foreign" foreign key ("proposed_by_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_solution" add constraint "ticket_solution_responded_by_id_foreign" foreign key ("responded_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_actor_id_foreign" foreign key ("actor_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "community" add column "ticket_seq" int not null default 0;`);

    this.addSql(`alter table "person" add column "leads_department" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ticket_solution" drop constraint "ticket_solution_ticket_id_foreign";`);

    this.addSql(`alter table "ticket_event" drop constraint "ticket_event_ticket_id_foreign";`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "ticket" cascade;`);

    this.addSql(`drop table if exists "ticket_solution" cascade;`);

    this.addSql(`drop table if exists "ticket_event" cascade;`);

    this.addSql(`alter table "community" drop column "ticket_seq";`);

    this.addSql(`alter table "person" drop column "leads_department";`);
  }
}
