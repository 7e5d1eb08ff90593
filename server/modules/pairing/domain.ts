/**
 * Pairing and co-building (结对共建, the 双十一 action): pure rules only — no IO.
 *
 * A pairing links two or more organisations, each helping or helped and exactly one of them the
 * lead, under one mode (帮扶方式) and one mechanism (机制). The mechanism says which party domains
 * it takes, in slots: "one agency, one village", "one industry body, one two-new organisation,
 * one village", "one lead, any number of member villages".
 *
 * | status      | 中文   | next                        |
 * |-------------|--------|-----------------------------|
 * | `proposed`  | 拟结对 | active, dissolved (reason)  |
 * | `active`    | 结对中 | concluded, dissolved (reason) |
 * | `concluded` | 已完成 | —                           |
 * | `dissolved` | 已解除 | —                           |
 *
 * Coverage: a town, village or community is covered when its own party organisation is a party
 * to an active pairing. Distances: regions carry a seat for towns; a village without one sits at
 * a deterministic point within a few kilometres of its town's seat (see `approximateSeat`).
 */
import type { Bilingual } from '../../platform/indicators.ts';
import { AGENCY_ENTERPRISE_DOMAINS, ORG_DOMAINS, REGION_DOMAINS, TWO_NEW_DOMAINS, VILLAGE_DOMAINS, type OrgDomain, type Tag } from '../orgs/domain.ts';

export const PAIRING_STATUSES = ['proposed', 'active', 'concluded', 'dissolved'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

export const STATUS_LABELS: Record<PairingStatus, Bilingual> = {
  proposed: { zh: '拟结对', en: 'Proposed' },
  active: { zh: '结对中', en: 'Active' },
  concluded: { zh: '已完成', en: 'Concluded' },
  dissolved: { zh: '已解除', en: 'Dissolved' },
};

export const PARTY_ROLES = ['helping', 'helped'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const ROLE_LABELS: Record<PartyRole, Bilingual> = { helping: { zh: '帮扶方', en: 'Helping' }, helped: { zh: '受帮扶方', en: 'Helped' } };

export const TASK_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export { AGENCY_ENTERPRISE_DOMAINS, TWO_NEW_DOMAINS, VILLAGE_DOMAINS };

/* ---------- mechanisms ---------- */

export interface MechanismSlot {
  key: string;
  label: Bilingual;
  domains: OrgDomain[];
  /** The role a party in this slot plays. */
  role: PartyRole;
  min: number;
  /** null: any number. */
  max: number | null;
}

export interface Mechanism {
  key: string;
  name: Bilingual;
  slots: MechanismSlot[];
}

export function slotsProblems(slots: readonly MechanismSlot[]): string[] {
  const problems: string[] = [];
  if (slots.length === 0) problems.push('机制至少要有一个席位 A mechanism has at least one slot');
  const keys = new Set<string>();
  for (const slot of slots) {
    if (keys.has(slot.key)) problems.push(`席位「${slot.key}」重复 Slot ${slot.key} is listed twice`);
    keys.add(slot.key);
    if (slot.domains.length === 0) problems.push(`席位「${slot.label.zh}」没有可选领域 Slot ${slot.key} accepts no domain`);
    if (slot.domains.some((d) => !ORG_DOMAINS.includes(d))) problems.push(`席位「${slot.label.zh}」含未知领域 Unknown domain in slot ${slot.key}`);
    if (slot.max !== null && slot.max < slot.min) problems.push(`席位「${slot.label.zh}」上限小于下限 Slot ${slot.key}: max below min`);
  }
  const total = slots.reduce((a, s) => a + s.min, 0);
  if (total < 2) problems.push('机制至少需要两方 A mechanism joins at least two parties');
  if (!slots.some((s) => s.role === 'helping' && s.min > 0) || !slots.some((s) => s.role === 'helped' && s.min > 0)) {
    problems.push('机制应至少有一个帮扶方和一个受帮扶方 A mechanism needs a helping and a helped party');
  }
  return problems;
}

export interface PartyDraft {
  orgId: string;
  name: string;
  domain: OrgDomain;
  role: PartyRole;
  lead: boolean;
}

/**
 * Place every party in a slot that takes its domain and role, within each slot's min and max.
 * A bipartite b-matching with lower bounds: first fill every slot up to its minimum (maximum flow
 * with capacities `min`), then, with capacities raised to `max`, keep augmenting. Augmenting paths
 * from the source never lower a slot's count, so the minimums stay met; the flow value reached does
 * not depend on the start, so if any placement exists this finds one.
 */
export function placeParties(parties: readonly PartyDraft[], slots: readonly MechanismSlot[]): { slotOf: (number | null)[]; shortSlots: number[] } {
  const fits = (p: PartyDraft, s: MechanismSlot) => s.domains.includes(p.domain) && s.role === p.role;
  const slotOf: (number | null)[] = parties.map(() => null);
  const load = slots.map(() => 0);
  const augment = (cap: (j: number) => number): void => {
    for (let i = 0; i < parties.length; i++) {
      if (slotOf[i] !== null) continue;
      const seen = new Set<number>();
      const tryParty = (pi: number): boolean => {
        for (let j = 0; j < slots.length; j++) {
          if (seen.has(j) || !fits(parties[pi]!, slots[j]!)) continue;
          seen.add(j);
          if (load[j]! < cap(j)) {
            if (slotOf[pi] !== null) load[slotOf[pi]!]!--;
            slotOf[pi] = j;
            load[j]!++;
            return true;
          }
          // Move a party out of slot j to make room.
          for (let other = 0; other < parties.length; other++) {
            if (other !== pi && slotOf[other] === j && tryParty(other)) {
              if (slotOf[pi] !== null) load[slotOf[pi]!]!--;
              slotOf[pi] = j;
              load[j]!++;
              return true;
            }
          }
        }
        return false;
      };
      tryParty(i);
    }
  };
  augment((j) => slots[j]!.min);
  augment((j) => slots[j]!.max ?? Number.MAX_SAFE_INTEGER);
  const shortSlots = slots.map((s, j) => (load[j]! < s.min ? j : -1)).filter((j) => j >= 0);
  return { slotOf, shortSlots };
}

/** Every way the parties break the mechanism, readable; empty when they satisfy it. */
export function mechanismProblems(mechanism: Mechanism, parties: readonly PartyDraft[]): string[] {
  const problems: string[] = [];
  const ids = new Set(parties.map((p) => p.orgId));
  if (ids.size !== parties.length) problems.push('同一组织不能重复作为结对方 An organisation appears twice');
  if (parties.length < 2) problems.push('结对至少需要两方 A pairing joins at least two organisations');
  const leads = parties.filter((p) => p.lead).length;
  if (leads !== 1) problems.push(`结对应有且只有一个牵头方，现有 ${leads} 个 A pairing has exactly one lead, not ${leads}`);
  if (!parties.some((p) => p.role === 'helping') || !parties.some((p) => p.role === 'helped')) {
    problems.push('结对应至少有一个帮扶方和一个受帮扶方 A pairing has a helping and a helped party');
  }
  const { slotOf, shortSlots } = placeParties(parties, mechanism.slots);
  parties.forEach((p, i) => {
    if (slotOf[i] !== null) return;
    const accepts = mechanism.slots.filter((s) => s.role === p.role).flatMap((s) => s.domains);
    problems.push(
      `「${p.name}」（${p.domain}，${ROLE_LABELS[p.role].zh}）不符合「${mechanism.name.zh}」机制：该机制的${ROLE_LABELS[p.role].zh}应为 ${accepts.join('/') || '无'} ` +
        `${p.name} (${p.domain}, ${p.role}) does not fit the ${mechanism.name.en} mechanism`,
    );
  });
  for (const j of shortSlots) {
    const slot = mechanism.slots[j]!;
    problems.push(`「${mechanism.name.zh}」机制缺少${slot.label.zh}（${slot.domains.join('/')}）至少 ${slot.min} 个 The ${mechanism.name.en} mechanism needs ${slot.min} × ${slot.label.en}`);
  }
  return problems;
}

/** The same parties, whatever their order: the key of the "no duplicate active pairing" rule. */
export function partyKey(orgIds: readonly string[]): string {
  return [...orgIds].sort().join(',');
}

export interface CapacityLoad {
  orgId: string;
  name: string;
  capacity: number;
  /** Active pairings the organisation already has, not counting this one. */
  active: number;
}

/** Parties that would carry more active pairings than their capacity allows. */
export function overCapacity(loads: readonly CapacityLoad[]): CapacityLoad[] {
  return loads.filter((l) => l.active + 1 > l.capacity);
}

export function capacityMessage(over: readonly CapacityLoad[]): string {
  return over.map((o) => `「${o.name}」已有 ${o.active} 个结对，容量为 ${o.capacity} ${o.name} already has ${o.active} active pairings for a capacity of ${o.capacity}`).join('；');
}

/* ---------- status ---------- */

export type Transition = { ok: true } | { ok: false; message: string };

const NEXT: Record<PairingStatus, readonly PairingStatus[]> = {
  proposed: ['active', 'dissolved'],
  active: ['concluded', 'dissolved'],
  concluded: [],
  dissolved: [],
};

export function checkTransition(from: PairingStatus, to: PairingStatus, reason: string | null): Transition {
  if (!NEXT[from].includes(to)) {
    return { ok: false, message: `结对状态不能从「${STATUS_LABELS[from].zh}」变为「${STATUS_LABELS[to].zh}」 A pairing cannot go from ${from} to ${to}` };
  }
  if (to === 'dissolved' && !reason) return { ok: false, message: '解除结对须说明原因 Dissolving a pairing needs a reason' };
  return { ok: true };
}

/* ---------- tasks ---------- */

export interface TaskState {
  status: TaskStatus;
  progress: number;
}

/**
 * A task's status and progress move together: done means 100 %, 100 % means done, and any
 * progress starts a task that was still to do.
 */
export function applyTaskChange(current: TaskState, change: { status?: TaskStatus; progress?: number }): { ok: true; next: TaskState } | { ok: false; message: string } {
  let status = change.status ?? current.status;
  let progress = change.progress ?? current.progress;
  if (change.status === 'done' && change.progress !== undefined && change.progress < 100) {
    return { ok: false, message: '任务完成时进度应为 100% A done task is at 100%' };
  }
  if (change.status !== undefined && change.status !== 'done' && change.progress === 100) {
    return { ok: false, message: '进度 100% 的任务应标记为完成 A task at 100% is done' };
  }
  // Reopening a task without saying how far it is: back to 99 %, or to 0 % for "to do".
  if (change.status === 'todo' && change.progress === undefined) progress = 0;
  if (change.status === 'in_progress' && change.progress === undefined && progress === 100) progress = 99;
  if (status === 'done') progress = 100;
  else if (progress === 100) status = 'done';
  else if (progress > 0 && status === 'todo') status = 'in_progress';
  return { ok: true, next: { status, progress } };
}

/** Day arithmetic on YYYY-MM-DD strings, capped at the pairing's end. */
export function taskDueDate(startDate: string, dueDays: number, endDate: string | null): string {
  const due = new Date(Date.parse(`${startDate}T00:00:00Z`) + dueDays * 86_400_000).toISOString().slice(0, 10);
  return endDate !== null && endDate < due ? endDate : due;
}

export function defaultTitle(parties: readonly { name: string; role: PartyRole; lead: boolean }[], modeName: string): string {
  const helping = parties.filter((p) => p.role === 'helping').sort((a, b) => Number(b.lead) - Number(a.lead));
  const helped = parties.filter((p) => p.role === 'helped').sort((a, b) => Number(b.lead) - Number(a.lead));
  const names = (list: typeof parties) => (list.length > 2 ? `${list[0]!.name}等${list.length}个单位` : list.map((p) => p.name).join('、'));
  return `${names(helping)}结对${names(helped)}·${modeName}`.slice(0, 120);
}

/* ---------- distances ---------- */

export type Seat = readonly [number, number];

/** Great-circle distance in kilometres. */
export function distanceKm(a: Seat, b: Seat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A village with no seat of its own sits at a fixed point 1–4 km from its town's seat, in a
 * direction drawn from its code: the same code always gives the same point, and villages of one
 * town spread around it instead of piling on the town hall.
 */
export function approximateSeat(townSeat: Seat, code: string): Seat {
  let h = 2166136261;
  for (const c of code) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const angle = ((h % 3600) / 3600) * 2 * Math.PI;
  const km = 1 + ((h >>> 12) % 300) / 100;
  const dLat = (km / 111.32) * Math.sin(angle);
  const dLng = (km / (111.32 * Math.cos((townSeat[1] * Math.PI) / 180))) * Math.cos(angle);
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return [r(townSeat[0] + dLng), r(townSeat[1] + dLat)];
}

/* ---------- matchmaker ---------- */

/** The two sides a mechanism pairs one to one, or null when it joins more than two parties. */
export function matchableSides(mechanism: Mechanism): { helping: OrgDomain[]; helped: OrgDomain[] } | null {
  const required = mechanism.slots.filter((s) => s.min > 0);
  const helping = required.filter((s) => s.role === 'helping');
  const helped = required.filter((s) => s.role === 'helped');
  if (helping.length !== 1 || helped.length !== 1 || required.length !== 2) return null;
  if (helping[0]!.min !== 1 || helped[0]!.min !== 1) return null;
  return { helping: helping[0]!.domains, helped: helped[0]!.domains };
}

/* ---------- coverage ---------- */

export interface CoverageInput {
  towns: readonly { code: string; name: string }[];
  villages: readonly { code: string; name: string; townCode: string }[];
  /** Every live organisation in view, with its active pairings. */
  orgs: readonly { id: string; name: string; domain: OrgDomain; regionCode: string; anchorRegionCode: string | null; capacity: number; resourceTags: readonly Tag[]; needTags: readonly Tag[] }[];
  /** Active pairings: mode, mechanism, home town and village, parties. */
  pairings: readonly { id: string; modeKey: string; mechanismKey: string; townCode: string | null; villageCode: string | null; partyIds: readonly string[] }[];
  modes: readonly { key: string; name: string }[];
  mechanisms: readonly { key: string; name: string }[];
}

export function computeCoverage(input: CoverageInput) {
  const activeCount = new Map<string, number>();
  const partnersOf = new Map<string, Set<string>>();
  for (const p of input.pairings) {
    for (const id of p.partyIds) {
      activeCount.set(id, (activeCount.get(id) ?? 0) + 1);
      const set = partnersOf.get(id) ?? new Set<string>();
      for (const other of p.partyIds) if (other !== id) set.add(other);
      partnersOf.set(id, set);
    }
  }
  const orgById = new Map(input.orgs.map((o) => [o.id, o]));
  const anchorOrg = new Map(input.orgs.filter((o) => o.anchorRegionCode).map((o) => [o.anchorRegionCode!, o]));
  const regionEntry = (code: string) => {
    const org = anchorOrg.get(code);
    const active = org ? (activeCount.get(org.id) ?? 0) : 0;
    return { orgId: org?.id ?? null, orgName: org?.name ?? null, activePairings: active, covered: active > 0 };
  };
  const villages = input.villages.map((v) => {
    const entry = regionEntry(v.code);
    const org = entry.orgId ? orgById.get(entry.orgId) : undefined;
    const offered = new Set<string>();
    for (const partner of partnersOf.get(entry.orgId ?? '') ?? []) for (const t of orgById.get(partner)?.resourceTags ?? []) offered.add(t);
    const needs = [...(org?.needTags ?? [])];
    return { code: v.code, name: v.name, townCode: v.townCode, ...entry, needs, unmetNeeds: needs.filter((n) => !offered.has(n)) };
  });
  const towns = input.towns.map((t) => {
    const own = villages.filter((v) => v.townCode === t.code);
    return { code: t.code, name: t.name, ...regionEntry(t.code), villages: own.length, villagesCovered: own.filter((v) => v.covered).length };
  });
  const townIndex = new Map(input.towns.map((t, i) => [t.code, i]));
  const villageIndex = new Map(input.villages.map((v, i) => [v.code, i]));
  const modeIndex = new Map(input.modes.map((m, i) => [m.key, i]));
  const mechanismIndex = new Map(input.mechanisms.map((m, i) => [m.key, i]));
  const townsByMode = input.towns.map(() => input.modes.map(() => 0));
  const villagesByMechanism = input.villages.map(() => input.mechanisms.map(() => 0));
  for (const p of input.pairings) {
    const ti = p.townCode ? townIndex.get(p.townCode) : undefined;
    const mi = modeIndex.get(p.modeKey);
    if (ti !== undefined && mi !== undefined) townsByMode[ti]![mi]!++;
    const ki = mechanismIndex.get(p.mechanismKey);
    // A pairing counts for every village among its parties, not only its home village.
    for (const id of p.partyIds) {
      const code = orgById.get(id)?.anchorRegionCode;
      const vi = code ? villageIndex.get(code) : undefined;
      if (vi !== undefined && ki !== undefined) villagesByMechanism[vi]![ki]!++;
    }
  }
  return {
    totals: {
      towns: towns.length,
      townsCovered: towns.filter((t) => t.covered).length,
      villages: villages.length,
      villagesCovered: villages.filter((v) => v.covered).length,
      pairings: input.pairings.length,
    },
    towns,
    villages,
    unpairedOrgs: input.orgs
      .filter((o) => !REGION_DOMAINS.includes(o.domain) && !activeCount.has(o.id))
      .map((o) => ({ id: o.id, name: o.name, domain: o.domain, regionCode: o.regionCode })),
    overCapacity: input.orgs
      .filter((o) => (activeCount.get(o.id) ?? 0) > o.capacity)
      .map((o) => ({ id: o.id, name: o.name, domain: o.domain, capacity: o.capacity, activePairings: activeCount.get(o.id) ?? 0 })),
    unmetNeeds: villages.filter((v) => v.unmetNeeds.length > 0).map((v) => ({ code: v.code, name: v.name, unmetNeeds: v.unmetNeeds })),
    townsByMode: { rows: input.towns.map((t) => ({ key: t.code, name: t.name })), columns: input.modes.map((m) => ({ key: m.key, name: m.name })), counts: townsByMode },
    villagesByMechanism: {
      rows: input.villages.map((v) => ({ key: v.code, name: v.name })),
      columns: input.mechanisms.map((m) => ({ key: m.key, name: m.name })),
      counts: villagesByMechanism,
    },
  };
}
