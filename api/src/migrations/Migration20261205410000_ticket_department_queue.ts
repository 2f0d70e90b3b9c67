import { Migration } from '@mikro-orm/migrations';

// A department's queue by due time (`tickets(filter: { mine: true }, orderBy: DUE)` for maintenance,
// security, cleaning, management): its tickets until resolved, soonest due first. The older
// (community_id, department, due_at) index also holds every resolved and closed ticket — which keep
// their due time — so the walk read and threw away history before finding open work, and sorted
// ties by id. This one holds open work only, in exactly the page's order: a page is first + 1
// index entries, and the total is counted over open work only.
export class Migration20261205410000_ticket_department_queue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "ticket_department_queue" on "ticket" ("community_id", "department", "due_at" asc nulls last, "id" asc)
      where "status" not in ('RESOLVED', 'CLOSED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "ticket_department_queue";`);
  }
}
