/**
 * Pairing matchmaker (结对匹配): assigns pairing partners (organisations — government agencies, state
 * enterprises, private firms, associations) to villages. Pure functions: no IO, no clock, no database.
 *
 * Problem. Each village wants `need` partners, each organisation can take `capacity` new pairings,
 * and a candidate arc (village, organisation) carries an integer `fit` ≥ 0 and may be used once.
 * The objective is lexicographic: first cover as many village slots as possible (maximum flow), then,
 * among all maximum assignments, maximise the total fit. As a network: source s → village v
 * (capacity `need`), v → organisation o (capacity 1, cost −fit), o → sink t (capacity `capacity`);
 * we want a minimum-cost flow among the maximum flows.
 *
 * Algorithm (`matchmake`).
 *  1. Maximum flow F (`maximiseCoverage`): greedy start, two rounds of Pothen–Fan augmenting paths,
 *     then, if still needed, push-relabel with global relabelling for the long augmenting paths of
 *     tight instances.
 *  2. Minimum cost among the flows of value F (`refineCosts`): Goldberg's cost scaling, specialised to
 *     this bipartite network in the manner of Goldberg and Kennedy's assignment code. Costs are
 *     multiplied by α = nodes + 2, so that a flow that is ε-optimal with ε = 1 is exactly optimal; ε
 *     starts at the largest scaled cost and is divided by `scalingFactor` (8) per phase. A phase
 *     re-prices the villages, keeps the assignments that are still ε-optimal and lets the rest bid
 *     again: a village "double-pushes" (sends a slot along its best arc and lowers its price to the
 *     second-best value − ε: an auction bid), an organisation over capacity hands its least valuable
 *     pairing back and lowers its price likewise. Source and sink are ordinary nodes, so choosing
 *     which villages stay uncovered is part of the same search. Villages remember their few best arcs
 *     between bids (prices only fall within a phase) to avoid rescanning all candidates.
 *  3. Certificate: candidate exact integer potentials come from the ε-optimal prices by one Dijkstra
 *     over the residual graph (lengths α·cost + reduced price + ε ≥ 0; when shortest paths have fewer
 *     than α/ε arcs, ⌊length/α⌋ is the exact cost distance). They are checked; once ε is small, a
 *     successful check ends the scaling early (the last phases only break ties). The source side of a
 *     minimum cut comes from a breadth-first search.
 *
 * Certificate. `potentials` π make every residual arc (u → w) of the network with the flow value
 * fixed have a non-negative reduced cost c(u,w) + π(u) − π(w): no negative cycle, so the assignment
 * has the least cost (greatest total fit) among all assignments covering as many slots. The cut
 * (`sourceSide`) has the source and not the sink, and no residual arc leaves it: no augmenting path,
 * so the number of covered slots is maximum. Together they are one potential function for the single
 * objective M·covered + fit with a return arc t → s of cost −M: π'(u) = π(u) + K·[u on the sink side],
 * K = M + π(s) − π(t), for any M large enough. `verifyOptimality` checks all of it from the instance
 * and the reported assignment alone.
 *
 * `solveBySuccessiveShortestPaths` is the plain reference: one Dijkstra from the source (with Johnson
 * potentials, stopping at the sink, the source's arcs relaxed lazily in order) per augmenting path.
 * It is simple and slow on large instances; tests and the benchmark compare against it.
 *
 * Numbers. All costs, prices and potentials are integers held in doubles (exact below 2^53). When an
 * instance is so large that scaled prices could pass that bound, `matchmake` falls back to the
 * reference algorithm, whose potentials stay within (nodes × largest fit); it would do the same if its
 * own final reduced-cost check or its minimum-cut check ever failed, which the theory rules out (the
 * test suite asserts that the fallback is never taken).
 *
 * Measured figures and how they were taken: docs/performance-matchmaker.md.
 */

// ---------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------

export interface VillageDemand {
  readonly id: string;
  /** How many partners the village wants (usually 1). Non-negative integer. */
  readonly need: number;
}

export interface OrganisationSupply {
  readonly id: string;
  /** How many new pairings the organisation can take. Non-negative integer. */
  readonly capacity: number;
}

export interface CandidateArc {
  readonly villageId: string;
  readonly orgId: string;
  /** Integer score, higher is better, 0 ≤ fit ≤ MAX_FIT. */
  readonly fit: number;
}

export interface MatchInstance {
  readonly villages: readonly VillageDemand[];
  readonly organisations: readonly OrganisationSupply[];
  /** Candidate arcs. A repeated (village, organisation) pair counts once, with its highest fit. */
  readonly arcs: readonly CandidateArc[];
}

export interface Assignment {
  readonly villageId: string;
  readonly orgId: string;
  readonly fit: number;
}

export interface UncoveredVillage {
  readonly villageId: string;
  /** Slots of its need left without a partner. */
  readonly missing: number;
}

/**
 * Proof of lexicographic optimality. Potentials and sides are aligned with the instance's `villages`
 * and `organisations` arrays. Reduced cost of a residual arc u → w: c(u,w) + π(u) − π(w), where c is
 * −fit on village → organisation, +fit on its reverse, 0 on source and sink arcs.
 */
export interface OptimalityCertificate {
  readonly potentials: {
    readonly source: number;
    readonly sink: number;
    readonly villages: readonly number[];
    readonly organisations: readonly number[];
  };
  /** Source side of a minimum cut: the nodes reachable from the source in the residual graph. */
  readonly sourceSide: {
    readonly villages: readonly boolean[];
    readonly organisations: readonly boolean[];
  };
  /** Smallest reduced cost over the residual arcs (0 when there are none); ≥ 0 for a valid proof. */
  readonly minReducedCost: number;
  /** Whether `verifyOptimality` accepted this result when it was produced (false if not checked). */
  readonly verified: boolean;
}

export interface MatchStats {
  readonly algorithm: 'cost-scaling' | 'successive-shortest-paths';
  /** Cost-scaling phases, or augmenting paths for the reference algorithm. */
  readonly iterations: number;
  readonly pushes: number;
  readonly relabels: number;
  /** Attempts to prove optimality before the last phase (cost scaling). */
  readonly optimalityChecks: number;
}

export interface MatchResult {
  readonly assignments: readonly Assignment[];
  readonly totalFit: number;
  /** Village slots covered, i.e. the number of assignments. */
  readonly covered: number;
  /** Villages whose need is not fully covered, in instance order. */
  readonly uncovered: readonly UncoveredVillage[];
  readonly certificate: OptimalityCertificate;
  readonly stats: MatchStats;
}

/**
 * An earlier result, by id, to start near the optimum: its potentials seed the prices, its pairings
 * (those still candidates and within needs and capacities) seed the flow.
 */
export interface WarmStart {
  readonly villages: ReadonlyMap<string, number>;
  readonly organisations: ReadonlyMap<string, number>;
  readonly source?: number;
  readonly sink?: number;
  readonly assignments?: readonly { readonly villageId: string; readonly orgId: string }[];
}

export interface MatchOptions {
  /** Earlier potentials (see `warmStartFrom`); ids missing from it start at the neutral price. */
  readonly warmStart?: WarmStart;
  /** Run `verifyOptimality` on the result and record it in `certificate.verified` (default true). */
  readonly verify?: boolean;
  /** ε is divided by this factor between cost-scaling phases (default 8, at least 2). */
  readonly scalingFactor?: number;
  /** Pothen–Fan rounds before the maximum flow switches to push-relabel (default 2; 0 goes straight to it). */
  readonly augmentingRounds?: number;
}

export interface ReferenceOptions {
  /** Run `verifyOptimality` on the result (default true). */
  readonly verify?: boolean;
  /**
   * Asked every 64 augmenting paths; returning true abandons the search with `SearchStoppedError`
   * (the benchmark uses it to cap the time spent on the slow reference).
   */
  readonly shouldStop?: () => boolean;
}

/** Thrown by `solveBySuccessiveShortestPaths` when `shouldStop` asks it to give up. */
export class SearchStoppedError extends Error {
  constructor(readonly paths: number) {
    super(`successive shortest paths stopped after ${paths} augmenting paths`);
    this.name = 'SearchStoppedError';
  }
}

/** Largest accepted fit score. */
export const MAX_FIT = 1_000_000;

/** Potentials of an earlier result, keyed by id, for `options.warmStart`. */
export function warmStartFrom(instance: MatchInstance, result: MatchResult): WarmStart {
  const { potentials } = result.certificate;
  const villages = new Map<string, number>();
  const organisations = new Map<string, number>();
  instance.villages.forEach((v, i) => villages.set(v.id, potentials.villages[i] ?? 0));
  instance.organisations.forEach((o, i) => organisations.set(o.id, potentials.organisations[i] ?? 0));
  const assignments = result.assignments.map(({ villageId, orgId }) => ({ villageId, orgId }));
  return { villages, organisations, source: potentials.source, sink: potentials.sink, assignments };
}

// ---------------------------------------------------------------------------------------------------
// Input normalisation
// ---------------------------------------------------------------------------------------------------

/** The instance with ids replaced by indices and arcs grouped by village (CSR), duplicates merged. */
interface IndexedInstance {
  readonly nV: number;
  readonly nO: number;
  readonly villageIds: readonly string[];
  readonly orgIds: readonly string[];
  readonly villageIndex: ReadonlyMap<string, number>;
  readonly orgIndex: ReadonlyMap<string, number>;
  readonly need: Int32Array;
  readonly capacity: Int32Array;
  /** Arcs of village v are vStart[v] .. vStart[v+1]-1. */
  readonly vStart: Int32Array;
  readonly arcOrg: Int32Array;
  readonly arcFit: Int32Array;
  readonly maxFit: number;
}

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > 0x3fffffff) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

function indexInstance(instance: MatchInstance): IndexedInstance {
  const nV = instance.villages.length;
  const nO = instance.organisations.length;
  const villageIds: string[] = new Array<string>(nV);
  const orgIds: string[] = new Array<string>(nO);
  const villageIndex = new Map<string, number>();
  const orgIndex = new Map<string, number>();
  const need = new Int32Array(nV);
  const capacity = new Int32Array(nO);
  for (let i = 0; i < nV; i++) {
    const v = instance.villages[i]!;
    if (villageIndex.has(v.id)) throw new RangeError(`village ${v.id} is listed twice`);
    villageIndex.set(v.id, i);
    villageIds[i] = v.id;
    need[i] = checkCount(v.need, `need of village ${v.id}`);
  }
  for (let i = 0; i < nO; i++) {
    const o = instance.organisations[i]!;
    if (orgIndex.has(o.id)) throw new RangeError(`organisation ${o.id} is listed twice`);
    orgIndex.set(o.id, i);
    orgIds[i] = o.id;
    capacity[i] = checkCount(o.capacity, `capacity of organisation ${o.id}`);
  }
  const arcs = instance.arcs;
  const mRaw = arcs.length;
  const rawV = new Int32Array(mRaw);
  const rawO = new Int32Array(mRaw);
  const rawFit = new Int32Array(mRaw);
  const count = new Int32Array(nV + 1);
  // Arcs usually come grouped by village: remember the last village looked up.
  let lastVillageId: string | undefined;
  let lastVillage = -1;
  for (let k = 0; k < mRaw; k++) {
    const arc = arcs[k]!;
    const villageId = arc.villageId;
    let v = lastVillage;
    if (villageId !== lastVillageId) {
      const found = villageIndex.get(villageId);
      if (found === undefined) throw new RangeError(`arc refers to unknown village ${villageId}`);
      v = found;
      lastVillage = found;
      lastVillageId = villageId;
    }
    const o = orgIndex.get(arc.orgId);
    if (o === undefined) throw new RangeError(`arc refers to unknown organisation ${arc.orgId}`);
    const fit = arc.fit;
    if (!Number.isSafeInteger(fit) || fit < 0 || fit > MAX_FIT) throw new RangeError(`fit of ${villageId}–${arc.orgId} must be an integer in [0, ${MAX_FIT}], got ${fit}`);
    rawV[k] = v;
    rawO[k] = o;
    rawFit[k] = fit;
    count[v + 1]!++;
  }
  // Bucket by village (stable), then merge repeated pairs keeping the highest fit.
  for (let v = 0; v < nV; v++) count[v + 1]! += count[v]!;
  const order = new Int32Array(mRaw);
  const fill = count.slice(0, nV);
  for (let k = 0; k < mRaw; k++) order[fill[rawV[k]!]!++] = k;
  const vStart = new Int32Array(nV + 1);
  const arcOrg = new Int32Array(mRaw);
  const arcFit = new Int32Array(mRaw);
  const seenAt = new Int32Array(nO).fill(-1);
  let m = 0;
  let maxFit = 0;
  for (let v = 0; v < nV; v++) {
    vStart[v] = m;
    const base = m;
    for (let j = count[v]!, end = count[v + 1]!; j < end; j++) {
      const k = order[j]!;
      const o = rawO[k]!;
      const fit = rawFit[k]!;
      const at = seenAt[o]!;
      if (at >= base) {
        if (fit > arcFit[at]!) arcFit[at] = fit;
      } else {
        seenAt[o] = m;
        arcOrg[m] = o;
        arcFit[m] = fit;
        m++;
      }
      if (fit > maxFit) maxFit = fit;
    }
  }
  vStart[nV] = m;
  return {
    nV,
    nO,
    villageIds,
    orgIds,
    villageIndex,
    orgIndex,
    need,
    capacity,
    vStart,
    arcOrg: arcOrg.subarray(0, m),
    arcFit: arcFit.subarray(0, m),
    maxFit,
  };
}

// ---------------------------------------------------------------------------------------------------
// Residual network (CSR, paired arcs), for the reference algorithm
// ---------------------------------------------------------------------------------------------------

/**
 * Nodes: villages 0..nV-1, organisations nV..nV+nO-1, source s = nV+nO, sink t = s+1.
 * Each edge has two arc slots (forward, reverse) paired by `rev`; `res` is the residual capacity.
 */
interface Network {
  readonly idx: IndexedInstance;
  readonly n: number;
  readonly s: number;
  readonly t: number;
  /** Arcs of node u are first[u] .. first[u+1]-1. */
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly rev: Int32Array;
  readonly res: Int32Array;
  /** Unscaled cost: −fit on village → organisation, +fit on its reverse, 0 elsewhere. */
  readonly cost: Int32Array;
  /** Forward slot (at the village) of instance arc k. */
  readonly arcSlot: Int32Array;
  /** Slot s → v for each village, and o → t for each organisation (at the organisation). */
  readonly sourceSlot: Int32Array;
  readonly sinkSlot: Int32Array;
}

function buildNetwork(idx: IndexedInstance): Network {
  const { nV, nO, vStart, arcOrg, arcFit, need, capacity } = idx;
  const m = arcOrg.length;
  const n = nV + nO + 2;
  const s = nV + nO;
  const t = s + 1;
  const slots = 2 * (m + nV + nO);
  const first = new Int32Array(n + 1);
  for (let v = 0; v < nV; v++) first[v + 1] = vStart[v + 1]! - vStart[v]! + 1;
  for (let k = 0; k < m; k++) first[nV + arcOrg[k]! + 1]!++;
  for (let o = 0; o < nO; o++) first[nV + o + 1]!++;
  first[s + 1] = nV;
  first[t + 1] = nO;
  for (let u = 0; u < n; u++) first[u + 1]! += first[u]!;
  const pos = first.slice(0, n);
  const head = new Int32Array(slots);
  const rev = new Int32Array(slots);
  const res = new Int32Array(slots);
  const cost = new Int32Array(slots);
  const arcSlot = new Int32Array(m);
  const sourceSlot = new Int32Array(nV);
  const sinkSlot = new Int32Array(nO);
  const addEdge = (u: number, w: number, capacityUW: number, costUW: number): number => {
    const a = pos[u]!++;
    const b = pos[w]!++;
    head[a] = w;
    head[b] = u;
    rev[a] = b;
    rev[b] = a;
    res[a] = capacityUW;
    cost[a] = costUW;
    cost[b] = -costUW;
    return a;
  };
  // Organisations list their sink arc first, villages their source arc last.
  for (let o = 0; o < nO; o++) sinkSlot[o] = addEdge(nV + o, t, capacity[o]!, 0);
  for (let v = 0; v < nV; v++) {
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) arcSlot[k] = addEdge(v, nV + arcOrg[k]!, 1, -arcFit[k]!);
  }
  for (let v = 0; v < nV; v++) sourceSlot[v] = addEdge(s, v, need[v]!, 0);
  return { idx, n, s, t, first, head, rev, res, cost, arcSlot, sourceSlot, sinkSlot };
}

function pushOn(net: Network, a: number, amount: number): void {
  net.res[a]! -= amount;
  net.res[net.rev[a]!]! += amount;
}

// ---------------------------------------------------------------------------------------------------
// Binary heap
// ---------------------------------------------------------------------------------------------------

/** Binary min-heap over node ids with decrease-key. */
class NodeHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private size = 0;

  constructor(
    n: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  get length(): number {
    return this.size;
  }

  clearPositions(nodes: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) this.pos[nodes[i]!] = -1;
    this.size = 0;
  }

  /** Inserts u or lowers its key (the key array already holds the new value). */
  push(u: number): void {
    let i = this.pos[u]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = u;
      this.pos[u] = i;
    }
    this.up(i);
  }

  peek(): number {
    return this.heap[0]!;
  }

  /** Whether u is waiting in the heap. */
  has(u: number): boolean {
    return this.pos[u]! >= 0;
  }

  /** Restores the order after u's key changed either way. */
  update(u: number): void {
    const i = this.pos[u]!;
    if (i < 0) return;
    this.up(i);
    this.down(this.pos[u]!);
  }

  pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    this.pos[top] = -2;
    const last = heap[--this.size]!;
    if (this.size > 0) {
      heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const { heap, pos, key } = this;
    const u = heap[i]!;
    const ku = key[u]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pu = heap[parent]!;
      if (key[pu]! <= ku) break;
      heap[i] = pu;
      pos[pu] = i;
      i = parent;
    }
    heap[i] = u;
    pos[u] = i;
  }

  private down(i: number): void {
    const { heap, pos, key } = this;
    const size = this.size;
    const u = heap[i]!;
    const ku = key[u]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && key[heap[right]!]! < key[heap[child]!]!) child = right;
      const c = heap[child]!;
      if (key[c]! >= ku) break;
      heap[i] = c;
      pos[c] = i;
      i = child;
    }
    heap[i] = u;
    pos[u] = i;
  }

  /** Whether u was popped already (since the last clear). */
  isDone(u: number): boolean {
    return this.pos[u] === -2;
  }
}

// ---------------------------------------------------------------------------------------------------
// Pairing state: a flow on the network in compact form
// ---------------------------------------------------------------------------------------------------

/**
 * A flow on the network, in the shape the algorithms use. Node ids: villages 0..nV-1, organisations
 * nV..nV+nO-1, source S = nV+nO, sink T = S+1. `assigned[k]` is the flow on candidate arc k,
 * `sourceFlow[v]` the covered slots of village v, `sinkFlow[o]` the pairings organisation o takes.
 * Each organisation also lists its assigned arcs, so its residual arcs back to villages cost
 * O(capacity) to find rather than O(candidates).
 */
class PairingState {
  readonly assigned: Uint8Array;
  readonly sourceFlow: Int32Array;
  readonly sinkFlow: Int32Array;
  /** Village of each arc. */
  readonly arcVillage: Int32Array;
  /** Assigned arcs of organisation o are orgList[orgStart[o] .. orgStart[o] + orgCount[o] - 1]. */
  readonly orgStart: Int32Array;
  readonly orgList: Int32Array;
  readonly orgCount: Int32Array;
  /** Position of an assigned arc in its organisation's list. */
  readonly listPos: Int32Array;

  constructor(readonly idx: IndexedInstance) {
    const { nV, nO, vStart, arcOrg } = idx;
    const m = arcOrg.length;
    this.assigned = new Uint8Array(m);
    this.sourceFlow = new Int32Array(nV);
    this.sinkFlow = new Int32Array(nO);
    this.arcVillage = new Int32Array(m);
    this.orgStart = new Int32Array(nO + 1);
    this.orgList = new Int32Array(m);
    this.orgCount = new Int32Array(nO);
    this.listPos = new Int32Array(m);
    for (let v = 0; v < nV; v++) for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) this.arcVillage[k] = v;
    for (let k = 0; k < m; k++) this.orgStart[arcOrg[k]! + 1]!++;
    for (let o = 0; o < nO; o++) this.orgStart[o + 1]! += this.orgStart[o]!;
  }

  assign(k: number, o: number): void {
    const at = this.orgStart[o]! + this.orgCount[o]!++;
    this.orgList[at] = k;
    this.listPos[k] = at;
    this.assigned[k] = 1;
  }

  unassign(k: number, o: number): void {
    const at = this.listPos[k]!;
    const lastAt = this.orgStart[o]! + --this.orgCount[o]!;
    const last = this.orgList[lastAt]!;
    this.orgList[at] = last;
    this.listPos[last] = at;
    this.assigned[k] = 0;
  }

  /** The flow held in a residual network (used by the reference algorithm). */
  static fromNetwork(net: Network): PairingState {
    const { idx, res, arcSlot, sourceSlot, sinkSlot } = net;
    const st = new PairingState(idx);
    for (let k = 0, m = idx.arcOrg.length; k < m; k++) if (res[arcSlot[k]!] === 0) st.assign(k, idx.arcOrg[k]!);
    for (let v = 0; v < idx.nV; v++) st.sourceFlow[v] = idx.need[v]! - res[sourceSlot[v]!]!;
    for (let o = 0; o < idx.nO; o++) st.sinkFlow[o] = idx.capacity[o]! - res[sinkSlot[o]!]!;
    return st;
  }
}

// ---------------------------------------------------------------------------------------------------
// Phase 1: maximum coverage (maximum flow)
// ---------------------------------------------------------------------------------------------------

/**
 * A maximum flow, in three steps that suit the instances seen: a greedy start (each village slot takes
 * its best-fitting organisation with room); a few rounds of augmenting paths by depth-first search with
 * look-ahead, sharing visit marks within a round (Pothen–Fan), which finish most instances; and, if
 * augmenting paths are still being found, push-relabel with global relabelling (Goldberg–Tarjan), which
 * copes with the long augmenting paths of tight instances. In push-relabel every village takes its
 * missing slots from the source as excess; distance labels to the sink guide each unit towards an
 * organisation with room, a breadth-first search from the sink refreshes them every so often, and a
 * node whose label reaches the number of nodes cannot reach the sink: villages give such units back to
 * the source (they stay uncovered), organisations hand them back to their villages.
 */
function maximiseCoverage(st: PairingState, rounds: number, seeds: readonly number[] = []): number {
  const { idx, assigned, sourceFlow, sinkFlow, arcVillage, orgStart, orgList, orgCount } = st;
  const { nV, nO, need, capacity, vStart, arcOrg, arcFit } = idx;
  let flow = 0;
  // Pairings kept from a warm start come first.
  for (const k of seeds) {
    const v = arcVillage[k]!;
    const o = arcOrg[k]!;
    if (assigned[k] === 0 && sourceFlow[v]! < need[v]! && sinkFlow[o]! < capacity[o]!) {
      st.assign(k, o);
      sinkFlow[o]!++;
      sourceFlow[v]!++;
      flow++;
    }
  }
  for (let v = 0; v < nV; v++) {
    const start = vStart[v]!;
    const end = vStart[v + 1]!;
    while (sourceFlow[v]! < need[v]!) {
      let best = -1;
      let bestFit = -1;
      for (let k = start; k < end; k++) {
        const o = arcOrg[k]!;
        if (assigned[k] === 0 && sinkFlow[o]! < capacity[o]! && arcFit[k]! > bestFit) {
          best = k;
          bestFit = arcFit[k]!;
        }
      }
      if (best < 0) break;
      const o = arcOrg[best]!;
      st.assign(best, o);
      sinkFlow[o]!++;
      sourceFlow[v]!++;
      flow++;
    }
  }
  const lookahead = vStart.slice(0, nV);
  const seenV = new Int32Array(nV);
  const seenO = new Int32Array(nO);
  // DFS frames: village, next candidate arc, organisation being expanded (−1: none) and position in
  // its list; the arc used to enter that organisation, and the arc by which the frame's village left.
  const frameV = new Int32Array(nV);
  const frameNext = new Int32Array(nV);
  const frameOrg = new Int32Array(nV);
  const frameOrgAt = new Int32Array(nV);
  const frameEnter = new Int32Array(nV);
  const frameLeave = new Int32Array(nV);
  let stamp = 0;
  const search = (root: number): boolean => {
    let top = 0;
    frameV[0] = root;
    frameNext[0] = vStart[root]!;
    frameOrg[0] = -1;
    seenV[root] = stamp;
    while (top >= 0) {
      const v = frameV[top]!;
      const end = vStart[v + 1]!;
      // Look-ahead: an organisation with room one step away ends the search.
      let la = lookahead[v]!;
      while (la < end && (assigned[la] === 1 || sinkFlow[arcOrg[la]!]! >= capacity[arcOrg[la]!]!)) la++;
      lookahead[v] = la;
      if (la < end) {
        const o = arcOrg[la]!;
        st.assign(la, o);
        sinkFlow[o]!++;
        for (let j = top; j > 0; j--) {
          const oj = frameOrg[j - 1]!;
          st.unassign(frameLeave[j]!, oj);
          st.assign(frameEnter[j]!, oj);
        }
        sourceFlow[root]!++;
        return true;
      }
      // Go deeper: through an unvisited organisation to one of its villages.
      let pushed = false;
      while (!pushed) {
        const o = frameOrg[top]!;
        if (o >= 0) {
          let i = frameOrgAt[top]!;
          const base = orgStart[o]!;
          const count = orgCount[o]!;
          while (i < count) {
            const k = orgList[base + i++]!;
            const w = arcVillage[k]!;
            if (seenV[w] !== stamp) {
              seenV[w] = stamp;
              frameOrgAt[top] = i;
              top++;
              frameV[top] = w;
              frameNext[top] = vStart[w]!;
              frameOrg[top] = -1;
              frameLeave[top] = k;
              pushed = true;
              break;
            }
          }
          if (!pushed) frameOrg[top] = -1;
        } else {
          let a = frameNext[top]!;
          while (a < end && (assigned[a] === 1 || seenO[arcOrg[a]!] === stamp)) a++;
          if (a === end) {
            top--;
            break;
          }
          frameNext[top] = a + 1;
          const next = arcOrg[a]!;
          seenO[next] = stamp;
          frameOrg[top] = next;
          frameOrgAt[top] = 0;
          frameEnter[top + 1] = a;
        }
      }
    }
    return false;
  };
  for (let round = 0; round < rounds; round++) {
    stamp++;
    let found = 0;
    for (let v = 0; v < nV; v++) {
      while (sourceFlow[v]! < need[v]! && search(v)) found++;
    }
    flow += found;
    // A round with no augmenting path proves the flow maximum.
    if (found === 0) return flow;
  }
  // Push-relabel: villages take their missing slots from the source as excess.
  const exV = new Int32Array(nV);
  const exO = new Int32Array(nO);
  let active = 0;
  for (let v = 0; v < nV; v++) {
    exV[v] = need[v]! - sourceFlow[v]!;
    sourceFlow[v] = need[v]!;
  }
  // Arcs by organisation, for the breadth-first search from the sink.
  const m = arcOrg.length;
  const byOrgStart = new Int32Array(nO + 1);
  for (let k = 0; k < m; k++) byOrgStart[arcOrg[k]! + 1]!++;
  for (let o = 0; o < nO; o++) byOrgStart[o + 1]! += byOrgStart[o]!;
  const byOrg = new Int32Array(m);
  const fill = byOrgStart.slice(0, nO);
  for (let k = 0; k < m; k++) byOrg[fill[arcOrg[k]!]!++] = k;

  const nodes = nV + nO;
  const unreachable = nodes + 2;
  const label = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const inQueue = new Uint8Array(nodes);
  const cur = vStart.slice(0, nV);
  let qh = 0;
  let qt = 0;
  const enqueue = (u: number): void => {
    if (inQueue[u] === 0) {
      inQueue[u] = 1;
      queue[qt] = u;
      qt = qt + 1 === nodes ? 0 : qt + 1;
      active++;
    }
  };
  const globalRelabel = (): void => {
    label.fill(unreachable);
    const bfs = new Int32Array(nodes);
    let h = 0;
    let tail = 0;
    for (let o = 0; o < nO; o++) {
      if (sinkFlow[o]! < capacity[o]!) {
        label[nV + o] = 1;
        bfs[tail++] = nV + o;
      }
    }
    while (h < tail) {
      const u = bfs[h++]!;
      const next = label[u]! + 1;
      if (u >= nV) {
        const o = u - nV;
        for (let i = byOrgStart[o]!, end = byOrgStart[o + 1]!; i < end; i++) {
          const k = byOrg[i]!;
          const v = arcVillage[k]!;
          if (assigned[k] === 0 && label[v] === unreachable) {
            label[v] = next;
            bfs[tail++] = v;
          }
        }
      } else {
        for (let k = vStart[u]!, end = vStart[u + 1]!; k < end; k++) {
          const w = nV + arcOrg[k]!;
          if (assigned[k] === 1 && label[w] === unreachable) {
            label[w] = next;
            bfs[tail++] = w;
          }
        }
      }
    }
    cur.set(vStart.subarray(0, nV));
  };
  globalRelabel();
  for (let v = 0; v < nV; v++) if (exV[v]! > 0) enqueue(v);
  let relabels = 0;
  const relabelBudget = nodes;
  while (active > 0) {
    if (relabels >= relabelBudget) {
      globalRelabel();
      relabels = 0;
    }
    const u = queue[qh]!;
    qh = qh + 1 === nodes ? 0 : qh + 1;
    inQueue[u] = 0;
    active--;
    if (u < nV) {
      const v = u;
      const end = vStart[v + 1]!;
      while (exV[v]! > 0) {
        const lv = label[v]!;
        if (lv > nodes) {
          // Cannot reach the sink: the slots stay uncovered. (A path to the sink visits each village
          // and organisation at most once, so a reachable village's distance is at most `nodes`.)
          sourceFlow[v]! -= exV[v]!;
          exV[v] = 0;
          break;
        }
        let a = cur[v]!;
        while (a < end && (assigned[a] === 1 || label[nV + arcOrg[a]!] !== lv - 1)) a++;
        if (a < end) {
          const o = arcOrg[a]!;
          st.assign(a, o);
          exV[v]!--;
          const eo = exO[o]! + 1;
          exO[o] = eo;
          if (eo === 1) enqueue(nV + o);
          cur[v] = a;
        } else {
          let min = unreachable;
          for (let k = vStart[v]!; k < end; k++) if (assigned[k] === 0 && label[nV + arcOrg[k]!]! < min) min = label[nV + arcOrg[k]!]!;
          label[v] = min >= unreachable ? unreachable : min + 1;
          cur[v] = vStart[v]!;
          relabels++;
        }
      }
    } else {
      const o = u - nV;
      const base = orgStart[o]!;
      while (exO[o]! > 0) {
        const lo = label[u]!;
        const room = capacity[o]! - sinkFlow[o]!;
        if (room > 0 && lo === 1) {
          const d = Math.min(room, exO[o]!);
          sinkFlow[o]! += d;
          exO[o]! -= d;
          continue;
        }
        let pushed = false;
        for (let i = orgCount[o]! - 1; i >= 0; i--) {
          const k = orgList[base + i]!;
          const w = arcVillage[k]!;
          if (label[w] === lo - 1) {
            st.unassign(k, o);
            exO[o]!--;
            const ew = exV[w]! + 1;
            exV[w] = ew;
            if (ew === 1) enqueue(w);
            pushed = true;
            break;
          }
        }
        if (!pushed) {
          let min = room > 0 ? 0 : 2 * unreachable;
          for (let i = 0, count = orgCount[o]!; i < count; i++) {
            const lw = label[arcVillage[orgList[base + i]!]!]!;
            if (lw < min) min = lw;
          }
          label[u] = min + 1;
          relabels++;
        }
      }
    }
  }
  return totalFlow(st);
}

function totalFlow(st: PairingState): number {
  let flow = 0;
  for (let o = 0; o < st.sinkFlow.length; o++) flow += st.sinkFlow[o]!;
  return flow;
}

// ---------------------------------------------------------------------------------------------------
// Phase 2: cost scaling
// ---------------------------------------------------------------------------------------------------

interface ScalingCounters {
  phases: number;
  pushes: number;
  relabels: number;
  checks: number;
}

/** Best arcs a village remembers between bids (see `refineCosts`). */
const BEST_KEPT = 4;

/**
 * Goldberg's cost scaling, specialised to the pairing network in the manner of Goldberg and Kennedy's
 * assignment code. Convention: reduced cost c(u,w) + p(u) − p(w) with costs scaled by `alpha`; a
 * residual arc is admissible when its reduced cost is negative; the flow is ε-optimal when none is
 * below −ε. Village → organisation arcs cost −fit·α, so a village values organisation o at
 * p(o) + fit·α and the source (giving a slot back) at p(s).
 *
 * Each phase divides ε by `factor` and:
 *  - re-prices every village at (best value of an unassigned arc − ε) and unassigns only the arcs this
 *    makes violate ε-optimality; saturates the source and sink arcs that violate it;
 *  - discharges the nodes with excess, FIFO. A village "double-pushes": it sends a slot along its best
 *    arc and drops its price to (second-best value − ε), which is an auction bid; an organisation that
 *    is over its capacity pushes the unit along its best residual arc (the sink or the assigned
 *    village that loses least) and drops its price to (next best − ε). Prices only ever fall within a
 *    phase, so a village may keep its BEST_KEPT best arcs and the next value as a bound, and skip the
 *    full scan while the kept best two still beat that bound.
 * After a phase with small ε, `isOptimal` may prove optimality early (exact potentials exist).
 *
 * `p` holds the prices (villages, organisations, source, sink); on return the flow is 1-optimal for
 * the scaled costs, hence optimal, or `isOptimal` has accepted it.
 */
function refineCosts(
  st: PairingState,
  p: Float64Array,
  alpha: number,
  factor: number,
  startEps: number,
  counters: ScalingCounters,
  isOptimal: (eps: number) => boolean,
): void {
  const { idx, assigned, sourceFlow, sinkFlow, arcVillage, orgStart, orgList, orgCount } = st;
  const { nV, nO, need, capacity, vStart, arcOrg, arcFit } = idx;
  const n = nV + nO + 2;
  const S = nV + nO;
  const T = S + 1;
  const pV = p.subarray(0, nV);
  const pO = p.subarray(nV, nV + nO);
  let ps = p[S]!;
  let pt = p[T]!;
  const exV = new Int32Array(nV);
  const exO = new Int32Array(nO);
  let exS = 0;
  let exT = 0;
  const queue = new Int32Array(n);
  const inQueue = new Uint8Array(n);
  let qh = 0;
  let qt = 0;
  let active = 0;
  const enqueue = (u: number): void => {
    if (inQueue[u] === 0) {
      inQueue[u] = 1;
      queue[qt] = u;
      qt = qt + 1 === n ? 0 : qt + 1;
      active++;
    }
  };
  const keptArc = new Int32Array(nV * BEST_KEPT);
  const keptValue = new Float64Array(nV * BEST_KEPT);
  const keptBound = new Float64Array(nV).fill(Infinity);
  // Current arcs of the source and the sink (positions in the villages / organisations).
  let curS: number;
  let curT: number;

  // An organisation with excess pushes each unit along its best residual arc, then lowers its price.
  const dischargeOrg = (o: number): void => {
    let e = exO[o]!;
    const base = orgStart[o]!;
    const cap = capacity[o]!;
    while (e > 0) {
      const tf = sinkFlow[o]!;
      let best = tf < cap ? pt : -Infinity;
      let bestAt = -1;
      let second = -Infinity;
      for (let i = 0, count = orgCount[o]!; i < count; i++) {
        const k = orgList[base + i]!;
        const value = pV[arcVillage[k]!]! - arcFit[k]! * alpha;
        if (value > best) {
          second = best;
          best = value;
          bestAt = i;
        } else if (value > second) second = value;
      }
      counters.relabels++;
      counters.pushes++;
      let next: number;
      if (bestAt < 0) {
        const d = Math.min(e, cap - tf);
        sinkFlow[o] = tf + d;
        e -= d;
        exT += d;
        if (exT > 0) enqueue(T);
        next = tf + d < cap ? pt : second;
      } else {
        const k = orgList[base + bestAt]!;
        const v = arcVillage[k]!;
        st.unassign(k, o);
        e--;
        const ev = exV[v]!;
        exV[v] = ev + 1;
        if (ev <= 0) enqueue(v);
        next = second === -Infinity ? best : second;
      }
      if (next - eps < pO[o]!) pO[o] = next - eps;
    }
    exO[o] = 0;
  };

  let eps = startEps;
  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / factor));
    counters.phases++;
    // Re-price villages; drop the assignments that are no longer ε-optimal.
    for (let v = 0; v < nV; v++) {
      const start = vStart[v]!;
      const end = vStart[v + 1]!;
      let best = sourceFlow[v]! > 0 ? ps : -Infinity;
      let held = 0;
      for (let k = start; k < end; k++) {
        if (assigned[k] === 0) {
          const value = pO[arcOrg[k]!]! + arcFit[k]! * alpha;
          if (value > best) best = value;
        } else held++;
      }
      if (best === -Infinity) {
        exV[v] = sourceFlow[v]! - held;
        continue;
      }
      const pv = best - eps;
      pV[v] = pv;
      if (held > 0) {
        for (let k = start; k < end; k++) {
          if (assigned[k] === 1 && pO[arcOrg[k]!]! + arcFit[k]! * alpha + eps < pv) {
            st.unassign(k, arcOrg[k]!);
            held--;
          }
        }
      }
      exV[v] = sourceFlow[v]! - held;
    }
    for (let o = 0; o < nO; o++) exO[o] = orgCount[o]! - sinkFlow[o]!;
    // exS and exT are 0 here: a phase ends with no excess anywhere, and the queue empty.
    for (let v = 0; v < nV; v++) {
      const pv = pV[v]!;
      const sf = sourceFlow[v]!;
      if (sf < need[v]! && ps - pv < -eps) {
        const d = need[v]! - sf;
        sourceFlow[v] = need[v]!;
        exV[v]! += d;
        exS -= d;
      } else if (sf > 0 && pv - ps < -eps) {
        sourceFlow[v] = 0;
        exV[v]! -= sf;
        exS += sf;
      }
    }
    for (let o = 0; o < nO; o++) {
      const po = pO[o]!;
      const tf = sinkFlow[o]!;
      if (tf < capacity[o]! && po - pt < -eps) {
        const d = capacity[o]! - tf;
        sinkFlow[o] = capacity[o]!;
        exO[o]! -= d;
        exT += d;
      } else if (tf > 0 && pt - po < -eps) {
        sinkFlow[o] = 0;
        exO[o]! += tf;
        exT -= tf;
      }
    }
    for (let v = 0; v < nV; v++) if (exV[v]! > 0) enqueue(v);
    for (let o = 0; o < nO; o++) if (exO[o]! > 0) enqueue(nV + o);
    if (exS > 0) enqueue(S);
    if (exT > 0) enqueue(T);
    curS = 0;
    curT = 0;

    while (active > 0) {
      const u = queue[qh]!;
      qh = qh + 1 === n ? 0 : qh + 1;
      inQueue[u] = 0;
      active--;
      if (u < nV) {
        const v = u;
        const start = vStart[v]!;
        const end = vStart[v + 1]!;
        const kept = v * BEST_KEPT;
        while (exV[v]! > 0) {
          const sf = sourceFlow[v]!;
          let best = sf > 0 ? ps : -Infinity;
          let bestArc = -1;
          let second = -Infinity;
          let quick = false;
          const bound = keptBound[v]!;
          if (bound !== Infinity) {
            for (let i = 0; i < BEST_KEPT; i++) {
              const k = keptArc[kept + i]!;
              if (k < 0) break;
              if (assigned[k] === 0) {
                const value = pO[arcOrg[k]!]! + arcFit[k]! * alpha;
                if (value > best) {
                  second = best;
                  best = value;
                  bestArc = k;
                } else if (value > second) second = value;
              }
            }
            // Arcs not kept were worth at most `bound` when it was set, and prices only fall.
            quick = second >= bound;
          }
          if (!quick) {
            best = sf > 0 ? ps : -Infinity;
            bestArc = -1;
            second = -Infinity;
            let count = 0;
            let newBound = -Infinity;
            for (let k = start; k < end; k++) {
              const value = pO[arcOrg[k]!]! + arcFit[k]! * alpha;
              if (assigned[k] === 0) {
                if (value > best) {
                  second = best;
                  best = value;
                  bestArc = k;
                } else if (value > second) second = value;
              }
              // Keep the best arcs (assigned or not) sorted, and the best value left out.
              if (count < BEST_KEPT || value > keptValue[kept + BEST_KEPT - 1]!) {
                let i: number;
                if (count < BEST_KEPT) i = count++;
                else {
                  i = BEST_KEPT - 1;
                  if (keptValue[kept + i]! > newBound) newBound = keptValue[kept + i]!;
                }
                while (i > 0 && keptValue[kept + i - 1]! < value) {
                  keptArc[kept + i] = keptArc[kept + i - 1]!;
                  keptValue[kept + i] = keptValue[kept + i - 1]!;
                  i--;
                }
                keptArc[kept + i] = k;
                keptValue[kept + i] = value;
              } else if (value > newBound) newBound = value;
            }
            for (let i = count; i < BEST_KEPT; i++) keptArc[kept + i] = -1;
            keptBound[v] = newBound;
          }
          counters.relabels++;
          counters.pushes++;
          if (bestArc < 0) {
            // Giving the slots back to the source is best.
            const e = exV[v]!;
            const d = Math.min(e, sf);
            sourceFlow[v] = sf - d;
            exV[v] = e - d;
            exS += d;
            if (exS > 0) enqueue(S);
            if (best - eps < pV[v]!) pV[v] = best - eps;
            continue;
          }
          const o = arcOrg[bestArc]!;
          st.assign(bestArc, o);
          exV[v]!--;
          const next = (second === -Infinity ? best : second) - eps;
          if (next < pV[v]!) pV[v] = next;
          const eo = exO[o]! + 1;
          exO[o] = eo;
          if (eo > 0) dischargeOrg(o);
        }
      } else if (u < S) {
        dischargeOrg(u - nV);
      } else if (u === S) {
        // The source pushes slots to villages that value a covered slot above p(s).
        let e = exS;
        while (e > 0) {
          if (curS < nV) {
            const v = curS;
            const sf = sourceFlow[v]!;
            if (sf < need[v]! && ps - pV[v]! < 0) {
              const d = Math.min(e, need[v]! - sf);
              sourceFlow[v] = sf + d;
              e -= d;
              counters.pushes++;
              const ev = exV[v]!;
              exV[v] = ev + d;
              if (ev <= 0 && ev + d > 0) enqueue(v);
              if (e === 0) break;
            }
            curS++;
          } else {
            let best = -Infinity;
            let bestV = 0;
            for (let v = 0; v < nV; v++) {
              if (sourceFlow[v]! < need[v]! && pV[v]! > best) {
                best = pV[v]!;
                bestV = v;
              }
            }
            ps = best - eps;
            counters.relabels++;
            curS = bestV;
          }
        }
        exS = e;
      } else {
        // The sink hands pairings back to organisations priced above p(t).
        let e = exT;
        while (e > 0) {
          if (curT < nO) {
            const o = curT;
            const tf = sinkFlow[o]!;
            if (tf > 0 && pt - pO[o]! < 0) {
              const d = Math.min(e, tf);
              sinkFlow[o] = tf - d;
              e -= d;
              counters.pushes++;
              const eo = exO[o]!;
              exO[o] = eo + d;
              if (eo <= 0 && eo + d > 0) enqueue(nV + o);
              if (e === 0) break;
            }
            curT++;
          } else {
            let best = -Infinity;
            let bestO = 0;
            for (let o = 0; o < nO; o++) {
              if (sinkFlow[o]! > 0 && pO[o]! > best) {
                best = pO[o]!;
                bestO = o;
              }
            }
            pt = best - eps;
            counters.relabels++;
            curT = bestO;
          }
        }
        exT = e;
      }
    }
    p[S] = ps;
    p[T] = pt;
    if (eps > 1 && eps * EARLY_CHECK_RATIO <= alpha) {
      counters.checks++;
      if (isOptimal(eps)) return;
    }
  }
}

/** Try to prove optimality after a phase once ε is below α / EARLY_CHECK_RATIO (fit units). */
const EARLY_CHECK_RATIO = 40;

// ---------------------------------------------------------------------------------------------------
// Certificate: exact potentials and the minimum cut, on the pairing state
// ---------------------------------------------------------------------------------------------------

/**
 * Candidate exact potentials from prices that are ε-optimal for costs scaled by alpha: cost distances
 * from a virtual root joined to every node, by Dijkstra on the non-negative lengths
 * α·c + p(u) − p(w) + ε. A path's length is α·cost + ε·arcs + p(root) − p(end), so when the shortest
 * paths have fewer than α/ε arcs (always, for ε = 1 < α/nodes) ⌊(length − p(root) + p(end)) / α⌋ is
 * the exact cost distance. Callers check the result (`minReducedCost`) before relying on it.
 */
function potentialsFromPrices(st: PairingState, p: Float64Array, alpha: number, eps: number): Float64Array {
  const { idx, assigned, sourceFlow, sinkFlow, arcVillage, orgStart, orgList, orgCount } = st;
  const { nV, nO, need, capacity, vStart, arcOrg, arcFit } = idx;
  const n = nV + nO + 2;
  const S = nV + nO;
  const T = S + 1;
  let top = -Infinity;
  for (let u = 0; u < n; u++) if (p[u]! > top) top = p[u]!;
  const dist = new Float64Array(n);
  const heap = new NodeHeap(n, dist);
  for (let u = 0; u < n; u++) {
    dist[u] = top - p[u]! + eps;
    heap.push(u);
  }
  const relax = (w: number, length: number): void => {
    if (!heap.isDone(w) && length < dist[w]!) {
      dist[w] = length;
      heap.push(w);
    }
  };
  while (heap.length > 0) {
    const u = heap.pop();
    const du = dist[u]! + p[u]! + eps;
    if (u < nV) {
      for (let k = vStart[u]!, end = vStart[u + 1]!; k < end; k++) {
        if (assigned[k] === 0) {
          const w = nV + arcOrg[k]!;
          relax(w, du - arcFit[k]! * alpha - p[w]!);
        }
      }
      if (sourceFlow[u]! > 0) relax(S, du - p[S]!);
    } else if (u < S) {
      const o = u - nV;
      for (let i = orgStart[o]!, end = i + orgCount[o]!; i < end; i++) {
        const k = orgList[i]!;
        const w = arcVillage[k]!;
        relax(w, du + arcFit[k]! * alpha - p[w]!);
      }
      if (sinkFlow[o]! < capacity[o]!) relax(T, du - p[T]!);
    } else if (u === S) {
      for (let v = 0; v < nV; v++) if (sourceFlow[v]! < need[v]!) relax(v, du - p[v]!);
    } else {
      for (let o = 0; o < nO; o++) if (sinkFlow[o]! > 0) relax(nV + o, du - p[nV + o]!);
    }
  }
  const phi = new Float64Array(n);
  for (let u = 0; u < n; u++) phi[u] = Math.floor((dist[u]! - top + p[u]!) / alpha) + 0;
  return phi;
}

/** Smallest reduced cost c(u,w) + φ(u) − φ(w) over the residual arcs (0 when there are none). */
function minReducedCost(st: PairingState, phi: Float64Array): number {
  const { idx, assigned, sourceFlow, sinkFlow } = st;
  const { nV, nO, need, capacity, vStart, arcOrg, arcFit } = idx;
  const S = nV + nO;
  const T = S + 1;
  const ps = phi[S]!;
  const pt = phi[T]!;
  let min = Infinity;
  for (let v = 0; v < nV; v++) {
    const pv = phi[v]!;
    if (sourceFlow[v]! < need[v]! && ps - pv < min) min = ps - pv;
    if (sourceFlow[v]! > 0 && pv - ps < min) min = pv - ps;
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) {
      const po = phi[nV + arcOrg[k]!]!;
      const rc = assigned[k] === 0 ? pv - po - arcFit[k]! : po - pv + arcFit[k]!;
      if (rc < min) min = rc;
    }
  }
  for (let o = 0; o < nO; o++) {
    const po = phi[nV + o]!;
    if (sinkFlow[o]! < capacity[o]! && po - pt < min) min = po - pt;
    if (sinkFlow[o]! > 0 && pt - po < min) min = pt - po;
  }
  return min === Infinity ? 0 : min;
}

/** Nodes reachable from the source over residual arcs: the source side of a minimum cut. */
function sourceSide(st: PairingState): Uint8Array {
  const { idx, assigned, sourceFlow, sinkFlow, arcVillage, orgStart, orgList, orgCount } = st;
  const { nV, nO, need, capacity, vStart, arcOrg } = idx;
  const S = nV + nO;
  const T = S + 1;
  const seen = new Uint8Array(nV + nO + 2);
  const queue = new Int32Array(nV + nO + 2);
  let qh = 0;
  let qt = 0;
  const visit = (w: number): void => {
    if (seen[w] === 0) {
      seen[w] = 1;
      queue[qt++] = w;
    }
  };
  visit(S);
  while (qh < qt) {
    const u = queue[qh++]!;
    if (u < nV) {
      for (let k = vStart[u]!, end = vStart[u + 1]!; k < end; k++) if (assigned[k] === 0) visit(nV + arcOrg[k]!);
      if (sourceFlow[u]! > 0) visit(S);
    } else if (u < S) {
      const o = u - nV;
      for (let i = orgStart[o]!, end = i + orgCount[o]!; i < end; i++) visit(arcVillage[orgList[i]!]!);
      if (sinkFlow[o]! < capacity[o]!) visit(T);
    } else if (u === S) {
      for (let v = 0; v < nV; v++) if (sourceFlow[v]! < need[v]!) visit(v);
    } else {
      for (let o = 0; o < nO; o++) if (sinkFlow[o]! > 0) visit(nV + o);
    }
  }
  return seen;
}

function assemble(st: PairingState, phi: Float64Array, stats: MatchStats, verify: boolean, side = sourceSide(st)): MatchResult {
  const { idx, assigned } = st;
  const { nV, nO, vStart, arcOrg, arcFit, villageIds, orgIds, need } = idx;
  const S = nV + nO;
  const T = S + 1;
  const assignments: Assignment[] = [];
  const uncovered: UncoveredVillage[] = [];
  let totalFit = 0;
  for (let v = 0; v < nV; v++) {
    let used = 0;
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) {
      if (assigned[k] === 1) {
        const fit = arcFit[k]!;
        assignments.push({ villageId: villageIds[v]!, orgId: orgIds[arcOrg[k]!]!, fit });
        totalFit += fit;
        used++;
      }
    }
    if (used < need[v]!) uncovered.push({ villageId: villageIds[v]!, missing: need[v]! - used });
  }
  const villagePotentials: number[] = new Array<number>(nV);
  const orgPotentials: number[] = new Array<number>(nO);
  const villageSide: boolean[] = new Array<boolean>(nV);
  const orgSide: boolean[] = new Array<boolean>(nO);
  // (+ 0 turns −0 into 0.)
  for (let v = 0; v < nV; v++) {
    villagePotentials[v] = phi[v]! + 0;
    villageSide[v] = side[v] === 1;
  }
  for (let o = 0; o < nO; o++) {
    orgPotentials[o] = phi[nV + o]! + 0;
    orgSide[o] = side[nV + o] === 1;
  }
  const result: MatchResult = {
    assignments,
    totalFit,
    covered: assignments.length,
    uncovered,
    certificate: {
      potentials: { source: phi[S]! + 0, sink: phi[T]! + 0, villages: villagePotentials, organisations: orgPotentials },
      sourceSide: { villages: villageSide, organisations: orgSide },
      minReducedCost: minReducedCost(st, phi) + 0,
      verified: false,
    },
    stats,
  };
  if (!verify) return result;
  // Independent check: only the instance and the reported result, not the solver's state.
  return { ...result, certificate: { ...result.certificate, verified: checkIndexed(idx, result).ok } };
}

// ---------------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------------

/**
 * Optimal pairing: the most village slots covered, then the highest total fit, with a certificate.
 * Throws RangeError on malformed input (repeated ids, unknown ids in arcs, non-integer numbers).
 */
export function matchmake(instance: MatchInstance, options: MatchOptions = {}): MatchResult {
  const idx = indexInstance(instance);
  const verify = options.verify ?? true;
  const { nV, nO, maxFit } = idx;
  const n = nV + nO + 2;
  const alpha = n + 2;
  const factor = Math.max(2, Math.floor(options.scalingFactor ?? 8));
  const maxScaledCost = maxFit * alpha;
  // Prices fall by at most about (factor + 2)·n·ε₀ over all phases; keep them exact in doubles.
  if ((factor + 3) * n * maxScaledCost * 2 > Number.MAX_SAFE_INTEGER) return solveIndexedBySsp(buildNetwork(idx), verify);

  const st = new PairingState(idx);
  const warm = options.warmStart;
  const seeds: number[] = [];
  for (const { villageId, orgId } of warm?.assignments ?? []) {
    const v = idx.villageIndex.get(villageId);
    const o = idx.orgIndex.get(orgId);
    if (v === undefined || o === undefined) continue;
    for (let k = idx.vStart[v]!, end = idx.vStart[v + 1]!; k < end; k++) {
      if (idx.arcOrg[k] === o) {
        seeds.push(k);
        break;
      }
    }
  }
  maximiseCoverage(st, Math.max(0, Math.floor(options.augmentingRounds ?? 2)), seeds);
  const counters: ScalingCounters = { phases: 0, pushes: 0, relabels: 0, checks: 0 };
  const prices = new Float64Array(n);
  let startEps = maxScaledCost;
  if (warm !== undefined && maxScaledCost > 0) {
    for (let v = 0; v < nV; v++) prices[v] = (warm.villages.get(idx.villageIds[v]!) ?? 0) * alpha;
    for (let o = 0; o < nO; o++) prices[nV + o] = (warm.organisations.get(idx.orgIds[o]!) ?? 0) * alpha;
    prices[n - 2] = (warm.source ?? 0) * alpha;
    prices[n - 1] = (warm.sink ?? 0) * alpha;
    // Start where earlier prices are wrong by at most a few fit units.
    startEps = Math.min(maxScaledCost, alpha * factor * WARM_START_UNITS);
  }
  let phi: Float64Array | undefined;
  if (maxScaledCost > 0) {
    const isOptimal = (eps: number): boolean => {
      const candidate = potentialsFromPrices(st, prices, alpha, eps);
      if (minReducedCost(st, candidate) < 0) return false;
      phi = candidate;
      return true;
    };
    refineCosts(st, prices, alpha, factor, startEps, counters, isOptimal);
    phi ??= potentialsFromPrices(st, prices, alpha, 1);
    // At ε = 1 the flow is optimal and these potentials exact; should that ever fail, fall back to the
    // reference algorithm rather than return an unproven result.
    if (minReducedCost(st, phi) < 0) return solveIndexedBySsp(buildNetwork(idx), verify);
  } else {
    phi = new Float64Array(n);
  }
  // Likewise if the sink were still reachable from the source: the coverage would not be maximum.
  const side = sourceSide(st);
  if (side[n - 1] === 1) return solveIndexedBySsp(buildNetwork(idx), verify);
  const stats: MatchStats = { algorithm: 'cost-scaling', iterations: counters.phases, pushes: counters.pushes, relabels: counters.relabels, optimalityChecks: counters.checks };
  return assemble(st, phi, stats, verify, side);
}

/** With a warm start, the first phase's ε in fit units (divided by the scaling factor). */
const WARM_START_UNITS = 4;

/**
 * Reference algorithm: successive shortest paths. Starts from the empty flow with potentials that make
 * every reduced cost non-negative, then repeatedly runs Dijkstra from the source (stopping at the sink)
 * and augments along the shortest path, until the sink is unreachable. Each flow value is reached at
 * minimum cost, so the final flow is a maximum flow of minimum cost.
 */
export function solveBySuccessiveShortestPaths(instance: MatchInstance, options: ReferenceOptions = {}): MatchResult {
  const net = buildNetwork(indexInstance(instance));
  return solveIndexedBySsp(net, options.verify ?? true, options.shouldStop);
}

function solveIndexedBySsp(net: Network, verify: boolean, shouldStop?: () => boolean): MatchResult {
  const { n, s, t, first, head, rev, res, cost, idx } = net;
  const { nV, nO } = idx;
  const pi = new Float64Array(n);
  // Initial potentials: villages 0, organisations −(best fit into them), sink the minimum.
  for (let o = 0; o < nO; o++) {
    const u = nV + o;
    let best = 0;
    for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
      if (head[a]! < nV) best = Math.min(best, -cost[a]!);
    }
    pi[u] = best;
    if (best < pi[t]!) pi[t] = best;
  }
  const dist = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n);
  const touched = new Int32Array(n);
  const settled = new Int32Array(n);
  const heap = new NodeHeap(n, dist);
  // The source's arcs are relaxed lazily: villages with unmet need wait in a second heap ordered by
  // the reduced cost of s → v, i.e. by −π(v), and enter the main heap when their turn comes.
  const sourceKey = new Float64Array(n);
  const sources = new NodeHeap(n, sourceKey);
  const drawn = new Int32Array(nV);
  const { sourceSlot } = net;
  for (let v = 0; v < nV; v++) {
    if (res[sourceSlot[v]!]! > 0) {
      sourceKey[v] = -pi[v]!;
      sources.push(v);
    }
  }
  let paths = 0;
  for (;;) {
    if (shouldStop !== undefined && (paths & 63) === 0 && shouldStop()) throw new SearchStoppedError(paths);
    let nTouched = 0;
    let nSettled = 0;
    let nDrawn = 0;
    dist[s] = 0;
    touched[nTouched++] = s;
    heap.push(s);
    heap.pop();
    settled[nSettled++] = s;
    const ps = pi[s]!;
    let reached = false;
    for (;;) {
      while (sources.length > 0) {
        const v = sources.peek();
        const dv = ps + sourceKey[v]!;
        if (heap.length > 0 && dist[heap.peek()]! <= dv) break;
        sources.pop();
        drawn[nDrawn++] = v;
        if (!heap.isDone(v) && dv < dist[v]!) {
          if (dist[v] === Infinity) touched[nTouched++] = v;
          dist[v] = dv;
          parent[v] = sourceSlot[v]!;
          heap.push(v);
        }
      }
      if (heap.length === 0) break;
      const u = heap.pop();
      settled[nSettled++] = u;
      if (u === t) {
        reached = true;
        break;
      }
      const du = dist[u]! + pi[u]!;
      for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
        if (res[a]! <= 0) continue;
        const w = head[a]!;
        if (heap.isDone(w)) continue;
        const dw = du + cost[a]! - pi[w]!;
        const old = dist[w]!;
        if (dw < old) {
          if (old === Infinity) touched[nTouched++] = w;
          dist[w] = dw;
          parent[w] = a;
          heap.push(w);
        }
      }
    }
    if (reached) {
      const dt = dist[t]!;
      // Johnson update on the settled nodes only (a common shift of all potentials is irrelevant).
      for (let i = 0; i < nSettled; i++) {
        const u = settled[i]!;
        pi[u]! += dist[u]! - dt;
        if (u < nV && sources.has(u)) {
          sourceKey[u] = -pi[u]!;
          sources.update(u);
        }
      }
      let bottleneck = Infinity;
      for (let w = t; w !== s; w = head[rev[parent[w]!]!]!) bottleneck = Math.min(bottleneck, res[parent[w]!]!);
      for (let w = t; w !== s; w = head[rev[parent[w]!]!]!) pushOn(net, parent[w]!, bottleneck);
      paths++;
    }
    for (let i = 0; i < nDrawn; i++) {
      const v = drawn[i]!;
      if (res[sourceSlot[v]!]! > 0) {
        sourceKey[v] = -pi[v]!;
        sources.push(v);
      }
    }
    for (let i = 0; i < nTouched; i++) dist[touched[i]!] = Infinity;
    heap.clearPositions(touched, nTouched);
    if (!reached) break;
  }
  const stats: MatchStats = { algorithm: 'successive-shortest-paths', iterations: paths, pushes: 0, relabels: 0, optimalityChecks: 0 };
  return assemble(PairingState.fromNetwork(net), pi, stats, verify);
}

// ---------------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------------

export interface CertificateCheck {
  readonly ok: boolean;
  readonly minReducedCost: number;
  /** Why the check failed (first problem found), or undefined. */
  readonly reason?: string;
}

/**
 * Independently checks a result against its instance: the assignment is feasible and its totals are
 * right, the cut shows that no more slots can be covered, and the potentials leave no residual arc with
 * a negative reduced cost, so no assignment covering as many slots has a higher total fit.
 */
export function verifyOptimality(instance: MatchInstance, result: MatchResult): boolean {
  return checkCertificate(instance, result).ok;
}

/** `verifyOptimality` with the smallest reduced cost and the reason for a failure. */
export function checkCertificate(instance: MatchInstance, result: MatchResult): CertificateCheck {
  let idx: IndexedInstance;
  try {
    idx = indexInstance(instance);
  } catch (error) {
    return { ok: false, minReducedCost: -Infinity, reason: `invalid instance: ${(error as Error).message}` };
  }
  return checkIndexed(idx, result);
}

function checkIndexed(idx: IndexedInstance, result: MatchResult): CertificateCheck {
  const fail = (reason: string, minReducedCost = -Infinity): CertificateCheck => ({ ok: false, minReducedCost, reason });
  const { nV, nO, vStart, arcOrg, arcFit, need, capacity, villageIndex, orgIndex } = idx;
  const m = arcOrg.length;
  // Flow on each arc, from the reported assignments, grouped by village to find their arcs.
  const used = new Uint8Array(m);
  const load = new Int32Array(nO);
  const served = new Int32Array(nV);
  const arcOf = new Int32Array(nO).fill(-1);
  const byVillage: number[][] = Array.from({ length: nV }, () => []);
  const assignments = result.assignments;
  let totalFit = 0;
  for (let i = 0; i < assignments.length; i++) {
    const a = assignments[i]!;
    const v = villageIndex.get(a.villageId);
    if (v === undefined || !orgIndex.has(a.orgId)) return fail(`assignment ${a.villageId}–${a.orgId} names an unknown village or organisation`);
    byVillage[v]!.push(i);
    totalFit += a.fit;
  }
  for (let v = 0; v < nV; v++) {
    const list = byVillage[v]!;
    if (list.length === 0) continue;
    const start = vStart[v]!;
    const end = vStart[v + 1]!;
    for (let k = start; k < end; k++) arcOf[arcOrg[k]!] = k;
    for (const i of list) {
      const a = assignments[i]!;
      const o = orgIndex.get(a.orgId)!;
      const k = arcOf[o]!;
      if (k < start || k >= end || arcOrg[k] !== o) return fail(`assignment ${a.villageId}–${a.orgId} is not a candidate arc`);
      if (used[k] === 1) return fail(`arc ${a.villageId}–${a.orgId} is used twice`);
      if (arcFit[k] !== a.fit) return fail(`assignment ${a.villageId}–${a.orgId} reports fit ${a.fit}, the instance says ${arcFit[k]}`);
      used[k] = 1;
      served[v]!++;
      load[o]!++;
    }
  }
  if (result.totalFit !== totalFit) return fail(`totalFit ${result.totalFit} does not match the assignments (${totalFit})`);
  if (result.covered !== result.assignments.length) return fail(`covered ${result.covered} does not match the ${result.assignments.length} assignments`);
  for (let v = 0; v < nV; v++) if (served[v]! > need[v]!) return fail(`village ${idx.villageIds[v]} gets ${served[v]} partners for a need of ${need[v]}`);
  for (let o = 0; o < nO; o++) if (load[o]! > capacity[o]!) return fail(`organisation ${idx.orgIds[o]} takes ${load[o]} pairings for a capacity of ${capacity[o]}`);
  // Uncovered villages: exactly those with served < need, in instance order, with the right count.
  let u = 0;
  for (let v = 0; v < nV; v++) {
    const missing = need[v]! - served[v]!;
    if (missing === 0) continue;
    const entry = result.uncovered[u++];
    if (entry === undefined || entry.villageId !== idx.villageIds[v] || entry.missing !== missing) return fail(`village ${idx.villageIds[v]} misses ${missing} partners, reported otherwise`);
  }
  if (u !== result.uncovered.length) return fail('uncovered lists a village that is fully covered');

  const cert = result.certificate;
  const pv = cert.potentials.villages;
  const po = cert.potentials.organisations;
  const sv = cert.sourceSide.villages;
  const so = cert.sourceSide.organisations;
  if (pv.length !== nV || po.length !== nO || sv.length !== nV || so.length !== nO) return fail('certificate arrays do not match the instance');
  const ps = cert.potentials.source;
  const pt = cert.potentials.sink;
  const finite = (x: number): boolean => Number.isFinite(x);
  if (!finite(ps) || !finite(pt) || !pv.every(finite) || !po.every(finite)) return fail('certificate potentials must be finite numbers');

  // Maximum flow: no residual arc leaves the source side (the source is on it, the sink is not).
  for (let v = 0; v < nV; v++) {
    if (served[v]! < need[v]! && !sv[v]) return fail(`cut: residual arc source → ${idx.villageIds[v]} leaves the source side`);
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) {
      const o = arcOrg[k]!;
      if (used[k] === 0 ? sv[v] && !so[o] : so[o] && !sv[v]) return fail(`cut: residual arc between ${idx.villageIds[v]} and ${idx.orgIds[o]} leaves the source side`);
    }
  }
  for (let o = 0; o < nO; o++) if (load[o]! < capacity[o]! && so[o]) return fail(`cut: residual arc ${idx.orgIds[o]} → sink leaves the source side`);

  // Minimum cost for this flow value: every residual arc has a non-negative reduced cost.
  let minRc = Infinity;
  for (let v = 0; v < nV; v++) {
    const pvv = pv[v]!;
    if (served[v]! < need[v]!) minRc = Math.min(minRc, ps - pvv);
    if (served[v]! > 0) minRc = Math.min(minRc, pvv - ps);
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) {
      const poo = po[arcOrg[k]!]!;
      const fit = arcFit[k]!;
      minRc = Math.min(minRc, used[k] === 0 ? -fit + pvv - poo : fit + poo - pvv);
    }
  }
  for (let o = 0; o < nO; o++) {
    const poo = po[o]!;
    if (load[o]! < capacity[o]!) minRc = Math.min(minRc, poo - pt);
    if (load[o]! > 0) minRc = Math.min(minRc, pt - poo);
  }
  if (minRc === Infinity) minRc = 0;
  if (minRc < 0) return fail(`a residual arc has reduced cost ${minRc} < 0`, minRc);
  return { ok: true, minReducedCost: minRc };
}
