/**
 * The cases part of the demo dataset: a year of reports up to today on the demo micro-grids, run
 * through the real workflow and working calendar — most closed on time, some still open, a few
 * overdue and escalated. Deterministic for a given day (seeded), written in bulk.
 */
import { blindIndex, encryptPii } from '../../platform/access/pii.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { findUserIdByUsername } from '../../platform/auth/service.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import { buildPolygonIndex, type PolygonFeature } from '../../platform/geo/spatial-index.ts';
import type { AppContext, DemoProgress } from '../../platform/module.ts';
import { seededRandom, type Random } from '../../platform/random.ts';
import { drawnAreas, regionsByCode } from '../regions/service.ts';
import { closedOnTime, deadlinePolicy, escalationDeadline, reportableCategories, trackingDay, trackingNumber, type Category } from './domain.ts';
import { memberIdOfUser, microGridsOfMember } from '../grid/service.ts';
import * as repo from './repository.ts';
import { calendarOf, categoriesOf } from './service.ts';
import {
  applyEscalation,
  newCaseState,
  nextEscalation,
  transition,
  type Actor as WorkflowActor,
  type Assignee,
  type CaseAction,
  type CaseState,
  type TimelineEntry,
} from './workflow.ts';

const DEMO_DISTRICT = '510113000000';
/** The demo grid worker's grid gets a larger share, so their inbox has something in it. */
const DEMO_GRID = '51011300200101';
const CASES = 2_500;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What residents write, by the kind of problem they chose: each text fits its sub-category. */
const DESCRIPTIONS: Record<string, readonly string[]> = {
  'dispute.neighbour': ['邻居装修噪音扰民，多次协商未果', '楼上漏水到楼下，双方就维修费用争执', '邻居在公共过道堆放杂物引发矛盾'],
  'dispute.family': ['夫妻因赡养老人问题多次争吵，请求调解', '兄弟分家后老人赡养安排有分歧', '离婚后子女探视问题发生纠纷'],
  'dispute.labour': ['务工人员反映工资被拖欠两个月', '工地工人受伤后工伤赔偿未落实', '临时工被辞退后未结清工资'],
  'dispute.land': ['两户因宅基地边界发生争执', '承包地流转费用产生分歧', '土地确权后地界划分有异议'],
  'safety.fire': ['楼道内堆放杂物堵塞消防通道', '小区消防栓无水', '厂房内灭火器过期未更换'],
  'safety.gas': ['路口燃气管道有异味', '餐馆液化气瓶露天存放', '居民楼燃气表箱锈蚀'],
  'safety.power': ['小区电动车在楼道内充电', '私拉电线给电动车充电', '配电箱柜门损坏无法关闭'],
  'safety.building': ['老旧房屋外墙出现裂缝', '空置土坯房墙体倾斜', '院墙部分垮塌'],
  'safety.traffic': ['学校门口缺少减速带', '村道急弯处缺少警示标志', '路口视线被树木遮挡'],
  'sanitation.garbage': ['路边垃圾堆积未及时清运', '垃圾桶满溢无人清理', '小区门口建筑垃圾乱倒'],
  'sanitation.sewage': ['沟渠有污水直排', '养殖场污水流入农田', '化粪池满溢污水外流'],
  'sanitation.burning': ['田间有焚烧秸秆现象', '村民在地里焚烧垃圾', '林盘边有人烧落叶杂草'],
  'sanitation.river': ['河道漂浮垃圾较多', '沟渠淤塞排水不畅', '河边有人倾倒垃圾'],
  'order.vending': ['人行道上有占道经营摊点', '菜市场外流动摊贩占道', '店铺货物摆到人行道上'],
  'order.parking': ['车辆乱停堵塞消防通道', '货车长期停放占用公共车位', '共享单车堆放阻挡盲道'],
  'order.posters': ['电线杆上小广告较多', '围墙上乱涂乱画', '单元门上贴满小广告'],
  'livelihood.health': ['居民咨询医保报销流程', '希望家庭医生上门随访', '慢性病患者咨询免费药品领取'],
  'livelihood.elderly': ['独居老人需要上门服务', '残疾人申请辅助器具', '高龄老人申请助餐服务'],
  'livelihood.welfare': ['困难家庭申请临时救助', '咨询低保申请材料', '失业人员咨询社保接续'],
  'livelihood.utilities': ['片区停水未提前通知', '自来水水压不足', '居民反映电压不稳'],
  'building.construction': ['院坝内新建彩钢棚疑似未审批', '居民楼顶加建房屋', '临街店铺私自扩建'],
  'building.farmland': ['村民在承包地上违规搭建砖房', '耕地上堆放建材', '基本农田里修建鱼塘'],
  'roads.pavement': ['村道路面出现坑洼', '桥面铺装破损', '人行道地砖松动'],
  'roads.streetlight': ['路灯连续多晚不亮', '路灯白天也亮着', '路灯杆倾斜'],
  'roads.manhole': ['人行道井盖缺失存在安全隐患', '井盖破损下陷', '雨水井盖被移走'],
  'other.general': ['建议增设休闲座椅', '咨询社区活动安排', '建议在公园增加健身器材'],
};

/**
 * A UUIDv7 for a demo record: its own time, and seeded bits, so the demo is the same on every run.
 * `sequence` fills the counter field, as a generator does within one millisecond: a case's timeline
 * entries of the same moment (a reporter's 核查通过 and the 结案 it brings) keep their order.
 */
function demoId(ms: number, rng: Random, sequence = Math.floor(rng.next() * 4096)): string {
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${(sequence % 4096).toString(16).padStart(3, '0')}-${(8 + Math.floor(rng.next() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

interface Site {
  code: string;
  name: string;
  path: string;
  gridCode: string;
  bbox: [number, number, number, number];
}

interface Simulated {
  row: Omit<repo.CaseRow, 'tracking_no'>;
  events: repo.EventRow[];
}

/** A moment in working hours of the day of `ms` (China time), pushed to 09:00–17:30. */
function inWorkingHours(ms: number, rng: Random): number {
  const local = new Date(ms + 8 * HOUR);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * HOUR;
  return midnight + 9 * HOUR + Math.floor(rng.next() * 8.5 * HOUR);
}

function pointIn(site: Site, index: ReturnType<typeof buildPolygonIndex>, rng: Random): [number, number] {
  const [w, s, e, n] = site.bbox;
  for (let i = 0; i < 20; i++) {
    const lng = Math.round((w + (e - w) * rng.next()) * 1e6) / 1e6;
    const lat = Math.round((s + (n - s) * rng.next()) * 1e6) / 1e6;
    if (index.locate(lng, lat) === site.code) return [lng, lat];
  }
  return [(w + e) / 2, (s + n) / 2];
}

export async function seedCasesDemo(ctx: AppContext, progress: DemoProgress): Promise<void> {
  const drawn = await drawnAreas(ctx, systemActor, DEMO_DISTRICT, ['micro_grid']).catch(() => null);
  if (!drawn || drawn.features.length === 0) {
    progress('没有微网格，跳过事件演示数据 No micro-grids: cases demo skipped');
    return;
  }
  const rng = seededRandom(20_261_128);
  const features: PolygonFeature[] = drawn.features.map((f) => ({ id: f.properties.code, geometry: f.geometry as PolygonFeature['geometry'] }));
  const index = buildPolygonIndex(features);
  const paths = new Map((await regionsByCode(ctx, features.map((f) => f.id))).map((r) => [r.code, r]));
  const all: Site[] = drawn.features
    .filter((f) => paths.has(f.properties.code))
    .map((f) => {
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0] ?? [];
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      const region = paths.get(f.properties.code)!;
      return { code: region.code, name: region.name, path: region.path, gridCode: region.code.slice(0, 14), bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
    });
  const home = all.filter((s) => s.gridCode === DEMO_GRID);
  const others = rng.shuffle(all.filter((s) => s.gridCode !== DEMO_GRID)).slice(0, 36);
  const sites = [...home, ...others];
  const categories = reportableCategories(await categoriesOf(ctx));
  const calendar = calendarOf(ctx);
  const people = {
    grid: (await findUserIdByUsername(ctx, 'grid'))?.id ?? null,
    village: (await findUserIdByUsername(ctx, 'village'))?.id ?? null,
  };
  // The demo grid worker handles cases in the micro-grids they serve; elsewhere a case goes to the grid's office.
  const workerMember = people.grid ? await memberIdOfUser(ctx, people.grid) : null;
  const served = new Set(workerMember ? await microGridsOfMember(ctx, workerMember) : []);

  const now = ctx.clock.now().getTime();
  const start = now - 365 * DAY;
  const simulated: Simulated[] = [];
  for (let i = 0; i < CASES; i++) {
    const site = i % 4 === 0 && home.length > 0 ? rng.pick(home) : rng.pick(sites);
    const category = rng.pick(categories);
    const texts = DESCRIPTIONS[category.code] ?? DESCRIPTIONS['other.general']!;
    const createdAt = inWorkingHours(start + Math.floor(((now - start) * i) / CASES) + Math.floor(rng.next() * DAY), rng);
    if (createdAt >= now) continue;
    const assignee: Assignee =
      workerMember && served.has(site.code) && rng.next() < 0.7
        ? { kind: 'member', id: workerMember, name: '怡湖社区网格员' }
        : { kind: 'unit', id: site.gridCode, name: site.name.replace(/第.微网格$/, '') };
    simulated.push(simulate({ site, category, createdAt, now, rng, assignee, people, calendar, policy: deadlinePolicy(calendar, category), text: rng.pick(texts), index }));
  }

  const secret = ctx.config.secret;
  await ctx.db.transaction().execute(async (trx) => {
    const byDay = new Map<string, Simulated[]>();
    for (const s of simulated) {
      const day = trackingDay(new Date(s.row.created_at));
      byDay.set(day, [...(byDay.get(day) ?? []), s]);
    }
    const rows: repo.CaseRow[] = [];
    for (const [day, list] of byDay) {
      const last = await repo.reserveSequence(trx, day, list.length);
      list.forEach((s, k) => {
        const withPhone = k % 3 === 0;
        const phone = `139${String(10_000_000 + ((rows.length * 7919) % 89_999_999)).padStart(8, '0')}`;
        rows.push({
          ...s.row,
          tracking_no: trackingNumber(day, last - list.length + 1 + k),
          reporter_phone_enc: withPhone ? encryptPii(secret, phone) : null,
          reporter_phone_index: withPhone ? blindIndex(secret, phone) : null,
          reporter_name_enc: null,
        });
      });
    }
    rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
    await repo.insertCases(trx, rows);
    await repo.insertEvents(
      trx,
      simulated.flatMap((s) => s.events),
    );
    await recordAudit(trx, ctx, systemActor, { action: 'case.demo_seed', entity: 'case', entityId: 'demo', after: { cases: rows.length } });
  });
  const open = simulated.filter((s) => s.row.closed_at === null && s.row.status !== 'rejected').length;
  progress(`${simulated.length} 件事件（${open} 件未办结） cases, ${open} open`);
}

interface SimulationInput {
  site: Site;
  category: Category;
  createdAt: number;
  now: number;
  rng: Random;
  assignee: Assignee;
  people: { grid: string | null; village: string | null };
  calendar: WorkingCalendar;
  policy: ReturnType<typeof deadlinePolicy>;
  text: string;
  index: ReturnType<typeof buildPolygonIndex>;
}

/** One case from report to wherever it has got by now, through the real state machine. */
function simulate(input: SimulationInput): Simulated {
  const { site, category, createdAt, now, rng, assignee, people, policy, calendar } = input;
  const id = demoId(createdAt, rng);
  const [lng, lat] = pointIn(site, input.index, rng);
  let state: CaseState = newCaseState({ level: 'micro_grid', reporterVerifies: category.reporterVerifies, at: new Date(createdAt), deadlines: policy });
  const events: repo.EventRow[] = [
    { id: demoId(createdAt, rng, 0), case_id: id, at: new Date(createdAt).toISOString(), actor_id: null, actor_name: null, actor_role: 'reporter', action: 'report', from_status: null, to_status: 'reported', note: null, detail_json: JSON.stringify({ source: 'public', routedBy: 'polygon', photos: 0 }), public: 1 },
  ];
  // About one case in ten misses a time limit; more of the recent ones, so a few are late right now.
  const recent = now - createdAt < 14 * DAY;
  const lateStage = rng.next() < (recent ? 0.3 : 0.1) ? rng.int(1, 3) : 0;
  let t = createdAt;
  let missed = false;
  let closedAt: number | null = null;
  let deadlineBeforeClose: string | null = null;
  const gridWorker: WorkflowActor = { role: 'grid_worker', id: people.grid, inScope: true, isReporter: false, isAssignee: false };
  const villageCadre: WorkflowActor = { role: 'village_cadre', id: people.village, inScope: true, isReporter: false, isAssignee: false };
  const theAssignee: WorkflowActor = { role: 'grid_worker', id: null, inScope: true, isReporter: false, isAssignee: true };
  const reporter: WorkflowActor = { role: 'reporter', id: null, inScope: false, isReporter: true, isAssignee: false };
  const names: Record<string, string> = { grid_worker: '怡湖社区网格员', village_cadre: '怡湖社区书记', reporter: '上报人', system: '系统' };

  const record = (entry: TimelineEntry, actorId: string | null) => {
    const detail: Record<string, unknown> = {};
    if (entry.assignee) detail.assignee = entry.assignee;
    if (entry.level) detail.level = entry.level;
    if (entry.deadline) detail.deadline = entry.deadline;
    events.push({
      id: demoId(Date.parse(entry.at), rng, events.length),
      case_id: id,
      at: entry.at,
      actor_id: actorId,
      actor_name: names[entry.actor.role] ?? null,
      actor_role: entry.actor.role,
      action: entry.action,
      from_status: entry.from,
      to_status: entry.to,
      note: entry.reason ?? entry.notes ?? null,
      detail_json: Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
      public: entry.action === 'escalate' ? 0 : 1,
    });
  };

  /** The next step's time: well inside the stage's limit, or (for the late stage) past it. */
  const step = (stage: number, actor: WorkflowActor, action: CaseAction): boolean => {
    // Inside working hours: a share of the working time left before the deadline, or some hours past it.
    const from = new Date(t);
    const deadline = state.deadline ? new Date(state.deadline) : calendar.addWorkingHours(from, 4);
    const late = stage === lateStage;
    const left = Math.max(0, calendar.workingHoursBetween(from, deadline));
    const at = late
      ? calendar.addWorkingHours(deadline, rng.int(1, 20)).getTime()
      : Math.max(t + 60_000, calendar.addWorkingHours(from, Math.max(0.2, left * (0.1 + rng.next() * 0.6))).getTime());
    if (at >= now) return false;
    if (state.deadline && at > Date.parse(state.deadline)) {
      missed = true;
      const level = nextEscalation(state, new Date(Date.parse(state.deadline) + 60_000));
      if (level) {
        const escalation = applyEscalation(state, level, {
          at: new Date(Date.parse(state.deadline) + 60_000),
          newDeadline: escalationDeadline(policy, state.status, new Date(Date.parse(state.deadline) + 60_000)),
        });
        state = escalation.next;
        record(escalation.timelineEntry, null);
      }
    }
    if (action.type === 'close') deadlineBeforeClose = state.deadline;
    const result = transition(state, action, actor, { at: new Date(at), deadlines: policy });
    if (!result.ok) return false;
    state = result.next;
    t = at;
    record(result.timelineEntry, actor.id ?? null);
    if (state.status === 'closed') closedAt = at;
    return true;
  };

  const run = () => {
    if (rng.next() < 0.03) return step(1, gridWorker, { type: 'reject', reason: '不属于网格事件，已告知居民 Not a grid matter' });
    if (!step(1, gridWorker, { type: 'accept' })) return false;
    if (!step(2, villageCadre, { type: 'dispatch', assignee })) return false;
    if (!step(3, theAssignee, { type: 'handle', notes: '已到现场处置完毕 Handled on site' })) return false;
    if (rng.next() < 0.04) {
      if (!step(4, gridWorker, { type: 'verify_fail', reason: '现场仍有问题 Not yet fixed' })) return false;
      if (!step(4, theAssignee, { type: 'handle', notes: '已再次处置 Handled again' })) return false;
    }
    if (category.reporterVerifies && rng.next() < 0.6) {
      if (!step(4, reporter, { type: 'verify_pass' })) return false;
      deadlineBeforeClose = state.deadline;
      const closing = transition(state, { type: 'close' }, { role: 'district_admin', id: null, inScope: true, isReporter: false, isAssignee: false }, { at: new Date(t), deadlines: policy });
      if (closing.ok) {
        state = closing.next;
        record({ ...closing.timelineEntry, actor: { role: 'system', id: null } }, null);
        closedAt = t;
      }
      return true;
    }
    if (!step(4, gridWorker, { type: 'verify_pass' })) return false;
    return step(5, gridWorker, { type: 'close' });
  };
  run();

  const createdIso = new Date(createdAt).toISOString();
  const closed = closedAt === null ? null : new Date(closedAt).toISOString();
  return {
    row: {
      id,
      category_code: category.code,
      description: input.text,
      lat,
      lng,
      address: null,
      attributes_json: category.attributes.some((a) => a.code === 'hazard_level') ? JSON.stringify({ hazard_level: String(rng.int(1, 3)) }) : null,
      source: 'public',
      reporter_user_id: null,
      reporter_phone_enc: null,
      reporter_phone_index: null,
      reporter_name_enc: null,
      reporter_token_hash: null,
      region_code: site.code,
      region_path: site.path,
      region_name: site.name,
      region_level: 'micro_grid',
      route_method: 'polygon',
      status: state.status,
      assignee_kind: state.assignee?.kind ?? null,
      assignee_id: state.assignee?.id ?? null,
      assignee_name: state.assignee?.name ?? null,
      deadline: state.deadline,
      escalation_level: state.escalation?.level ?? 'micro_grid',
      escalated_for: state.escalation?.forDeadline ?? null,
      missed_deadline: missed ? 1 : 0,
      state_json: JSON.stringify(state),
      created_at: createdIso,
      updated_at: events[events.length - 1]!.at,
      closed_at: closed,
      closed_on_time: closedAt === null ? null : closedOnTime(missed, deadlineBeforeClose, new Date(closedAt)) ? 1 : 0,
      version: events.length,
    },
    events,
  };
}
