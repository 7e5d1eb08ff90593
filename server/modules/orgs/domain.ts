/**
 * Party organisations and units (党组织): the parties of pairings. Pure rules only — no IO.
 *
 * An organisation belongs to one of eight domains. Towns, villages and communities each have
 * their own organisation, anchored to their region (`anchorRegionCode`); it is made from the
 * region tree by the reference data and cannot be archived while the region exists.
 */
import type { Bilingual } from '../../platform/indicators.ts';

export const ORG_DOMAINS = [
  'agency',
  'state_enterprise',
  'institution',
  'two_new_economic',
  'two_new_social',
  'town',
  'village',
  'urban_community',
] as const;
export type OrgDomain = (typeof ORG_DOMAINS)[number];

export const DOMAIN_LABELS: Record<OrgDomain, Bilingual> = {
  agency: { zh: '机关', en: 'Government agency' },
  state_enterprise: { zh: '国有企业', en: 'State enterprise' },
  institution: { zh: '事业单位', en: 'Public institution' },
  two_new_economic: { zh: '新经济组织', en: 'New economic organisation' },
  two_new_social: { zh: '新社会组织', en: 'New social organisation' },
  town: { zh: '镇（街道）', en: 'Town or street' },
  village: { zh: '村', en: 'Village' },
  urban_community: { zh: '社区', en: 'Community' },
};

/** The four domains of the 双十一 action, as the article counts them. */
export const AGENCY_ENTERPRISE_DOMAINS: readonly OrgDomain[] = ['agency', 'state_enterprise', 'institution'];
export const TWO_NEW_DOMAINS: readonly OrgDomain[] = ['two_new_economic', 'two_new_social'];
export const VILLAGE_DOMAINS: readonly OrgDomain[] = ['village', 'urban_community'];
export const REGION_DOMAINS: readonly OrgDomain[] = ['town', 'village', 'urban_community'];

/** What organisations offer and villages need: one vocabulary, so that the two can be matched. */
export const TAGS = [
  'funds',
  'industry',
  'market',
  'medical',
  'legal',
  'education',
  'technology',
  'volunteers',
  'culture',
  'talent',
  'planning',
  'governance',
  'employment',
  'elderly_care',
  'ecology',
] as const;
export type Tag = (typeof TAGS)[number];

export const TAG_LABELS: Record<Tag, Bilingual> = {
  funds: { zh: '资金', en: 'Funds' },
  industry: { zh: '产业指导', en: 'Industry know-how' },
  market: { zh: '市场渠道', en: 'Market channels' },
  medical: { zh: '医疗卫生', en: 'Medical' },
  legal: { zh: '法律服务', en: 'Legal' },
  education: { zh: '教育培训', en: 'Education' },
  technology: { zh: '科技', en: 'Technology' },
  volunteers: { zh: '志愿服务', en: 'Volunteers' },
  culture: { zh: '文化', en: 'Culture' },
  talent: { zh: '人才', en: 'Talent' },
  planning: { zh: '规划建设', en: 'Planning and building' },
  governance: { zh: '基层治理', en: 'Local governance' },
  employment: { zh: '就业', en: 'Jobs' },
  elderly_care: { zh: '养老服务', en: 'Elderly care' },
  ecology: { zh: '生态环保', en: 'Ecology' },
};

export const MAX_CAPACITY = 50;

/** Tags in vocabulary order, each once. */
export function normalizeTags(tags: readonly Tag[]): Tag[] {
  const set = new Set(tags);
  return TAGS.filter((t) => set.has(t));
}

/**
 * A spreadsheet cell of tags: keys or Chinese labels, separated by commas, 、 or semicolons.
 * Returns the tags and the words that are not in the vocabulary.
 */
export function parseTagCell(cell: unknown): { tags: Tag[]; unknown: string[] } {
  const text = cell === null || cell === undefined ? '' : String(cell);
  const words = text.split(/[,，、;；\s]+/).map((w) => w.trim()).filter(Boolean);
  const tags: Tag[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const tag = TAGS.find((t) => t === word.toLowerCase() || TAG_LABELS[t].zh === word);
    if (tag) tags.push(tag);
    else unknown.push(word);
  }
  return { tags: normalizeTags(tags), unknown };
}

export function formatTagCell(tags: readonly string[]): string {
  return tags.map((t) => TAG_LABELS[t as Tag]?.zh ?? t).join('、');
}

/** The domain of a region's own organisation, from the region's kind (street, town, community, village). */
export function regionOrgDomain(level: string, kind: string): OrgDomain | null {
  if (level === 'town') return 'town';
  if (level === 'village') return kind === 'community' ? 'urban_community' : 'village';
  return null;
}

/** 大弯街道 → 大弯街道党工委; 弥牟镇 → 弥牟镇党委; 怡湖社区 → 怡湖社区党委. */
export function regionOrgName(shortName: string, kind: string): string {
  return kind === 'street' ? `${shortName}党工委` : `${shortName}党委`;
}

/** The level of region an organisation of this domain must sit in, if any. */
export function requiredRegionLevel(domain: OrgDomain): 'town' | 'village' | null {
  if (domain === 'town') return 'town';
  if (domain === 'village' || domain === 'urban_community') return 'village';
  return null;
}

export interface OrgDraft {
  domain: OrgDomain;
  capacity: number;
  needTags: readonly Tag[];
  regionLevel: string;
  parentId: string | null;
  selfId: string | null;
  /** Ancestor ids of the proposed parent (nearest first), to catch cycles. */
  parentChain: readonly string[];
}

/** The rules an organisation must satisfy, as readable problems (empty when it is fine). */
export function orgProblems(draft: OrgDraft): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(draft.capacity) || draft.capacity < 0 || draft.capacity > MAX_CAPACITY) {
    problems.push(`结对容量应为 0–${MAX_CAPACITY} 的整数 Capacity must be a whole number from 0 to ${MAX_CAPACITY}`);
  }
  const level = requiredRegionLevel(draft.domain);
  if (level && draft.regionLevel !== level) {
    problems.push(
      `${DOMAIN_LABELS[draft.domain].zh}党组织应位于${level === 'town' ? '镇（街道）' : '村（社区）'}级区域 A ${draft.domain} organisation belongs to a ${level}-level region`,
    );
  }
  if (draft.needTags.length > 0 && !VILLAGE_DOMAINS.includes(draft.domain)) {
    problems.push('只有村、社区填写需求标签 Only villages and communities have need tags');
  }
  if (draft.parentId !== null && draft.selfId !== null && (draft.parentId === draft.selfId || draft.parentChain.includes(draft.selfId))) {
    problems.push('上级单位不能是自己或自己的下级 The parent unit cannot be the organisation itself or one of its units');
  }
  return problems;
}
