import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, expectRejectedWithoutWrites } from '../../testing/bad-input.ts';
import { countRows, createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

const DISTRICT = '510113000000';
const DAWAN = '510113002000'; // 大弯街道
const YIHU = '510113002001'; // 怡湖社区
const SHIJIANIAN = '510113002002'; // 石家碾社区
const SHIBAWAN = '510113104204'; // 十八湾村
const TONGFU = '510113003200'; // 同福村
const TODAY = '2026-03-02';
const WRITE_TABLES = ['pairings', 'pairing_parties', 'pairing_tasks', 'pairing_task_evidence', 'pairing_modes', 'pairing_task_templates', 'pairing_mechanisms', 'projects', 'audit_log'];

let t: TestApp;
let admin: Session;
let town: Session;
let cadre: Session;
let liaison: Session;
const org: Record<string, { id: string; version: number }> = {};

async function newOrg(key: string, name: string, domain: string, capacity: number, resourceTags: string[] = []) {
  const res = await admin.post('/api/v1/orgs', { name, domain, regionCode: DISTRICT, capacity, resourceTags });
  expect(res.statusCode, res.body).toBe(201);
  org[key] = res.json();
}

async function villageOrg(code: string): Promise<string> {
  return (await admin.get(`/api/v1/orgs?region=${code}`)).json().items.find((o: { anchorRegionCode: string }) => o.anchorRegionCode === code).id;
}

const pairing = (helping: string, helped: string, over: Record<string, unknown> = {}) => ({
  modeKey: 'medical',
  mechanismKey: 'agency_village',
  parties: [
    { orgId: helping, role: 'helping', lead: true },
    { orgId: helped, role: 'helped' },
  ],
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  ...over,
});

async function counts() {
  return Promise.all(WRITE_TABLES.map((table) => countRows(t, table)));
}

beforeAll(async () => {
  t = await createTestApp({ clock: `${TODAY}T04:00:00.000Z` });
  admin = await t.userSession('district_admin', [DISTRICT]);
  town = await t.userSession('town_admin', [DAWAN]);
  cadre = await t.userSession('village_cadre', [YIHU]);
  await newOrg('health', '区卫生健康局', 'agency', 2, ['medical']);
  await newOrg('justice', '区司法局', 'agency', 1, ['legal']);
  await newOrg('lawyers', '青白江区律师协会', 'two_new_social', 3, ['legal']);
  await newOrg('idle', '区档案馆', 'institution', 2, ['culture']);
  org.yihu = { id: await villageOrg(YIHU), version: 0 };
  org.shijianian = { id: await villageOrg(SHIJIANIAN), version: 0 };
  org.shibawan = { id: await villageOrg(SHIBAWAN), version: 0 };
  org.tongfu = { id: await villageOrg(TONGFU), version: 0 };
  liaison = await t.userSession('org_liaison', [DISTRICT], { orgId: org.health!.id });
});
afterAll(async () => t?.close());

describe('making pairings', () => {
  it('creates a proposed pairing with its tasks from the mode’s two templates, audited', async () => {
    const res = await admin.post('/api/v1/pairings', pairing(org.health!.id, org.yihu!.id));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      title: '区卫生健康局结对怡湖社区党委·医疗帮扶',
      status: 'proposed',
      modeName: { zh: '医疗帮扶' },
      mechanismName: { zh: '机关+村社' },
      regionCode: YIHU,
      parties: [
        { orgId: org.health!.id, name: '区卫生健康局', role: 'helping', lead: true },
        { orgId: org.yihu!.id, name: '怡湖社区党委', role: 'helped', lead: false },
      ],
    });
    expect(p.tasks.map((x: { title: string; dueDate: string; ownerName: string; status: string }) => [x.title, x.dueDate, x.ownerName, x.status])).toEqual([
      ['开展义诊巡诊活动', '2026-04-01', '区卫生健康局', 'todo'],
      ['开展健康知识讲座', '2026-05-01', '区卫生健康局', 'todo'],
    ]);
    const audit = await t.gz.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['pairing.create']);
  });

  it('refuses parties that break the mechanism with 422, a readable message, and nothing written', async () => {
    const before = await counts();
    const res = await admin.post('/api/v1/pairings', pairing(org.lawyers!.id, org.shibawan!.id));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('青白江区律师协会');
    expect(res.json().error.message).toContain('机关+村社');
    const two = await admin.post('/api/v1/pairings', pairing(org.health!.id, org.justice!.id));
    expect(two.statusCode).toBe(422);
    expect(two.json().error.message).toContain('区司法局');
    const noLead = await admin.post('/api/v1/pairings', pairing(org.health!.id, org.shibawan!.id, { parties: [{ orgId: org.health!.id, role: 'helping' }, { orgId: org.shibawan!.id, role: 'helped' }] }));
    expect(noLead.statusCode).toBe(422);
    expect(noLead.json().error.message).toContain('exactly one lead');
    expect(await counts()).toEqual(before);
  });

  it('takes three parties under industry + two-new + village', async () => {
    const res = await admin.post(
      '/api/v1/pairings',
      pairing(org.justice!.id, org.shibawan!.id, {
        modeKey: 'legal',
        mechanismKey: 'industry_two_new_village',
        status: 'active',
        parties: [
          { orgId: org.justice!.id, role: 'helping', lead: true },
          { orgId: org.lawyers!.id, role: 'helping' },
          { orgId: org.shibawan!.id, role: 'helped' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'active', parties: [{ name: '区司法局' }, { name: '青白江区律师协会' }, { name: '十八湾村党委' }] });
  });

  it('answers 409 to the same parties under the same mode, and nothing is written', async () => {
    const before = await counts();
    const res = await admin.post('/api/v1/pairings', pairing(org.health!.id, org.yihu!.id));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', existingStatus: 'proposed' });
    expect(await counts()).toEqual(before);
    const otherMode = await admin.post('/api/v1/pairings', pairing(org.health!.id, org.yihu!.id, { modeKey: 'livelihood' }));
    expect(otherMode.statusCode).toBe(201);
  });

  it('keeps a party within its capacity (422, nothing written) unless an admin gives a reason', async () => {
    // 区司法局 has capacity 1 and one active pairing already.
    const before = await counts();
    const over = await admin.post('/api/v1/pairings', pairing(org.justice!.id, org.tongfu!.id, { modeKey: 'legal', status: 'active' }));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toContain('区司法局 already has 1 active pairings for a capacity of 1');
    expect(await counts()).toEqual(before);
    const overridden = await admin.post('/api/v1/pairings', pairing(org.justice!.id, org.tongfu!.id, { modeKey: 'legal', status: 'active', capacityOverride: '普法专项行动，经研究同意' }));
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json()).toMatchObject({ status: 'active', capacityOverride: '普法专项行动，经研究同意' });
  });
});

describe('status', () => {
  let id: string;
  it('activates a proposed pairing, checking the rules again', async () => {
    const p = (await admin.get(`/api/v1/pairings?status=proposed&orgId=${org.health!.id}&modeKey=medical`)).json().items[0];
    id = p.id;
    const res = await admin.post(`/api/v1/pairings/${id}/transition`, { version: p.version, to: 'active' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    const stale = await admin.post(`/api/v1/pairings/${id}/transition`, { version: p.version, to: 'concluded' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('refuses to activate past capacity without a reason', async () => {
    // 区卫生健康局: capacity 2, one active (怡湖·医疗帮扶); a second and a third.
    const second = (await admin.post('/api/v1/pairings', pairing(org.health!.id, org.shijianian!.id, { status: 'active' }))).json();
    expect(second.status).toBe('active');
    const third = (await admin.post('/api/v1/pairings', pairing(org.health!.id, org.tongfu!.id))).json();
    const refused = await admin.post(`/api/v1/pairings/${third.id}/transition`, { version: third.version, to: 'active' });
    expect(refused.statusCode).toBe(422);
    expect((await admin.get(`/api/v1/pairings/${third.id}`)).json().status).toBe('proposed');
    const dissolved = await admin.post(`/api/v1/pairings/${third.id}/transition`, { version: third.version, to: 'dissolved' });
    expect(dissolved.statusCode).toBe(422);
    expect(dissolved.json().error.message).toContain('reason');
    const ok = await admin.post(`/api/v1/pairings/${third.id}/transition`, { version: third.version, to: 'dissolved', reason: '改由其他单位结对' });
    expect(ok.json()).toMatchObject({ status: 'dissolved', statusReason: '改由其他单位结对' });
    const back = await admin.post(`/api/v1/pairings/${third.id}/transition`, { version: third.version + 1, to: 'active' });
    expect(back.statusCode).toBe(422);
  });

  it('edits title and dates, not once finished', async () => {
    const p = (await admin.get(`/api/v1/pairings/${id}`)).json();
    const res = await admin.patch(`/api/v1/pairings/${id}`, { version: p.version, title: '卫健局与怡湖社区医疗结对', endDate: '2027-06-30' });
    expect(res.json()).toMatchObject({ title: '卫健局与怡湖社区医疗结对', endDate: '2027-06-30' });
    const backwards = await admin.patch(`/api/v1/pairings/${id}`, { version: p.version + 1, endDate: '2025-01-01' });
    expect(backwards.statusCode).toBe(422);
  });
});

describe('tasks and evidence', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  async function multipart(parts: { field: string; filename?: string; data: Buffer | string }[]) {
    const form = new FormData();
    for (const p of parts) {
      if (p.filename) form.append(p.field, new Blob([typeof p.data === 'string' ? p.data : new Uint8Array(p.data)]), p.filename);
      else form.append(p.field, String(p.data));
    }
    const response = new Response(form);
    return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
  }

  const yihuMedical = async () => (await admin.get(`/api/v1/pairings?orgId=${org.yihu!.id}&modeKey=medical`)).json().items[0].id as string;

  it('moves status and progress together, with optimistic concurrency', async () => {
    const id = await yihuMedical();
    const task = (await admin.get(`/api/v1/pairings/${id}`)).json().tasks[0];
    const res = await admin.patch(`/api/v1/pairings/${id}/tasks/${task.id}`, { version: task.version, progress: 40 });
    expect(res.json().tasks[0]).toMatchObject({ status: 'in_progress', progress: 40, version: task.version + 1 });
    expect(res.json().taskProgress).toBe(20);
    const stale = await admin.patch(`/api/v1/pairings/${id}/tasks/${task.id}`, { version: task.version, progress: 50 });
    expect(stale.statusCode).toBe(409);
    const done = await admin.patch(`/api/v1/pairings/${id}/tasks/${task.id}`, { version: task.version + 1, status: 'done' });
    expect(done.json().tasks[0]).toMatchObject({ status: 'done', progress: 100 });
    const bad = await admin.patch(`/api/v1/pairings/${id}/tasks/${task.id}`, { version: task.version + 2, status: 'in_progress', progress: 100 });
    expect(bad.statusCode).toBe(422);
    const owner = await admin.patch(`/api/v1/pairings/${id}/tasks/${task.id}`, { version: task.version + 2, ownerOrgId: org.idle!.id });
    expect(owner.statusCode).toBe(422);
  });

  it('keeps tasks of a pairing that is not active still', async () => {
    const proposed = (await admin.get(`/api/v1/pairings?status=dissolved`)).json().items[0];
    const detail = (await admin.get(`/api/v1/pairings/${proposed.id}`)).json();
    const res = await admin.patch(`/api/v1/pairings/${proposed.id}/tasks/${detail.tasks[0].id}`, { version: 1, progress: 10 });
    expect(res.statusCode).toBe(422);
  });

  it('takes a note as JSON, and photos as a form; the photo is served to those who see the pairing', async () => {
    const id = await yihuMedical();
    const task = (await admin.get(`/api/v1/pairings/${id}`)).json().tasks[1];
    const note = await cadre.post(`/api/v1/pairings/${id}/tasks/${task.id}/evidence`, { note: '已联系区人民医院，三月中旬义诊' });
    expect(note.statusCode, note.body).toBe(201);
    const form = await multipart([
      { field: 'note', data: '健康讲座现场' },
      { field: 'photos', filename: 'lecture.png', data: png },
    ]);
    const photo = await liaison.request({ method: 'POST', url: `/api/v1/pairings/${id}/tasks/${task.id}/evidence`, ...form });
    expect(photo.statusCode, photo.body).toBe(201);
    const evidence = photo.json().tasks[1].evidence;
    expect(evidence.map((e: { note: string }) => e.note)).toEqual(['已联系区人民医院，三月中旬义诊', '健康讲座现场']);
    const url = evidence[1].photos[0].url;
    const served = await cadre.get(url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    const outsider = await t.userSession('village_cadre', [SHIBAWAN]);
    expect((await outsider.get(url)).statusCode).toBe(404);
  });

  it('refuses a file that is not an image with 415 and stores nothing', async () => {
    const id = await yihuMedical();
    const task = (await admin.get(`/api/v1/pairings/${id}`)).json().tasks[1];
    const before = await counts();
    const form = await multipart([
      { field: 'note', data: '附件' },
      { field: 'photos', filename: 'notes.png', data: 'not really a png' },
    ]);
    const res = await admin.request({ method: 'POST', url: `/api/v1/pairings/${id}/tasks/${task.id}/evidence`, ...form });
    expect(res.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });
});

describe('scope', () => {
  it('shows a village cadre of 怡湖社区 their village’s pairings only, and 404 for another village’s', async () => {
    const mine = (await cadre.get('/api/v1/pairings')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p: { parties: { orgId: string }[] }) => p.parties.some((x) => x.orgId === org.yihu!.id))).toBe(true);
    const other = (await admin.get(`/api/v1/pairings?orgId=${org.shibawan!.id}`)).json().items[0];
    expect((await cadre.get(`/api/v1/pairings/${other.id}`)).statusCode).toBe(404);
    const task = (await admin.get(`/api/v1/pairings/${other.id}`)).json().tasks[0];
    const before = await counts();
    expect((await cadre.patch(`/api/v1/pairings/${other.id}/tasks/${task.id}`, { version: task.version, progress: 10 })).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/pairings/${other.id}/tasks/${task.id}/evidence`, { note: '越权' })).statusCode).toBe(404);
    expect((await cadre.post('/api/v1/pairings', pairing(org.health!.id, org.yihu!.id, { modeKey: 'culture' }))).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('shows a liaison only their organisation’s pairings and lets them update those tasks', async () => {
    const mine = (await liaison.get('/api/v1/pairings?limit=100')).json().items;
    expect(mine.length).toBe(4);
    expect(mine.every((p: { parties: { orgId: string }[] }) => p.parties.some((x) => x.orgId === org.health!.id))).toBe(true);
    const other = (await admin.get(`/api/v1/pairings?orgId=${org.justice!.id}`)).json().items[0];
    expect((await liaison.get(`/api/v1/pairings/${other.id}`)).statusCode).toBe(404);
    const active = mine.find((p: { status: string }) => p.status === 'active');
    const task = (await liaison.get(`/api/v1/pairings/${active.id}`)).json().tasks[1];
    expect((await liaison.patch(`/api/v1/pairings/${active.id}/tasks/${task.id}`, { version: task.version, progress: 60 })).statusCode).toBe(200);
    expect((await liaison.post(`/api/v1/pairings/${active.id}/transition`, { version: active.version, to: 'concluded' })).statusCode).toBe(403);
  });

  it('lets a town admin pair the units above with villages of their town, and not with others', async () => {
    const ok = await town.post('/api/v1/pairings', pairing(org.idle!.id, org.shijianian!.id, { modeKey: 'culture' }));
    expect(ok.statusCode, ok.body).toBe(201);
    const outside = await town.post('/api/v1/pairings', pairing(org.idle!.id, org.tongfu!.id, { modeKey: 'culture' }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toContain('out of scope');
    const seen = (await town.get('/api/v1/pairings?limit=100')).json().items;
    expect(seen.every((p: { parties: { regionCode: string }[] }) => p.parties.some((x) => x.regionCode.startsWith('510113002')))).toBe(true);
  });
});

describe('co-building projects of a pairing', () => {
  it('creates a project owned by an active pairing, which its parties’ liaison sees', async () => {
    const p = (await admin.get(`/api/v1/pairings?orgId=${org.yihu!.id}&modeKey=medical`)).json().items[0];
    const res = await admin.post(`/api/v1/pairings/${p.id}/projects`, {
      title: '怡湖社区卫生服务站改造',
      regionCode: YIHU,
      budgetFen: 50_000_000,
      funding: [{ source: 'fiscal_district', amountFen: 50_000_000 }],
      startDate: '2026-02-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().owners).toEqual([{ kind: 'pairing', id: p.id, name: p.title }]);
    expect((await admin.get(`/api/v1/pairings/${p.id}`)).json().projects.map((x: { title: string }) => x.title)).toEqual(['怡湖社区卫生服务站改造']);
    expect((await liaison.get(`/api/v1/projects/${res.json().id}`)).statusCode).toBe(200);
  });

  it('refuses a project for a pairing that is not active', async () => {
    const dissolved = (await admin.get('/api/v1/pairings?status=dissolved')).json().items[0];
    const res = await admin.post(`/api/v1/pairings/${dissolved.id}/projects`, { title: '不该有的项目', regionCode: YIHU, budgetFen: 0, startDate: '2026-02-01' });
    expect(res.statusCode).toBe(422);
  });
});

describe('lists', () => {
  it('filters by status, mode, mechanism, region, organisation and text', async () => {
    const titles = async (q: string) => (await admin.get(`/api/v1/pairings?limit=100&${q}`)).json().items.length as number;
    expect(await titles('status=active')).toBe(4);
    expect(await titles('status=proposed,dissolved')).toBe(3);
    expect(await titles('mechanismKey=industry_two_new_village')).toBe(1);
    expect(await titles(`region=${DAWAN}`)).toBe(4);
    expect(await titles(`orgId=${org.justice!.id}`)).toBe(2);
    expect(await titles(`q=${encodeURIComponent('卫健局与怡湖')}`)).toBe(1);
    expect((await admin.get('/api/v1/pairings?status=frozen')).statusCode).toBe(400);
  });

  it('lists newest first and pages with a cursor', async () => {
    const all = (await admin.get('/api/v1/pairings?limit=100')).json().items.map((p: { id: string }) => p.id);
    expect(all).toEqual([...all].sort().reverse());
    const first = (await admin.get('/api/v1/pairings?limit=3')).json();
    const second = (await admin.get(`/api/v1/pairings?limit=3&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((p: { id: string }) => p.id)).toEqual(all.slice(0, 6));
  });

  it('exports them as xlsx', async () => {
    const res = await admin.get('/api/v1/pairings?format=xlsx&status=active');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload.buffer.slice(res.rawPayload.byteOffset, res.rawPayload.byteOffset + res.rawPayload.byteLength) as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + 4);
  });
});

describe('configuration', () => {
  it('ships the 4 mechanisms and 11 modes with 2 task templates each', async () => {
    const config = (await admin.get('/api/v1/pairing/config')).json();
    expect(config.mechanisms.map((m: { name: { zh: string } }) => m.name.zh)).toEqual(['机关+村社', '行业+两新+村社', '城市+农村', '区域组团']);
    expect(config.mechanisms.map((m: { matchable: boolean }) => m.matchable)).toEqual([true, false, true, true]);
    expect(config.modes).toHaveLength(11);
    expect(config.modes.every((m: { templates: unknown[] }) => m.templates.length === 2)).toBe(true);
  });

  it('lets a district admin edit a mode, add one with templates and edit a template, all audited', async () => {
    const auditBefore = await countRows(t, 'audit_log');
    const mode = (await admin.get('/api/v1/pairing/config')).json().modes.find((m: { key: string }) => m.key === 'culture');
    const renamed = await admin.patch('/api/v1/pairing/config/modes/culture', { version: mode.version, name: { zh: '文化共育共享', en: 'Culture' } });
    expect(renamed.statusCode).toBe(200);
    const added = await admin.post('/api/v1/pairing/config/modes', { key: 'elderly', name: { zh: '养老帮扶', en: 'Elderly care' }, templates: [{ title: '建设老年助餐点', dueDays: 180 }] });
    expect(added.statusCode).toBe(201);
    expect(added.json().modes.find((m: { key: string }) => m.key === 'elderly').templates).toHaveLength(1);
    const template = mode.templates[0];
    const edited = await admin.patch(`/api/v1/pairing/config/templates/${template.id}`, { version: template.version, dueDays: 60 });
    expect(edited.json().modes.find((m: { key: string }) => m.key === 'culture').templates[0].dueDays).toBe(60);
    const more = await admin.post('/api/v1/pairing/config/modes/elderly/templates', { title: '开展助老志愿服务', dueDays: 90 });
    expect(more.statusCode).toBe(201);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore + 4);
    const again = await admin.post('/api/v1/pairing/config/modes', { key: 'elderly', name: { zh: '养老', en: 'Elderly' }, templates: [{ title: '重复', dueDays: 1 }] });
    expect(again.statusCode).toBe(409);
  });

  it('refuses slots that cannot make a pairing, and non-district admins', async () => {
    const mechanism = (await admin.get('/api/v1/pairing/config')).json().mechanisms[0];
    const bad = await admin.patch(`/api/v1/pairing/config/mechanisms/${mechanism.key}`, {
      version: mechanism.version,
      slots: [{ key: 'only', label: { zh: '一方', en: 'One' }, domains: ['agency'], role: 'helping', min: 1, max: 1 }],
    });
    expect(bad.statusCode).toBe(422);
    expect((await town.patch(`/api/v1/pairing/config/mechanisms/${mechanism.key}`, { version: mechanism.version, description: 'x' })).statusCode).toBe(403);
  });
});

describe('coverage', () => {
  it('tells which towns and villages are covered, which units idle, who is over capacity and which needs are unmet', async () => {
    const yihu = (await admin.get(`/api/v1/orgs/${org.yihu!.id}`)).json();
    await admin.patch(`/api/v1/orgs/${org.yihu!.id}`, { version: yihu.version, needTags: ['medical', 'legal'] });
    const res = await admin.get(`/api/v1/pairing/coverage?region=${DISTRICT}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.totals).toEqual({ towns: 7, townsCovered: 0, villages: 83, villagesCovered: 4, pairings: 4 });
    expect(c.unpairedOrgs.map((o: { name: string }) => o.name)).toEqual(['区档案馆']);
    expect(c.overCapacity.map((o: { name: string; activePairings: number }) => [o.name, o.activePairings])).toEqual([['区司法局', 2]]);
    expect(c.unmetNeeds).toEqual([{ code: YIHU, name: '怡湖社区居民委员会', unmetNeeds: ['legal'] }]);
    const dawan = c.townsByMode.rows.findIndex((r: { key: string }) => r.key === DAWAN);
    const medical = c.townsByMode.columns.findIndex((m: { key: string }) => m.key === 'medical');
    expect(c.townsByMode.counts[dawan][medical]).toBe(2);
    expect((await cadre.get(`/api/v1/pairing/coverage?region=${DISTRICT}`)).statusCode).toBe(404);
    expect((await cadre.get(`/api/v1/pairing/coverage?region=${YIHU}`)).json().totals).toMatchObject({ villages: 1, villagesCovered: 1 });
  });
});

describe('bad input on every write', () => {
  let ids: { pairing: string; version: number; task: string; taskVersion: number; template: string; templateVersion: number; modeVersion: number; mechanismVersion: number };
  beforeAll(async () => {
    const p = (await admin.get(`/api/v1/pairings?orgId=${org.yihu!.id}&modeKey=medical`)).json().items[0];
    const detail = (await admin.get(`/api/v1/pairings/${p.id}`)).json();
    const config = (await admin.get('/api/v1/pairing/config')).json();
    const mode = config.modes.find((m: { key: string }) => m.key === 'legal');
    ids = {
      pairing: p.id,
      version: p.version,
      task: detail.tasks[1].id,
      taskVersion: detail.tasks[1].version,
      template: mode.templates[0].id,
      templateVersion: mode.templates[0].version,
      modeVersion: mode.version,
      mechanismVersion: config.mechanisms[0].version,
    };
  });
  const writes: { name: string; method: 'POST' | 'PATCH'; url: () => string; valid: () => Record<string, unknown>; wrongType: Record<string, unknown> }[] = [
    { name: 'create pairing', method: 'POST', url: () => '/api/v1/pairings', valid: () => pairing(org.health!.id, org.tongfu!.id, { modeKey: 'culture' }), wrongType: { parties: 'all' } },
    { name: 'edit pairing', method: 'PATCH', url: () => `/api/v1/pairings/${ids.pairing}`, valid: () => ({ version: ids.version, title: '新名称新名称' }), wrongType: { version: 'x' } },
    { name: 'transition', method: 'POST', url: () => `/api/v1/pairings/${ids.pairing}/transition`, valid: () => ({ version: ids.version, to: 'concluded' }), wrongType: { to: 3 } },
    { name: 'task', method: 'PATCH', url: () => `/api/v1/pairings/${ids.pairing}/tasks/${ids.task}`, valid: () => ({ version: ids.taskVersion, progress: 10 }), wrongType: { progress: '10' } },
    { name: 'evidence', method: 'POST', url: () => `/api/v1/pairings/${ids.pairing}/tasks/${ids.task}/evidence`, valid: () => ({ note: '说明' }), wrongType: { note: 42 } },
    { name: 'project', method: 'POST', url: () => `/api/v1/pairings/${ids.pairing}/projects`, valid: () => ({ title: '新项目', regionCode: YIHU, budgetFen: 0, startDate: '2026-02-01' }), wrongType: { budgetFen: 1.5 } },
    { name: 'mechanism', method: 'PATCH', url: () => '/api/v1/pairing/config/mechanisms/agency_village', valid: () => ({ version: ids.mechanismVersion, description: '说明' }), wrongType: { slots: {} } },
    { name: 'new mode', method: 'POST', url: () => '/api/v1/pairing/config/modes', valid: () => ({ key: 'sports', name: { zh: '体育', en: 'Sports' }, templates: [{ title: '运动会', dueDays: 30 }] }), wrongType: { templates: 'x' } },
    { name: 'mode', method: 'PATCH', url: () => '/api/v1/pairing/config/modes/legal', valid: () => ({ version: ids.modeVersion, active: false }), wrongType: { active: 'no' } },
    { name: 'new template', method: 'POST', url: () => '/api/v1/pairing/config/modes/legal/templates', valid: () => ({ title: '新模板', dueDays: 30 }), wrongType: { dueDays: -1 } },
    { name: 'template', method: 'PATCH', url: () => `/api/v1/pairing/config/templates/${ids.template}`, valid: () => ({ version: ids.templateVersion, title: '改名模板' }), wrongType: { title: ['a'] } },
    { name: 'matchmaker run', method: 'POST', url: () => '/api/v1/pairing/matchmaker/run', valid: () => ({ region: DISTRICT, weights: { tags: 1, nearness: 1, balance: 1 }, mechanism: 'agency_village', modeId: 'medical' }), wrongType: { weights: { tags: 'a', nearness: 1, balance: 1 } } },
    { name: 'matchmaker accept', method: 'POST', url: () => '/api/v1/pairing/matchmaker/accept', valid: () => ({ suggestions: [{ villageCode: TONGFU, orgId: org.idle!.id }], mechanism: 'agency_village', modeId: 'culture' }), wrongType: { suggestions: [{ villageCode: 5, orgId: 'x' }] } },
  ];
  for (const write of writes) {
    for (const name of ['malformed JSON', 'wrong types', 'an unknown field', 'missing fields', 'an oversized body', 'a wrong content type']) {
      it(`${write.name}: ${name}`, async () => {
        const c = badInputCases(write.valid(), write.wrongType).find((b) => b.name === name)!;
        await expectRejectedWithoutWrites(t, admin, { method: write.method, url: write.url() }, c, [...WRITE_TABLES, 'pairing_matchmaker_runs']);
      });
    }
  }
});
