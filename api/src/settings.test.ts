import { describe, expect, it } from 'vitest';
import { changedSettings, defaultSettings, settingsView, withDefaults } from './settings.js';
import { Urgency } from './tickets/ticket.enums.js';

describe('the composed community settings', () => {
  it('store every section under its key, in one JSON', () => {
    expect(Object.keys(defaultSettings())).toEqual(['sla', 'proposals', 'reviews', 'attachments', 'workingHours', 'holidays']);
    expect(defaultSettings().proposals).toEqual({ supportThreshold: 20 });
    expect(defaultSettings().attachments).toEqual({ keepOriginals: false, repairResolutionNeedsPhoto: false });
  });

  it('fill what an older version did not save, keep what it did, and change nothing when applied twice', () => {
    const saved = { sla: { returnVisitHours: 48, targets: { URGENT: { responseMinutes: 5 } } }, proposals: { supportThreshold: 3 }, legacy: true };
    const completed = withDefaults(saved);
    expect(completed.sla.returnVisitHours).toBe(48);
    expect(completed.sla.targets[Urgency.URGENT]).toEqual({ ...defaultSettings().sla.targets[Urgency.URGENT], responseMinutes: 5 });
    expect(completed.sla.targets[Urgency.LOW]).toEqual(defaultSettings().sla.targets[Urgency.LOW]);
    expect(completed.proposals.supportThreshold).toBe(3);
    expect(completed.reviews).toEqual(defaultSettings().reviews);
    expect((completed as unknown as { legacy: boolean }).legacy).toBe(true);
    expect(withDefaults(completed)).toEqual(completed);
    expect(withDefaults(null)).toEqual(defaultSettings());
  });

  it('change only the sections given, each checked by its domain', () => {
    const before = defaultSettings();
    const after = changedSettings(before, { supportThreshold: 7, attachments: { keepOriginals: true } });
    expect(after).toEqual({ ...before, proposals: { supportThreshold: 7 }, attachments: { keepOriginals: true, repairResolutionNeedsPhoto: false } });
    expect(before.proposals.supportThreshold).toBe(20);
    expect(() => changedSettings(before, { minReviewers: 0 })).toThrow();
    expect(settingsView(after).supportThreshold).toBe(7);
  });
});
