import { Migration } from '@mikro-orm/migrations';

export class Migration20261128224528_support_by_person extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "proposal_support_person_id_proposal_id_index" on "proposal_support" ("person_id", "proposal_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "proposal_support_person_id_proposal_id_index";`);
  }
}
