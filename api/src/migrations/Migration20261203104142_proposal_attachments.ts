import { Migration } from '@mikro-orm/migrations';

export class Migration20261203104142_proposal_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "stored_file" add column "proposal_id" uuid null, add column "proposal_comment_id" bigint null;`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_proposal_id_foreign" foreign key ("proposal_id") references "proposal" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_proposal_comment_id_foreign" foreign key ("proposal_comment_id") references "proposal_comment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "stored_file_proposal_id_index" on "stored_file" ("proposal_id");`);
    this.addSql(`create index "stored_file_proposal_comment_id_index" on "stored_file" ("proposal_comment_id");`);
    // A file belongs to one thing at most.
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_one_owner_check" check (num_nonnulls("ticket_event_id", "proposal_id", "proposal_comment_id") <= 1);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "stored_file" drop constraint "stored_file_one_owner_check";`);
    this.addSql(`alter table "stored_file" drop constraint "stored_file_proposal_id_foreign";`);
    this.addSql(`alter table "stored_file" drop constraint "stored_file_proposal_comment_id_foreign";`);

    this.addSql(`drop index "stored_file_proposal_id_index";`);
    this.addSql(`drop index "stored_file_proposal_comment_id_index";`);
    this.addSql(`alter table "stored_file" drop column "proposal_id", drop column "proposal_comment_id";`);
  }
}
