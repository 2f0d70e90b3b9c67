import { Migration } from '@mikro-orm/migrations';

// The board's HOT order as a stored, time-invariant rank (see HOT_SECONDS_PER_DECADE in
// proposal.rules.ts, which computes the same in TypeScript). A generated column: PostgreSQL
// recomputes it in the same UPDATE, under the same row lock, that moves support_count or
// comment_count, whoever writes them (commands, seeds, bulk SQL). Adding it rewrites the table,
// which is the backfill. extract(epoch …) does not depend on the time zone, so the function is
// truly immutable.
export class Migration20261204130000_proposal_hot_rank extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function proposal_hot_rank(supports integer, comments integer, created_at timestamptz) returns double precision
      language sql immutable parallel safe
      as $$ select log(1::float8 + supports + comments * 0.5::float8) + extract(epoch from created_at)::float8 / 45000 $$;`);
    this.addSql(
      `alter table "proposal" add column "hot_rank" double precision generated always as (proposal_hot_rank(support_count, comment_count, created_at)) stored;`,
    );
    // The board lists proposals that were not merged away; HOT pages walk this index and stop after first + 1 rows.
    this.addSql(`create index "proposal_board_hot" on "proposal" ("community_id", "hot_rank" desc, "id" desc) where "merged_into_id" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "proposal_board_hot";`);
    this.addSql(`alter table "proposal" drop column "hot_rank";`);
    this.addSql(`drop function proposal_hot_rank(integer, integer, timestamptz);`);
  }
}
