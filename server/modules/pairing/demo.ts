import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemActor } from '../../platform/auth/actor.ts';
import { findUserIdByUsername, updateUser } from '../../platform/auth/service.ts';
import { allocateByWeights } from '../../platform/money.ts';
import type { AppContext, DemoProgress } from '../../platform/module.ts';
import { seededRandom, type Random } from '../../platform/random.ts';
import type { OrgDomain, Tag } from '../orgs/domain.ts';
import { createOrg, orgsByIds, regionOrgs, updateOrg, type OrgRecord } from '../orgs/service.ts';
import type { FundingSource } from '../projects/domain.ts';
import { createOwnedProject, getLadder, writeProgress, writeVerification } from '../projects/service.ts';
import { listRegions } from '../regions/service.ts';
import { AGENCY_ENTERPRISE_DOMAINS, TWO_NEW_DOMAINS } from './domain.ts';
import type { CreatePairingInput } from './schema.ts';
import { createPairings, DATA_DIR, summariesOf, transitionPairing } from './service.ts';
import { tasksOfPairings, writeEvidence, writeTaskChange } from './tasks.ts';

/**
 * The pairing part of the demo dataset: partner organisations, the pairings the plan in
 * `data/pairing/demo.json` calls for (every town, village and partner covered), their tasks with
 * progress and evidence, and co-building projects with funding, child projects and progress.
 * Deterministic: the same seed gives the same dataset.
 */

interface PartnerSpec {
  name: string;
  domain: OrgDomain;
  capacity: number;
  resourceTags: Tag[];
  modes: string[];
  overCapacity?: { extra: number; reason: string };
}

interface DemoPlan {
  seed: number;
  district: string;
  liaisonOrg: string;
  partners: PartnerSpec[];
  idle: PartnerSpec[];
  villageNeeds: Tag[];
  plan: {
    regional_grouping: { perTown: number; villagesPerGroup: number; modes: string[] };
    city_countryside: { pairings: number; modes: string[] };
    industry_two_new_village: { pairings: number };
    agency_village: { pairings: number };
  };
  extra: { proposed: number; concluded: number; dissolved: number };
  projects: { count: number; withChildren: number; titles: Record<string, string[]>; childTitles: string[]; grandchildTitles: string[] };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['建国', '丽', '静', '伟', '敏', '磊', '洋', '婷', '强', '霞', '军', '芳', '勇', '燕', '杰', '娟'];
const EVIDENCE_NOTES = ['已召开专题会议，明确责任分工。', '完成入户走访，形成问题清单。', '组织开展现场活动，群众参与踊跃。', '阶段性成果已报镇（街道）备案。', '已落实资金和人员，按计划推进。'];
const PROGRESS_NOTES = ['完成前期调研和方案编制', '施工队伍进场', '主体工程完成过半', '完成阶段验收', '设备安装调试完成'];

function dayOffset(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The candidate with the fewest pairings so far (ties broken by the seeded draw), or undefined. */
function leastLoaded<T extends { id: string }>(rng: Random, items: readonly T[], load: Map<string, number>, ok: (item: T) => boolean = () => true): T | undefined {
  let best: T | undefined;
  let bestKey = Infinity;
  for (const item of items) {
    if (!ok(item)) continue;
    const key = (load.get(item.id) ?? 0) + rng.next() * 0.5;
    if (key < bestKey) {
      best = item;
      bestKey = key;
    }
  }
  return best;
}

export async function seedPairingDemo(ctx: AppContext, progress: DemoProgress): Promise<void> {
  const data = JSON.parse(readFileSync(join(DATA_DIR, 'demo.json'), 'utf8')) as DemoPlan;
  const rng = seededRandom(data.seed);
  const today = new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const person = () => `${SURNAMES[rng.int(0, SURNAMES.length - 1)]}${rng.pick(GIVEN)}`;
  const phone = () => `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

  /* Organisations: partners (created), towns and villages (from the reference data). */
  const specs = new Map<string, PartnerSpec>();
  for (const spec of [...data.partners, ...data.idle]) {
    const view = await createOrg(ctx, systemActor, {
      name: spec.name,
      domain: spec.domain,
      regionCode: data.district,
      capacity: spec.capacity,
      resourceTags: spec.resourceTags,
      needTags: [],
      liaisonName: person(),
      liaisonPhone: phone(),
    });
    specs.set(view.id, spec);
  }
  const created = await orgsByIds(ctx, [...specs.keys()]);
  const partners = [...specs.entries()].filter(([, spec]) => data.partners.includes(spec)).map(([id]) => created.get(id)!);
  const towns = (await listRegions(ctx, systemActor, { within: data.district, level: 'town', limit: 1000 })).items;
  const villageRegions = (await listRegions(ctx, systemActor, { within: data.district, level: 'village', limit: 10_000 })).items;
  const anchors = await regionOrgs(ctx, [...towns, ...villageRegions].map((r) => r.code));
  const villages: (OrgRecord & { townCode: string })[] = [];
  for (const region of villageRegions) {
    const org = anchors.get(region.code)!;
    const needs = rng.shuffle([...data.villageNeeds]).slice(0, rng.int(2, 3));
    // Communities have something to give too: volunteers, culture, know-how of self-government.
    const offers: Tag[] = org.domain === 'urban_community' ? rng.shuffle<Tag>(['volunteers', 'culture', 'governance', 'employment']).slice(0, 2) : [];
    const view = await updateOrg(ctx, systemActor, org.id, { version: org.version, needTags: needs, resourceTags: offers, liaisonName: person(), liaisonPhone: phone() });
    villages.push({ ...org, needTags: view.needTags as Tag[], resourceTags: view.resourceTags as Tag[], townCode: region.parentCode! });
  }
  progress(`${partners.length + data.idle.length} 个结对单位、${villages.length} 个村（社区）党组织 organisations`);

  /* The plan: who pairs with whom, under which mode. */
  const load = new Map<string, number>();
  const partnered = new Map<string, Set<string>>();
  const bump = (ids: readonly string[]) => {
    for (const id of ids) {
      load.set(id, (load.get(id) ?? 0) + 1);
      const set = partnered.get(id) ?? new Set<string>();
      for (const other of ids) if (other !== id) set.add(other);
      partnered.set(id, set);
    }
  };
  const room = (o: OrgRecord) => o.capacity + (specs.get(o.id)?.overCapacity?.extra ?? 0) - (load.get(o.id) ?? 0) > 0;
  const override = (o: OrgRecord) => ((load.get(o.id) ?? 0) >= o.capacity ? specs.get(o.id)?.overCapacity?.reason : undefined);
  const apart = (a: OrgRecord, b: OrgRecord) => !(partnered.get(a.id)?.has(b.id) ?? false);
  const start = () => dayOffset('2023-03-01', rng.int(0, 480));
  const agencies = partners.filter((p) => AGENCY_ENTERPRISE_DOMAINS.includes(p.domain));
  const twoNew = partners.filter((p) => TWO_NEW_DOMAINS.includes(p.domain));
  const modeOf = (o: OrgRecord) => {
    const modes = specs.get(o.id)!.modes;
    return modes[(load.get(o.id) ?? 0) % modes.length]!;
  };
  const active: CreatePairingInput[] = [];
  const add = (input: Omit<CreatePairingInput, 'status' | 'startDate'> & { startDate?: string }, parties: OrgRecord[]) => {
    active.push({ ...input, startDate: input.startDate ?? start(), endDate: '2025-12-31', status: 'active' });
    bump(parties.map((p) => p.id));
  };
  const party = (o: OrgRecord, role: 'helping' | 'helped', lead = false) => ({ orgId: o.id, role, lead });

  const grouping = data.plan.regional_grouping;
  towns.forEach((town, i) => {
    const lead = anchors.get(town.code)!;
    const members: (OrgRecord & { townCode: string })[] = [];
    for (let k = 0; k < grouping.villagesPerGroup; k++) {
      const v = leastLoaded(rng, villages, load, (x) => x.townCode === town.code && room(x) && !members.includes(x));
      if (v) members.push(v);
    }
    add({ modeKey: grouping.modes[i % grouping.modes.length]!, mechanismKey: 'regional_grouping', parties: [party(lead, 'helping', true), ...members.map((m) => party(m, 'helped'))] }, [lead, ...members]);
  });
  const rural = villages.filter((v) => v.domain === 'village');
  const urban = villages.filter((v) => v.domain === 'urban_community');
  for (let i = 0; i < data.plan.city_countryside.pairings; i++) {
    const v = leastLoaded(rng, rural, load, room)!;
    const c = leastLoaded(rng, urban, load, (x) => room(x) && apart(x, v) && x.townCode === v.townCode) ?? leastLoaded(rng, urban, load, (x) => room(x) && apart(x, v))!;
    add({ modeKey: data.plan.city_countryside.modes[i % data.plan.city_countryside.modes.length]!, mechanismKey: 'city_countryside', parties: [party(c, 'helping', true), party(v, 'helped')] }, [c, v]);
  }
  for (let i = 0; i < data.plan.industry_two_new_village.pairings; i++) {
    const t = leastLoaded(rng, twoNew, load, room)!;
    const a = leastLoaded(rng, agencies, load, (x) => room(x) && !override(x))!;
    const v = leastLoaded(rng, villages, load, (x) => room(x) && apart(x, t) && apart(x, a))!;
    add({ modeKey: modeOf(t), mechanismKey: 'industry_two_new_village', parties: [party(a, 'helping', true), party(t, 'helping'), party(v, 'helped')] }, [a, t, v]);
  }
  for (let i = 0; i < data.plan.agency_village.pairings; i++) {
    // A partner allowed over its capacity (with a reason) takes its extra pairings first, so the demo shows one.
    const a = agencies.find((x) => specs.get(x.id)!.overCapacity && room(x)) ?? leastLoaded(rng, agencies, load, room)!;
    const v = leastLoaded(rng, villages, load, (x) => room(x) && apart(x, a))!;
    add({ modeKey: modeOf(a), mechanismKey: 'agency_village', parties: [party(a, 'helping', true), party(v, 'helped')], capacityOverride: override(a) }, [a, v]);
  }

  /* Finished pairings of an earlier round, made active, their tasks done, then concluded or dissolved. */
  const earlier = (count: number) =>
    Array.from({ length: count }, (_, i) => {
      const a = agencies[(i * 11 + 3) % agencies.length]!;
      const v = villages[(i * 17 + 5) % villages.length]!;
      return { modeKey: specs.get(a.id)!.modes[0]!, mechanismKey: 'agency_village', parties: [party(a, 'helping', true), party(v, 'helped')], startDate: dayOffset('2022-03-01', rng.int(0, 200)), endDate: '2022-12-31', status: 'active' as const };
    });
  const finished = await createPairings(ctx, systemActor, earlier(data.extra.concluded + data.extra.dissolved), { source: 'demo' });
  await ctx.db.transaction().execute(async (trx) => {
    for (const task of await tasksOfPairings(ctx, finished, trx)) await writeTaskChange(ctx, trx, systemActor, task.pairingId, task.id, { version: task.version, progress: 100 });
  });
  for (const [i, id] of finished.entries()) {
    const dissolve = i >= data.extra.concluded;
    await transitionPairing(ctx, systemActor, id, { version: 1, to: dissolve ? 'dissolved' : 'concluded', reason: dissolve ? '帮扶单位职能调整，转由其他单位结对' : '年度结对任务全部完成' });
  }

  const activeIds = await createPairings(ctx, systemActor, active, { source: 'demo' });
  const proposals: CreatePairingInput[] = [];
  for (let i = 0; i < data.extra.proposed; i++) {
    const a = agencies[(i * 7) % agencies.length]!;
    const v = leastLoaded(rng, villages, load, (x) => apart(x, a))!;
    proposals.push({ modeKey: specs.get(a.id)!.modes[1] ?? specs.get(a.id)!.modes[0]!, mechanismKey: 'agency_village', parties: [party(a, 'helping', true), party(v, 'helped')], startDate: today, status: 'proposed' });
    bump([a.id, v.id]);
  }
  await createPairings(ctx, systemActor, proposals, { source: 'demo' });
  progress(`${activeIds.length} 组结对关系 active pairings`);

  /* Tasks: progress and evidence. */
  await ctx.db.transaction().execute(async (trx) => {
    for (const task of await tasksOfPairings(ctx, activeIds, trx)) {
      const pct = rng.pick([0, 0, 20, 40, 60, 80, 100, 100]);
      if (pct === 0) continue;
      await writeTaskChange(ctx, trx, systemActor, task.pairingId, task.id, { version: task.version, progress: pct });
      if (rng.next() < 0.35) await writeEvidence(ctx, trx, systemActor, task.pairingId, task.id, rng.pick(EVIDENCE_NOTES), []);
    }
  });

  /* Projects: one for each of a share of the active pairings, some with child projects. */
  const ladder = (await getLadder(ctx)).steps;
  const owners = await summariesOf(ctx, rng.shuffle([...activeIds]).slice(0, data.projects.count));
  let parents = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const pairing of owners) {
      const helped = pairing.parties.find((p) => p.role === 'helped')!;
      const village = villages.find((v) => v.id === helped.orgId)!;
      const short = village.name.replace(/党委$/, '');
      const title = rng.pick(data.projects.titles[pairing.modeKey] ?? ['{v}共建项目']).replace('{v}', short);
      const budgetYuan = rng.int(5, 300) * 10_000;
      const startDate = dayOffset(pairing.startDate, rng.int(30, 150));
      const input = project(rng, title, village.regionCode, budgetYuan, startDate, ladder);
      const id = await createOwnedProject(ctx, trx, systemActor, input, [{ kind: 'pairing', id: pairing.id, name: pairing.title }], pairing.parties.map((p) => p.orgId));
      await reportProgress(ctx, trx, rng, id, input.statusKey!, ladder, startDate, today);
      if (budgetYuan >= 1_000_000 && parents < data.projects.withChildren) {
        parents++;
        const shares = allocateByWeights(budgetYuan, [6, 4]);
        for (const [k, share] of shares.entries()) {
          // A child stands on its parent's step, so the parent's rolled-up progress agrees with its step.
          const child = project(rng, `${title}·${data.projects.childTitles[k]}`, village.regionCode, share, startDate, ladder, input.statusKey);
          const childId = await createOwnedProject(ctx, trx, systemActor, { ...child, parentId: id }, [], []);
          if (k === 0 && parents === 1) {
            for (const [g, part] of allocateByWeights(share, [7, 3]).entries()) {
              const grandchild = project(rng, `${child.title}·${data.projects.grandchildTitles[g]}`, village.regionCode, part, startDate, ladder, input.statusKey);
              const gid = await createOwnedProject(ctx, trx, systemActor, { ...grandchild, parentId: childId }, [], []);
              await reportProgress(ctx, trx, rng, gid, grandchild.statusKey!, ladder, startDate, today);
            }
          } else {
            await reportProgress(ctx, trx, rng, childId, child.statusKey!, ladder, startDate, today);
          }
        }
      }
    }
  });
  progress(`${owners.length} 个结对共建项目 co-building projects`);

  /* The demo liaison speaks for one of the partners. */
  const liaison = await findUserIdByUsername(ctx, 'liaison');
  const org = partners.find((p) => p.name === data.liaisonOrg);
  if (liaison && org) await updateUser(ctx, systemActor, liaison.id, { version: liaison.version, orgId: org.id });
}

const SOURCES: FundingSource[] = ['fiscal_district', 'pairing_unit', 'collective', 'town', 'enterprise'];

function project(rng: Random, title: string, regionCode: string, budgetYuan: number, startDate: string, ladder: { key: string }[], statusKey?: string) {
  const budgetFen = budgetYuan * 100;
  const sources = rng.shuffle([...SOURCES]).slice(0, rng.int(1, 3));
  const amounts = allocateByWeights(budgetFen, sources.map(() => rng.int(1, 5)));
  return {
    title,
    regionCode,
    budgetFen,
    funding: sources.map((source, i) => ({ source, amountFen: amounts[i]! })),
    startDate,
    endDate: dayOffset(startDate, 365),
    statusKey: statusKey ?? ladder[rng.int(0, ladder.length - 1)]!.key,
  };
}

/** Progress entries up to the project's step, some of them verified. */
async function reportProgress(ctx: AppContext, trx: Parameters<typeof writeProgress>[1], rng: Random, id: string, statusKey: string, ladder: { key: string; percent: number }[], startDate: string, today: string) {
  const at = ladder.findIndex((s) => s.key === statusKey);
  const step = ladder[at]!;
  const next = ladder[at + 1]?.percent ?? 100;
  if (step.percent === 0) return;
  const entries = rng.int(1, 2);
  for (let i = 0; i < entries; i++) {
    const date = dayOffset(startDate, 20 + i * 60 + rng.int(0, 30));
    if (date > today) break;
    const percent = Math.min(100, step.percent + Math.floor(((next - step.percent) * i) / entries));
    const entryId = await writeProgress(ctx, trx, systemActor, id, { date, percent, note: rng.pick(PROGRESS_NOTES) });
    if (rng.next() < 0.5) await writeVerification(ctx, trx, systemActor, id, entryId, 1);
  }
}
