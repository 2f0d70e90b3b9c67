import { describe, expect, it } from 'vitest';
import { OperationLabels } from './metrics.js';

describe('OperationLabels', () => {
  it('keeps named operations, collapses the rest, and stops admitting new names at the cap', () => {
    const labels = new OperationLabels(2);
    expect(labels.label(undefined)).toBe('(invalid)');
    expect(labels.label(null)).toBe('(anonymous)');
    expect(labels.label('x'.repeat(65))).toBe('(other)');
    expect(labels.label('Board')).toBe('Board');
    expect(labels.label('Me')).toBe('Me');
    expect(labels.label('Third')).toBe('(other)');
    expect(labels.label('Board')).toBe('Board');
  });
});
