import { Migration } from '@mikro-orm/migrations';

export class Migration20261204100000_wechat_binding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account" add column "wechat_openid" varchar(64) null, add column "wechat_bound_at" timestamptz null;`);
    this.addSql(`alter table "account" add constraint "account_wechat_openid_unique" unique ("wechat_openid");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop constraint "account_wechat_openid_unique";`);
    this.addSql(`alter table "account" drop column "wechat_openid", drop column "wechat_bound_at";`);
  }
}
