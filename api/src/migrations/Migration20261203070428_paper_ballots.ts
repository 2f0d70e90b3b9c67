import { Migration } from '@mikro-orm/migrations';

export class Migration20261203070428_paper_ballots extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "decision" add column "article278_item" smallint null;`);

    this.addSql(
      `alter table "decision_elector" add column "channel" text check ("channel" in ('ONLINE', 'PAPER')) null, add column "reference" text null, add column "recorded_by_id" uuid null;`,
    );
    this.addSql(
      `alter table "decision_elector" add constraint "decision_elector_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "decision_elector" add constraint "decision_elector_decision_id_reference_unique" unique ("decision_id", "reference");`);
    // Every ballot cast before paper ballots existed was cast online.
    this.addSql(`update "decision_elector" set "channel" = 'ONLINE' where "choice" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "decision_elector" drop constraint "decision_elector_recorded_by_id_foreign";`);
    this.addSql(`alter table "decision_elector" drop constraint "decision_elector_decision_id_reference_unique";`);
    this.addSql(`alter table "decision_elector" drop column "channel", drop column "reference", drop column "recorded_by_id";`);

    this.addSql(`alter table "decision" drop column "article278_item";`);
  }
}
