import { Migration } from '@mikro-orm/migrations';

export class Migration20261128204402_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "community" ("id" uuid not null, "name" varchar(120) not null, "timezone" varchar(64) not null default 'Asia/Shanghai', "settings" jsonb not null, "created_at" timestamptz not null, constraint "community_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "building" ("id" uuid not null, "community_id" uuid not null, "number" int not null, "name" varchar(60) not null, constraint "building_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "building_community_id_index" on "building" ("community_id");`);
    this.addSql(`alter table "building" add constraint "building_community_id_number_unique" unique ("community_id", "number");`);

    this.addSql(
      `create table "login_throttle" ("email" varchar(254) not null, "failures" int not null default 0, "window_start" timestamptz not null, "locked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("email"));`,
    );

    this.addSql(
      `create table "person" ("id" uuid not null, "community_id" uuid not null, "display_name" varchar(80) not null, "email" varchar(254) not null, "phone" varchar(32) null, "password_hash" varchar(200) not null, "roles" text[] not null, "department" text check ("department" in ('CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT')) null, "created_at" timestamptz not null, constraint "person_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "person_community_id_index" on "person" ("community_id");`);
    this.addSql(`alter table "person" add constraint "person_email_unique" unique ("email");`);

    this.addSql(
      `create table "session" ("id" uuid not null, "community_id" uuid not null, "token_hash" varchar(64) not null, "person_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "session_community_id_index" on "session" ("community_id");`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_person_id_index" on "session" ("person_id");`);

    this.addSql(
      `create table "unit" ("id" uuid not null, "community_id" uuid not null, "building_id" uuid not null, "label" varchar(32) not null, "area" numeric(9,2) not null, constraint "unit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "unit_community_id_index" on "unit" ("community_id");`);
    this.addSql(`alter table "unit" add constraint "unit_community_id_label_unique" unique ("community_id", "label");`);

    this.addSql(
      `create table "ownership" ("id" uuid not null, "community_id" uuid not null, "person_id" uuid not null, "unit_id" uuid not null, "since" timestamptz not null, constraint "ownership_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ownership_community_id_index" on "ownership" ("community_id");`);
    this.addSql(`create index "ownership_person_id_index" on "ownership" ("person_id");`);
    this.addSql(`create index "ownership_unit_id_index" on "ownership" ("unit_id");`);
    this.addSql(`alter table "ownership" add constraint "ownership_person_id_unit_id_unique" unique ("person_id", "unit_id");`);

    this.addSql(
      `alter table "building" add constraint "building_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "person" add constraint "person_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(`alter table "session" add constraint "session_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);

    this.addSql(`alter table "unit" add constraint "unit_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`);
    this.addSql(`alter table "unit" add constraint "unit_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade;`);

    this.addSql(
      `alter table "ownership" add constraint "ownership_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(`alter table "ownership" add constraint "ownership_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "ownership" add constraint "ownership_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "building" drop constraint "building_community_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_community_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_community_id_foreign";`);

    this.addSql(`alter table "unit" drop constraint "unit_community_id_foreign";`);

    this.addSql(`alter table "ownership" drop constraint "ownership_community_id_foreign";`);

    this.addSql(`alter table "unit" drop constraint "unit_building_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_person_id_foreign";`);

    this.addSql(`alter table "ownership" drop constraint "ownership_person_id_foreign";`);

    this.addSql(`alter table "ownership" drop constraint "ownership_unit_id_foreign";`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "building" cascade;`);

    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "unit" cascade;`);

    this.addSql(`drop table if exists "ownership" cascade;`);
  }
}
