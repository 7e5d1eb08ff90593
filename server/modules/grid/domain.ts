/**
 * Grid forces (进网入格): the people placed in micro-grid teams, the staffing rule a micro-grid is
 * held to, the spreadsheet row of a member, and the sibling-overlap check of drawn areas.
 * Pure rules only: no IO.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { isValidPhone, normalisePhone as normalisePhoneText } from '../../platform/access/pii.ts';
import { inScope, type ScopePaths } from '../../platform/access/policy.ts';
import { areasOverlap, bboxOf, type Area } from '../../platform/geo/geometry.ts';

/* ---------- force types and roles ---------- */

export const FORCE_TYPES = ['agency_cadre', 'town_cadre', 'committee_member', 'enforcement', 'industry_service', 'social_volunteer'] as const;
export type ForceType = (typeof FORCE_TYPES)[number];

export const FORCE_TYPE_LABELS: Record<ForceType, { zh: string; en: string }> = {
  agency_cadre: { zh: '机关干部', en: 'Agency cadre' },
  town_cadre: { zh: '镇街干部', en: 'Town cadre' },
  committee_member: { zh: '社区两委', en: 'Committee member' },
  enforcement: { zh: '执法力量', en: 'Law enforcement' },
  industry_service: { zh: '行业服务', en: 'Industry service' },
  social_volunteer: { zh: '社会志愿者', en: 'Social volunteer' },
};

export function isForceType(value: string): value is ForceType {
  return (FORCE_TYPES as readonly string[]).includes(value);
}

/** The force type named by a stored value or its Chinese or English label; null if none. */
export function forceTypeFromText(text: string): ForceType | null {
  const value = text.trim();
  if (isForceType(value)) return value;
  const lower = value.toLowerCase();
  for (const type of FORCE_TYPES) {
    const label = FORCE_TYPE_LABELS[type];
    if (label.zh === value || label.en.toLowerCase() === lower) return type;
  }
  return null;
}

export const ASSIGNMENT_ROLES = ['leader', 'member'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, { zh: string; en: string }> = {
  leader: { zh: '网格长', en: 'Leader' },
  member: { zh: '成员', en: 'Member' },
};

export function roleFromText(text: string): AssignmentRole | null {
  const value = text.trim();
  if (value === 'leader' || value === 'member') return value;
  if (value === '网格长' || value === '微网格长' || value.toLowerCase() === 'leader') return 'leader';
  if (value === '成员' || value === '网格员' || value.toLowerCase() === 'member') return 'member';
  return null;
}

/* ---------- staffing rule ---------- */

/** What a staffing rule can ask for: one force type, any cadre (agency or town), or anyone at all. */
export const STAFFING_KEYS = ['cadre', 'any', ...FORCE_TYPES] as const;
export type StaffingKey = (typeof STAFFING_KEYS)[number];

export const STAFFING_GROUPS: Record<StaffingKey, readonly ForceType[]> = {
  cadre: ['agency_cadre', 'town_cadre'],
  any: FORCE_TYPES,
  agency_cadre: ['agency_cadre'],
  town_cadre: ['town_cadre'],
  committee_member: ['committee_member'],
  enforcement: ['enforcement'],
  industry_service: ['industry_service'],
  social_volunteer: ['social_volunteer'],
};

export const STAFFING_KEY_LABELS: Record<StaffingKey, { zh: string; en: string }> = {
  cadre: { zh: '干部（机关或镇街）', en: 'Cadre (agency or town)' },
  any: { zh: '任意成员', en: 'Anyone' },
  ...FORCE_TYPE_LABELS,
};

export interface StaffingRule {
  /** The least number of active members each micro-grid needs, per key. */
  minimum: Partial<Record<StaffingKey, number>>;
  /** Each micro-grid needs a leader (网格长). */
  requireLeader: boolean;
}

/** At least one cadre and one committee member in each micro-grid. */
export const DEFAULT_STAFFING_RULE: StaffingRule = { minimum: { cadre: 1, committee_member: 1 }, requireLeader: false };

export type ForceCounts = Record<ForceType, number>;

export function zeroCounts(): ForceCounts {
  return { agency_cadre: 0, town_cadre: 0, committee_member: 0, enforcement: 0, industry_service: 0, social_volunteer: 0 };
}

export function totalOf(counts: ForceCounts): number {
  return FORCE_TYPES.reduce((sum, t) => sum + counts[t], 0);
}

export interface Lack {
  key: StaffingKey | 'leader';
  required: number;
  actual: number;
}

export type StaffingStatus = 'ok' | 'lacking' | 'empty';

export interface StaffingCheck {
  status: StaffingStatus;
  lacking: Lack[];
}

/** Judge one micro-grid's team against the rule. A micro-grid with nobody is `empty`, whatever the rule. */
export function evaluateStaffing(counts: ForceCounts, leaders: number, rule: StaffingRule): StaffingCheck {
  const lacking: Lack[] = [];
  for (const key of STAFFING_KEYS) {
    const required = rule.minimum[key];
    if (required === undefined || required <= 0) continue;
    const actual = STAFFING_GROUPS[key].reduce((sum, t) => sum + counts[t], 0);
    if (actual < required) lacking.push({ key, required, actual });
  }
  if (rule.requireLeader && leaders < 1) lacking.push({ key: 'leader', required: 1, actual: leaders });
  if (totalOf(counts) === 0) return { status: 'empty', lacking };
  return { status: lacking.length > 0 ? 'lacking' : 'ok', lacking };
}

/** 缺少 干部 1 人、社区两委 1 人 — for tables and map pop-ups. */
export function describeLacks(lacking: readonly Lack[]): string {
  return lacking
    .map((l) => (l.key === 'leader' ? '缺网格长' : `${STAFFING_KEY_LABELS[l.key].zh}差 ${l.required - l.actual} 人`))
    .join('；');
}

/* ---------- coverage ---------- */

export interface MicroGridRef {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface MicroGridCount {
  microGridCode: string;
  forceType: string;
  members: number;
  leaders: number;
}

export interface MicroGridStaffing extends StaffingCheck {
  code: string;
  name: string;
  gridCode: string | null;
  counts: ForceCounts;
  total: number;
  leaders: number;
}

/** Each micro-grid's team by force type, judged against the rule; micro-grids with nobody are included. */
export function assembleCoverage(microGrids: readonly MicroGridRef[], rows: readonly MicroGridCount[], rule: StaffingRule) {
  const tally = new Map<string, { counts: ForceCounts; leaders: number }>();
  for (const r of rows) {
    if (!isForceType(r.forceType)) continue;
    const entry = tally.get(r.microGridCode) ?? { counts: zeroCounts(), leaders: 0 };
    entry.counts[r.forceType] += r.members;
    entry.leaders += r.leaders;
    tally.set(r.microGridCode, entry);
  }
  const items: MicroGridStaffing[] = microGrids.map((mg) => {
    const { counts, leaders } = tally.get(mg.code) ?? { counts: zeroCounts(), leaders: 0 };
    return { code: mg.code, name: mg.name, gridCode: mg.parentCode, counts, total: totalOf(counts), leaders, ...evaluateStaffing(counts, leaders, rule) };
  });
  const summary = { microGrids: items.length, ok: 0, lacking: 0, empty: 0 };
  for (const item of items) summary[item.status] += 1;
  return { items, summary, understaffed: items.filter((i) => i.status !== 'ok') };
}

/* ---------- scope ---------- */

/** A member is in scope when their home region is, or one of their micro-grids is. */
export function memberInScope(scope: ScopePaths, regionPath: string, microGridPaths: readonly string[]): boolean {
  return inScope(scope, regionPath) || microGridPaths.some((p) => inScope(scope, p));
}

/* ---------- regions ---------- */

/** The village (and its path) a micro-grid's or grid's path runs through: `…/village/grid/[micro/]`. */
export function villageOfPath(path: string, level: 'grid' | 'micro_grid'): { code: string; path: string } | null {
  const codes = path.split('/').filter(Boolean);
  const code = codes[codes.length - (level === 'grid' ? 2 : 3)];
  if (!code) return null;
  return { code, path: `${path.slice(0, path.indexOf(`${code}/`))}${code}/` };
}

/** Phone as typed: spaces and dashes inside mobile numbers are dropped; numbers from a spreadsheet cell become text. */
export function normalisePhone(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? normalisePhoneText(value) : '';
}

/** Several micro-grid codes in one cell: separated by ; ； , ， 、 or spaces. */
export function splitCodes(value: unknown): string[] {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return [...new Set(text.split(/[;；,，、\s]+/).map((c) => c.trim()).filter(Boolean))];
}

/* ---------- one spreadsheet row ---------- */

export const MEMBER_COLUMNS = {
  name: '姓名',
  phone: '手机号',
  unit: '单位',
  forceType: '力量类型',
  microGrids: '微网格编码',
  role: '角色',
} as const;

export interface MemberRow {
  name: string;
  phone: string;
  unit: string | null;
  forceType: ForceType;
  microGrids: string[];
  role: AssignmentRole;
}

export interface CellError {
  column: string;
  message: string;
}

export const NAME_MAX = 40;
export const UNIT_MAX = 60;
export const MICRO_GRIDS_PER_ROW_MAX = 50;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Check one row as read from a spreadsheet (stored values or Chinese labels), before any lookup. */
export function parseMemberRow(values: Readonly<Record<string, unknown>>): { ok: true; row: MemberRow } | { ok: false; errors: CellError[] } {
  const errors: CellError[] = [];
  const name = text(values.name);
  if (!name) errors.push({ column: MEMBER_COLUMNS.name, message: '姓名不能为空 Name is required' });
  else if (name.length > NAME_MAX) errors.push({ column: MEMBER_COLUMNS.name, message: `姓名不超过 ${NAME_MAX} 字 Name is too long` });
  const phone = normalisePhone(values.phone);
  if (!phone) errors.push({ column: MEMBER_COLUMNS.phone, message: '手机号不能为空 Phone is required' });
  else if (!isValidPhone(phone)) errors.push({ column: MEMBER_COLUMNS.phone, message: `手机号「${phone}」格式不正确 Invalid phone number` });
  const unit = text(values.unit);
  if (unit.length > UNIT_MAX) errors.push({ column: MEMBER_COLUMNS.unit, message: `单位不超过 ${UNIT_MAX} 字 Unit is too long` });
  const forceText = text(values.forceType);
  const forceType = forceText ? forceTypeFromText(forceText) : null;
  if (!forceText) errors.push({ column: MEMBER_COLUMNS.forceType, message: '力量类型不能为空 Force type is required' });
  else if (!forceType) {
    errors.push({ column: MEMBER_COLUMNS.forceType, message: `无法识别的力量类型「${forceText}」，应为 ${FORCE_TYPES.map((t) => FORCE_TYPE_LABELS[t].zh).join('/')} Unknown force type` });
  }
  const microGrids = splitCodes(values.microGrids);
  if (microGrids.length === 0) errors.push({ column: MEMBER_COLUMNS.microGrids, message: '至少填写一个微网格编码 At least one micro-grid code is required' });
  else if (microGrids.length > MICRO_GRIDS_PER_ROW_MAX) errors.push({ column: MEMBER_COLUMNS.microGrids, message: `一行最多 ${MICRO_GRIDS_PER_ROW_MAX} 个微网格 Too many micro-grids` });
  else {
    const bad = microGrids.find((c) => !/^\d{16}$/.test(c));
    if (bad) errors.push({ column: MEMBER_COLUMNS.microGrids, message: `微网格编码「${bad}」应为 16 位数字 A micro-grid code has 16 digits` });
  }
  const roleText = text(values.role);
  const role = roleText ? roleFromText(roleText) : 'member';
  if (!role) errors.push({ column: MEMBER_COLUMNS.role, message: `角色「${roleText}」应为 网格长 或 成员 Role is leader or member` });
  if (errors.length > 0 || !forceType || !role) return { ok: false, errors };
  return { ok: true, row: { name, phone, unit: unit || null, forceType, microGrids, role } };
}

/**
 * Two rows with the same phone are the same person listed twice (say once as leader of one
 * micro-grid and once as member of others): allowed when name and force type agree.
 */
export function sameMemberProblem(first: MemberRow, again: MemberRow, firstRowNumber: number): CellError | null {
  if (first.name !== again.name) return { column: MEMBER_COLUMNS.phone, message: `手机号与第 ${firstRowNumber} 行相同但姓名不同 Same phone as row ${firstRowNumber} with another name` };
  if (first.forceType !== again.forceType) {
    return { column: MEMBER_COLUMNS.forceType, message: `与第 ${firstRowNumber} 行为同一人，但力量类型不同 Same person as row ${firstRowNumber} with another force type` };
  }
  return null;
}

/* ---------- overlaps between sibling areas ---------- */

export interface DrawnArea {
  code: string;
  name: string;
  parentCode: string;
  geometry: Area;
}

export interface Overlap {
  parentCode: string;
  a: { code: string; name: string };
  b: { code: string; name: string };
}

/** Every pair of siblings (same parent) whose areas overlap, in code order. */
export function findOverlaps(areas: readonly DrawnArea[]): Overlap[] {
  const byParent = new Map<string, DrawnArea[]>();
  for (const area of areas) {
    const list = byParent.get(area.parentCode) ?? [];
    list.push(area);
    byParent.set(area.parentCode, list);
  }
  const overlaps: Overlap[] = [];
  for (const [parentCode, siblings] of [...byParent.entries()].sort(([x], [y]) => x.localeCompare(y))) {
    siblings.sort((x, y) => x.code.localeCompare(y.code));
    for (let i = 0; i < siblings.length; i++) {
      for (let j = i + 1; j < siblings.length; j++) {
        const a = siblings[i]!;
        const b = siblings[j]!;
        if (areasOverlap(a.geometry, b.geometry)) overlaps.push({ parentCode, a: { code: a.code, name: a.name }, b: { code: b.code, name: b.name } });
      }
    }
  }
  return overlaps;
}

/* ---------- the demo dataset (deterministic) ---------- */


export interface DemoTown {
  code: string;
  name: string;
  shortName: string;
  seat: [number, number] | null;
}

export interface DemoVillage {
  code: string;
  name: string;
  shortName: string;
  townCode: string;
}

/** A grid already drawn (by the demo accounts): kept as it is, its micro-grids too. */
export interface DemoExistingGrid {
  code: string;
  villageCode: string;
  bbox: [number, number, number, number];
  /** Its polygon is its bounding box, so it can be cut into rectangles. */
  rectangular: boolean;
  microGridCount: number;
}

export interface DemoArea {
  code: string;
  parentCode: string;
  level: 'grid' | 'micro_grid';
  name: string;
  geometry: Polygon;
}

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => CN_NUMERALS[n - 1] ?? String(n);
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function rectangle(minLng: number, minLat: number, maxLng: number, maxLat: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLng, minLat],
        [maxLng, minLat],
        [maxLng, maxLat],
        [minLng, maxLat],
        [minLng, minLat],
      ],
    ],
  };
}

/** Cut a box into `count` rectangles: 4 → 2 × 2, 6 → 3 × 2, otherwise side-by-side strips. Edges are shared exactly. */
export function cutBox([minLng, minLat, maxLng, maxLat]: readonly [number, number, number, number], count: number, strips: 'columns' | 'rows'): [number, number, number, number][] {
  const [cols, rows] = count === 4 ? [2, 2] : count === 6 ? [3, 2] : strips === 'columns' ? [count, 1] : [1, count];
  const xs = Array.from({ length: cols + 1 }, (_, i) => (i === cols ? maxLng : round6(minLng + ((maxLng - minLng) * i) / cols)));
  const ys = Array.from({ length: rows + 1 }, (_, i) => (i === rows ? maxLat : round6(minLat + ((maxLat - minLat) * i) / rows)));
  const boxes: [number, number, number, number][] = [];
  for (let r = rows - 1; r >= 0; r--) for (let c = 0; c < cols; c++) boxes.push([xs[c]!, ys[r]!, xs[c + 1]!, ys[r + 1]!]);
  return boxes;
}

interface Rng {
  next(): number;
  int(min: number, max: number): number;
}

const CELL = 0.01;
const GAP = 0.0006;

function boxInside(box: readonly [number, number, number, number], outline: Area): boolean {
  const [x0, y0, x1, y1] = box;
  for (let i = 0; i <= 6; i++) {
    const t = i / 6;
    const points: Position[] = [
      [x0 + (x1 - x0) * t, y0],
      [x0 + (x1 - x0) * t, y1],
      [x0, y0 + (y1 - y0) * t],
      [x1, y0 + (y1 - y0) * t],
    ];
    if (!points.every((p) => booleanPointInPolygon(p, outline as Polygon | MultiPolygon, { ignoreBoundary: true }))) return false;
  }
  return true;
}

function boxesApart(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! >= b[2]! + GAP || b[0]! >= a[2]! + GAP || a[1]! >= b[3]! + GAP || b[1]! >= a[3]! + GAP;
}

/**
 * Grids and micro-grids for every village: villages have no polygon, so each gets a small square
 * cell inside the district outline near its town's seat, apart from every other village's cell;
 * the cell is cut into 2–4 grids and each grid into 3–6 micro-grids. Villages that already have
 * grids keep them; a rectangular grid without micro-grids is cut into 3–6, keeping those inside the outline.
 */
export function planDemoAreas(input: { outline: Area; towns: readonly DemoTown[]; villages: readonly DemoVillage[]; existing: readonly DemoExistingGrid[]; rng: Rng }): DemoArea[] {
  const { outline, rng } = input;
  const [ox0, oy0, ox1, oy1] = bboxOf(outline);
  const centre: [number, number] = [(ox0 + ox1) / 2, (oy0 + oy1) / 2];
  const seats = new Map(input.towns.map((t) => [t.code, t.seat ?? centre]));
  const placed: [number, number, number, number][] = input.existing.map((g) => g.bbox);
  const areas: DemoArea[] = [];
  const existingByVillage = new Map<string, DemoExistingGrid[]>();
  for (const g of input.existing) existingByVillage.set(g.villageCode, [...(existingByVillage.get(g.villageCode) ?? []), g]);

  const microGrids = (grid: { code: string; name: string }, box: [number, number, number, number], count: number, withinOutline = false) => {
    // A grid drawn before may reach past the outline: its micro-grids keep to the part inside.
    const boxes = cutBox(box, count, 'rows').filter((b) => !withinOutline || boxInside(b, outline));
    boxes.forEach((b, j) => {
      areas.push({ code: `${grid.code}${String(j + 1).padStart(2, '0')}`, parentCode: grid.code, level: 'micro_grid', name: `${grid.name}第${cn(j + 1)}微网格`, geometry: rectangle(...b) });
    });
  };

  for (const village of input.villages) {
    const existing = existingByVillage.get(village.code);
    if (existing) {
      for (const g of existing) {
        if (g.microGridCount === 0 && g.rectangular) microGrids({ code: g.code, name: `${village.shortName}第${cn(Number(g.code.slice(-2)))}网格` }, g.bbox, rng.int(3, 6), true);
      }
      continue;
    }
    const [sx, sy] = seats.get(village.townCode) ?? centre;
    let cell: [number, number, number, number] | null = null;
    for (let attempt = 0; attempt < 4000 && !cell; attempt++) {
      // Spiral outwards from the seat; after many misses, anywhere in the outline.
      const far = attempt >= 3000;
      const radius = 0.004 + 0.0012 * Math.floor(attempt / 25);
      const angle = rng.next() * 2 * Math.PI;
      const cx = far ? ox0 + rng.next() * (ox1 - ox0) : sx + radius * Math.cos(angle);
      const cy = far ? oy0 + rng.next() * (oy1 - oy0) : sy + radius * Math.sin(angle);
      const box: [number, number, number, number] = [round6(cx - CELL / 2), round6(cy - CELL / 2), round6(cx + CELL / 2), round6(cy + CELL / 2)];
      if (placed.every((p) => boxesApart(box, p)) && boxInside(box, outline)) cell = box;
    }
    if (!cell) continue;
    placed.push(cell);
    const gridCount = rng.int(2, 4);
    cutBox(cell, gridCount, 'columns').forEach((box, i) => {
      const grid = { code: `${village.code}${String(i + 1).padStart(2, '0')}`, name: `${village.shortName}第${cn(i + 1)}网格` };
      areas.push({ code: grid.code, parentCode: village.code, level: 'grid', name: grid.name, geometry: rectangle(...box) });
      microGrids(grid, box, rng.int(3, 6));
    });
  }
  return areas;
}

export interface DemoMicroGrid {
  code: string;
  villageCode: string;
  townCode: string;
}

export interface DemoMember {
  name: string;
  phone: string;
  unit: string;
  forceType: ForceType;
  /** Home region: the district for agency cadres, the town or the village for the rest. */
  homeCode: string;
  assignments: { code: string; role: AssignmentRole }[];
  /** The demo grid worker's own member record. */
  isDemoWorker?: boolean;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖石贾付邹熊'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩凯欣怡晨雪梅琳婷丹蓉川蜀成林波燕春兵海'.split('');
const AGENCIES = [
  '区委组织部', '区委宣传部', '区委政法委', '区委社会工作部', '区发展和改革局', '区财政局', '区民政局', '区人力资源和社会保障局', '区住房和城乡建设局',
  '区农业农村局', '区卫生健康局', '区应急管理局', '区市场监督管理局', '区教育局', '区司法局', '区生态环境局', '区交通运输局', '区水务局',
  '区商务局', '区文化广电旅游局', '区退役军人事务局', '区信访局', '区医疗保障局', '区统计局', '区规划和自然资源局',
];
const PHONE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '182', '187', '188'];

/** Split `total` over weights by largest remainder, so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

function townShort(name: string): string {
  return name.replace(/(街道|镇|乡)$/, '');
}

/**
 * The people of the demo: exactly `forceTotals` of each force type, each with a unique phone, placed in
 * micro-grids so that every micro-grid has a cadre, a committee member (its leader) and volunteers,
 * except a few left short on purpose: some with nobody, some without a committee member, some
 * without a cadre. The demo grid worker leads the micro-grids of their own grid.
 */
export function planDemoMembers(input: {
  /** How many people of each force type (the demo data's figures). */
  forceTotals: Readonly<Record<ForceType, number>>;
  microGrids: readonly DemoMicroGrid[];
  villages: readonly DemoVillage[];
  towns: readonly DemoTown[];
  districtCode: string;
  /** Micro-grids the demo grid worker leads; never left short. */
  workerMicroGrids: readonly string[];
  rng: Rng & { shuffle<T>(items: T[]): T[] };
}): DemoMember[] {
  const { rng } = input;
  const members: DemoMember[] = [];
  let serial = 0;
  const person = (forceType: ForceType, unit: string, homeCode: string): DemoMember => {
    const given = GIVEN[rng.int(0, GIVEN.length - 1)]! + (rng.next() < 0.6 ? GIVEN[rng.int(0, GIVEN.length - 1)]! : '');
    const suffix = String((serial++ * 7919 + 10_007) % 100_000_000).padStart(8, '0');
    const member: DemoMember = { name: SURNAMES[rng.int(0, SURNAMES.length - 1)]! + given, phone: PHONE_PREFIXES[rng.int(0, PHONE_PREFIXES.length - 1)]! + suffix, unit, forceType, homeCode, assignments: [] };
    members.push(member);
    return member;
  };

  const worker = new Set(input.workerMicroGrids);
  const spare = rng.shuffle(input.microGrids.filter((m) => !worker.has(m.code)).map((m) => m.code));
  const empty = new Set(spare.slice(0, 4));
  const noCommittee = new Set(spare.slice(4, 12));
  const noCadre = new Set(spare.slice(12, 20));
  const staffed = input.microGrids.filter((m) => !empty.has(m.code));
  const byVillage = new Map<string, DemoMicroGrid[]>();
  const byTown = new Map<string, DemoMicroGrid[]>();
  for (const m of staffed) {
    byVillage.set(m.villageCode, [...(byVillage.get(m.villageCode) ?? []), m]);
    byTown.set(m.townCode, [...(byTown.get(m.townCode) ?? []), m]);
  }
  const leaderOf = new Map<string, DemoMember>();
  const place = (member: DemoMember, code: string, lead = false) => {
    if (member.assignments.some((a) => a.code === code)) return;
    const role: AssignmentRole = lead && !leaderOf.has(code) ? 'leader' : 'member';
    if (role === 'leader') leaderOf.set(code, member);
    member.assignments.push({ code, role });
  };

  // Committee members: about eight per village, each leading or serving the village's micro-grids.
  const villagesByCount = [...input.villages].sort((a, b) => (byVillage.get(b.code)?.length ?? 0) - (byVillage.get(a.code)?.length ?? 0) || a.code.localeCompare(b.code));
  const committeeCounts = apportion(input.forceTotals.committee_member, villagesByCount.map(() => 1));
  villagesByCount.forEach((village, v) => {
    const count = committeeCounts[v]!;
    const team = Array.from({ length: count }, () => person('committee_member', village.name, village.code));
    const mine = (byVillage.get(village.code) ?? []).map((m) => m.code);
    const led = mine.filter((c) => worker.has(c));
    const rest = mine.filter((c) => !worker.has(c) && !noCommittee.has(c));
    let helpers = team;
    if (led.length > 0 && team.length > 1) {
      team[0]!.isDemoWorker = true;
      for (const code of led) place(team[0]!, code, true);
      helpers = team.slice(1);
    }
    const targets = rest.length > 0 ? rest : mine;
    if (targets.length === 0) return;
    for (let j = 0; j < Math.max(targets.length, helpers.length); j++) place(helpers[j % helpers.length]!, targets[j % targets.length]!, true);
  });

  // Cadres: town cadres in their own town; agency cadres from the district's departments, anywhere.
  const cadreTargets = (list: readonly DemoMicroGrid[]) => list.filter((m) => !noCadre.has(m.code)).map((m) => m.code);
  const towns = input.towns.filter((t) => byTown.has(t.code));
  const townCadres = apportion(input.forceTotals.town_cadre, towns.map((t) => byTown.get(t.code)!.length));
  towns.forEach((town, t) => {
    const targets = cadreTargets(byTown.get(town.code)!);
    const office = town.name.endsWith('街道') ? `${town.name}办事处` : `${town.name}人民政府`;
    for (let j = 0; j < townCadres[t]!; j++) {
      const m = person('town_cadre', office, town.code);
      if (targets.length === 0) continue;
      place(m, targets[j % targets.length]!);
      if (rng.next() < 0.5) place(m, targets[rng.int(0, targets.length - 1)]!);
    }
  });
  const everywhere = rng.shuffle(cadreTargets(staffed));
  for (let j = 0; j < input.forceTotals.agency_cadre; j++) {
    const m = person('agency_cadre', AGENCIES[rng.int(0, AGENCIES.length - 1)]!, input.districtCode);
    if (everywhere.length === 0) continue;
    place(m, everywhere[j % everywhere.length]!);
    if (rng.next() < 0.2) place(m, everywhere[rng.int(0, everywhere.length - 1)]!);
  }
  // A micro-grid without a committee member is led by one of its cadres.
  for (const code of noCommittee) {
    if (leaderOf.has(code)) continue;
    const cadre = members.find((m) => (m.forceType === 'agency_cadre' || m.forceType === 'town_cadre') && m.assignments.some((a) => a.code === code));
    const a = cadre?.assignments.find((x) => x.code === code);
    if (cadre && a) {
      a.role = 'leader';
      leaderOf.set(code, cadre);
    }
  }

  // Enforcement and industry services belong to their town and serve its micro-grids.
  const enforcement = apportion(input.forceTotals.enforcement, towns.map((t) => byTown.get(t.code)!.length));
  const industry = apportion(input.forceTotals.industry_service, towns.map((t) => byTown.get(t.code)!.length));
  towns.forEach((town, t) => {
    const targets = byTown.get(town.code)!.map((m) => m.code);
    const short = townShort(town.name);
    for (let j = 0; j < enforcement[t]!; j++) {
      const m = person('enforcement', rng.next() < 0.6 ? `${short}派出所` : `${short}城管中队`, town.code);
      for (let k = rng.int(2, 4); k > 0; k--) place(m, targets[rng.int(0, targets.length - 1)]!);
    }
    for (let j = 0; j < industry[t]!; j++) {
      const r = rng.next();
      const unit = r < 0.5 ? `${short}社区卫生服务中心` : r < 0.75 ? '青白江区燃气公司' : `${short}供电所`;
      place(person('industry_service', unit, town.code), targets[rng.int(0, targets.length - 1)]!);
    }
  });

  // Volunteers: spread evenly over every staffed micro-grid, from the village's own volunteer team.
  const villageNames = new Map(input.villages.map((v) => [v.code, v.shortName]));
  for (let j = 0; j < input.forceTotals.social_volunteer; j++) {
    const mg = staffed[j % staffed.length]!;
    place(person('social_volunteer', `${villageNames.get(mg.villageCode) ?? ''}志愿服务队`, mg.villageCode), mg.code);
  }
  return members;
}
