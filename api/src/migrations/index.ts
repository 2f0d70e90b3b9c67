// Listed here, not discovered from disk, so tsc output, tsx and vitest all run the same set.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128204402_foundation } from './Migration20261128204402_foundation.js';
import { Migration20261128210635_service_desk } from './Migration20261128210635_service_desk.js';
import { Migration20261128212254_board_decisions } from './Migration20261128212254_board_decisions.js';
import { Migration20261128212912_reviews_audit } from './Migration20261128212912_reviews_audit.js';
import { Migration20261128224528_support_by_person } from './Migration20261128224528_support_by_person.js';
import { Migration20261203070428_paper_ballots } from './Migration20261203070428_paper_ballots.js';
import { Migration20261203070712_ticket_search } from './Migration20261203070712_ticket_search.js';
import { Migration20261203070731_register } from './Migration20261203070731_register.js';
import { Migration20261203072800_files } from './Migration20261203072800_files.js';
import { Migration20261203080738_ticket_assignee } from './Migration20261203080738_ticket_assignee.js';
import { Migration20261203093500_accounts } from './Migration20261203093500_accounts.js';
import { Migration20261203094158_attachments } from './Migration20261203094158_attachments.js';
import { Migration20261203094358_notification_outbox } from './Migration20261203094358_notification_outbox.js';
import { Migration20261203104142_proposal_attachments } from './Migration20261203104142_proposal_attachments.js';
import { Migration20261203124700_bilingual_names } from './Migration20261203124700_bilingual_names.js';
import { Migration20261204090000_objection_ballot_attachments } from './Migration20261204090000_objection_ballot_attachments.js';
import { Migration20261204100000_wechat_binding } from './Migration20261204100000_wechat_binding.js';
import { Migration20261204110000_digest_time } from './Migration20261204110000_digest_time.js';
import { Migration20261204120000_ticket_follow_up } from './Migration20261204120000_ticket_follow_up.js';
import { Migration20261204130000_proposal_hot_rank } from './Migration20261204130000_proposal_hot_rank.js';
import { Migration20261205300000_canned_answers } from './Migration20261205300000_canned_answers.js';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128204402_foundation', class: Migration20261128204402_foundation },
  { name: 'Migration20261128210635_service_desk', class: Migration20261128210635_service_desk },
  { name: 'Migration20261128212254_board_decisions', class: Migration20261128212254_board_decisions },
  { name: 'Migration20261128212912_reviews_audit', class: Migration20261128212912_reviews_audit },
  { name: 'Migration20261128224528_support_by_person', class: Migration20261128224528_support_by_person },
  { name: 'Migration20261203070428_paper_ballots', class: Migration20261203070428_paper_ballots },
  { name: 'Migration20261203070712_ticket_search', class: Migration20261203070712_ticket_search },
  { name: 'Migration20261203070731_register', class: Migration20261203070731_register },
  { name: 'Migration20261203072800_files', class: Migration20261203072800_files },
  { name: 'Migration20261203080738_ticket_assignee', class: Migration20261203080738_ticket_assignee },
  { name: 'Migration20261203093500_accounts', class: Migration20261203093500_accounts },
  { name: 'Migration20261203094158_attachments', class: Migration20261203094158_attachments },
  { name: 'Migration20261203094358_notification_outbox', class: Migration20261203094358_notification_outbox },
  { name: 'Migration20261203104142_proposal_attachments', class: Migration20261203104142_proposal_attachments },
  { name: 'Migration20261203124700_bilingual_names', class: Migration20261203124700_bilingual_names },
  { name: 'Migration20261204090000_objection_ballot_attachments', class: Migration20261204090000_objection_ballot_attachments },
  { name: 'Migration20261204100000_wechat_binding', class: Migration20261204100000_wechat_binding },
  { name: 'Migration20261204110000_digest_time', class: Migration20261204110000_digest_time },
  { name: 'Migration20261204120000_ticket_follow_up', class: Migration20261204120000_ticket_follow_up },
  { name: 'Migration20261204130000_proposal_hot_rank', class: Migration20261204130000_proposal_hot_rank },
  { name: 'Migration20261205300000_canned_answers', class: Migration20261205300000_canned_answers },
];
