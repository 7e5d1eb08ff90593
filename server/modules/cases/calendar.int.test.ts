import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { CALENDAR_FILE } from './service.ts';
import { createMicroGrids, garbage, people, report, type People } from './testing.ts';

let t: TestApp;
let p: People;

beforeAll(async () => {
  t = await createTestApp({ clock: '2026-03-02T01:00:00Z' }); // Monday 09:00 in Chengdu
  // A deployment's own day off: Tuesday 3 March is declared a holiday.
  writeFileSync(join(t.gz.ctx.config.dataDir, CALENDAR_FILE), JSON.stringify({ extraHolidays: ['2026-03-03'] }));
  await createMicroGrids(t);
  p = await people(t);
});
afterAll(async () => t?.close());

describe('deadlines on the deployment’s working calendar', () => {
  it('skips a day the deployment declared a holiday', async () => {
    const created = await p.admin.post('/api/v1/case-categories', {
      code: 'other.slow',
      parentCode: 'other',
      nameZh: '一日受理',
      nameEn: 'One-day acceptance',
      forceType: 'committee_member',
      limits: { reported: { unit: 'days', amount: 1 } },
      reporterVerifies: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await report(t, garbage(undefined, { category: 'other.slow' }));
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await p.village.get(`/api/v1/cases/${res.json().id}`)).json();
    // One working day after Monday: Wednesday 17:30 in Chengdu, as Tuesday is off.
    expect(detail.deadline).toBe('2026-03-04T09:30:00.000Z');
  });
});
