import { Migration } from '@mikro-orm/migrations';

export class Migration20261204110000_digest_time extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "notification_settings" add column "digest_at" smallint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification_settings" drop column "digest_at";`);
  }
}
