import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditRecorder } from '../shared/audit.js';
import type { ViewerContext } from './viewer.js';
import { DomainError, forbidden } from '../shared/errors.js';
import { Department } from './community.enums.js';
import type { SettingsDefaults } from './community.settings.js';
import type { CommunityRef } from './community.types.js';
import { hasAccountSql } from './person.sql.js';

export interface CommunityFigures {
  communityId: string;
  name: string;
  units: number;
  openTickets: number;
  overdueTickets: number;
  slaCompliance: number | null;
  returnVisitRate: number | null;
  satisfactionRate: number | null;
  openVotes: number;
  accounts: number;
}

const FIGURES_DAYS = 30;

const validTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return /^[A-Za-z_]+\/[A-Za-z_\-+0-9/]+$|^UTC$/.test(zone);
  } catch {
    return false;
  }
};

/**
 * 物业公司: its communities, created by the company admin (settings copied from the company's
 * template), and their headline figures side by side. Nothing here crosses into another company.
 */
export class CompanyService {
  constructor(
    private readonly audit: AuditRecorder,
    private readonly settings: SettingsDefaults,
  ) {}

  /**
   * A new community of the viewer's company, with the company admin as its first admin (they add
   * its staff and import its register from there).
   */
  async createCommunity(em: EntityManager, viewer: ViewerContext, input: { name: string; address?: string | null; timezone: string }): Promise<CommunityRef> {
    const companyId = requireCompanyAdmin(viewer);
    const name = input.name.trim();
    if ([...name].length < 2) throw new DomainError('BAD_USER_INPUT', 'name: must be at least 2 characters', { field: 'name', reason: 'TOO_SHORT' });
    const timezone = input.timezone.trim();
    if (!validTimeZone(timezone))
      throw new DomainError('BAD_USER_INPUT', `timezone: "${timezone.slice(0, 64)}" is not an IANA time zone like Asia/Shanghai`, {
        field: 'timezone',
        reason: 'TIMEZONE_INVALID',
      });
    return em.transactional(async (tx) => {
      const [taken] = await tx.execute<{ id: string }[]>(`select id from community where company_id = ? and lower(name) = lower(?)`, [companyId, name]);
      if (taken) throw new DomainError('CONFLICT', 'name: the company already has a community of this name', { field: 'name', reason: 'NAME_TAKEN' });
      const [company] = await tx.execute<{ settings_template: unknown }[]>(`select settings_template from company where id = ? for update`, [companyId]);
      const [community] = await tx.execute<CommunityRef[]>(
        `insert into community (id, company_id, name, address, timezone, settings, ticket_seq, proposal_seq, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?::jsonb, 0, 0, now()) returning id, name, timezone`,
        [companyId, name, input.address?.trim() || null, timezone, JSON.stringify(company?.settings_template ?? this.settings.defaults())],
      );
      const [me] = await tx.execute<{ display_name: string; phone: string | null; email: string | null }[]>(
        `select display_name, phone, email from person where id = ?`,
        [viewer.id],
      );
      await tx.execute(
        `insert into person (id, community_id, display_name, phone, email, account_id, roles, leads_department, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, '{ADMIN}', false, now())`,
        [community!.id, me!.display_name, me!.phone, me!.email, viewer.accountId],
      );
      await this.audit.append(tx, {
        communityId: community!.id,
        actor: { id: viewer.id, name: me!.display_name },
        action: 'COMMUNITY_CREATED',
        subjectType: 'COMMUNITY',
        subjectId: community!.id,
        data: { name, address: input.address?.trim() || null, timezone },
      });
      return community!;
    });
  }

  /** Each community's headline figures, one statement for the whole company. */
  async overview(em: EntityManager, viewer: ViewerContext, now: Date): Promise<CommunityFigures[]> {
    const companyId = viewer.companyId;
    if (!companyId || !(viewer.companyAdmin || viewer.department === Department.MANAGEMENT))
      throw forbidden('The company view is for the company admin and management.', 'ADMIN_ONLY');
    const since = new Date(now.getTime() - FIGURES_DAYS * 86_400_000);
    const rows = await em.execute<
      {
        id: string;
        name: string;
        units: number;
        open: number;
        overdue: number;
        resolved: number;
        on_time: number;
        visits: number;
        rated: number;
        satisfied: number;
        votes: number;
        accounts: number;
      }[]
    >(
      `select c.id, c.name,
              (select count(*)::int from unit u where u.community_id = c.id) as units,
              (select count(*)::int from ticket t where t.community_id = c.id and t.status <> 'CLOSED') as open,
              (select count(*)::int from ticket t where t.community_id = c.id and t.status <> 'CLOSED' and t.due_at < ?) as overdue,
              r.resolved, r.on_time, r.visits, r.rated, r.satisfied,
              (select count(*)::int from decision d where d.community_id = c.id and d.status = 'OPEN') as votes,
              (select count(*)::int from person p where p.community_id = c.id and p.deactivated_at is null and ${hasAccountSql('p')}) as accounts
         from community c
         cross join lateral (
           select count(*)::int as resolved, count(*) filter (where cardinality(t.missed) = 0)::int as on_time,
                  count(*) filter (where t.closed_at is not null)::int as visits,
                  count(*) filter (where t.satisfaction is not null)::int as rated, count(*) filter (where t.satisfaction >= 4)::int as satisfied
             from ticket t where t.community_id = c.id and t.resolved_at >= ?) r
        where c.company_id = ?
        order by c.created_at, c.name`,
      [now, since, companyId],
    );
    const rate = (n: number, of: number) => (of === 0 ? null : n / of);
    return rows.map((r) => ({
      communityId: r.id,
      name: r.name,
      units: r.units,
      openTickets: r.open,
      overdueTickets: r.overdue,
      slaCompliance: rate(r.on_time, r.resolved),
      returnVisitRate: rate(r.visits, r.resolved),
      satisfactionRate: rate(r.satisfied, r.rated),
      openVotes: r.votes,
      accounts: r.accounts,
    }));
  }
}

function requireCompanyAdmin(viewer: ViewerContext): string {
  if (!viewer.companyAdmin || !viewer.companyId) throw forbidden('Only the company admin creates communities.', 'ADMIN_ONLY');
  return viewer.companyId;
}
