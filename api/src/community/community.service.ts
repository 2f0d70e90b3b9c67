import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from './person.entity.js';
import { hasAccountSql } from './person.sql.js';
import type { CommunityRef, OwnerRef } from './community.types.js';
import { Community } from './community.entity.js';
import type { SettingsDefaults, StoredSettings } from './community.settings.js';
import type { ViewerContext } from './viewer.js';
import type { AuditRecorder } from '../shared/audit.js';

/** A change to the settings: the whole settings to store, and what its audit entry records. */
export type SettingsChange = (current: StoredSettings) => { settings: StoredSettings; audit: Record<string, unknown> };

export class CommunityService {
  constructor(
    private readonly audit: AuditRecorder,
    private readonly sections: SettingsDefaults,
  ) {}

  /** Owners matching a name, phone, email or unit label (e.g. 3-2-1201), for the intake desk. One statement. */
  async findOwners(em: EntityManager, communityId: string, search: string, first: number): Promise<OwnerRef[]> {
    const term = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await em.getConnection().execute<
      {
        id: string;
        display_name: string;
        phone: string | null;
        email: string | null;
        has_account: boolean;
        units: { id: string; label: string; area: string }[];
      }[]
    >(
      `select p.id, p.display_name, p.phone, p.email, ${hasAccountSql('p')} as has_account,
              json_agg(json_build_object('id', u.id, 'label', u.label, 'area', u.area) order by u.label) as units
         from person p
         join ownership o on o.person_id = p.id
         join unit u on u.id = o.unit_id
        where p.community_id = ? and 'OWNER' = any(p.roles)
          and (? = '%%' or p.display_name ilike ? or p.phone ilike ? or p.email ilike ?
               or exists (select 1 from ownership o2 join unit u2 on u2.id = o2.unit_id where o2.person_id = p.id and u2.label ilike ?))
        group by p.id
        order by min(u.label), p.display_name
        limit ?`,
      [communityId, term, term, term, term, term, first],
    );
    return rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      phone: r.phone,
      email: r.email,
      hasAccount: r.has_account,
      units: r.units.map((u) => ({ id: u.id, label: u.label, area: Number(u.area) })),
    }));
  }

  async community(em: EntityManager, id: string): Promise<CommunityRef> {
    const c = await em.findOneOrFail(Community, { id });
    return { id: c.id, name: c.name, timezone: c.timezone };
  }

  /** The community's settings as saved (each domain reads its section with its defaults). */
  async settings(em: EntityManager, communityId: string): Promise<StoredSettings> {
    return (await em.findOneOrFail(Community, { id: communityId })).settings;
  }

  /**
   * Changes the viewer's community's settings, audited (SETTINGS_CHANGED) in one transaction. The
   * change gets the saved settings with every section completed from its defaults, and throws to refuse.
   */
  async changeSettings(em: EntityManager, viewer: ViewerContext, change: SettingsChange): Promise<CommunityRef> {
    const c = await em.findOneOrFail(Community, { id: viewer.communityId });
    const { settings, audit } = change(this.sections.complete(c.settings));
    await this.save(em, viewer, c, settings, audit);
    return { id: c.id, name: c.name, timezone: c.timezone };
  }

  /** Saves changed settings with their audit entry (SETTINGS_CHANGED), in one transaction. */
  private async save(em: EntityManager, viewer: ViewerContext, c: Community, settings: StoredSettings, data: Record<string, unknown>) {
    c.settings = settings;
    await em.transactional(async (tx) => {
      tx.persist(c);
      const actor = await tx.findOneOrFail(Person, { id: viewer.id });
      await this.audit.append(tx, {
        communityId: c.id,
        actor: { id: actor.id, name: actor.displayName },
        action: 'SETTINGS_CHANGED',
        subjectType: 'COMMUNITY',
        subjectId: c.id,
        data,
      });
    });
  }

  /** Everything held about one person, for them to see and download (个人信息查阅与导出). */
  async personalData(em: EntityManager, viewer: ViewerContext, now: Date): Promise<Record<string, unknown>> {
    const q = <T>(sql: string) => em.execute<T[]>(sql, [viewer.id]);
    const [profile, units, tickets, proposals, comments, supports, ballots, rewards, sessions, notifications, files, residents, meToo] = await Promise.all([
      q(`select display_name, email, phone, roles, department, created_at from person where id = ?`),
      q(`select u.label, u.area, o.since from ownership o join unit u on u.id = o.unit_id where o.person_id = ? order by u.label`),
      q(
        `select seq, kind, status, title, description, demand, contact_phone, common_area, to_char(preferred_visit_date, 'YYYY-MM-DD') as preferred_visit_date, preferred_visit_slot, satisfaction, return_visit_comment, created_at from ticket where owner_id = ? order by created_at`,
      ),
      q(`select seq, title, body, category, status, created_at from proposal where author_id = ? order by created_at`),
      q(
        `select c.body, c.created_at, c.hidden_at, c.hidden_reason, p.seq as proposal from proposal_comment c join proposal p on p.id = c.proposal_id where c.author_id = ? order by c.created_at`,
      ),
      q(`select p.seq as proposal, s.created_at from proposal_support s join proposal p on p.id = s.proposal_id where s.person_id = ? order by s.created_at`),
      q(`select d.question, e.choice, e.cast_at from decision_elector e join decision d on d.id = e.decision_id where e.cast_by_id = ? order by e.cast_at`),
      q(`select points, reason, at from reward_ledger_entry where person_id = ? order by at`),
      q(`select created_at, expires_at from session where person_id = ? order by created_at`),
      q(`select count(*)::int as n from notification where recipient_id = ?`),
      // Files they uploaded, and what each is attached to (the bytes are at GET /files/<id>).
      q(`select f.id, f.name, f.kind, f.content_type, f.size, f.created_at,
                case when f.ticket_event_id is not null then 'TICKET' when f.proposal_id is not null then 'PROPOSAL'
                     when f.proposal_comment_id is not null then 'COMMENT' else null end as attached_to
           from stored_file f where f.uploaded_by_id = ? order by f.created_at`),
      q(
        `select u.label as unit, r.relation, to_char(r.until, 'YYYY-MM-DD') as until from resident r join unit u on u.id = r.unit_id where r.person_id = ? order by u.label`,
      ),
      // 同报: the common-area tickets they joined.
      q(
        `select t.seq as ticket, t.common_area, m.created_at from ticket_me_too m join ticket t on t.id = m.ticket_id where m.person_id = ? order by m.created_at`,
      ),
    ]);
    return {
      exportedAt: now.toISOString(),
      profile: profile[0] ?? null,
      units,
      tickets,
      proposals,
      comments,
      supports,
      ballots,
      rewards,
      sessions,
      notifications: (notifications[0] as { n: number } | undefined)?.n ?? 0,
      files,
      residences: residents,
      meToo,
    };
  }
}
