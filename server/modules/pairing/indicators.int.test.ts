import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

const DISTRICT = '510113000000';
const YIHU = '510113002001'; // 怡湖社区, the demo village cadre's
const SEED_FIGURES = {
  'pairing.pairings': 171,
  'pairing.projects': 113,
  'pairing.orgs.agency_enterprise': 55,
  'pairing.orgs.two_new': 24,
  'pairing.towns_covered': 7,
  'pairing.villages_covered': 83,
  'pairing.modes': 11,
  'pairing.task_templates': 22,
};

let t: TestApp;
let admin: Session;

async function figures(region = DISTRICT): Promise<Record<string, number>> {
  const res = await admin.get(`/api/v1/indicators?region=${region}&module=pairing`);
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(res.json().items.map((i: { id: string; value: number }) => [i.id, i.value]));
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin', 'gongzhi-demo');
}, 120_000);
afterAll(async () => t?.close());

describe('the demo reproduces the article', () => {
  it('reads 171 pairings, 113 projects, 55 + 24 partners, 7 towns and 83 villages covered, 11 modes with 22 tasks', async () => {
    expect(await figures()).toEqual(SEED_FIGURES);
  });

  it('drills into the records behind each figure', async () => {
    for (const [id, value] of Object.entries(SEED_FIGURES)) {
      const res = await admin.get(`/api/v1/indicators/${id}/records?region=${DISTRICT}&limit=500`);
      expect(res.statusCode, id).toBe(200);
      expect(res.json().total, id).toBe(value);
      expect(res.json().rows, id).toHaveLength(value);
    }
    const towns = (await admin.get(`/api/v1/indicators/pairing.towns_covered/records?region=${DISTRICT}`)).json().rows.map((r: { name: string }) => r.name);
    expect(towns).toEqual(['大弯街道', '大同街道', '弥牟镇', '城厢镇', '姚渡镇', '清泉镇', '福洪镇']);
  });

  it('shows all of it on the coverage page: every town and village covered, some units idle, one over capacity', async () => {
    const c = (await admin.get(`/api/v1/pairing/coverage?region=${DISTRICT}`)).json();
    expect(c.totals).toEqual({ towns: 7, townsCovered: 7, villages: 83, villagesCovered: 83, pairings: 171 });
    expect(c.unpairedOrgs.length).toBeGreaterThan(0);
    expect(c.overCapacity.map((o: { name: string }) => o.name)).toEqual(['区农业农村局']);
    expect(c.townsByMode.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(171);
  });

  it('keeps some proposed and finished pairings out of the count', async () => {
    for (const status of ['proposed', 'concluded', 'dissolved']) {
      expect((await admin.get(`/api/v1/pairings?status=${status}`)).json().items.length, status).toBeGreaterThan(0);
    }
  });
});

describe('demo users', () => {
  it('shows the demo liaison only their organisation’s pairings', async () => {
    const liaison = await t.login('liaison', 'gongzhi-demo');
    const me = (await liaison.get('/api/v1/auth/me')).json().user;
    expect(me.orgId).not.toBeNull();
    const mine = (await liaison.get('/api/v1/pairings?limit=500')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p: { parties: { orgId: string }[] }) => p.parties.some((x) => x.orgId === me.orgId))).toBe(true);
  });

  it('shows the demo village cadre only 怡湖社区’s pairings', async () => {
    const cadre = await t.login('village', 'gongzhi-demo');
    const mine = (await cadre.get('/api/v1/pairings?limit=500')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p: { parties: { regionCode: string }[] }) => p.parties.some((x) => x.regionCode === YIHU))).toBe(true);
  });
});

describe('the figures move with the records', () => {
  it('counts a new active pairing, its new partner, its project, and a retired mode', async () => {
    const bureau = await admin.post('/api/v1/orgs', { name: '区气象局', domain: 'agency', regionCode: DISTRICT, capacity: 2, resourceTags: ['technology'] });
    const firm = await admin.post('/api/v1/orgs', { name: '成都天府农服科技有限公司', domain: 'two_new_economic', regionCode: DISTRICT, capacity: 2, resourceTags: ['technology'] });
    const village = (await admin.get(`/api/v1/orgs?region=${YIHU}`)).json().items[0];
    const created = await admin.post('/api/v1/pairings', {
      modeKey: 'technology',
      mechanismKey: 'industry_two_new_village',
      parties: [
        { orgId: bureau.json().id, role: 'helping', lead: true },
        { orgId: firm.json().id, role: 'helping' },
        { orgId: village.id, role: 'helped' },
      ],
      startDate: '2026-01-01',
      status: 'active',
    });
    expect(created.statusCode, created.body).toBe(201);
    await admin.post(`/api/v1/pairings/${created.json().id}/projects`, { title: '怡湖社区智慧气象站', regionCode: YIHU, budgetFen: 3_000_000, startDate: '2026-01-15' });
    const mode = (await admin.get('/api/v1/pairing/config')).json().modes.find((m: { key: string }) => m.key === 'legal');
    await admin.patch('/api/v1/pairing/config/modes/legal', { version: mode.version, active: false });
    expect(await figures()).toEqual({
      ...SEED_FIGURES,
      'pairing.pairings': 172,
      'pairing.projects': 114,
      'pairing.orgs.agency_enterprise': 56,
      'pairing.orgs.two_new': 25,
      'pairing.modes': 10,
      'pairing.task_templates': 20,
    });
  });

  it('counts a town’s own subtree only', async () => {
    const dawan = await figures('510113002000');
    expect(dawan['pairing.towns_covered']).toBe(1);
    expect(dawan['pairing.villages_covered']).toBe(18);
    expect(dawan['pairing.orgs.agency_enterprise']).toBe(0); // the bureaus sit at the district
    expect(dawan['pairing.pairings']).toBeGreaterThan(0);
    expect(dawan['pairing.pairings']).toBeLessThan(172);
  });
});
