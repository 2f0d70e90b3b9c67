import { describe, expect, it } from 'vitest';
import type { TicketDetailFragment } from '@cocreate/schema';
import { beforeAfter } from './pair';

type Event = TicketDetailFragment['events'][number];
const photo = (id: string, kind: 'IMAGE' | 'DOCUMENT' = 'IMAGE') => ({
  id,
  kind,
  name: `${id}.webp`,
  contentType: 'image/webp',
  size: 1,
  width: 1,
  height: 1,
  thumbnailUrl: null,
  url: `/files/${id}`,
});
const event = (kind: string, ...attachments: ReturnType<typeof photo>[]) => ({ kind, attachments }) as unknown as Event;

describe('beforeAfter', () => {
  it('pairs the last photo before the resolution with the resolution’s first photo', () => {
    const pair = beforeAfter([event('OPENED', photo('a'), photo('b')), event('UPDATE', photo('c')), event('RESOLVED', photo('q', 'DOCUMENT'), photo('after'))]);
    expect([pair?.before.id, pair?.after.id]).toEqual(['c', 'after']);
  });

  it('is null without a photo on either side, or before the resolution', () => {
    expect(beforeAfter([event('OPENED', photo('a'))])).toBeNull();
    expect(beforeAfter([event('OPENED'), event('RESOLVED', photo('x'))])).toBeNull();
    expect(beforeAfter([event('OPENED', photo('a')), event('RESOLVED', photo('d', 'DOCUMENT'))])).toBeNull();
  });

  it('takes the latest resolution after a reopen', () => {
    const pair = beforeAfter([
      event('OPENED', photo('a')),
      event('RESOLVED', photo('r1')),
      event('REOPENED'),
      event('UPDATE', photo('b')),
      event('RESOLVED', photo('r2')),
    ]);
    expect([pair?.before.id, pair?.after.id]).toEqual(['b', 'r2']);
  });
});
