import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DepartmentStatsDocument } from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('department performance (绩效考核)', () => {
  it('adds up to what the tickets say, per department, for managers only', async () => {
    const manager = await app.signIn('manager@lakeside.test');
    const to = app.clock.now();
    const from = new Date(to.getTime() - 60 * 24 * 3600_000);
    const { departmentStats: rows } = await manager.run(DepartmentStatsDocument, { from: from.toISOString(), to: to.toISOString(), period: 'WEEK' });
    const departments = [...new Set(rows.map((r) => r.department))];
    expect(departments.sort()).toEqual(['CLEANING', 'CUSTOMER_SERVICE', 'MAINTENANCE', 'MANAGEMENT', 'SECURITY']);
    for (const department of departments) {
      const mine = rows.filter((r) => r.department === department);
      const [truth] = await app.sql<{ resolved: number; on_time: number; rated: number; satisfied: number; sum: number }>(
        `select count(*)::int as resolved, count(*) filter (where cardinality(missed) = 0)::int as on_time,
                count(satisfaction)::int as rated, count(*) filter (where satisfaction >= 4)::int as satisfied, coalesce(sum(satisfaction), 0)::int as sum
           from ticket where department = $1 and resolved_at >= $2 and resolved_at < $3`,
        [department, from, to],
      );
      expect(
        mine.reduce((a, r) => a + r.resolved, 0),
        department,
      ).toBe(truth!.resolved);
      expect(
        mine.reduce((a, r) => a + r.resolvedOnTime, 0),
        department,
      ).toBe(truth!.on_time);
    }
    const maintenance = rows.filter((r) => r.department === 'MAINTENANCE' && r.averageSatisfaction !== null);
    expect(maintenance.length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.resolved === 0) expect(r.slaCompliance).toBeNull();
      else expect(r.slaCompliance).toBeCloseTo(r.resolvedOnTime / r.resolved, 3);
    }
    const owner = await app.signIn('owner1@lakeside.test');
    expect((await owner.fail(DepartmentStatsDocument, { from: from.toISOString(), to: to.toISOString() })).extensions?.code).toBe('FORBIDDEN');
    expect((await manager.fail(DepartmentStatsDocument, { from: to.toISOString(), to: from.toISOString() })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
  });
});
