import { DEFAULT_SLA, type SlaPolicy } from '../tickets/ticket.rules.js';

/** Community-level policy, edited by the admin. Later features add their sections here. */
export interface CommunitySettings {
  sla: SlaPolicy;
}

export const defaultSettings = (): CommunitySettings => ({ sla: structuredClone(DEFAULT_SLA) });

/** Settings saved by an older version lack newer sections: fill them from the defaults. */
export function withDefaults(saved: Partial<CommunitySettings> | null | undefined): CommunitySettings {
  const defaults = defaultSettings();
  return { ...defaults, ...(saved ?? {}), sla: saved?.sla ?? defaults.sla };
}
