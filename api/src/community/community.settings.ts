/**
 * A community's settings as stored (its `settings` JSON): one section per domain built on the
 * community — `sla`, `workingHours` and `holidays` (tickets), `proposals`, `reviews`, `attachments`
 * (files). Each domain reads its own section with its defaults (`<domain>.settings.ts`); the root
 * composes them (`settings.ts` beside `services.ts`), so the community knows none of them.
 */
export type StoredSettings = object;

/** The sections' defaults as the root composes them, handed to the community's services. */
export interface SettingsDefaults {
  /** Every section's defaults, for a new community. */
  defaults(): StoredSettings;
  /** Saved settings with every missing section and field filled in from the defaults. */
  complete(saved: StoredSettings | null | undefined): StoredSettings;
}
