import { Migration } from '@mikro-orm/migrations';

const KINDS = `'OPENED', 'ANSWERED', 'DISPATCHED', 'UPDATE', 'SOLUTION_PROPOSED', 'SOLUTION_ACCEPTED', 'SOLUTION_REJECTED', 'RESOLVED', 'RETURN_VISIT', 'SLA_MISSED', 'ESCALATED', 'CANCELLED', 'URGED', 'REOPENED', 'ASSIGNED', 'FOLLOWED_UP'`;

// Public-area tickets (#12): a repair or complaint about common parts (电梯、车库、绿化) has a
// `common_area` and no unit; other owners and residents say "me too" (同报) instead of filing it
// again — one row each (the unique key), counted on the ticket in the same transaction. A repair
// may carry the owner's preferred visit (date and slot). The search document takes the common
// area where a unit ticket has its label.
export class Migration20261205200000_common_area_tickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "ticket" alter column "unit_id" drop not null;`);
    this.addSql(
      `alter table "ticket" add column "common_area" varchar(60) null, add column "me_too_count" int not null default 0, add column "preferred_visit_date" date null, add column "preferred_visit_slot" text null;`,
    );
    this.addSql(`alter table "ticket" add constraint "ticket_unit_or_common_area" check (("unit_id" is null) <> ("common_area" is null));`);
    this.addSql(
      `alter table "ticket" add constraint "ticket_preferred_visit_slot_check" check ("preferred_visit_slot" in ('MORNING', 'AFTERNOON', 'EVENING'));`,
    );
    this.addSql(
      `alter table "ticket" add constraint "ticket_preferred_visit_both" check (("preferred_visit_date" is null) = ("preferred_visit_slot" is null));`,
    );
    // The owners' list of open common-area tickets (newest first), and the form's "already reported?" lookup.
    this.addSql(
      `create index "ticket_common_area_open" on "ticket" ("community_id", "created_at" desc) where "common_area" is not null and "status" <> 'CLOSED';`,
    );

    this.addSql(
      `create table "ticket_me_too" ("id" uuid not null, "community_id" uuid not null, "ticket_id" uuid not null, "person_id" uuid not null, "created_at" timestamptz not null, constraint "ticket_me_too_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "ticket_me_too" add constraint "ticket_me_too_ticket_id_person_id_unique" unique ("ticket_id", "person_id");`);
    this.addSql(`create index "ticket_me_too_community_id_index" on "ticket_me_too" ("community_id");`);
    this.addSql(`create index "ticket_me_too_person_id_index" on "ticket_me_too" ("person_id");`);
    this.addSql(
      `alter table "ticket_me_too" add constraint "ticket_me_too_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_me_too" add constraint "ticket_me_too_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ticket_me_too" add constraint "ticket_me_too_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);
    this.addSql(`alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in (${KINDS}, 'ME_TOO', 'VISIT_PREFERRED'));`);

    this.addSql(`create or replace function ticket_search_documents() returns trigger language plpgsql as $$
begin
  new.search_text := concat_ws(' ', (select u.label from unit u where u.id = new.unit_id), new.common_area, new.title, new.description, new.demand, new.category);
  select concat_ws(' ', p.display_name, new.contact_phone, p.phone) into new.search_personal from person p where p.id = new.owner_id;
  return new;
end $$;`);
    this.addSql(`drop trigger ticket_search_documents on "ticket";`);
    this.addSql(
      `create trigger ticket_search_documents before insert or update of title, description, demand, category, unit_id, common_area, owner_id, contact_phone on "ticket" for each row execute function ticket_search_documents();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger ticket_search_documents on "ticket";`);
    this.addSql(`create or replace function ticket_search_documents() returns trigger language plpgsql as $$
begin
  select concat_ws(' ', u.label, new.title, new.description, new.demand, new.category) into new.search_text from unit u where u.id = new.unit_id;
  select concat_ws(' ', p.display_name, new.contact_phone, p.phone) into new.search_personal from person p where p.id = new.owner_id;
  return new;
end $$;`);
    this.addSql(
      `create trigger ticket_search_documents before insert or update of title, description, demand, category, unit_id, owner_id, contact_phone on "ticket" for each row execute function ticket_search_documents();`,
    );
    this.addSql(`delete from "ticket_event" where "kind" in ('ME_TOO', 'VISIT_PREFERRED');`);
    this.addSql(`alter table "ticket_event" drop constraint if exists "ticket_event_kind_check";`);
    this.addSql(`alter table "ticket_event" add constraint "ticket_event_kind_check" check("kind" in (${KINDS}));`);
    this.addSql(`drop table if exists "ticket_me_too" cascade;`);
    this.addSql(`drop index "ticket_common_area_open";`);
    this.addSql(
      `alter table "ticket" drop constraint "ticket_preferred_visit_both", drop constraint "ticket_preferred_visit_slot_check", drop constraint "ticket_unit_or_common_area";`,
    );
    this.addSql(
      `alter table "ticket" drop column "common_area", drop column "me_too_count", drop column "preferred_visit_date", drop column "preferred_visit_slot";`,
    );
    // Common-area tickets have no unit to go back to: down() refuses while any exist (the not-null fails).
    this.addSql(`alter table "ticket" alter column "unit_id" set not null;`);
  }
}
