/**
 * Fixtures for the cases tests: a grid with two micro-grids that share an edge, people of every
 * role, grid members, small images and multipart bodies.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../platform/access/policy.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Session, TestApp } from '../../testing/harness.ts';
import { createMember } from '../grid/service.ts';
import { createArea } from '../regions/service.ts';
import type { ForceType } from './domain.ts';

export const VILLAGE = '510113002001';
export const TOWN = '510113002000';
export const GRID = '51011300200101';
export const MICRO_A = '5101130020010101';
export const MICRO_B = '5101130020010102';
/** Inside micro-grid A, away from its edges. */
export const IN_A = { lat: 30.894, lng: 104.263 };
export const IN_B = { lat: 30.895, lng: 104.268 };
/** On the edge A and B share (lng 104.266). */
export const ON_SHARED_EDGE = { lat: 30.895, lng: 104.266 };
/** Inside the district, far from every micro-grid. */
export const NO_MICRO_GRID = { lat: 30.88, lng: 104.25 };
/** Outside the district. */
export const OUTSIDE = { lat: 30.5, lng: 104.0 };

function square(lng: number, lat: number, size: number) {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [r(lng), r(lat)],
        [r(lng + size), r(lat)],
        [r(lng + size), r(lat + size)],
        [r(lng), r(lat + size)],
        [r(lng), r(lat)],
      ],
    ],
  };
}

export async function createMicroGrids(t: TestApp): Promise<void> {
  const ctx = t.gz.ctx;
  await createArea(ctx, systemActor, { parentCode: VILLAGE, level: 'grid', name: '测试网格', code: GRID, geometry: square(104.262, 30.893, 0.008) });
  await createArea(ctx, systemActor, { parentCode: GRID, level: 'micro_grid', name: '测试甲微网格', code: MICRO_A, geometry: square(104.262, 30.893, 0.004) });
  await createArea(ctx, systemActor, { parentCode: GRID, level: 'micro_grid', name: '测试乙微网格', code: MICRO_B, geometry: square(104.266, 30.893, 0.004) });
}

export interface People {
  workerA: Session;
  workerB: Session;
  village: Session;
  town: Session;
  admin: Session;
  /** The grid member records of the two workers. */
  memberA: string;
  memberB: string;
}

let serial = 0;

async function userId(t: TestApp, s: Session): Promise<string> {
  return ((await s.get('/api/v1/auth/me')).json() as { user: { id: string } }).user.id;
}

export async function member(t: TestApp, name: string, forceType: ForceType, microGrid: string, linkedUser: string | null = null): Promise<string> {
  const phone = `1390000${String(1000 + serial++).padStart(4, '0')}`;
  const created = await createMember(t.gz.ctx, systemActor, {
    name,
    phone,
    unit: '测试单位',
    forceType,
    userId: linkedUser,
    assignments: [{ microGridCode: microGrid, role: 'member' }],
  } as Parameters<typeof createMember>[2]);
  return created.id;
}

/** Two grid workers (one per micro-grid, each a grid member), a village cadre, a town admin and a district admin. */
export async function people(t: TestApp): Promise<People> {
  const session = (role: Role, scope: string) => t.userSession(role, [scope]);
  const workerA = await session('grid_worker', MICRO_A);
  const workerB = await session('grid_worker', MICRO_B);
  const memberA = await member(t, '甲网格员', 'committee_member', MICRO_A, await userId(t, workerA));
  const memberB = await member(t, '乙网格员', 'committee_member', MICRO_B, await userId(t, workerB));
  return { workerA, workerB, memberA, memberB, village: await session('village_cadre', VILLAGE), town: await session('town_admin', TOWN), admin: await session('district_admin', '510113000000') };
}

/** The smallest real JPEG, PNG and WebP headers, enough for the type to be recognised by its bytes. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 gongzhi test photo')]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR gongzhi test')]);

/** A multipart/form-data body as a browser would send it. */
export async function multipart(fields: Record<string, string>, files: { name: string; data: Buffer; type?: string }[] = []) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const f of files) form.append('photos', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'image/jpeg' }), f.name);
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
}

let ip = 0;

/** An anonymous request from a fresh client address, so the per-address rate limit does not interfere. */
export function fromNewAddress(t: TestApp, options: InjectOptions): Promise<LightMyRequestResponse> {
  ip++;
  return t.request({ ...options, headers: { 'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`, ...(options.headers ?? {}) } });
}

export function report(t: TestApp, payload: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return fromNewAddress(t, { method: 'POST', url: '/api/v1/public/cases', payload });
}

export const garbage = (at: { lat: number; lng: number } = IN_A, extra: Record<string, unknown> = {}) => ({
  category: 'sanitation.garbage',
  description: '路边垃圾堆积，气味很大',
  ...at,
  ...extra,
});

/** Every file under the uploads folder, for asserting that a refused upload stored nothing. */
export function storedFiles(t: TestApp): string[] {
  const root = join(t.gz.ctx.config.dataDir, 'uploads');
  try {
    return (readdirSync(root, { recursive: true }) as string[]).filter((p) => /[0-9a-f]{64}$/.test(p)).sort();
  } catch {
    return [];
  }
}
