import { Migration } from '@mikro-orm/migrations';

export class Migration20261203070731_register extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "register_import" ("id" uuid not null, "community_id" uuid not null, "file_id" uuid not null, "file_name" varchar(255) not null, "file_sha256" varchar(64) not null, "file_format" varchar(40) not null, "mode" text check ("mode" in ('MERGE', 'REPLACE')) not null, "dry_run" boolean not null, "applied" boolean not null, "summary" jsonb not null, "problems" jsonb not null, "problem_count" int not null default 0, "by_id" uuid not null, "at" timestamptz not null, constraint "register_import_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "register_import_community_id_index" on "register_import" ("community_id");`);
    this.addSql(`create index "register_import_community_id_at_index" on "register_import" ("community_id", "at");`);

    this.addSql(
      `alter table "register_import" add constraint "register_import_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "register_import" add constraint "register_import_by_id_foreign" foreign key ("by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(`alter table "person" alter column "email" drop not null;`);
    this.addSql(`alter table "person" alter column "password_hash" drop not null;`);

    this.addSql(`alter table "unit" add column "use" text check ("use" in ('RESIDENTIAL', 'COMMERCIAL', 'PARKING')) not null default 'RESIDENTIAL';`);

    this.addSql(`alter table "ownership" add column "certificate_ref" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "register_import" cascade;`);

    this.addSql(`alter table "ownership" drop column "certificate_ref";`);

    this.addSql(`alter table "person" alter column "email" set not null;`);
    this.addSql(`alter table "person" alter column "password_hash" set not null;`);

    this.addSql(`alter table "unit" drop column "use";`);
  }
}
