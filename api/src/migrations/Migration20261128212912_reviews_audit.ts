import { Migration } from '@mikro-orm/migrations';

export class Migration20261128212912_reviews_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("community_id" uuid not null, "seq" int not null, "at" timestamptz not null, "actor_id" uuid null, "actor_name" varchar(80) null, "action" varchar(60) not null, "subject_type" varchar(30) not null, "subject_id" varchar(64) not null, "payload" text not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("community_id", "seq"));`,
    );

    this.addSql(
      `create table "review" ("id" uuid not null, "community_id" uuid not null, "proposal_id" uuid not null, "recipient_id" uuid not null, "status" text check ("status" in ('SCORING', 'NOTICE', 'FINAL')) not null default 'SCORING', "criteria" jsonb not null, "tiers" jsonb not null, "notice_hours" int not null, "min_reviewers" int not null, "round" int not null default 1, "opened_at" timestamptz not null, "opened_by_id" uuid not null, "scoring_closes_at" timestamptz not null, "finalized_at" timestamptz null, "score_num" varchar(40) null, "score_den" varchar(40) null, "tier_name" varchar(40) null, "tier_points" int null, "quarter" varchar(8) null, "notice_ends_at" timestamptz null, "final_at" timestamptz null, "version" int not null default 1, constraint "review_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "review_community_id_index" on "review" ("community_id");`);
    this.addSql(`create index "review_proposal_id_index" on "review" ("proposal_id");`);
    this.addSql(`create index "review_community_id_finalized_at_index" on "review" ("community_id", "finalized_at");`);

    this.addSql(
      `create table "review_objection" ("id" uuid not null, "community_id" uuid not null, "review_id" uuid not null, "author_id" uuid not null, "body" text not null, "round" int not null, "created_at" timestamptz not null, "answer" text null, "upheld" boolean null, "answered_at" timestamptz null, "answered_by_id" uuid null, constraint "review_objection_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "review_objection_community_id_index" on "review_objection" ("community_id");`);
    this.addSql(`create index "review_objection_review_id_index" on "review_objection" ("review_id");`);

    this.addSql(
      `create table "review_panelist" ("id" uuid not null, "community_id" uuid not null, "review_id" uuid not null, "person_id" uuid not null, "recusal_reason" text null, "recused_automatically" boolean not null default false, "recused_at" timestamptz null, constraint "review_panelist_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "review_panelist_community_id_index" on "review_panelist" ("community_id");`);
    this.addSql(`alter table "review_panelist" add constraint "review_panelist_review_id_person_id_unique" unique ("review_id", "person_id");`);

    this.addSql(
      `create table "review_sheet" ("id" uuid not null, "community_id" uuid not null, "review_id" uuid not null, "reviewer_id" uuid not null, "scores" jsonb not null, "comment" text null, "submitted_at" timestamptz not null, "round" int not null, constraint "review_sheet_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "review_sheet_community_id_index" on "review_sheet" ("community_id");`);
    this.addSql(`alter table "review_sheet" add constraint "review_sheet_review_id_reviewer_id_unique" unique ("review_id", "reviewer_id");`);

    this.addSql(
      `create table "reward_ledger_entry" ("id" uuid not null, "community_id" uuid not null, "person_id" uuid not null, "review_id" uuid not null, "points" int not null, "reason" text not null, "at" timestamptz not null, constraint "reward_ledger_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "reward_ledger_entry_community_id_index" on "reward_ledger_entry" ("community_id");`);
    this.addSql(`create index "reward_ledger_entry_person_id_index" on "reward_ledger_entry" ("person_id");`);
    this.addSql(`alter table "reward_ledger_entry" add constraint "reward_ledger_entry_review_id_unique" unique ("review_id");`);

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "review" add constraint "review_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(`alter table "review" add constraint "review_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade;`);
    this.addSql(`alter table "review" add constraint "review_recipient_id_foreign" foreign key ("recipient_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "review" add constraint "review_opened_by_id_foreign" foreign key ("opened_by_id") references "person" ("id") on update cascade;`);

    this.addSql(
      `alter table "review_objection" add constraint "review_objection_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_objection" add constraint "review_objection_review_id_foreign" foreign key ("review_id") references "review" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_objection" add constraint "review_objection_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_objection" add constraint "review_objection_answered_by_id_foreign" foreign key ("answered_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "review_panelist" add constraint "review_panelist_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_panelist" add constraint "review_panelist_review_id_foreign" foreign key ("review_id") references "review" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_panelist" add constraint "review_panelist_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "review_sheet" add constraint "review_sheet_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_sheet" add constraint "review_sheet_review_id_foreign" foreign key ("review_id") references "review" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review_sheet" add constraint "review_sheet_reviewer_id_foreign" foreign key ("reviewer_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "reward_ledger_entry" add constraint "reward_ledger_entry_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "reward_ledger_entry" add constraint "reward_ledger_entry_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "reward_ledger_entry" add constraint "reward_ledger_entry_review_id_foreign" foreign key ("review_id") references "review" ("id") on update cascade;`,
    );
    // Append-only, whoever connects: the API's own role included. Changing history needs a
    // superuser to disable this trigger first, and the hash chain still shows it.
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_entry is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(
      `create trigger audit_entry_no_update_delete before update or delete on "audit_entry" for each row execute function audit_entry_append_only();`,
    );
    this.addSql(`create trigger audit_entry_no_truncate before truncate on "audit_entry" for each statement execute function audit_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "review_objection" drop constraint "review_objection_review_id_foreign";`);

    this.addSql(`alter table "review_panelist" drop constraint "review_panelist_review_id_foreign";`);

    this.addSql(`alter table "review_sheet" drop constraint "review_sheet_review_id_foreign";`);

    this.addSql(`alter table "reward_ledger_entry" drop constraint "reward_ledger_entry_review_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "review" cascade;`);

    this.addSql(`drop table if exists "review_objection" cascade;`);

    this.addSql(`drop table if exists "review_panelist" cascade;`);

    this.addSql(`drop table if exists "review_sheet" cascade;`);

    this.addSql(`drop table if exists "reward_ledger_entry" cascade;`);
  }
}
