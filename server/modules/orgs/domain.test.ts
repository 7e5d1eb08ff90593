import { describe, expect, it } from 'vitest';
import { formatTagCell, normalizeTags, orgProblems, parseTagCell, regionOrgDomain, regionOrgName, requiredRegionLevel, type OrgDraft } from './domain.ts';

const draft = (over: Partial<OrgDraft> = {}): OrgDraft => ({
  domain: 'agency',
  capacity: 3,
  needTags: [],
  regionLevel: 'district',
  parentId: null,
  selfId: null,
  parentChain: [],
  ...over,
});

describe('organisations of the region tree', () => {
  it('names a street’s organisation 党工委 and a town’s or village’s 党委', () => {
    expect(regionOrgName('大弯街道', 'street')).toBe('大弯街道党工委');
    expect(regionOrgName('弥牟镇', 'town')).toBe('弥牟镇党委');
    expect(regionOrgName('怡湖社区', 'community')).toBe('怡湖社区党委');
    expect(regionOrgName('十八湾村', 'village')).toBe('十八湾村党委');
  });

  it('takes the domain from the region’s level and kind', () => {
    expect(regionOrgDomain('town', 'street')).toBe('town');
    expect(regionOrgDomain('village', 'community')).toBe('urban_community');
    expect(regionOrgDomain('village', 'village')).toBe('village');
    expect(regionOrgDomain('district', 'district')).toBeNull();
    expect(regionOrgDomain('grid', 'grid')).toBeNull();
  });
});

describe('tags', () => {
  it('reads keys and Chinese labels with any of the usual separators, and reports unknown words', () => {
    expect(parseTagCell('资金、产业指导, medical；法律服务')).toEqual({ tags: ['funds', 'industry', 'medical', 'legal'], unknown: [] });
    expect(parseTagCell('资金 火箭')).toEqual({ tags: ['funds'], unknown: ['火箭'] });
    expect(parseTagCell(null)).toEqual({ tags: [], unknown: [] });
  });

  it('keeps vocabulary order and drops repeats, so a round trip is stable', () => {
    expect(normalizeTags(['legal', 'funds', 'legal'])).toEqual(['funds', 'legal']);
    expect(parseTagCell(formatTagCell(['medical', 'funds'])).tags).toEqual(['funds', 'medical']);
  });
});

describe('organisation rules', () => {
  it('accepts a district bureau', () => {
    expect(orgProblems(draft())).toEqual([]);
  });

  it('puts villages and communities in village-level regions and towns in town-level ones', () => {
    expect(requiredRegionLevel('urban_community')).toBe('village');
    expect(orgProblems(draft({ domain: 'village', regionLevel: 'town' }))[0]).toContain('village-level');
    expect(orgProblems(draft({ domain: 'town', regionLevel: 'village' }))[0]).toContain('town-level');
    expect(orgProblems(draft({ domain: 'village', regionLevel: 'village', needTags: ['medical'] }))).toEqual([]);
  });

  it('gives need tags to villages and communities only', () => {
    expect(orgProblems(draft({ needTags: ['funds'] }))).toEqual([expect.stringContaining('need tags')]);
  });

  it('refuses a capacity outside 0–50 and a parent that is the organisation itself or below it', () => {
    expect(orgProblems(draft({ capacity: -1 }))).toHaveLength(1);
    expect(orgProblems(draft({ capacity: 51 }))).toHaveLength(1);
    expect(orgProblems(draft({ selfId: 'a', parentId: 'a' }))).toHaveLength(1);
    expect(orgProblems(draft({ selfId: 'a', parentId: 'b', parentChain: ['b', 'c', 'a'] }))).toHaveLength(1);
    expect(orgProblems(draft({ selfId: 'a', parentId: 'b', parentChain: ['b', 'c'] }))).toEqual([]);
  });
});
