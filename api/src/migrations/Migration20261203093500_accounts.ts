import { Migration } from '@mikro-orm/migrations';

export class Migration20261203093500_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "company" ("id" uuid not null, "name" varchar(120) not null, "settings_template" jsonb null, "created_at" timestamptz not null, constraint "company_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "account" ("id" uuid not null, "company_id" uuid not null, "email" varchar(254) null, "phone" varchar(32) null, "password_hash" varchar(200) null, "company_admin" boolean not null default false, "password_changed_at" timestamptz null, "created_at" timestamptz not null, constraint "account_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "account_company_id_index" on "account" ("company_id");`);
    this.addSql(`alter table "account" add constraint "account_company_id_phone_unique" unique ("company_id", "phone");`);
    this.addSql(`alter table "account" add constraint "account_company_id_email_unique" unique ("company_id", "email");`);

    this.addSql(
      `create table "one_time_code" ("id" uuid not null, "community_id" uuid not null, "person_id" uuid not null, "purpose" text check ("purpose" in ('ACTIVATE', 'RESET')) not null, "phone" varchar(32) not null, "code_hash" varchar(200) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "issued_by_id" uuid null, "created_at" timestamptz not null, constraint "one_time_code_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "one_time_code_community_id_index" on "one_time_code" ("community_id");`);
    this.addSql(`create index "one_time_code_person_id_index" on "one_time_code" ("person_id");`);
    this.addSql(`create index "one_time_code_phone_index" on "one_time_code" ("phone");`);

    this.addSql(
      `create table "resident" ("id" uuid not null, "community_id" uuid not null, "unit_id" uuid not null, "person_id" uuid not null, "relation" text check ("relation" in ('FAMILY', 'TENANT')) not null, "until" date null, "added_by_id" uuid not null, "created_at" timestamptz not null, constraint "resident_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "resident_community_id_index" on "resident" ("community_id");`);
    this.addSql(`create index "resident_unit_id_index" on "resident" ("unit_id");`);
    this.addSql(`create index "resident_person_id_index" on "resident" ("person_id");`);
    this.addSql(`alter table "resident" add constraint "resident_unit_id_person_id_unique" unique ("unit_id", "person_id");`);

    this.addSql(`alter table "account" add constraint "account_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade;`);

    this.addSql(
      `alter table "one_time_code" add constraint "one_time_code_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "one_time_code" add constraint "one_time_code_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "one_time_code" add constraint "one_time_code_issued_by_id_foreign" foreign key ("issued_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "resident" add constraint "resident_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(`alter table "resident" add constraint "resident_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
    this.addSql(`alter table "resident" add constraint "resident_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(
      `alter table "resident" add constraint "resident_added_by_id_foreign" foreign key ("added_by_id") references "person" ("id") on update cascade;`,
    );

    // Every existing community becomes its own company's, so nothing that was separate is joined.
    this.addSql(`alter table "community" add column "company_id" uuid null, add column "address" varchar(200) null;`);
    this.addSql(`insert into "company" ("id", "name", "created_at") select "id", "name", "created_at" from "community";`);
    this.addSql(`update "community" set "company_id" = "id";`);
    this.addSql(`alter table "community" alter column "company_id" set not null;`);
    this.addSql(
      `alter table "community" add constraint "community_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade;`,
    );
    this.addSql(`create index "community_company_id_index" on "community" ("company_id");`);

    this.addSql(`alter table "person" drop constraint "person_email_unique";`);
    this.addSql(
      `alter table "person" add column "account_id" uuid null, add column "committee_term_ends_on" date null, add column "deactivated_at" timestamptz null, add column "deactivation_reason" varchar(500) null;`,
    );
    // Everyone who could sign in keeps their password as an account of their community's company
    // (a phone number that two such people share stays with the first of them only).
    this.addSql(`insert into "account" ("id", "company_id", "email", "phone", "password_hash", "created_at")
      select p."id", c."company_id", p."email",
             case when p."phone" is not null and row_number() over (partition by c."company_id", p."phone" order by p."created_at", p."id") = 1 then p."phone" end,
             p."password_hash", p."created_at"
        from "person" p join "community" c on c."id" = p."community_id"
       where p."password_hash" is not null;`);
    this.addSql(`update "person" set "account_id" = "id" where "password_hash" is not null;`);
    this.addSql(`alter table "person" drop column "password_hash";`);
    this.addSql(
      `alter table "person" add constraint "person_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "person_account_id_index" on "person" ("account_id");`);
    this.addSql(`create index "person_community_id_phone_index" on "person" ("community_id", "phone");`);
    this.addSql(`alter table "person" add constraint "person_community_id_account_id_unique" unique ("community_id", "account_id");`);

    this.addSql(
      `alter table "session" add column "account_id" uuid null, add column "user_agent" varchar(300) null, add column "last_seen_at" timestamptz null;`,
    );
    this.addSql(`update "session" s set "account_id" = p."account_id" from "person" p where p."id" = s."person_id";`);
    this.addSql(`delete from "session" where "account_id" is null;`);
    this.addSql(`alter table "session" alter column "account_id" set not null;`);
    this.addSql(`alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);
  }

  override async down(): Promise<void> {
    // Passwords go back onto the person rows (an account in several communities: each of them).
    this.addSql(`alter table "person" add column "password_hash" varchar(200) null;`);
    this.addSql(`update "person" p set "password_hash" = a."password_hash" from "account" a where a."id" = p."account_id";`);
    this.addSql(`alter table "community" drop constraint "community_company_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_company_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_account_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_account_id_foreign";`);

    this.addSql(`drop table if exists "company" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "one_time_code" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);

    this.addSql(`drop index "community_company_id_index";`);
    this.addSql(`alter table "community" drop column "company_id", drop column "address";`);

    this.addSql(`drop index "person_account_id_index";`);
    this.addSql(`drop index "person_community_id_phone_index";`);
    this.addSql(`alter table "person" drop constraint "person_community_id_account_id_unique";`);
    this.addSql(
      `alter table "person" drop column "account_id", drop column "committee_term_ends_on", drop column "deactivated_at", drop column "deactivation_reason";`,
    );

    this.addSql(`alter table "person" add constraint "person_email_unique" unique ("email");`);

    this.addSql(`drop index "session_account_id_index";`);
    this.addSql(`alter table "session" drop column "account_id", drop column "user_agent", drop column "last_seen_at";`);
  }
}
