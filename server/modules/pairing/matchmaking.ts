/**
 * The matchmaker's orchestration: its instance built from the database, the run (solved by
 * `matchmaker.ts`, recorded with its audit entry) with each suggestion's explanation, and the
 * all-or-nothing acceptance of suggestions as proposed pairings, through `createPairings`, so that
 * they meet every rule a pairing made by hand does.
 */
import { inScope } from '../../platform/access/policy.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { chinaDateKey } from '../../platform/calendar/working-days.ts';
import { notFound, unprocessable } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { orgsAround, regionOrgs, type OrgRecord } from '../orgs/service.ts';
import type { RegionSummary } from '../regions/schema.ts';
import { listRegions, regionsByCode } from '../regions/service.ts';
import { approximateSeat, distanceKm, matchableSides, partyKey, type Seat } from './domain.ts';
import { DEFAULT_MAX_KM, scoreFit, underRepresentationBonus, type FitScore } from './fit.ts';
import { matchmake, type CandidateArc, type MatchInstance } from './matchmaker.ts';
import * as repo from './repository.ts';
import type { MatchmakerAcceptInput, MatchmakerRunInput } from './schema.ts';
import { configOf, createPairings, fail, summariesOf } from './service.ts';

interface SeatedRegion {
  code: string;
  name: string;
  seat: Seat | null;
}

/** Seats of regions: their own, or for a village without one, a fixed point near its town's seat. */
async function seatsOf(ctx: AppContext, codes: readonly string[]): Promise<Map<string, SeatedRegion>> {
  const regions = await regionsByCode(ctx, codes);
  const parents = new Map((await regionsByCode(ctx, regions.map((r) => r.parentCode).filter((c): c is string => c !== null))).map((r) => [r.code, r]));
  return new Map(
    regions.map((r) => {
      const parentSeat = r.parentCode ? (parents.get(r.parentCode)?.seat ?? null) : null;
      const seat = r.seat ?? (r.level === 'village' && parentSeat ? approximateSeat(parentSeat, r.code) : parentSeat);
      return [r.code, { code: r.code, name: r.name, seat }];
    }),
  );
}

type Explanation = Omit<FitScore['explanation'], 'distanceKm'> & { distanceKm: number | null };

interface Problem {
  region: RegionSummary;
  villages: { region: RegionSummary; org: OrgRecord }[];
  suppliers: OrgRecord[];
  room: (o: OrgRecord) => number;
  instance: MatchInstance;
  explanations: Map<string, Explanation>;
}

/**
 * The matchmaker's instance: the villages to cover (by default those in no active or proposed
 * pairing) whose organisation the mechanism takes as helped; the organisations around the region
 * the mechanism takes as helping, with the capacity they have left; and an arc, with its fit, for
 * every pair within the distance limit that is not already paired under the mode.
 */
export async function matchProblem(ctx: AppContext, actor: Actor, input: MatchmakerRunInput): Promise<Problem> {
  const region = (await regionsByCode(ctx, [input.region]))[0];
  if (!region || !inScope(actor.scopePaths, region.path)) throw notFound('region');
  const config = await configOf(ctx.db);
  const mechanism = config.mechanisms.get(input.mechanism);
  if (!mechanism) throw unprocessable(`结对机制「${input.mechanism}」不存在 Unknown mechanism`, [{ path: 'mechanism', message: input.mechanism }]);
  const sides = matchableSides(mechanism);
  if (!sides) throw unprocessable(`「${mechanism.name.zh}」需要三方或多方，智能匹配只支持一对一的机制 The matchmaker pairs one to one; ${mechanism.name.en} joins more parties`, [{ path: 'mechanism', message: input.mechanism }]);
  const mode = config.modes.get(input.modeId);
  if (!mode || mode.row.active !== 1) throw unprocessable(`帮扶方式「${input.modeId}」不存在或已停用 Unknown or retired mode`, [{ path: 'modeId', message: input.modeId }]);

  const villageRegions = (await listRegions(ctx, systemActor, { within: region.code, level: 'village', limit: 100_000 })).items;
  if (input.villages) {
    const known = new Set(villageRegions.map((v) => v.code));
    const unknown = input.villages.filter((c) => !known.has(c));
    fail(unknown.length ? [`以下村（社区）不在 ${region.name} 内：${unknown.join('、')} Villages outside the region`] : [], unknown.map((c) => ({ path: 'villages', message: c })));
  }
  const wanted = input.villages ? new Set(input.villages) : null;
  const anchors = await regionOrgs(ctx, villageRegions.map((v) => v.code));
  const open = wanted ? new Set<string>() : await repo.orgsInOpenPairings(ctx.db, ['proposed', 'active']);
  const villages = villageRegions
    .filter((v) => (wanted ? wanted.has(v.code) : true))
    .map((v) => ({ region: v, org: anchors.get(v.code) }))
    .filter((v): v is { region: RegionSummary; org: OrgRecord } => v.org !== undefined && !v.org.archived && sides.helped.includes(v.org.domain) && !open.has(v.org.id));
  const candidates = (await orgsAround(ctx, region.path, sides.helping)).filter((o) => !villages.some((v) => v.org.id === o.id));
  const counts = await repo.activeCounts(ctx.db, [...candidates.map((o) => o.id), ...villages.map((v) => v.org.id)]);
  const room = (o: OrgRecord) => Math.max(0, o.capacity - (counts.get(o.id) ?? 0));
  const suppliers = candidates.filter((o) => room(o) > 0);
  const [seats, taken, partners] = await Promise.all([
    seatsOf(ctx, [...villages.map((v) => v.region.code), ...suppliers.map((o) => o.regionCode)]),
    repo.partyKeysOf(ctx.db, input.modeId, ['proposed', 'active']),
    repo.partnerDomains(ctx.db, villages.map((v) => v.org.id)),
  ]);

  const maxKm = input.maxDistanceKm ?? DEFAULT_MAX_KM;
  const arcs: CandidateArc[] = [];
  const explanations = new Map<string, Explanation>();
  for (const v of villages) {
    if (room(v.org) === 0) continue;
    const vSeat = seats.get(v.region.code)?.seat ?? null;
    // Balance: the kinds of partner this village has least of score best.
    const domainBonus = underRepresentationBonus(Object.fromEntries(sides.helping.map((d) => [d, (partners.get(v.org.id) ?? []).filter((x) => x === d).length])));
    for (const o of suppliers) {
      if (taken.has(partyKey([v.org.id, o.id]))) continue;
      const oSeat = seats.get(o.regionCode)?.seat ?? null;
      const km = vSeat && oSeat ? distanceKm(vSeat, oSeat) : null;
      if (input.maxDistanceKm !== undefined && (km === null || km > input.maxDistanceKm)) continue;
      // A partner whose distance is unknown scores no nearness.
      const scored = scoreFit({ villageNeedTags: v.org.needTags, orgResourceTags: o.resourceTags, distanceKm: km ?? maxKm, orgDomain: o.domain, weights: input.weights, domainBonus, maxKm });
      arcs.push({ villageId: v.region.code, orgId: o.id, fit: scored.fit });
      explanations.set(`${v.region.code}|${o.id}`, { ...scored.explanation, distanceKm: km });
    }
  }
  return {
    region,
    villages,
    suppliers,
    room,
    explanations,
    instance: {
      villages: villages.map((v) => ({ id: v.region.code, need: room(v.org) > 0 ? 1 : 0 })),
      organisations: suppliers.map((o) => ({ id: o.id, capacity: room(o) })),
      arcs,
    },
  };
}

export async function runMatchmaker(ctx: AppContext, actor: Actor, input: MatchmakerRunInput) {
  const { region, villages, suppliers, room, explanations, instance } = await matchProblem(ctx, actor, input);
  const result = matchmake(instance);
  const byCode = new Map(villages.map((v) => [v.region.code, v]));
  const byOrg = new Map(suppliers.map((o) => [o.id, o]));
  const suggestions = result.assignments.map((a) => {
    const v = byCode.get(a.villageId)!;
    const o = byOrg.get(a.orgId)!;
    const e = explanations.get(`${a.villageId}|${a.orgId}`)!;
    return {
      villageCode: v.region.code,
      villageName: v.region.name,
      villageOrgId: v.org.id,
      orgId: o.id,
      orgName: o.name,
      orgDomain: o.domain,
      fit: a.fit,
      explanation: { matchingTags: e.matchingTags, distanceKm: e.distanceKm === null ? null : Math.round(e.distanceKm * 10) / 10, parts: e.parts },
    };
  });
  const uncovered = [
    ...villages.filter((v) => room(v.org) === 0).map((v) => ({ code: v.region.code, name: v.region.name, reason: '该村（社区）结对已满 The village is at its capacity' })),
    ...result.uncovered
      .filter((u) => room(byCode.get(u.villageId)!.org) > 0)
      .map((u) => ({
        code: u.villageId,
        name: byCode.get(u.villageId)!.region.name,
        reason: instance.arcs.some((a) => a.villageId === u.villageId) ? '结对单位容量不足 Not enough partner capacity' : '没有符合条件的结对单位 No eligible partner',
      })),
  ];
  const runId = newId();
  const summary = { suggestions: suggestions.map((x) => ({ villageCode: x.villageCode, orgId: x.orgId, fit: x.fit })), uncovered: uncovered.map((u) => u.code), totalFit: result.totalFit, optimal: result.certificate.verified };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRun(trx, { id: runId, region_code: region.code, params: JSON.stringify(input), summary: JSON.stringify(summary), created_by: actor.userId, created_at: ctx.clock.now().toISOString() });
    await recordAudit(trx, ctx, actor, { action: 'pairing.matchmaker.run', entity: 'pairing_run', entityId: runId, regionCode: region.code, after: { ...input, suggestions: suggestions.length, uncovered: uncovered.length, totalFit: result.totalFit } });
  });
  return {
    runId,
    suggestions,
    uncovered,
    uncoveredCount: uncovered.length,
    totalFit: result.totalFit,
    optimal: result.certificate.verified,
    candidates: { villages: villages.length, organisations: suppliers.length, arcs: instance.arcs.length },
  };
}

/** Accepted suggestions become proposed pairings, all in one transaction or none. */
export async function acceptSuggestions(ctx: AppContext, actor: Actor, input: MatchmakerAcceptInput) {
  const anchors = await regionOrgs(ctx, input.suggestions.map((s) => s.villageCode));
  const missing = input.suggestions.map((s, index) => ({ ...s, index })).filter((s) => !anchors.has(s.villageCode));
  fail(
    missing.length ? [`${missing.length} 项的村（社区）没有党组织 Villages without an organisation: ${missing.map((m) => m.villageCode).join(', ')}`] : [],
    missing.map((m) => ({ path: `suggestions.${m.index}`, index: m.index, message: `${m.villageCode} 没有党组织 has no organisation`, status: 422 })),
  );
  const startDate = input.startDate ?? chinaDateKey(ctx.clock.now());
  const ids = await createPairings(
    ctx,
    actor,
    input.suggestions.map((s) => ({
      modeKey: input.modeId,
      mechanismKey: input.mechanism,
      parties: [
        { orgId: s.orgId, role: 'helping' as const, lead: true },
        { orgId: anchors.get(s.villageCode)!.id, role: 'helped' as const, lead: false },
      ],
      startDate,
      status: 'proposed' as const,
    })),
    { source: 'matchmaker', runId: input.runId ?? null },
  );
  return { created: await summariesOf(ctx, ids) };
}
