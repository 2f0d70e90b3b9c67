import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094158_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "stored_file" add column "kind" varchar(10) null, add column "width" int null, add column "height" int null, add column "thumbnail_sha256" char(64) null, add column "original_sha256" char(64) null, add column "ticket_event_id" bigint null, add column "position" smallint null, add column "attached_at" timestamptz null;`,
    );
    // Every file so far was a register import: a CSV or an XLSX.
    this.addSql(`update "stored_file" set "kind" = case when "content_type" like 'text/csv%' then 'text' else 'xlsx' end;`);
    this.addSql(`alter table "stored_file" alter column "kind" set not null;`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_ticket_event_id_foreign" foreign key ("ticket_event_id") references "ticket_event" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "stored_file_thumbnail_sha256_index" on "stored_file" ("thumbnail_sha256");`);
    this.addSql(`create index "stored_file_original_sha256_index" on "stored_file" ("original_sha256");`);
    this.addSql(`create index "stored_file_ticket_event_id_index" on "stored_file" ("ticket_event_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "stored_file" drop constraint "stored_file_ticket_event_id_foreign";`);

    this.addSql(`drop index "stored_file_thumbnail_sha256_index";`);
    this.addSql(`drop index "stored_file_original_sha256_index";`);
    this.addSql(`drop index "stored_file_ticket_event_id_index";`);
    this.addSql(
      `alter table "stored_file" drop column "kind", drop column "width", drop column "height", drop column "thumbnail_sha256", drop column "original_sha256", drop column "ticket_event_id", drop column "position", drop column "attached_at";`,
    );
  }
}
