import { Migration } from '@mikro-orm/migrations';

/** Files on objections (evidence) and on paper ballots (the scanned paper). */
export class Migration20261204090000_objection_ballot_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "stored_file" add column "objection_id" uuid null, add column "decision_elector_id" uuid null;`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_objection_id_foreign" foreign key ("objection_id") references "review_objection" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_decision_elector_id_foreign" foreign key ("decision_elector_id") references "decision_elector" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "stored_file_objection_id_index" on "stored_file" ("objection_id");`);
    this.addSql(`create index "stored_file_decision_elector_id_index" on "stored_file" ("decision_elector_id");`);
    this.addSql(`alter table "stored_file" drop constraint "stored_file_one_owner_check";`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_one_owner_check" check (num_nonnulls("ticket_event_id", "proposal_id", "proposal_comment_id", "objection_id", "decision_elector_id") <= 1);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "stored_file" where "objection_id" is not null or "decision_elector_id" is not null;`);
    this.addSql(`alter table "stored_file" drop constraint "stored_file_one_owner_check";`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_one_owner_check" check (num_nonnulls("ticket_event_id", "proposal_id", "proposal_comment_id") <= 1);`,
    );
    this.addSql(`alter table "stored_file" drop constraint "stored_file_objection_id_foreign";`);
    this.addSql(`alter table "stored_file" drop constraint "stored_file_decision_elector_id_foreign";`);
    this.addSql(`alter table "stored_file" drop column "objection_id", drop column "decision_elector_id";`);
  }
}
