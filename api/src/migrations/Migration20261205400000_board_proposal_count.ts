import { Migration } from '@mikro-orm/migrations';

// The board's total (proposals not merged away) as a counter on the community, so an unfiltered
// page reads one row instead of counting every proposal (issue 15). Kept by triggers, so every
// writer keeps it — commands, seeds and bulk SQL alike — in the transaction of the change: inserts
// and deletes per statement (one update per community however many rows), a merge per row and only
// when merged_into_id changes (support and comment updates do not fire it). A submission already
// holds the community row (proposal_seq), so the counter adds no new lock order.
export class Migration20261205400000_board_proposal_count extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "community" add column "board_proposal_count" integer not null default 0;`);
    this.addSql(`create function proposal_board_count_insert() returns trigger language plpgsql as $$
      begin
        update community c set board_proposal_count = c.board_proposal_count + n.n
          from (select community_id, count(*)::int as n from new_rows where merged_into_id is null group by community_id) n
         where c.id = n.community_id;
        return null;
      end $$;`);
    this.addSql(`create function proposal_board_count_delete() returns trigger language plpgsql as $$
      begin
        update community c set board_proposal_count = c.board_proposal_count - o.n
          from (select community_id, count(*)::int as n from old_rows where merged_into_id is null group by community_id) o
         where c.id = o.community_id;
        return null;
      end $$;`);
    this.addSql(`create function proposal_board_count_merge() returns trigger language plpgsql as $$
      begin
        update community set board_proposal_count = board_proposal_count
          + (case when new.merged_into_id is null then 1 else 0 end) - (case when old.merged_into_id is null then 1 else 0 end)
         where id = new.community_id;
        return null;
      end $$;`);
    this.addSql(`create trigger proposal_board_count_insert after insert on proposal referencing new table as new_rows
      for each statement execute function proposal_board_count_insert();`);
    this.addSql(`create trigger proposal_board_count_delete after delete on proposal referencing old table as old_rows
      for each statement execute function proposal_board_count_delete();`);
    this.addSql(`create trigger proposal_board_count_merge after update of merged_into_id on proposal
      for each row when (old.merged_into_id is distinct from new.merged_into_id) execute function proposal_board_count_merge();`);
    this.addSql(`update community c set board_proposal_count = (select count(*) from proposal p where p.community_id = c.id and p.merged_into_id is null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger proposal_board_count_merge on proposal;`);
    this.addSql(`drop trigger proposal_board_count_delete on proposal;`);
    this.addSql(`drop trigger proposal_board_count_insert on proposal;`);
    this.addSql(`drop function proposal_board_count_merge();`);
    this.addSql(`drop function proposal_board_count_delete();`);
    this.addSql(`drop function proposal_board_count_insert();`);
    this.addSql(`alter table "community" drop column "board_proposal_count";`);
  }

}
