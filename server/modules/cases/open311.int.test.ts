/**
 * Open311 GeoReport v2 conformance, written from the specification: every method in JSON and XML,
 * with the specification's element names, and every error in both formats.
 */
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createToken, createUser } from '../../platform/auth/service.ts';
import type { Clock } from '../../platform/clock.ts';
import { countRows, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/harness.ts';
import { reportCase } from './service.ts';
import { createMicroGrids, garbage, IN_A, IN_B, MICRO_A, OUTSIDE, people, report, type People } from './testing.ts';

let t: TestApp;
let p: People;
let apiKey: string;
let liaisonKey: string;
const BASE = '/open311/v2';
const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name), parseTagValue: false });

async function machine(username: string, role: 'district_admin' | 'org_liaison'): Promise<string> {
  const user = await createUser(t.gz.ctx, systemActor, { username, displayName: username, password: TEST_PASSWORD, role, scopes: ['510113000000'] });
  return (await createToken(t.gz.ctx, systemActor, user.id, 'open311')).token;
}

beforeAll(async () => {
  t = await createTestApp({ clock: '2026-03-02T01:00:00Z' });
  await createMicroGrids(t);
  p = await people(t);
  apiKey = await machine('hotline12345', 'district_admin');
  liaisonKey = await machine('liaison.machine', 'org_liaison');
});
afterAll(async () => t?.close());

const clock = () => t.clock as Clock & { set(at: string): void };
const get = (url: string) => t.request({ method: 'GET', url: `${BASE}${url}` });
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const post = (format: 'json' | 'xml', params: Record<string, string>) =>
  t.request({ method: 'POST', url: `${BASE}/requests.${format}`, payload: form(params), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const valid = () => ({ api_key: apiKey, service_code: 'safety.fire', lat: String(IN_A.lat), long: String(IN_A.lng), description: '楼道堆放杂物', 'attribute[hazard_level]': '2' });

function expectJson(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json();
}

function expectXml(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return xml.parse(res.body);
}

function expectError(res: LightMyRequestResponse, format: 'json' | 'xml', status: 400 | 403 | 404) {
  if (format === 'json') {
    const body = expectJson(res, status);
    expect(body).toEqual([{ code: status, description: expect.any(String) }]);
    expect(body[0].description.length).toBeGreaterThan(0);
  } else {
    const body = expectXml(res, status);
    expect(body.errors.error).toHaveLength(1);
    expect(body.errors.error[0].code).toBe(String(status));
    expect(body.errors.error[0].description.length).toBeGreaterThan(0);
  }
}

/** The case behind a request id, for reading it through the staff API. */
async function caseIdOf(trackingNo: string): Promise<string> {
  return (await t.gz.ctx.db.selectFrom('cases').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow()).id;
}

/** An API key of a new user with this role and scope. */
async function keyFor(role: Parameters<typeof createUser>[2]['role'], scope: string): Promise<string> {
  const user = await createUser(t.gz.ctx, systemActor, { username: `o311-${role}-${scope}-${Math.random().toString(36).slice(2, 8)}`, displayName: role, password: TEST_PASSWORD, role, scopes: [scope] });
  return (await createToken(t.gz.ctx, systemActor, user.id, 'open311')).token;
}

const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

describe('discovery', () => {
  it('describes the endpoint in JSON', async () => {
    const body = expectJson(await get('/discovery.json'));
    expect(body).toMatchObject({ changeset: expect.any(String), contact: expect.any(String), key_service: expect.any(String) });
    expect(body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(body.endpoints[0].url).toMatch(/\/open311\/v2\/$/);
  });

  it('moves the changeset when a service’s definition changes, and numbers its attributes from 1, once each', async () => {
    const before = expectJson(await get('/discovery.json')).changeset as string;
    expect(before).toMatch(W3C_WITH_ZONE);
    clock().set('2026-03-02T01:10:00Z');
    const extra = (code: string) => ({ code, datatype: 'string', required: false, description: `补充 ${code}`, order: 0 });
    const edited = await p.admin.patch('/api/v1/case-categories/other.general', { version: 1, attributes: [extra('where_exactly'), extra('since_when')] });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = expectJson(await get('/discovery.json'));
    expect(after.changeset).toBe('2026-03-02T09:10:00+08:00');
    expect(after.changeset > before).toBe(true);
    expect(after.endpoints[0].changeset).toBe(after.changeset);
    // Both were given order 0: the definition numbers them 1 and 2 (positive, used once).
    const definition = expectJson(await get('/services/other.general.json'));
    expect(definition.attributes.map((a: { code: string; order: number }) => [a.code, a.order])).toEqual([
      ['since_when', 1],
      ['where_exactly', 2],
    ]);
    // A text attribute has no list of values: no empty <values/> element either.
    expect((await get('/services/other.general.xml')).body).not.toContain('<values');
    clock().set('2026-03-02T01:00:00Z');
  });

  it('describes the endpoint in XML', async () => {
    const body = expectXml(await get('/discovery.xml'));
    expect(body.discovery.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(body.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });
});

describe('services', () => {
  it('lists the reportable categories as services in JSON, codes as strings', async () => {
    const body = expectJson(await get('/services.json'));
    const fire = body.find((s: { service_code: string }) => s.service_code === 'safety.fire');
    expect(fire).toEqual({
      service_code: 'safety.fire',
      service_name: '消防隐患',
      description: expect.any(String),
      metadata: true,
      type: 'realtime',
      keywords: expect.any(String),
      group: '安全隐患',
    });
    expect(body.find((s: { service_code: string }) => s.service_code === 'sanitation.garbage').metadata).toBe(false);
    expect(body.some((s: { service_code: string }) => s.service_code === 'safety')).toBe(false);
    expect(body.every((s: { service_code: unknown }) => typeof s.service_code === 'string')).toBe(true);
  });

  it('lists them in XML with the same element names', async () => {
    const body = expectXml(await get('/services.xml'));
    const fire = body.services.service.find((s: { service_code: string }) => s.service_code === 'safety.fire');
    expect(fire).toMatchObject({ service_name: '消防隐患', metadata: 'true', type: 'realtime', group: '安全隐患' });
  });

  it('defines a service’s attributes in JSON and XML', async () => {
    const json = expectJson(await get('/services/safety.fire.json'));
    expect(json.service_code).toBe('safety.fire');
    expect(json.attributes[0]).toMatchObject({ variable: true, code: 'hazard_level', datatype: 'singlevaluelist', required: true, order: 1 });
    expect(json.attributes[0].values).toContainEqual({ key: '3', name: '紧急 Urgent' });
    const body = expectXml(await get('/services/safety.fire.xml'));
    const attribute = body.service_definition.attributes.attribute[0];
    expect(body.service_definition.service_code).toBe('safety.fire');
    expect(attribute).toMatchObject({ variable: 'true', code: 'hazard_level', datatype: 'singlevaluelist', required: 'true' });
    expect(attribute.values.value.map((v: { key: string }) => v.key)).toEqual(['1', '2', '3']);
  });

  it.each(['json', 'xml'] as const)('answers 404 for an unknown service in %s', async (format) => {
    expectError(await get(`/services/weather.rain.${format}`), format, 404);
  });

  it('answers 404 for an unknown format', async () => {
    expectError(await get('/services/safety.fire.csv'), 'json', 404);
  });
});

describe('POST requests', () => {
  it.each(['json', 'xml'] as const)('creates a request in %s and answers with its id (no token, since the id is given)', async (format) => {
    const before = await countRows(t, 'cases');
    const res = await post(format, valid());
    const created = format === 'json' ? expectJson(res) : expectXml(res).service_requests.request;
    expect(created).toHaveLength(1);
    expect(created[0].service_request_id).toMatch(/^QBJ-20260302-\d{6}$/);
    expect(typeof created[0].service_request_id).toBe('string');
    expect(created[0].token).toBeUndefined();
    expect(created[0].service_notice.length).toBeGreaterThan(0);
    expect(await countRows(t, 'cases')).toBe(before + 1);
    const row = await t.gz.ctx.db.selectFrom('cases').selectAll().where('tracking_no', '=', created[0].service_request_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'open311', region_code: MICRO_A, category_code: 'safety.fire', attributes_json: '{"hazard_level":"2"}' });
  });

  it('takes a request with an address only, for the caller’s region to triage', async () => {
    const { lat: _lat, long: _long, ...rest } = valid();
    const created = expectJson(await post('json', { ...rest, address_string: '大弯街道怡湖路 8 号' }));
    const row = await t.gz.ctx.db.selectFrom('cases').selectAll().where('tracking_no', '=', created[0].service_request_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ region_code: '510113000000', region_level: 'district', address: '大弯街道怡湖路 8 号', lat: null });
  });

  it('sends an address-only request from a grid’s worker to the grid’s village (cases are not held by grids)', async () => {
    const grid = MICRO_A.slice(0, 14);
    const { lat: _lat, long: _long, ...rest } = valid();
    const created = expectJson(await post('json', { ...rest, api_key: await keyFor('grid_worker', grid), address_string: '怡湖路 8 号' }));
    const row = await t.gz.ctx.db.selectFrom('cases').selectAll().where('tracking_no', '=', created[0].service_request_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ region_code: grid.slice(0, 12), region_level: 'village' });
  });

  it('takes a phone as people write it (+86, hyphens, spaces) and a description up to the specification’s 4,000 characters', async () => {
    const created = expectJson(await post('json', { ...valid(), phone: '+86 138-0013-8000', description: '长'.repeat(3_000) }));
    const detail = (await p.village.get(`/api/v1/cases/${await caseIdOf(created[0].service_request_id)}`)).json();
    expect(detail.reporterPhone).toBe('13800138000');
    expect(detail.description).toHaveLength(3_000);
    expect(expectJson(await post('json', { ...valid(), description: '长'.repeat(4_001) }), 400)[0].description).toContain('4,000');
  });

  const errors: [string, Record<string, string | undefined>, 400 | 403 | 404][] = [
    ['no api_key', { api_key: undefined }, 403],
    ['an unknown api_key', { api_key: 'gz_not-a-real-token' }, 403],
    ['an api_key whose user may not report', { api_key: 'LIAISON' }, 403],
    ['no service_code', { service_code: undefined }, 400],
    ['an unknown service_code', { service_code: 'weather.rain' }, 404],
    ['no location', { lat: undefined, long: undefined }, 400],
    ['lat without long', { long: undefined }, 400],
    ['a latitude that is not a number', { lat: 'north' }, 400],
    ['a location outside the service area', { lat: String(OUTSIDE.lat), long: String(OUTSIDE.lng) }, 400],
    ['a missing required attribute', { 'attribute[hazard_level]': undefined }, 400],
    ['an attribute value not in the list', { 'attribute[hazard_level]': '7' }, 400],
    ['an invalid phone', { phone: '123' }, 400],
  ];
  for (const format of ['json', 'xml'] as const) {
    for (const [name, change, status] of errors) {
      it(`refuses ${name} with ${status} in ${format}, writing nothing`, async () => {
        const params: Record<string, string> = {};
        for (const [key, value] of Object.entries({ ...valid(), ...change })) {
          if (value !== undefined) params[key] = value === 'LIAISON' ? liaisonKey : value;
        }
        const before = await countRows(t, 'cases');
        expectError(await post(format, params), format, status);
        expect(await countRows(t, 'cases')).toBe(before);
      });
    }
  }
});

describe('GET requests', () => {
  let trackingNo: string;
  beforeAll(async () => {
    const res = await report(t, garbage(IN_A, { description: '河边垃圾', phone: '13600001111' }));
    trackingNo = res.json().trackingNo;
  });

  function checkRequest(r: Record<string, unknown>) {
    expect(Object.keys(r).sort()).toEqual(
      [
        'address',
        'address_id',
        'agency_responsible',
        'description',
        'expected_datetime',
        'lat',
        'long',
        'media_url',
        'requested_datetime',
        'service_code',
        'service_name',
        'service_notice',
        'service_request_id',
        'status',
        'status_notes',
        'updated_datetime',
        'zipcode',
      ].sort(),
    );
  }

  it('lists recent requests in JSON with W3C dates, statuses and the expected time', async () => {
    const body = expectJson(await get('/requests.json'));
    const mine = body.find((r: { service_request_id: string }) => r.service_request_id === trackingNo);
    checkRequest(mine);
    expect(mine).toMatchObject({ status: 'open', service_code: 'sanitation.garbage', service_name: '垃圾堆放', agency_responsible: '测试甲微网格', lat: IN_A.lat, long: IN_A.lng });
    expect(mine.requested_datetime).toMatch(W3C_WITH_ZONE);
    expect(mine.requested_datetime).toBe('2026-03-02T09:00:00+08:00');
    expect(mine.expected_datetime).toMatch(W3C_WITH_ZONE);
    expect(mine.status_notes).toContain('已上报');
    expect(mine.description).toBeNull();
    expect(JSON.stringify(body)).not.toContain('1360000');
  });

  it('adds the description for a caller with an api_key', async () => {
    const body = expectJson(await get(`/requests.json?api_key=${apiKey}`));
    expect(body.find((r: { service_request_id: string }) => r.service_request_id === trackingNo).description).toBe('河边垃圾');
  });

  it('refuses an address or account id longer than the product stores, writing nothing', async () => {
    const before = await countRows(t, 'cases');
    const long = await post('json', { ...valid(), address_string: '长'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json()[0].description).toContain('200');
    expect((await post('json', { ...valid(), account_id: 'a'.repeat(101) })).statusCode).toBe(400);
    expect(await countRows(t, 'cases')).toBe(before);
  });

  it('keeps the caller’s first and last name as the reporter’s name, shown to staff only', async () => {
    const created = expectJson(await post('json', { ...valid(), first_name: '秀英', last_name: '王' }));
    const caseId = await caseIdOf(created[0].service_request_id as string);
    expect((await p.village.get(`/api/v1/cases/${caseId}`)).json().reporterName).toBe('王秀英');
    expect((await p.workerA.get(`/api/v1/cases/${caseId}`)).json().reporterName).toBe('王**');
    const latin = expectJson(await post('json', { ...valid(), first_name: 'Anna', last_name: 'Schmidt' }));
    expect((await p.village.get(`/api/v1/cases/${await caseIdOf(latin[0].service_request_id as string)}`)).json().reporterName).toBe('Anna Schmidt');
    const anonymous = JSON.stringify(expectJson(await get(`/requests/${created[0].service_request_id as string}.json?api_key=${apiKey}`)));
    expect(anonymous).not.toContain('秀英');
  });

  it('refuses a name longer than the product stores (400), writing nothing', async () => {
    const before = await countRows(t, 'cases');
    const res = await post('json', { ...valid(), first_name: '名'.repeat(30), last_name: '姓'.repeat(11) });
    expect(res.statusCode).toBe(400);
    expect(res.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('40') });
    expect(await countRows(t, 'cases')).toBe(before);
  });

  it('shows a typed address only to a caller with an api_key', async () => {
    const created = expectJson(await post('json', { ...valid(), address_string: '怡湖路 8 号张家门口' }));
    const id = created[0].service_request_id as string;
    const anonymous = expectJson(await get(`/requests/${id}.json`))[0];
    expect(anonymous).toMatchObject({ address: null, description: null, lat: IN_A.lat, long: IN_A.lng });
    expect(expectJson(await get(`/requests/${id}.json?api_key=${apiKey}`))[0]).toMatchObject({ address: '怡湖路 8 号张家门口', description: '楼道堆放杂物' });
  });

  it('lists them in XML', async () => {
    const body = expectXml(await get('/requests.xml'));
    const mine = body.service_requests.request.find((r: { service_request_id: string }) => r.service_request_id === trackingNo);
    expect(mine).toMatchObject({ status: 'open', service_code: 'sanitation.garbage', lat: String(IN_A.lat), long: String(IN_A.lng), media_url: '' });
    expect(mine.requested_datetime).toBe('2026-03-02T09:00:00+08:00');
  });

  it('filters by ids, ignoring the other filters as the specification says', async () => {
    const other = (await report(t, garbage())).json().trackingNo;
    const body = expectJson(await get(`/requests.json?service_request_id=${trackingNo},${other}&status=closed`));
    expect(body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([trackingNo, other].sort());
  });

  it('filters by service code, status and dates', async () => {
    const byCode = expectJson(await get('/requests.json?service_code=safety.fire'));
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((r: { service_code: string }) => r.service_code === 'safety.fire')).toBe(true);
    const closed = expectJson(await get('/requests.json?status=closed'));
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const rejected = (await report(t, garbage())).json();
    await p.workerA.post(`/api/v1/cases/${rejected.id}/actions/reject`, { version: 1, reason: '重复上报' });
    const nowClosed = expectJson(await get('/requests.json?status=closed')).find((r: { service_request_id: string }) => r.service_request_id === rejected.trackingNo);
    expect(nowClosed).toMatchObject({ status: 'closed', expected_datetime: null });
    expect(nowClosed.status_notes).toContain('重复上报');
    expect(expectJson(await get('/requests.json?start_date=2026-03-03T00:00:00%2B08:00'))).toEqual([]);
    expect(expectJson(await get('/requests.json?end_date=2026-03-01T00:00:00Z'))).toEqual([]);
    const window = expectJson(await get('/requests.json?start_date=2026-03-02T08:00:00%2B08:00&end_date=2026-03-02T10:00:00%2B08:00'));
    expect(window.map((r: { service_request_id: string }) => r.service_request_id)).toContain(trackingNo);
  });

  it('defaults to the last 90 days', async () => {
    clock().set('2025-11-01T02:00:00Z');
    const old = (await report(t, garbage())).json().trackingNo;
    clock().set('2026-03-02T01:00:00Z');
    const body = expectJson(await get('/requests.json'));
    expect(body.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(old);
    const explicit = expectJson(await get('/requests.json?start_date=2025-10-31T00:00:00Z&end_date=2025-11-02T00:00:00Z'));
    expect(explicit.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([old]);
  });

  it('returns at most 1,000 requests, newest first', async () => {
    const ctx = t.gz.ctx;
    await Promise.all(
      Array.from({ length: 1_001 }, () => reportCase(ctx, systemActor, { category: 'roads.pavement', description: '路面坑洼', lat: IN_A.lat, lng: IN_A.lng }, { source: 'staff' })),
    );
    const body = expectJson(await get('/requests.json?service_code=roads.pavement'));
    expect(body).toHaveLength(1_000);
    const times = body.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('lists the same requests with a key as without: the key shows the free text of those in the caller’s regions', async () => {
    const inB = (await report(t, garbage(IN_B, { description: '别处的垃圾' }))).json().trackingNo as string;
    const workerKey = await keyFor('grid_worker', MICRO_A);
    const ids = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id).sort();
    const anonymous = expectJson(await get('/requests.json?service_code=sanitation.garbage'));
    const keyed = expectJson(await get(`/requests.json?service_code=sanitation.garbage&api_key=${workerKey}`));
    expect(ids(keyed)).toEqual(ids(anonymous));
    const mine = keyed.find((r: { service_request_id: string }) => r.service_request_id === trackingNo);
    expect(mine.description).toBe('河边垃圾');
    const one = await get(`/requests/${inB}.json?api_key=${workerKey}`);
    expect(one.statusCode).toBe(200);
    expect(expectJson(one)[0].description).toBeNull();
    // A valid key of a user who may not read cases is a caller without one, not a 403.
    const liaison = expectJson(await get(`/requests.json?service_code=sanitation.garbage&api_key=${liaisonKey}`));
    expect(ids(liaison)).toEqual(ids(anonymous));
    expect(liaison.every((r: { description: unknown }) => r.description === null)).toBe(true);
  });

  it('takes repeated status and service_code as lists, and lets request ids override everything else', async () => {
    const both = expectJson(await get('/requests.json?status=open&status=closed'));
    expect(both.length).toBe(expectJson(await get('/requests.json')).length);
    expect(expectJson(await get('/requests.json?service_code=safety.fire&service_code=sanitation.garbage')).every((r: { service_code: string }) => ['safety.fire', 'sanitation.garbage'].includes(r.service_code))).toBe(true);
    const byId = expectJson(await get(`/requests.json?service_request_id=${trackingNo}&status=bogus&start_date=bad`));
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([trackingNo]);
  });

  it('refuses dates that span more than 90 days (400)', async () => {
    const res = await get('/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-03-02T00:00:00Z');
    expect(expectJson(res, 400)[0].description).toContain('90');
  });

  it('keeps the XML readable when a description holds characters XML cannot carry', async () => {
    const created = expectJson(await post('json', { ...valid(), description: 'bell\u0007 and \u000b tab' }));
    const res = await get(`/requests/${created[0].service_request_id as string}.xml?api_key=${apiKey}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('\u0007');
    expect(res.body).not.toContain('\u000b');
    expect(expectXml(res).service_requests.request[0].description).toBe('bell\ufffd and \ufffd tab');
    expect(expectJson(await get(`/requests/${created[0].service_request_id as string}.json?api_key=${apiKey}`))[0].description).toBe('bell\u0007 and \u000b tab');
  });

  it.each(['json', 'xml'] as const)('refuses bad parameters with 400 in %s', async (format) => {
    expectError(await get(`/requests.${format}?start_date=yesterday`), format, 400);
    expectError(await get(`/requests.${format}?status=lost`), format, 400);
    expectError(await get(`/requests.${format}?start_date=2026-03-02T00:00:00Z&end_date=2026-03-01T00:00:00Z`), format, 400);
    expectError(await get(`/requests.${format}?api_key=gz_wrong`), format, 403);
  });
});

describe('GET requests/{id} and tokens/{token}', () => {
  it('returns one request by id in JSON and XML', async () => {
    const { trackingNo } = (await report(t, garbage())).json();
    const json = expectJson(await get(`/requests/${trackingNo}.json`));
    expect(json).toHaveLength(1);
    expect(json[0].service_request_id).toBe(trackingNo);
    const body = expectXml(await get(`/requests/${trackingNo}.xml`));
    expect(body.service_requests.request[0].service_request_id).toBe(trackingNo);
  });

  it.each(['json', 'xml'] as const)('answers 404 for an unknown id in %s', async (format) => {
    expectError(await get(`/requests/QBJ-20200101-000001.${format}`), format, 404);
  });

  it('names the request behind a token in JSON and XML', async () => {
    const created = expectJson(await post('json', valid()))[0];
    const token = await caseIdOf(created.service_request_id as string);
    expect(expectJson(await get(`/tokens/${token}.json`))).toEqual([{ service_request_id: created.service_request_id, token }]);
    const body = expectXml(await get(`/tokens/${token}.xml`));
    expect(body.service_requests.request[0]).toEqual({ service_request_id: created.service_request_id, token });
  });

  it.each(['json', 'xml'] as const)('answers 404 for an unknown token in %s', async (format) => {
    expectError(await get(`/tokens/01900000-0000-7000-8000-000000000000.${format}`), format, 404);
  });

  it.each(['json', 'xml'] as const)('answers 404 in Open311’s own format for an unknown resource (%s)', async (format) => {
    expectError(await get(`/nothing-here.${format}`), format, 404);
  });
});
