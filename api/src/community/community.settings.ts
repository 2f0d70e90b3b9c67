/** Community-level policy. Later features add their sections here (SLA, thresholds, rubric). */
export interface CommunitySettings {
  locale: 'zh-CN' | 'en';
}

export const defaultSettings = (): CommunitySettings => ({ locale: 'zh-CN' });
