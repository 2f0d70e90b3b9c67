import { Migration } from '@mikro-orm/migrations';

export class Migration20261128212254_board_decisions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "proposal" ("id" uuid not null, "community_id" uuid not null, "seq" int not null, "title" varchar(120) not null, "body" text not null, "category" text check ("category" in ('SERVICE', 'FACILITIES', 'SAFETY', 'ENVIRONMENT', 'COMMUNITY', 'EFFICIENCY')) not null, "status" text check ("status" in ('OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'IMPLEMENTED', 'REWARDED')) not null default 'OPEN', "author_id" uuid not null, "by_staff" boolean not null, "expected_benefit" text null, "estimated_cost" numeric(14,2) null, "support_count" int not null default 0, "comment_count" int not null default 0, "status_reason" text null, "merged_into_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "proposal_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "proposal_community_id_index" on "proposal" ("community_id");`);
    this.addSql(`create index "proposal_community_id_support_count_index" on "proposal" ("community_id", "support_count");`);
    this.addSql(`create index "proposal_community_id_created_at_index" on "proposal" ("community_id", "created_at");`);
    this.addSql(`alter table "proposal" add constraint "proposal_community_id_seq_unique" unique ("community_id", "seq");`);

    this.addSql(
      `create table "decision" ("id" uuid not null, "community_id" uuid not null, "proposal_id" uuid not null, "question" text not null, "matter" text check ("matter" in ('ORDINARY', 'SPECIAL')) not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "opens_at" timestamptz not null, "closes_at" timestamptz not null, "closed_at" timestamptz null, "opened_by_id" uuid not null, "closed_by_id" uuid null, "owners_total" int not null, "area_total" numeric(12,2) not null, "result" jsonb null, constraint "decision_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "decision_community_id_index" on "decision" ("community_id");`);
    this.addSql(`create index "decision_proposal_id_index" on "decision" ("proposal_id");`);
    this.addSql(`create index "decision_status_closes_at_index" on "decision" ("status", "closes_at");`);

    this.addSql(
      `create table "decision_elector" ("id" uuid not null, "community_id" uuid not null, "decision_id" uuid not null, "key" text not null, "owner_ids" uuid[] not null, "unit_ids" uuid[] not null, "area" numeric(12,2) not null, "choice" text check ("choice" in ('FOR', 'AGAINST', 'ABSTAIN')) null, "cast_by_id" uuid null, "cast_at" timestamptz null, constraint "decision_elector_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "decision_elector_community_id_index" on "decision_elector" ("community_id");`);
    this.addSql(`create index "decision_elector_owner_ids_gin" on "decision_elector" using gin ("owner_ids");`);
    this.addSql(`alter table "decision_elector" add constraint "decision_elector_decision_id_key_unique" unique ("decision_id", "key");`);

    this.addSql(
      `create table "proposal_comment" ("id" bigserial primary key, "community_id" uuid not null, "proposal_id" uuid not null, "author_id" uuid not null, "body" text not null, "created_at" timestamptz not null, "hidden_at" timestamptz null, "hidden_reason" text null, "hidden_by_id" uuid null);`,
    );
    this.addSql(`create index "proposal_comment_community_id_index" on "proposal_comment" ("community_id");`);
    this.addSql(`create index "proposal_comment_proposal_id_id_index" on "proposal_comment" ("proposal_id", "id");`);

    this.addSql(
      `create table "proposal_event" ("id" bigserial primary key, "community_id" uuid not null, "proposal_id" uuid not null, "at" timestamptz not null, "kind" text check ("kind" in ('SUBMITTED', 'STATUS_CHANGED', 'THRESHOLD_REACHED', 'MERGED_IN', 'MERGED_INTO', 'COMMENT_HIDDEN', 'DECISION_OPENED', 'DECISION_CLOSED')) not null, "from_status" text check ("from_status" in ('OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'IMPLEMENTED', 'REWARDED')) null, "to_status" text check ("to_status" in ('OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'IMPLEMENTED', 'REWARDED')) null, "reason" text null, "actor_id" uuid null, "other_proposal_id" uuid null);`,
    );
    this.addSql(`create index "proposal_event_community_id_index" on "proposal_event" ("community_id");`);
    this.addSql(`create index "proposal_event_proposal_id_id_index" on "proposal_event" ("proposal_id", "id");`);

    this.addSql(
      `create table "proposal_support" ("proposal_id" uuid not null, "person_id" uuid not null, "community_id" uuid not null, "created_at" timestamptz not null, constraint "proposal_support_pkey" primary key ("proposal_id", "person_id"));`,
    );
    this.addSql(`create index "proposal_support_community_id_index" on "proposal_support" ("community_id");`);

    this.addSql(
      `alter table "proposal" add constraint "proposal_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(`alter table "proposal" add constraint "proposal_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`);
    this.addSql(
      `alter table "proposal" add constraint "proposal_merged_into_id_foreign" foreign key ("merged_into_id") references "proposal" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "decision" add constraint "decision_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_opened_by_id_foreign" foreign key ("opened_by_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_closed_by_id_foreign" foreign key ("closed_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "decision_elector" add constraint "decision_elector_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision_elector" add constraint "decision_elector_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision_elector" add constraint "decision_elector_cast_by_id_foreign" foreign key ("cast_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "proposal_comment" add constraint "proposal_comment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_comment" add constraint "proposal_comment_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_comment" add constraint "proposal_comment_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_comment" add constraint "proposal_comment_hidden_by_id_foreign" foreign key ("hidden_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "proposal_event" add constraint "proposal_event_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_event" add constraint "proposal_event_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_event" add constraint "proposal_event_actor_id_foreign" foreign key ("actor_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "proposal_support" add constraint "proposal_support_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_support" add constraint "proposal_support_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "proposal_support" add constraint "proposal_support_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );

    this.addSql(`alter table "community" add column "proposal_seq" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "proposal" drop constraint "proposal_merged_into_id_foreign";`);

    this.addSql(`alter table "decision" drop constraint "decision_proposal_id_foreign";`);

    this.addSql(`alter table "proposal_comment" drop constraint "proposal_comment_proposal_id_foreign";`);

    this.addSql(`alter table "proposal_event" drop constraint "proposal_event_proposal_id_foreign";`);

    this.addSql(`alter table "proposal_support" drop constraint "proposal_support_proposal_id_foreign";`);

    this.addSql(`alter table "decision_elector" drop constraint "decision_elector_decision_id_foreign";`);

    this.addSql(`drop table if exists "proposal" cascade;`);

    this.addSql(`drop table if exists "decision" cascade;`);

    this.addSql(`drop table if exists "decision_elector" cascade;`);

    this.addSql(`drop table if exists "proposal_comment" cascade;`);

    this.addSql(`drop table if exists "proposal_event" cascade;`);

    this.addSql(`drop table if exists "proposal_support" cascade;`);

    this.addSql(`alter table "community" drop column "proposal_seq";`);
  }
}
