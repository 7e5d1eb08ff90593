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
 *  1. Maximum flow F: a greedy start, then Dinic's blocking flows on the unit-capacity network.
 *  2. Minimum cost among flows of value F: Goldberg's cost-scaling push-relabel. Costs are multiplied
 *     by α = (number of nodes + 2) so that an ε-optimal flow with ε = 1 is exactly optimal; ε starts
 *     at the largest scaled cost and is divided by `scalingFactor` per phase. Each phase ("refine")
 *     saturates every residual arc of negative reduced cost, then discharges the nodes with excess in
 *     FIFO order (push along admissible arcs, relabel when none is left), with a global price update
 *     (a bucket-based Dijkstra from the deficit nodes) when relabels pile up.
 *  3. Certificate: exact integer potentials are recovered from the final ε-optimal prices by one
 *     Dijkstra on the residual graph (lengths α·cost + reduced-price + 1 ≥ 0; since a simple path has
 *     fewer than α arcs, ⌊length/α⌋ is the exact cost distance), and the source side of a minimum cut
 *     by a breadth-first search.
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
 * `solveBySuccessiveShortestPaths` is the plain reference: one Dijkstra (with Johnson potentials) per
 * augmenting path. It is simple and slow on hard instances; tests and the benchmark compare against it.
 *
 * Numbers. All costs, prices and potentials are integers held in doubles (exact below 2^53). When an
 * instance is so large that scaled prices could pass that bound, `matchmake` falls back to the
 * reference algorithm, whose potentials stay within (nodes × largest fit).
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
  readonly priceUpdates: number;
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

/** Potentials from an earlier result, by id, to start the price search near the optimum. */
export interface WarmStart {
  readonly villages: ReadonlyMap<string, number>;
  readonly organisations: ReadonlyMap<string, number>;
  readonly source?: number;
  readonly sink?: number;
}

export interface MatchOptions {
  /** Earlier potentials (see `warmStartFrom`); ids missing from it start at the neutral price. */
  readonly warmStart?: WarmStart;
  /** Run `verifyOptimality` on the result and record it in `certificate.verified` (default true). */
  readonly verify?: boolean;
  /** ε is divided by this factor between cost-scaling phases (default 10, at least 2). */
  readonly scalingFactor?: number;
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
  return { villages, organisations, source: potentials.source, sink: potentials.sink };
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
  const count = new Int32Array(nV + 1);
  for (let k = 0; k < mRaw; k++) {
    const arc = arcs[k]!;
    const v = villageIndex.get(arc.villageId);
    const o = orgIndex.get(arc.orgId);
    if (v === undefined) throw new RangeError(`arc refers to unknown village ${arc.villageId}`);
    if (o === undefined) throw new RangeError(`arc refers to unknown organisation ${arc.orgId}`);
    const fit = arc.fit;
    if (!Number.isSafeInteger(fit) || fit < 0 || fit > MAX_FIT) throw new RangeError(`fit of ${arc.villageId}–${arc.orgId} must be an integer in [0, ${MAX_FIT}], got ${fit}`);
    rawV[k] = v;
    rawO[k] = o;
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
      const fit = arcs[k]!.fit;
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
// Residual network (CSR, paired arcs)
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
// Phase 1: maximum flow (greedy start + Dinic)
// ---------------------------------------------------------------------------------------------------

function maxFlow(net: Network): number {
  const { n, s, t, first, head, rev, res, idx, arcSlot, sourceSlot, sinkSlot } = net;
  const { nV, vStart, arcOrg } = idx;
  let flow = 0;
  // Greedy: every village takes organisations with room, in candidate order.
  for (let v = 0; v < nV; v++) {
    const sa = sourceSlot[v]!;
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end && res[sa]! > 0; k++) {
      const ta = sinkSlot[arcOrg[k]!]!;
      if (res[ta]! > 0) {
        pushOn(net, sa, 1);
        pushOn(net, arcSlot[k]!, 1);
        pushOn(net, ta, 1);
        flow++;
      }
    }
  }
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const cur = new Int32Array(n);
  const stack = new Int32Array(n);
  for (;;) {
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const u = queue[qh++]!;
      const lu = level[u]! + 1;
      for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
        if (res[a]! > 0) {
          const w = head[a]!;
          if (level[w]! < 0) {
            level[w] = lu;
            queue[qt++] = w;
          }
        }
      }
    }
    if (level[t]! < 0) break;
    cur.set(first.subarray(0, n));
    // Path-at-a-time depth-first search on the level graph, pruning dead ends.
    for (;;) {
      let top = 0;
      let u = s;
      while (u !== t) {
        let a = cur[u]!;
        const end = first[u + 1]!;
        const next = level[u]! + 1;
        while (a < end && (res[a]! <= 0 || level[head[a]!] !== next)) a++;
        cur[u] = a;
        if (a === end) {
          level[u] = -1;
          if (top === 0) break;
          top--;
          u = head[rev[stack[top]!]!]!;
          cur[u]!++;
        } else {
          stack[top++] = a;
          u = head[a]!;
        }
      }
      if (u !== t) break;
      let bottleneck = Infinity;
      for (let i = 0; i < top; i++) bottleneck = Math.min(bottleneck, res[stack[i]!]!);
      for (let i = 0; i < top; i++) pushOn(net, stack[i]!, bottleneck);
      flow += bottleneck;
    }
  }
  return flow;
}

// ---------------------------------------------------------------------------------------------------
// Phase 2: cost-scaling push-relabel
// ---------------------------------------------------------------------------------------------------

interface ScalingCounters {
  phases: number;
  pushes: number;
  relabels: number;
  priceUpdates: number;
}

/**
 * Turns the feasible flow in `net.res` into a minimum-cost flow of the same value. Returns ε-optimal
 * prices with ε = 1 for the costs scaled by `alpha` (hence an optimal flow).
 */
function costScaling(net: Network, alpha: number, factor: number, prices: Float64Array, startEps: number, counters: ScalingCounters): void {
  const { n, first, head, rev, res, cost } = net;
  const p = prices;
  const excess = new Int32Array(n);
  const cur = new Int32Array(n);
  const queue = new Int32Array(n);
  const inQueue = new Uint8Array(n);
  const update = new PriceUpdater(net, alpha);

  let eps = startEps;
  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / factor));
    counters.phases++;
    // Saturate every residual arc with a negative reduced cost: the pseudo-flow is 0-optimal.
    for (let u = 0; u < n; u++) {
      const pu = p[u]!;
      for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
        const r = res[a]!;
        if (r > 0) {
          const w = head[a]!;
          if (cost[a]! * alpha + pu - p[w]! < 0) {
            res[a] = 0;
            res[rev[a]!]! += r;
            excess[u]! -= r;
            excess[w]! += r;
          }
        }
      }
    }
    let qh = 0;
    let qt = 0;
    let active = 0;
    for (let u = 0; u < n; u++) {
      cur[u] = first[u]!;
      if (excess[u]! > 0) {
        queue[qt++] = u;
        inQueue[u] = 1;
        active++;
      }
    }
    if (qt === n) qt = 0;
    // Global price updates keep the prices close to the distances to the deficits.
    let relabelsSinceUpdate = 0;
    const updateEvery = n;
    if (active > 0) {
      update.run(p, excess, eps);
      counters.priceUpdates++;
    }
    while (active > 0) {
      if (relabelsSinceUpdate > updateEvery) {
        update.run(p, excess, eps);
        counters.priceUpdates++;
        relabelsSinceUpdate = 0;
        for (let u = 0; u < n; u++) cur[u] = first[u]!;
      }
      const u = queue[qh]!;
      qh = qh + 1 === n ? 0 : qh + 1;
      inQueue[u] = 0;
      active--;
      // Discharge u.
      let e = excess[u]!;
      let a = cur[u]!;
      const start = first[u]!;
      const end = first[u + 1]!;
      let pu = p[u]!;
      while (e > 0) {
        if (a === end) {
          // Relabel: the highest price that keeps every residual arc at reduced cost ≥ −ε.
          let best = -Infinity;
          let bestArc = start;
          for (let b = start; b < end; b++) {
            if (res[b]! > 0) {
              const value = p[head[b]!]! - cost[b]! * alpha;
              if (value > best) {
                best = value;
                bestArc = b;
              }
            }
          }
          if (best === -Infinity) throw new Error('matchmaker: node with excess has no residual arc (internal error)');
          pu = best - eps;
          p[u] = pu;
          a = bestArc;
          counters.relabels++;
          relabelsSinceUpdate++;
          continue;
        }
        const r = res[a]!;
        if (r > 0) {
          const w = head[a]!;
          if (cost[a]! * alpha + pu - p[w]! < 0) {
            const d = e < r ? e : r;
            res[a] = r - d;
            res[rev[a]!]! += d;
            e -= d;
            const ew = excess[w]!;
            excess[w] = ew + d;
            counters.pushes++;
            if (ew <= 0 && ew + d > 0 && inQueue[w] === 0) {
              queue[qt] = w;
              qt = qt + 1 === n ? 0 : qt + 1;
              inQueue[w] = 1;
              active++;
            }
            if (e === 0) break;
          }
        }
        a++;
      }
      excess[u] = 0;
      cur[u] = a;
    }
  }
}

/**
 * Goldberg's global price update: a Dijkstra with buckets, measured in units of ε, backwards from the
 * nodes with a deficit over residual arcs. Each reached node's price is lowered by ε·(distance) so that
 * every node with excess has an admissible path towards a deficit; prices only ever decrease, which
 * preserves ε-optimality.
 */
class PriceUpdater {
  private readonly dist: Float64Array;
  private readonly done: Uint8Array;
  private readonly bucketHead: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly order: Int32Array;
  private bucketCount = 0;

  constructor(
    private readonly net: Network,
    private readonly alpha: number,
  ) {
    const n = net.n;
    this.dist = new Float64Array(n);
    this.done = new Uint8Array(n);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    this.order = new Int32Array(n);
    this.bucketHead = new Int32Array(Math.max(16, n + 1)).fill(-1);
  }

  private insert(u: number, b: number): void {
    const h = this.bucketHead[b]!;
    this.next[u] = h;
    this.prev[u] = -1;
    if (h >= 0) this.prev[h] = u;
    this.bucketHead[b] = u;
    if (b + 1 > this.bucketCount) this.bucketCount = b + 1;
  }

  private remove(u: number, b: number): void {
    const nx = this.next[u]!;
    const pv = this.prev[u]!;
    if (pv >= 0) this.next[pv] = nx;
    else this.bucketHead[b] = nx;
    if (nx >= 0) this.prev[nx] = pv;
  }

  run(p: Float64Array, excess: Int32Array, eps: number): void {
    const { n, first, head, rev, res, cost } = this.net;
    const alpha = this.alpha;
    const { dist, done, bucketHead, order } = this;
    const maxBucket = bucketHead.length - 1;
    dist.fill(Infinity);
    done.fill(0);
    this.bucketCount = 0;
    let remainingExcess = 0;
    for (let u = 0; u < n; u++) {
      const e = excess[u]!;
      if (e < 0) {
        dist[u] = 0;
        this.insert(u, 0);
      } else if (e > 0) remainingExcess++;
    }
    let settled = 0;
    let b = 0;
    let lastDist = 0;
    // Stop once every node with excess is settled and the bucket holding the last one is finished,
    // so that every unsettled node is at least one level further.
    while (b < this.bucketCount) {
      const w = bucketHead[b]!;
      if (w < 0) {
        if (remainingExcess === 0) break;
        b++;
        continue;
      }
      this.remove(w, b);
      done[w] = 1;
      order[settled++] = w;
      lastDist = b;
      if (excess[w]! > 0) remainingExcess--;
      const pw = p[w]!;
      // Scan arcs u → w with residual capacity: they are the reverses of w's arcs.
      for (let a = first[w]!, end = first[w + 1]!; a < end; a++) {
        const ra = rev[a]!;
        if (res[ra]! <= 0) continue;
        const u = head[a]!;
        if (done[u] === 1) continue;
        // Reduced cost of u → w, in whole units of ε (rounded up); −ε ≤ rc, so at least 0 after +1.
        const rc = cost[ra]! * alpha + p[u]! - pw;
        let k = b + (rc < 0 ? 0 : Math.floor(rc / eps) + 1);
        if (k > maxBucket) k = maxBucket;
        const old = dist[u]!;
        if (k < old) {
          if (old !== Infinity) this.remove(u, old);
          dist[u] = k;
          this.insert(u, k);
        }
      }
    }
    // Lower prices: settled nodes by their distance, everything else by one more than the last level.
    for (let i = 0; i < settled; i++) {
      const u = order[i]!;
      p[u]! -= dist[u]! * eps;
    }
    const rest = (lastDist + 1) * eps;
    for (let u = 0; u < n; u++) {
      if (done[u] === 0) {
        const d = dist[u]!;
        if (d !== Infinity) this.remove(u, d);
        p[u]! -= rest;
      }
    }
    for (let i = 0; i < this.bucketCount; i++) bucketHead[i] = -1;
  }
}

// ---------------------------------------------------------------------------------------------------
// Certificate: exact potentials and the minimum cut
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

/**
 * Exact integer potentials from prices that are 1-optimal for costs scaled by alpha: shortest cost
 * distances from a virtual root joined to every node, computed with Dijkstra on the non-negative
 * lengths α·c + p(u) − p(w) + 1. A path's length is α·cost + arcs + p(root) − p(end), and a simple
 * path has fewer than α arcs, so the cost distance is ⌊(length − p(root) + p(end)) / α⌋.
 */
function exactPotentials(net: Network, alpha: number, p: Float64Array): Float64Array {
  const { n, first, head, res, cost } = net;
  let top = -Infinity;
  for (let u = 0; u < n; u++) if (p[u]! > top) top = p[u]!;
  const dist = new Float64Array(n);
  const heap = new NodeHeap(n, dist);
  for (let u = 0; u < n; u++) {
    dist[u] = top - p[u]! + 1;
    heap.push(u);
  }
  while (heap.length > 0) {
    const u = heap.pop();
    const du = dist[u]! + p[u]!;
    for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
      if (res[a]! <= 0) continue;
      const w = head[a]!;
      if (heap.isDone(w)) continue;
      const dw = du + cost[a]! * alpha - p[w]! + 1;
      if (dw < dist[w]!) {
        dist[w] = dw;
        heap.push(w);
      }
    }
  }
  const phi = new Float64Array(n);
  for (let u = 0; u < n; u++) phi[u] = Math.floor((dist[u]! - top + p[u]!) / alpha);
  return phi;
}

/** Nodes reachable from the source over residual arcs. */
function sourceSideOf(net: Network): Uint8Array {
  const { n, s, first, head, res } = net;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let qh = 0;
  let qt = 0;
  seen[s] = 1;
  queue[qt++] = s;
  while (qh < qt) {
    const u = queue[qh++]!;
    for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
      if (res[a]! > 0) {
        const w = head[a]!;
        if (seen[w] === 0) {
          seen[w] = 1;
          queue[qt++] = w;
        }
      }
    }
  }
  return seen;
}

function assemble(net: Network, phi: Float64Array, stats: MatchStats, verify: boolean): MatchResult {
  const { idx, n, first, head, res, cost, arcSlot, s, t } = net;
  const { nV, nO, vStart, arcOrg, arcFit, villageIds, orgIds, need } = idx;
  const assignments: Assignment[] = [];
  const uncovered: UncoveredVillage[] = [];
  let totalFit = 0;
  for (let v = 0; v < nV; v++) {
    let used = 0;
    for (let k = vStart[v]!, end = vStart[v + 1]!; k < end; k++) {
      if (res[arcSlot[k]!] === 0) {
        const fit = arcFit[k]!;
        assignments.push({ villageId: villageIds[v]!, orgId: orgIds[arcOrg[k]!]!, fit });
        totalFit += fit;
        used++;
      }
    }
    if (used < need[v]!) uncovered.push({ villageId: villageIds[v]!, missing: need[v]! - used });
  }
  let minReducedCost = Infinity;
  for (let u = 0; u < n; u++) {
    const pu = phi[u]!;
    for (let a = first[u]!, end = first[u + 1]!; a < end; a++) {
      if (res[a]! > 0) {
        const rc = cost[a]! + pu - phi[head[a]!]!;
        if (rc < minReducedCost) minReducedCost = rc;
      }
    }
  }
  if (minReducedCost === Infinity) minReducedCost = 0;
  const side = sourceSideOf(net);
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
      potentials: { source: phi[s]! + 0, sink: phi[t]! + 0, villages: villagePotentials, organisations: orgPotentials },
      sourceSide: { villages: villageSide, organisations: orgSide },
      minReducedCost: minReducedCost + 0,
      verified: false,
    },
    stats,
  };
  if (!verify) return result;
  // Independent check: only the instance and the reported result, not the solver's network.
  const check = checkIndexed(idx, result);
  return { ...result, certificate: { ...result.certificate, verified: check.ok } };
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
  const net = buildNetwork(idx);
  const n = net.n;
  const alpha = n + 2;
  const factor = Math.max(2, Math.floor(options.scalingFactor ?? 10));
  const maxScaledCost = idx.maxFit * alpha;
  // Prices fall by at most about (factor + 2)·n·ε₀ over all phases; keep them exact in doubles.
  if ((factor + 3) * n * maxScaledCost * 2 > Number.MAX_SAFE_INTEGER) return solveIndexedBySsp(net, options.verify ?? true);

  maxFlow(net);
  const counters: ScalingCounters = { phases: 0, pushes: 0, relabels: 0, priceUpdates: 0 };
  const prices = new Float64Array(n);
  let startEps = maxScaledCost;
  const warm = options.warmStart;
  if (warm !== undefined && maxScaledCost > 0) {
    for (let v = 0; v < idx.nV; v++) prices[v] = (warm.villages.get(idx.villageIds[v]!) ?? 0) * alpha;
    for (let o = 0; o < idx.nO; o++) prices[idx.nV + o] = (warm.organisations.get(idx.orgIds[o]!) ?? 0) * alpha;
    prices[net.s] = (warm.source ?? 0) * alpha;
    prices[net.t] = (warm.sink ?? 0) * alpha;
    // Start where the earlier prices are wrong by at most a few fit units.
    startEps = Math.min(maxScaledCost, alpha * factor * 4);
  }
  if (maxScaledCost > 0) costScaling(net, alpha, factor, prices, startEps, counters);
  const phi = maxScaledCost > 0 ? exactPotentials(net, alpha, prices) : new Float64Array(n);
  const stats: MatchStats = { algorithm: 'cost-scaling', iterations: counters.phases, pushes: counters.pushes, relabels: counters.relabels, priceUpdates: counters.priceUpdates };
  return assemble(net, phi, stats, options.verify ?? true);
}

/**
 * Reference algorithm: successive shortest paths. Starts from the empty flow with potentials that make
 * every reduced cost non-negative, then repeatedly runs Dijkstra from the source (stopping at the sink)
 * and augments along the shortest path, until the sink is unreachable. Each flow value is reached at
 * minimum cost, so the final flow is a maximum flow of minimum cost.
 */
export function solveBySuccessiveShortestPaths(instance: MatchInstance, options: Pick<MatchOptions, 'verify'> = {}): MatchResult {
  const net = buildNetwork(indexInstance(instance));
  return solveIndexedBySsp(net, options.verify ?? true);
}

function solveIndexedBySsp(net: Network, verify: boolean): MatchResult {
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
  let paths = 0;
  for (;;) {
    let nTouched = 0;
    let nSettled = 0;
    dist[s] = 0;
    touched[nTouched++] = s;
    heap.push(s);
    let reached = false;
    while (heap.length > 0) {
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
      }
      let bottleneck = Infinity;
      for (let w = t; w !== s; w = head[rev[parent[w]!]!]!) bottleneck = Math.min(bottleneck, res[parent[w]!]!);
      for (let w = t; w !== s; w = head[rev[parent[w]!]!]!) pushOn(net, parent[w]!, bottleneck);
      paths++;
    }
    for (let i = 0; i < nTouched; i++) dist[touched[i]!] = Infinity;
    heap.clearPositions(touched, nTouched);
    if (!reached) break;
  }
  const stats: MatchStats = { algorithm: 'successive-shortest-paths', iterations: paths, pushes: 0, relabels: 0, priceUpdates: 0 };
  return assemble(net, pi, stats, verify);
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
