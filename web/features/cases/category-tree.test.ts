import { describe, expect, test } from 'vitest';
import { ATTRIBUTE_TYPES as SERVER_ATTRIBUTE_TYPES, CATEGORY_CODE, DEFAULT_CATEGORIES, STAGES as SERVER_STAGES } from '../../../server/modules/cases/domain.ts';
import { categoryTree, choicesWithKeys, limitsText } from './category-tree.ts';
import { ATTRIBUTE_TYPES, CODE_PART, STAGES, type CategoryItem } from './types.ts';

const items: CategoryItem[] = DEFAULT_CATEGORIES.map((c) => ({ ...c, reportable: true, version: 1 }));

describe('case categories in the admin page', () => {
  test('the web copies of the server’s vocabularies agree with it', () => {
    expect(STAGES).toEqual(SERVER_STAGES);
    expect(ATTRIBUTE_TYPES).toEqual(SERVER_ATTRIBUTE_TYPES);
    for (const code of ['ab', 'roads', 'a_1', 'x'.repeat(31), 'x', 'Ab', '1a', 'a-b', 'x'.repeat(32)]) {
      expect(CODE_PART.test(code), code).toBe(CATEGORY_CODE.test(code));
      expect(CATEGORY_CODE.test(`roads.${code}`), code).toBe(CODE_PART.test(code));
    }
  });

  test('a tree of two levels, parents in their order, each holding its sub-categories', () => {
    const tree = categoryTree(items);
    expect(tree.map((r) => r.code)).toEqual(items.filter((c) => c.parentCode === null).map((c) => c.code));
    const dispute = tree.find((r) => r.code === 'dispute');
    expect(dispute?.children?.map((c) => c.code)).toEqual(['dispute.neighbour', 'dispute.family', 'dispute.labour', 'dispute.land']);
  });

  test('a search keeps the parents of what matches; a matching parent shows its sub-categories', () => {
    expect(categoryTree(items, { q: '邻里' }).map((r) => [r.code, r.children?.map((c) => c.code)])).toEqual([['dispute', ['dispute.neighbour']]]);
    expect(categoryTree(items, { q: 'DISPUTE.LAB' })[0]?.children?.map((c) => c.code)).toEqual(['dispute.labour']);
    expect(categoryTree(items, { q: '矛盾纠纷' })[0]?.children).toHaveLength(4);
    expect(categoryTree(items, { q: 'nothing like this' })).toEqual([]);
  });

  test('the status filter keeps an active parent to hold a deactivated sub-category', () => {
    const some = items.map((c) => (c.code === 'safety.gas' ? { ...c, active: false } : c));
    const inactive = categoryTree(some, { status: 'inactive' });
    expect(inactive.map((r) => [r.code, r.children?.map((c) => c.code)])).toEqual([['safety', ['safety.gas']]]);
    const active = categoryTree(some, { status: 'active' });
    expect(active.find((r) => r.code === 'safety')?.children?.map((c) => c.code)).not.toContain('safety.gas');
  });

  test('limits read in stage order, in either language', () => {
    const limits = { dispatched: { unit: 'days' as const, amount: 3 }, reported: { unit: 'days' as const, amount: 1 }, handled: { unit: 'hours' as const, amount: 1 } };
    expect(limitsText(limits, 'zh')).toEqual(['受理 1 工作日', '处置 3 工作日', '核查 1 工作小时']);
    expect(limitsText(limits, 'en')).toEqual(['Acceptance 1 working day', 'Handling 3 working days', 'Checking 1 working hour']);
    expect(limitsText({}, 'zh')).toEqual([]);
  });

  test('choices keep their keys; new ones never take a key an earlier choice had', () => {
    const before = [
      { key: '1', name: '一般' },
      { key: '2', name: '较大' },
      { key: '3', name: '紧急' },
    ];
    expect(choicesWithKeys(['紧急', '一般', '特别重大'], before)).toEqual([
      { key: '3', name: '紧急' },
      { key: '1', name: '一般' },
      { key: '4', name: '特别重大' },
    ]);
    expect(choicesWithKeys(['是', '否'])).toEqual([
      { key: '1', name: '是' },
      { key: '2', name: '否' },
    ]);
  });
});
