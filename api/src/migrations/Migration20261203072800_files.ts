import { Migration } from '@mikro-orm/migrations';

export class Migration20261203072800_files extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "stored_file" ("id" uuid not null, "community_id" uuid not null, "uploaded_by_id" uuid not null, "name" varchar(255) not null, "size" int not null, "content_type" varchar(100) not null, "sha256" char(64) not null, "created_at" timestamptz not null, constraint "stored_file_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "stored_file_community_id_index" on "stored_file" ("community_id");`);
    this.addSql(`create index "stored_file_sha256_index" on "stored_file" ("sha256");`);

    this.addSql(
      `alter table "stored_file" add constraint "stored_file_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "person" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stored_file" cascade;`);
  }
}
