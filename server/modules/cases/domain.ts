/**
 * Cases (网格事件): the pure rules around the workflow in `workflow.ts` — categories and their time
 * limits, tracking numbers, where a reported point is routed, who counts as whom on a case, when a
 * case closed on time, and how a case reads in Open311. No IO; the clock is always passed in.
 */
import type { Role } from '../../platform/access/policy.ts';
import { inScope } from '../../platform/access/policy.ts';
import { chinaDateKey, type TimeLimit, type WorkingCalendar } from '../../platform/calendar/working-days.ts';
import {
  ACTION_RULES,
  availableActions,
  calendarDeadlinePolicy,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  type ActionType,
  type Actor as WorkflowActor,
  type Assignee,
  type CaseState,
  type CaseStatus,
  type DeadlinePolicy,
  type Level,
  type StageStatus,
} from './workflow.ts';

/* ---------- force types ---------- */

/** Who handles a category, as the grid module classes its members (DOMAIN.md §5). */
export const FORCE_TYPES = ['agency_cadre', 'town_cadre', 'committee_member', 'enforcement', 'industry_service', 'social_volunteer'] as const;
export type ForceType = (typeof FORCE_TYPES)[number];

export const FORCE_TYPE_LABELS: Record<ForceType, { zh: string; en: string }> = {
  agency_cadre: { zh: '机关干部', en: 'Agency cadres' },
  town_cadre: { zh: '镇街干部', en: 'Town cadres' },
  committee_member: { zh: '村社两委成员', en: 'Village committee members' },
  enforcement: { zh: '执法力量', en: 'Law enforcement' },
  industry_service: { zh: '行业服务力量', en: 'Industry service staff' },
  social_volunteer: { zh: '社会志愿者', en: 'Social volunteers' },
};

/* ---------- categories ---------- */

export const STAGES = ['reported', 'accepted', 'dispatched', 'handled', 'verified'] as const satisfies readonly StageStatus[];
export type StageLimits = Partial<Record<StageStatus, TimeLimit>>;

export const ATTRIBUTE_TYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** An extra question a category asks (Open311 calls them attributes). */
export interface CategoryAttribute {
  code: string;
  datatype: AttributeType;
  required: boolean;
  description: string;
  order: number;
  values?: { key: string; name: string }[];
}

export interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  description: string;
  forceType: ForceType;
  limits: StageLimits;
  reporterVerifies: boolean;
  /** The report form lists open cases of this kind near the pin (not for disputes: it would point at a household). */
  listNearby: boolean;
  attributes: CategoryAttribute[];
  sortOrder: number;
  active: boolean;
}

export const CATEGORY_CODE = /^[a-z][a-z0-9_]{1,30}(\.[a-z][a-z0-9_]{1,30})?$/;

const hours = (amount: number): TimeLimit => ({ unit: 'hours', amount });
const days = (amount: number): TimeLimit => ({ unit: 'days', amount });

export const LIMITS = {
  standard: { reported: hours(4), accepted: hours(4), dispatched: days(3), handled: days(2), verified: days(1) },
  urgent: { reported: hours(1), accepted: hours(1), dispatched: days(1), handled: days(1), verified: days(1) },
  long: { reported: hours(4), accepted: days(1), dispatched: days(10), handled: days(3), verified: days(2) },
} satisfies Record<string, StageLimits>;

const HAZARD_LEVEL: CategoryAttribute = {
  code: 'hazard_level',
  datatype: 'singlevaluelist',
  required: true,
  description: '隐患等级 Hazard level',
  order: 1,
  values: [
    { key: '1', name: '一般 General' },
    { key: '2', name: '较大 Serious' },
    { key: '3', name: '紧急 Urgent' },
  ],
};
const PEOPLE_INVOLVED: CategoryAttribute = { code: 'people', datatype: 'number', required: false, description: '涉及人数 People involved', order: 1 };

type Seed = Omit<Category, 'parentCode' | 'sortOrder' | 'active' | 'description' | 'attributes' | 'listNearby'> & {
  description?: string;
  listNearby?: boolean;
  attributes?: CategoryAttribute[];
  children: (Partial<Omit<Category, 'code' | 'parentCode'>> & { code: string; nameZh: string; nameEn: string })[];
};

const SEEDS: Seed[] = [
  {
    code: 'dispute',
    nameZh: '矛盾纠纷',
    nameEn: 'Disputes',
    forceType: 'committee_member',
    limits: LIMITS.standard,
    reporterVerifies: true,
    listNearby: false,
    attributes: [PEOPLE_INVOLVED],
    children: [
      { code: 'dispute.neighbour', nameZh: '邻里纠纷', nameEn: 'Neighbour disputes' },
      { code: 'dispute.family', nameZh: '婚姻家庭纠纷', nameEn: 'Family disputes' },
      { code: 'dispute.labour', nameZh: '劳资纠纷', nameEn: 'Wage and labour disputes', forceType: 'town_cadre' },
      { code: 'dispute.land', nameZh: '土地承包纠纷', nameEn: 'Land contract disputes', forceType: 'town_cadre' },
    ],
  },
  {
    code: 'safety',
    nameZh: '安全隐患',
    nameEn: 'Safety hazards',
    forceType: 'enforcement',
    limits: LIMITS.urgent,
    reporterVerifies: true,
    attributes: [HAZARD_LEVEL],
    children: [
      { code: 'safety.fire', nameZh: '消防隐患', nameEn: 'Fire hazards' },
      { code: 'safety.gas', nameZh: '燃气隐患', nameEn: 'Gas hazards', forceType: 'industry_service' },
      { code: 'safety.power', nameZh: '用电隐患', nameEn: 'Electrical hazards', forceType: 'industry_service' },
      { code: 'safety.building', nameZh: '危房隐患', nameEn: 'Unsafe buildings', forceType: 'town_cadre' },
      { code: 'safety.traffic', nameZh: '交通安全隐患', nameEn: 'Road safety' },
    ],
  },
  {
    code: 'sanitation',
    nameZh: '环境卫生',
    nameEn: 'Environment and sanitation',
    forceType: 'committee_member',
    limits: LIMITS.standard,
    reporterVerifies: true,
    children: [
      { code: 'sanitation.garbage', nameZh: '垃圾堆放', nameEn: 'Rubbish dumping' },
      { code: 'sanitation.sewage', nameZh: '污水排放', nameEn: 'Sewage', forceType: 'industry_service' },
      { code: 'sanitation.burning', nameZh: '秸秆焚烧', nameEn: 'Straw burning', forceType: 'enforcement', limits: LIMITS.urgent },
      { code: 'sanitation.river', nameZh: '河道沟渠', nameEn: 'Rivers and ditches' },
    ],
  },
  {
    code: 'order',
    nameZh: '市容秩序',
    nameEn: 'Public order and appearance',
    forceType: 'enforcement',
    limits: LIMITS.standard,
    reporterVerifies: true,
    children: [
      { code: 'order.vending', nameZh: '占道经营', nameEn: 'Street vending' },
      { code: 'order.parking', nameZh: '乱停乱放', nameEn: 'Illegal parking' },
      { code: 'order.posters', nameZh: '乱贴乱画', nameEn: 'Flyposting and graffiti', forceType: 'social_volunteer' },
    ],
  },
  {
    code: 'livelihood',
    nameZh: '民生服务',
    nameEn: 'Livelihood services',
    forceType: 'town_cadre',
    limits: LIMITS.standard,
    reporterVerifies: true,
    children: [
      { code: 'livelihood.health', nameZh: '医疗卫生', nameEn: 'Health care', forceType: 'industry_service' },
      { code: 'livelihood.elderly', nameZh: '养老助残', nameEn: 'Elderly and disability care', forceType: 'social_volunteer' },
      { code: 'livelihood.welfare', nameZh: '社保救助', nameEn: 'Social security and relief' },
      { code: 'livelihood.utilities', nameZh: '水电气服务', nameEn: 'Water, power and gas service', forceType: 'industry_service' },
    ],
  },
  {
    code: 'building',
    nameZh: '违章建筑',
    nameEn: 'Unauthorised construction',
    forceType: 'enforcement',
    limits: LIMITS.long,
    reporterVerifies: false,
    children: [
      { code: 'building.construction', nameZh: '违法建设', nameEn: 'Unauthorised building' },
      { code: 'building.farmland', nameZh: '违规占用耕地', nameEn: 'Building on farmland' },
    ],
  },
  {
    code: 'roads',
    nameZh: '道路设施',
    nameEn: 'Roads and facilities',
    forceType: 'town_cadre',
    limits: LIMITS.standard,
    reporterVerifies: true,
    children: [
      { code: 'roads.pavement', nameZh: '道路破损', nameEn: 'Damaged roads' },
      { code: 'roads.streetlight', nameZh: '路灯损坏', nameEn: 'Broken street lights', forceType: 'industry_service' },
      { code: 'roads.manhole', nameZh: '井盖缺失', nameEn: 'Missing manhole covers', limits: LIMITS.urgent },
    ],
  },
  {
    code: 'other',
    nameZh: '其他',
    nameEn: 'Other',
    forceType: 'committee_member',
    limits: LIMITS.standard,
    reporterVerifies: true,
    children: [{ code: 'other.general', nameZh: '其他事项', nameEn: 'Other matters' }],
  },
];

/** The categories every deployment starts with; a district admin edits them afterwards. */
export const DEFAULT_CATEGORIES: readonly Category[] = SEEDS.flatMap((seed, i) => {
  const { children, ...parent } = seed;
  const top: Category = { description: '', attributes: [], listNearby: true, ...parent, parentCode: null, sortOrder: (i + 1) * 100, active: true };
  return [
    top,
    ...children.map(
      (child, j): Category => ({
        ...top,
        ...child,
        parentCode: top.code,
        description: child.description ?? '',
        sortOrder: top.sortOrder + j + 1,
      }),
    ),
  ];
});

/** Categories a report may name: active, and without active sub-categories (a leaf). */
export function reportableCategories(all: readonly Category[]): Category[] {
  const byCode = new Map(all.map((c) => [c.code, c]));
  const withChildren = new Set(all.filter((c) => c.active && c.parentCode).map((c) => c.parentCode));
  return all.filter((c) => c.active && !withChildren.has(c.code) && (c.parentCode === null || byCode.get(c.parentCode)?.active === true));
}

/** Problems with a category definition given the others: two levels only, codes under their parent. */
export function categoryProblems(category: Pick<Category, 'code' | 'parentCode' | 'limits' | 'attributes'>, all: readonly Category[]): string[] {
  const problems: string[] = [];
  if (!CATEGORY_CODE.test(category.code)) problems.push('编码应为小写字母、数字和下划线，子类为「上级.子类」 codes are lowercase, a sub-category is parent.child');
  if (category.parentCode === null) {
    if (category.code.includes('.')) problems.push('一级分类的编码不能含「.」 a top-level code has no dot');
  } else {
    const parent = all.find((c) => c.code === category.parentCode);
    if (!parent) problems.push(`上级分类 ${category.parentCode} 不存在 parent not found`);
    else if (parent.parentCode !== null) problems.push('分类只有两级 categories have two levels only');
    if (!category.code.startsWith(`${category.parentCode}.`)) problems.push(`子类编码应以「${category.parentCode}.」开头 a sub-category code starts with its parent's`);
  }
  for (const [stage, limit] of Object.entries(category.limits)) {
    if (!(STAGES as readonly string[]).includes(stage)) problems.push(`未知环节 ${stage} unknown stage`);
    else if (!limit || !(limit.amount > 0) || (limit.unit === 'days' && !Number.isInteger(limit.amount))) problems.push(`环节 ${stage} 的时限无效 invalid limit`);
  }
  const codes = new Set<string>();
  for (const a of category.attributes) {
    if (codes.has(a.code)) problems.push(`属性 ${a.code} 重复 duplicate attribute`);
    codes.add(a.code);
    if ((a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') && !(a.values && a.values.length > 0)) {
      problems.push(`属性 ${a.code} 需要可选值 a list attribute needs values`);
    }
  }
  return problems;
}

export type AttributeCheck = { ok: true; values: Record<string, string> } | { ok: false; problems: { path: string; message: string }[] };

/** Check the answers to a category's attributes: required ones given, lists from their values, numbers numeric, no unknown codes. */
export function checkAttributes(category: Pick<Category, 'attributes'>, given: Readonly<Record<string, string | readonly string[]>>): AttributeCheck {
  const problems: { path: string; message: string }[] = [];
  const values: Record<string, string> = {};
  const known = new Map(category.attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(given)) {
    if (!known.has(code)) problems.push({ path: `attribute[${code}]`, message: `未知属性 unknown attribute ${code}` });
  }
  for (const a of category.attributes) {
    const raw = given[a.code];
    // Several answers to a multiple-choice question may also come as one comma-separated value.
    const answers = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
    const list = (a.datatype === 'multivaluelist' ? answers.flatMap((v) => v.split(',')) : answers).map((v) => v.trim()).filter((v) => v !== '');
    const path = `attribute[${a.code}]`;
    if (list.length === 0) {
      if (a.required) problems.push({ path, message: `请填写「${a.description}」 ${a.code} is required` });
      continue;
    }
    if (a.datatype !== 'multivaluelist' && list.length > 1) {
      problems.push({ path, message: `${a.code} takes one value` });
      continue;
    }
    const allowed = new Set((a.values ?? []).map((v) => v.key));
    let bad = false;
    switch (a.datatype) {
      case 'number':
        bad = !list.every((v) => /^-?\d+(\.\d+)?$/.test(v));
        break;
      case 'datetime':
        bad = !list.every((v) => parseW3cDate(v) !== null);
        break;
      case 'singlevaluelist':
      case 'multivaluelist':
        bad = !list.every((v) => allowed.has(v));
        break;
      case 'string':
      case 'text':
        bad = !list.every((v) => v.length <= (a.datatype === 'string' ? 200 : 2000));
        break;
    }
    if (bad) problems.push({ path, message: `「${a.description}」的值无效 invalid value for ${a.code}` });
    else values[a.code] = list.join(',');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/* ---------- deadlines ---------- */

export function deadlinePolicy(calendar: WorkingCalendar, category: Pick<Category, 'limits'>): DeadlinePolicy {
  return calendarDeadlinePolicy(calendar, category.limits);
}

/** The fresh deadline an escalated case gets at its new level: the current stage's limit again, from now. */
export function escalationDeadline(policy: DeadlinePolicy, status: CaseStatus, now: Date): Date | null {
  if (status === 'reported' || status === 'accepted' || status === 'dispatched' || status === 'handled' || status === 'verified') {
    return policy.stageDeadline(status, now);
  }
  return null;
}

/* ---------- tracking numbers ---------- */

export const TRACKING_PREFIX = 'QBJ';
export const TRACKING_NUMBER = /^[A-Z]{2,6}-\d{8}-\d{6,9}$/;

/** The day a tracking number counts in: the calendar day in China Standard Time, as YYYYMMDD. */
export function trackingDay(at: Date): string {
  return chinaDateKey(at).replaceAll('-', '');
}

/** `QBJ-20260302-000123`: prefix, the day reported (China time), the day's sequence number. */
export function trackingNumber(day: string, sequence: number, prefix = TRACKING_PREFIX): string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`not a sequence number: ${sequence}`);
  return `${prefix}-${day}-${String(sequence).padStart(6, '0')}`;
}

/* ---------- regions and routing ---------- */

/** The kind of region a statistical or grid code names, from its shape. */
export function levelOfCode(code: string): Level | 'grid' | 'higher' {
  if (code.length === 16) return 'micro_grid';
  if (code.length === 14) return 'grid';
  if (code.length !== 12) return 'higher';
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'town';
  if (code.slice(4, 6) !== '00') return 'district';
  return 'higher';
}

/** The path prefix of the ancestor at `level` of the region at `path` (itself included), or null. */
export function ancestorPath(path: string, level: Level): string | null {
  const codes = path.split('/').filter(Boolean);
  const i = codes.findIndex((c) => levelOfCode(c) === level);
  return i < 0 ? null : `${codes.slice(0, i + 1).join('/')}/`;
}

export interface RegionHit {
  code: string;
  name: string;
  path: string;
}

export interface RouteInput {
  /** The micro-grid whose polygon contains the point, from the spatial index. */
  microGrid: RegionHit | null;
  /** The nearest village with a seat, and how far it is. */
  nearestVillage: (RegionHit & { distanceMeters: number }) | null;
  /** The nearest town seat. */
  nearestTown: (RegionHit & { distanceMeters: number }) | null;
  /** The district whose outline contains the point; null when outlines exist and none contains it. */
  district: RegionHit | null;
  /** Whether any district outline is known; without one, every point is in the service area. */
  outlinesKnown: boolean;
}

export type RouteMethod = 'polygon' | 'village_seat' | 'town_seat' | 'district';

export interface RouteDecision {
  region: RegionHit;
  level: Level;
  method: RouteMethod;
}

/** A village seat this close counts as "the village" for a point no micro-grid covers. */
export const VILLAGE_SEAT_RADIUS_METERS = 1_500;
/** Beyond this from every town seat, and with no outline to go by, a point is outside the service area. */
export const TOWN_SEAT_RADIUS_METERS = 30_000;

/**
 * Where a report goes: the micro-grid containing it; else the village whose seat is within
 * `VILLAGE_SEAT_RADIUS_METERS`; else the nearest town, which triages; else the district. A point
 * outside every district outline (when outlines are known) is outside the service area: null.
 */
export function decideRoute(input: RouteInput): RouteDecision | null {
  if (input.microGrid) return { region: input.microGrid, level: 'micro_grid', method: 'polygon' };
  if (input.outlinesKnown && input.district === null) return null;
  const within = (path: string) => input.district === null || path.startsWith(input.district.path);
  const village = input.nearestVillage;
  if (village && village.distanceMeters <= VILLAGE_SEAT_RADIUS_METERS && within(village.path)) {
    return { region: stripDistance(village), level: 'village', method: 'village_seat' };
  }
  const town = input.nearestTown;
  if (town && within(town.path) && (input.district !== null || town.distanceMeters <= TOWN_SEAT_RADIUS_METERS)) {
    return { region: stripDistance(town), level: 'town', method: 'town_seat' };
  }
  if (input.district) return { region: input.district, level: 'district', method: 'district' };
  return null;
}

function stripDistance(hit: RegionHit & { distanceMeters: number }): RegionHit {
  return { code: hit.code, name: hit.name, path: hit.path };
}

/** Open cases of the same category within this distance are offered to a resident before reporting. */
export const NEARBY_RADIUS_METERS = 100;

/** A box around a point that certainly contains every point within `meters` of it. */
export function boundingBox(lat: number, lng: number, meters: number) {
  const dLat = (meters / 111_320) * 1.01;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/* ---------- who is who on a case ---------- */

export interface CaseParties {
  regionPath: string;
  assignee: Assignee | null;
  reporterUserId: string | null;
}

export interface Person {
  role: Role | null;
  userId: string | null;
  scopeCodes: readonly string[];
  scopePaths: readonly string[] | null;
  /** The grid member record of the user, if they have one. */
  memberId: string | null;
}

/** Is this person the assignee: the member dispatched to, or a user of the unit (region office) dispatched to. */
export function isAssignee(person: Person, assignee: Assignee | null): boolean {
  if (!assignee) return false;
  if (assignee.kind === 'member') return person.memberId !== null && person.memberId === assignee.id;
  return person.scopeCodes.includes(assignee.id);
}

/** The workflow's view of a signed-in person acting on a case. */
export function workflowActor(person: Person, parties: CaseParties): WorkflowActor {
  if (person.role === null) return { role: 'reporter', id: null, inScope: false, isReporter: false, isAssignee: false };
  return {
    role: person.role,
    id: person.userId,
    inScope: inScope(person.scopePaths, parties.regionPath),
    isReporter: person.userId !== null && person.userId === parties.reporterUserId,
    isAssignee: isAssignee(person, parties.assignee),
  };
}

/** The workflow's view of a member of the public holding (or not) the case's reporter token. */
export function reporterActor(tokenMatches: boolean): WorkflowActor {
  return { role: 'reporter', id: null, inScope: false, isReporter: tokenMatches, isAssignee: false };
}

/** Statuses a role's inbox shows for cases in its scope (besides cases dispatched to the person). */
export function inboxStatuses(role: Role | null): CaseStatus[] {
  switch (role) {
    case 'grid_worker':
      return ['reported', 'handled', 'verified'];
    case 'village_cadre':
      return ['reported', 'accepted', 'handled', 'verified', 'suspended'];
    case 'town_admin':
    case 'district_admin':
      return ['reported', 'accepted', 'suspended'];
    default:
      return [];
  }
}

/* ---------- closure ---------- */

export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'suspended'];

export function isOpen(status: CaseStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

/**
 * Handling photos belong to the handling: they are uploaded by whoever may record it (the
 * assignee), while the case is with them, just before 处置. `wrong_state` when the case is not
 * at that stage, `not_permitted` when it is but this person may not handle it.
 */
export function handlingPhotoRefusal(c: CaseState, actor: WorkflowActor): 'wrong_state' | 'not_permitted' | null {
  if (!ACTION_RULES.handle.from.includes(c.status)) return 'wrong_state';
  return availableActions(c, actor).includes('handle') ? null : 'not_permitted';
}

/**
 * A passed verification by the reporter closes the case at once (the resident is satisfied); a
 * grid worker's verification leaves it for a one-tap 结案.
 */
export function closesOnVerification(byReporter: boolean): boolean {
  return byReporter;
}

/**
 * Closed on time: no stage deadline was missed on the way (`missedDeadline` is set whenever an
 * action or the sweep finds the current deadline passed) and the closing itself is not late.
 */
export function closedOnTime(missedDeadline: boolean, deadlineBeforeClose: string | null, closedAt: Date): boolean {
  if (missedDeadline) return false;
  return deadlineBeforeClose === null || closedAt.getTime() <= Date.parse(deadlineBeforeClose);
}

/** The current deadline has passed for a case whose clock runs. */
export function pastDeadline(state: Pick<CaseState, 'status' | 'deadline'>, now: Date): boolean {
  return state.deadline !== null && state.status !== 'suspended' && isOpen(state.status) && now.getTime() > Date.parse(state.deadline);
}

/** Who answers for a case at each level: the role notified when it arrives or is escalated there. */
export const LEVEL_ROLE: Record<Level, Role> = {
  micro_grid: 'grid_worker',
  village: 'village_cadre',
  town: 'town_admin',
  district: 'district_admin',
};

/* ---------- timeline ---------- */

export type TimelineAction = ActionType | 'report' | 'escalate';

export const ACTION_LABELS: Record<TimelineAction, { zh: string; en: string }> = {
  report: { zh: '上报', en: 'Reported' },
  accept: { zh: '立案', en: 'Accepted' },
  reject: { zh: '不予立案', en: 'Not accepted' },
  dispatch: { zh: '派遣', en: 'Dispatched' },
  return: { zh: '退回', en: 'Returned' },
  handle: { zh: '处置', en: 'Handled' },
  verify_pass: { zh: '核查通过', en: 'Verified' },
  verify_fail: { zh: '核查不通过', en: 'Verification failed' },
  close: { zh: '结案', en: 'Closed' },
  request_extension: { zh: '申请延期', en: 'Extension requested' },
  approve_extension: { zh: '批准延期', en: 'Extension approved' },
  deny_extension: { zh: '驳回延期', en: 'Extension denied' },
  suspend: { zh: '挂起', en: 'Suspended' },
  resume: { zh: '恢复', en: 'Resumed' },
  escalate: { zh: '督办升级', en: 'Escalated' },
};

export function actionLabel(action: string): { zh: string; en: string } {
  return ACTION_LABELS[action as TimelineAction] ?? { zh: action, en: action };
}

/* ---------- public view ---------- */

/** Timeline actions a member of the public sees (never who did them); internal steps stay in the office. */
export function isPublicAction(action: string): boolean {
  return action !== 'request_extension' && action !== 'approve_extension' && action !== 'deny_extension' && action !== 'escalate';
}

/** The one note a member of the public sees: why their report was not accepted, or why verification failed. */
export function publicNote(action: string, note: string | null): string | null {
  return action === 'reject' ? note : null;
}

export function statusLabel(status: CaseStatus): { zh: string; en: string } {
  return STATUS_LABELS[status];
}

/* ---------- Open311 ---------- */

export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return isOpen(status) ? 'open' : 'closed';
}

/** status_notes: the label of where the case is, and the reason when it was not accepted. */
export function open311StatusNotes(status: CaseStatus, rejectionReason: string | null): string {
  const label = STATUS_LABELS[status];
  if (status === 'rejected' && rejectionReason) return `${label.zh} ${label.en}: ${rejectionReason}`;
  return `${label.zh} ${label.en}`;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parse a W3C date-time (ISO 8601 profile); a time without a zone is read in China Standard Time. */
export function parseW3cDate(text: string): Date | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  let offset = '+08:00';
  if (zone === 'Z') offset = 'Z';
  else if (zone) offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible dates that Date would roll over (2026-02-30).
  const local = new Date(date.getTime() + (offset === 'Z' ? 0 : offsetMinutes(offset) * 60_000));
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) return null;
  return date;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** A W3C date-time with the China Standard Time zone: 2026-03-02T09:00:00+08:00. */
export function w3cDate(iso: string | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The caller's name from the spec's `first_name` and `last_name`: a Chinese name reads family
 * name first and without a space (王 + 小明 → 王小明); others read first name first.
 */
export function callerName(first: string | undefined, last: string | undefined): string | undefined {
  const parts = [first?.trim(), last?.trim()].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return undefined;
  const han = /\p{Script=Han}/u;
  if (parts.length === 2 && han.test(parts[0]!) && han.test(parts[1]!)) return `${parts[1]}${parts[0]}`;
  return parts.join(' ');
}

/** Open311 lists at most this many requests, from the last 90 days unless dates are given. */
export const OPEN311_MAX_REQUESTS = 1_000;
export const OPEN311_DEFAULT_DAYS = 90;
