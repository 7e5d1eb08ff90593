/**
 * Fit score (匹配度) of a candidate pairing between a village and an organisation, as the matchmaker
 * uses it: an integer, so that the optimisation is exact, with the parts that make it up so that a
 * pairing can be explained to the people it concerns.
 *
 *   tags      weights.tags × (share of the village's needs that the organisation's resources cover)
 *   nearness  weights.nearness × max(0, 1 − distanceKm / maxKm)
 *   balance   weights.balance × domainBonus[orgDomain] (clamped to [0, 1]; 0 when absent)
 *
 * Each part is rounded to an integer and the fit is their sum, so the explanation always adds up.
 * `domainBonus` is the caller's policy for domains (government, state enterprise, private firm,
 * association…) that are under-represented among the pairings; `underRepresentationBonus` derives one
 * from current counts. Tags are compared after Unicode NFKC normalisation, trimming and lower-casing.
 * Pure functions.
 */

export interface FitWeights {
  /** Points for covering all of the village's needs. */
  readonly tags: number;
  /** Points for being at distance 0. */
  readonly nearness: number;
  /** Points for a domain with bonus 1. */
  readonly balance: number;
}

/** Default weights: a fit from 0 to 100. */
export const DEFAULT_FIT_WEIGHTS: FitWeights = { tags: 60, nearness: 30, balance: 10 };

/** Default distance at which nearness reaches 0. */
export const DEFAULT_MAX_KM = 50;

export interface ScoreFitInput {
  readonly villageNeedTags: readonly string[];
  readonly orgResourceTags: readonly string[];
  readonly distanceKm: number;
  readonly orgDomain: string;
  readonly weights?: FitWeights;
  /** Bonus in [0, 1] for each under-represented domain; domains not listed get 0. */
  readonly domainBonus?: Readonly<Record<string, number>>;
  /** Distance at which nearness reaches 0 (default DEFAULT_MAX_KM). */
  readonly maxKm?: number;
}

export interface FitParts {
  readonly tags: number;
  readonly nearness: number;
  readonly balance: number;
}

export interface FitExplanation {
  /** The village's needs that the organisation covers, in the village's order and spelling. */
  readonly matchingTags: string[];
  readonly distanceKm: number;
  /** Integer points from each criterion; they add up to the fit. */
  readonly parts: FitParts;
}

export interface FitScore {
  readonly fit: number;
  readonly explanation: FitExplanation;
}

function normaliseTag(tag: string): string {
  return tag.normalize('NFKC').trim().toLowerCase();
}

function checkNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}

export function scoreFit(input: ScoreFitInput): FitScore {
  const weights = input.weights ?? DEFAULT_FIT_WEIGHTS;
  const maxKm = input.maxKm ?? DEFAULT_MAX_KM;
  checkNonNegative(weights.tags, 'weights.tags');
  checkNonNegative(weights.nearness, 'weights.nearness');
  checkNonNegative(weights.balance, 'weights.balance');
  checkNonNegative(input.distanceKm, 'distanceKm');
  if (!Number.isFinite(maxKm) || maxKm <= 0) throw new RangeError(`maxKm must be a finite number > 0, got ${maxKm}`);

  const resources = new Set(input.orgResourceTags.map(normaliseTag).filter((t) => t !== ''));
  const needs = new Set<string>();
  const matchingTags: string[] = [];
  for (const tag of input.villageNeedTags) {
    const key = normaliseTag(tag);
    if (key === '' || needs.has(key)) continue;
    needs.add(key);
    if (resources.has(key)) matchingTags.push(tag.trim());
  }
  const tagShare = needs.size === 0 ? 0 : matchingTags.length / needs.size;
  const nearness = Math.max(0, 1 - input.distanceKm / maxKm);
  const rawBonus = input.domainBonus?.[input.orgDomain] ?? 0;
  if (Number.isNaN(rawBonus)) throw new RangeError(`domainBonus for ${input.orgDomain} is not a number`);
  const bonus = Math.min(1, Math.max(0, rawBonus));

  const parts: FitParts = {
    tags: Math.round(weights.tags * tagShare),
    nearness: Math.round(weights.nearness * nearness),
    balance: Math.round(weights.balance * bonus),
  };
  return {
    fit: parts.tags + parts.nearness + parts.balance,
    explanation: { matchingTags, distanceKm: input.distanceKm, parts },
  };
}

/**
 * A `domainBonus` from how many pairings each domain already has: 1 for the least represented domain,
 * 0 for the most represented, linear in between (all 0 when they are equal).
 */
export function underRepresentationBonus(pairingsByDomain: Readonly<Record<string, number>>): Record<string, number> {
  const counts = Object.entries(pairingsByDomain);
  for (const [domain, count] of counts) checkNonNegative(count, `pairings of ${domain}`);
  if (counts.length === 0) return {};
  const max = Math.max(...counts.map(([, c]) => c));
  const min = Math.min(...counts.map(([, c]) => c));
  const bonus: Record<string, number> = {};
  for (const [domain, count] of counts) bonus[domain] = max === min ? 0 : (max - count) / (max - min);
  return bonus;
}
