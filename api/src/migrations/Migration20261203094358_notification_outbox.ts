import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094358_notification_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "notification_settings" ("person_id" uuid not null, "language" varchar(5) not null default 'zh-CN', "quiet_start" smallint null default 1320, "quiet_end" smallint null default 420, "digest" boolean not null default false, "updated_at" timestamptz not null, constraint "notification_settings_pkey" primary key ("person_id"));`,
    );

    this.addSql(
      `create table "notification_preference" ("person_id" uuid not null, "kind" varchar(60) not null, "channels" text[] not null, "updated_at" timestamptz not null, constraint "notification_preference_pkey" primary key ("person_id", "kind"));`,
    );

    this.addSql(
      `create table "notification_delivery" ("id" uuid not null, "community_id" uuid null, "notification_id" bigint null, "person_id" uuid null, "channel" varchar(10) not null, "address" varchar(254) not null, "subject" varchar(200) not null, "body" text null, "template" varchar(20) not null default 'NOTICE', "params" jsonb not null, "status" varchar(10) not null default 'PENDING', "digest" boolean not null default false, "attempts" smallint not null default 0, "max_attempts" smallint not null, "last_error" varchar(500) null, "provider_id" varchar(200) null, "run_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "sent_at" timestamptz null, constraint "notification_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "notification_delivery_person_id_index" on "notification_delivery" ("person_id");`);
    this.addSql(`create index "notification_delivery_sending_idx" on "notification_delivery" ("updated_at") where "status" = 'SENDING';`);
    this.addSql(
      `create index "notification_delivery_digest_idx" on "notification_delivery" ("person_id", "created_at") where "digest" and "status" = 'PENDING';`,
    );
    this.addSql(
      `create index "notification_delivery_failed_idx" on "notification_delivery" ("community_id", "updated_at" desc, "id") where "status" = 'FAILED';`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_notification_id_channel_unique" unique ("notification_id", "channel");`,
    );

    this.addSql(
      `alter table "notification_settings" add constraint "notification_settings_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_notification_id_foreign" foreign key ("notification_id") references "notification" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_settings" cascade;`);

    this.addSql(`drop table if exists "notification_preference" cascade;`);

    this.addSql(`drop table if exists "notification_delivery" cascade;`);
  }
}
