import { describe, expect, it } from 'vitest';
import { downloadName, headlineField, isTimestamp, parsePersonalData, timestampOf } from './personal-data';

describe('parsePersonalData', () => {
  it('splits the export into the sections shown, profile as one record', () => {
    const data = parsePersonalData(
      JSON.stringify({
        exportedAt: '2025-03-04T02:00:00.000Z',
        profile: { display_name: '王丽', phone: '13800000000' },
        units: [{ label: '3-2-1201', area: '89.50' }],
        tickets: [],
        notifications: 7,
      }),
    );
    expect(data?.exportedAt).toBe('2025-03-04T02:00:00.000Z');
    expect(data?.notifications).toBe(7);
    expect(data?.sections.map((s) => s.key)).toEqual([
      'profile',
      'units',
      'tickets',
      'proposals',
      'comments',
      'supports',
      'ballots',
      'rewards',
      'sessions',
      'notificationSettings',
      'deliveries',
    ]);
    expect(data?.sections[0]?.records).toEqual([{ display_name: '王丽', phone: '13800000000' }]);
    expect(data?.sections[1]?.records).toHaveLength(1);
    expect(data?.sections[4]?.records).toEqual([]);
  });

  it('refuses text that is not the export', () => {
    expect(parsePersonalData('not json')).toBeNull();
    expect(parsePersonalData('[1, 2]')).toBeNull();
    expect(parsePersonalData('{}')?.sections.every((s) => s.records.length === 0)).toBe(true);
  });
});

describe('helpers', () => {
  it('names the download by the local date', () => {
    expect(downloadName(new Date(2025, 0, 5, 23, 59))).toBe('cocreate-personal-data-2025-01-05.json');
  });

  it('recognises timestamps and the field that names a record', () => {
    expect(isTimestamp('2025-03-04T02:00:00.000Z')).toBe(true);
    expect(isTimestamp('2025-03-04')).toBe(false);
    expect(isTimestamp(12)).toBe(false);
    expect(timestampOf('2026-11-28 22:16:02.328+00')?.toISOString()).toBe('2026-11-28T22:16:02.328Z');
    expect(timestampOf('2026-11-28 22:16:02+08:00')?.toISOString()).toBe('2026-11-28T14:16:02.000Z');
    expect(timestampOf('2026-11-28T06:16:02.000Z')?.toISOString()).toBe('2026-11-28T06:16:02.000Z');
    expect(headlineField({ seq: 3, title: '电梯异响', body: '…' })).toBe('title');
    expect(headlineField({ points: 50 })).toBeNull();
  });
});
