import { Migration } from '@mikro-orm/migrations';

// 常用答复 / knowledge base (#12): approved answers to common questions, searched by trigram like
// tickets (pg_trgm from Migration20261203070712_ticket_search) over a document a trigger keeps.
export class Migration20261205300000_canned_answers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "canned_answer" ("id" uuid not null, "community_id" uuid not null, "title" varchar(120) not null, "body_zh" text not null, "body_en" text null, "note" text null, "kind" text check ("kind" in ('INQUIRY', 'COMPLAINT', 'REPAIR')) null, "department" text check ("department" in ('CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT')) null, "public" boolean not null default false, "version" int not null default 1, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "approved_version" int null, "approved_title" varchar(120) null, "approved_body_zh" text null, "approved_body_en" text null, "approved_public" boolean null, "approved_by_id" uuid null, "approved_at" timestamptz null, "use_count" int not null default 0, "last_used_at" timestamptz null, "search_text" text not null default '', constraint "canned_answer_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "canned_answer_community_id_index" on "canned_answer" ("community_id");`);
    this.addSql(`create index "canned_answer_community_id_updated_at_index" on "canned_answer" ("community_id", "updated_at");`);
    this.addSql(`create index "canned_answer_community_id_use_count_index" on "canned_answer" ("community_id", "use_count");`);
    this.addSql(
      `alter table "canned_answer" add constraint "canned_answer_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "canned_answer" add constraint "canned_answer_created_by_id_foreign" foreign key ("created_by_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "canned_answer" add constraint "canned_answer_updated_by_id_foreign" foreign key ("updated_by_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "canned_answer" add constraint "canned_answer_approved_by_id_foreign" foreign key ("approved_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create function canned_answer_search_document() returns trigger language plpgsql as $$
begin
  new.search_text := concat_ws(' ', new.title, new.body_zh, new.body_en, new.note, new.approved_title, new.approved_body_zh, new.approved_body_en);
  return new;
end $$;`);
    this.addSql(
      `create trigger canned_answer_search_document before insert or update of title, body_zh, body_en, note, approved_title, approved_body_zh, approved_body_en on "canned_answer" for each row execute function canned_answer_search_document();`,
    );
    this.addSql(`create index "canned_answer_search_text_trgm" on "canned_answer" using gin ("search_text" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "canned_answer" cascade;`);
    this.addSql(`drop function if exists canned_answer_search_document();`);
  }
}
