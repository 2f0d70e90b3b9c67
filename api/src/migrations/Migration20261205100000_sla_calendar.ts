import { Migration } from '@mikro-orm/migrations';

const CLOCKS = `'RESPONSE', 'SOLUTION', 'RESOLUTION', 'PROMISED_REPLY', 'RETURN_VISIT'`;

/**
 * Business hours and 定期反馈: the working time within waits on the owner, where the update cadence
 * counts from (for open tickets: their last public line from staff), and the UPDATE clock in the
 * clock columns' checks. Working hours and holidays live in community.settings.
 */
export class Migration20261205100000_sla_calendar extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "ticket" add column "paused_work_ms" bigint not null default 0, add column "update_clock_from" timestamptz null;`);
    this.addSql(`update "ticket" t set "update_clock_from" = (
      select max(e."at") from "ticket_event" e
       where e."ticket_id" = t."id" and not e."internal" and e."actor_id" is not null and e."actor_id" <> t."owner_id")
      where t."status" <> 'CLOSED';`);
    for (const [table, column] of [
      ['ticket', 'due_clock'],
      ['ticket_event', 'clock'],
    ]) {
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_${column}_check";`);
      this.addSql(`alter table "${table}" add constraint "${table}_${column}_check" check ("${column}" in (${CLOCKS}, 'UPDATE'));`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`update "ticket" set "due_clock" = null, "due_at" = null where "due_clock" = 'UPDATE';`);
    this.addSql(`update "ticket" set "missed" = array_remove("missed", 'UPDATE');`);
    this.addSql(`delete from "ticket_event" where "clock" = 'UPDATE';`);
    for (const [table, column] of [
      ['ticket', 'due_clock'],
      ['ticket_event', 'clock'],
    ]) {
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_${column}_check";`);
      this.addSql(`alter table "${table}" add constraint "${table}_${column}_check" check ("${column}" in (${CLOCKS}));`);
    }
    this.addSql(`alter table "ticket" drop column "paused_work_ms", drop column "update_clock_from";`);
  }
}
