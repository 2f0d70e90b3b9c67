import { Migration } from '@mikro-orm/migrations';

// Rubric criteria and reward tiers get an English name beside the community's zh-CN one (#16). Until
// now both languages shared one string, "创新性 Innovation", which the portal split on the last run of
// ASCII after a space. Data only: the names live in jsonb (community settings, the company's template,
// each review's snapshot) and in review.tier_name, which must keep matching its review's tiers.

interface Named {
  name: string;
  nameEn?: string | null;
}

const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** "创新性 Innovation" → 创新性 + Innovation; a name in one language only stays as it is. */
export function splitName(item: Named): Named {
  if (item.nameEn) return item;
  const match = /^(.+?)\s+([A-Za-z][\x20-\x7E]*)$/.exec(item.name.trim());
  if (!match || !HAN.test(match[1]!)) return { ...item, nameEn: null };
  return { ...item, name: match[1]!.trim(), nameEn: match[2]!.trim() };
}

/** Back to one string, the form the code before this migration reads. */
export function joinName(item: Named): Named {
  const { nameEn, ...rest } = item;
  return nameEn ? { ...rest, name: `${item.name} ${nameEn}` } : rest;
}

type Change = (item: Named) => Named;

/** Settings (or a template) with every criterion and tier name changed; null when nothing changed. */
export function changeSettings(settings: unknown, change: Change): unknown {
  const reviews = (settings as { reviews?: { criteria?: Named[]; tiers?: Named[] } } | null)?.reviews;
  if (!reviews) return null;
  const next = { ...reviews, criteria: reviews.criteria?.map(change), tiers: reviews.tiers?.map(change) };
  if (JSON.stringify(next) === JSON.stringify(reviews)) return null;
  return { ...(settings as object), reviews: next };
}

export class Migration20261203124700_bilingual_names extends Migration {
  override async up(): Promise<void> {
    await this.rewrite(splitName);
  }

  override async down(): Promise<void> {
    await this.rewrite(joinName);
  }

  private async rewrite(change: Change): Promise<void> {
    for (const row of await this.execute(`select id, settings from community`)) {
      const next = changeSettings(row.settings, change);
      if (next) await this.execute(`update community set settings = ?::jsonb where id = ?`, [JSON.stringify(next), row.id]);
    }
    for (const row of await this.execute(`select id, settings_template from company where settings_template is not null`)) {
      const next = changeSettings(row.settings_template, change);
      if (next) await this.execute(`update company set settings_template = ?::jsonb where id = ?`, [JSON.stringify(next), row.id]);
    }
    for (const row of await this.execute(`select id, criteria, tiers, tier_name from review`)) {
      const tiers = (row.tiers as Named[]).map(change);
      const criteria = (row.criteria as Named[]).map(change);
      // The awarded tier is named on the review and found again among its tiers by that name.
      const awarded = (row.tiers as Named[]).findIndex((t) => t.name === row.tier_name);
      const tierName = awarded >= 0 ? tiers[awarded]!.name : row.tier_name;
      if (JSON.stringify([criteria, tiers, tierName]) === JSON.stringify([row.criteria, row.tiers, row.tier_name])) continue;
      await this.execute(`update review set criteria = ?::jsonb, tiers = ?::jsonb, tier_name = ? where id = ?`, [
        JSON.stringify(criteria),
        JSON.stringify(tiers),
        tierName,
        row.id,
      ]);
    }
  }
}
