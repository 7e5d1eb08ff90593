import { describe, expect, it } from 'vitest';
import { ladderProblems, ownProgress, progressEntryProblems, projectProblems, removedStepsInUse, rollUp, verifyProblem, type LadderStep, type ProgressNode, type ProjectDraft } from './domain.ts';

const ladder: LadderStep[] = [
  { key: 'planning', label: { zh: '谋划', en: 'Planning' }, percent: 0 },
  { key: 'building', label: { zh: '实施', en: 'Building' }, percent: 40 },
  { key: 'completed', label: { zh: '完成', en: 'Completed' }, percent: 100 },
];

const node = (id: string, parentId: string | null, weight: number, reported: number, verified = 0): ProgressNode => ({ id, parentId, weight, own: { reported, verified } });

describe('progress roll-up', () => {
  it('weights children by their budgets, through three levels', () => {
    // root ← A (600) ← A1 (700, 100 %), A2 (300, 0 %); root ← B (400, 50 %).
    const progress = rollUp([
      node('root', null, 1000, 0),
      node('A', 'root', 600, 99),
      node('A1', 'A', 700, 100, 100),
      node('A2', 'A', 300, 0),
      node('B', 'root', 400, 50, 20),
    ]);
    expect(progress.get('A1')).toEqual({ reported: 100, verified: 100 });
    expect(progress.get('A')).toEqual({ reported: 70, verified: 70 }); // its own 99 % is ignored: it has children
    expect(progress.get('root')).toEqual({ reported: 62, verified: 50 }); // 0.6 × 70 + 0.4 × 50, 0.6 × 70 + 0.4 × 20
  });

  it('weighs children equally when none has a budget, and rounds to one decimal', () => {
    const progress = rollUp([node('p', null, 0, 0), node('a', 'p', 0, 10), node('b', 'p', 0, 15), node('c', 'p', 0, 20)]);
    expect(progress.get('p')!.reported).toBe(15);
    const thirds = rollUp([node('p', null, 0, 0), node('a', 'p', 0, 100), node('b', 'p', 0, 0), node('c', 'p', 0, 0)]);
    expect(thirds.get('p')!.reported).toBe(33.3);
  });

  it('treats a node whose parent is not listed as a root', () => {
    expect(rollUp([node('x', 'missing', 5, 42)]).get('x')!.reported).toBe(42);
  });

  it('takes a leaf’s step as its floor and its latest report above it', () => {
    expect(ownProgress(40, null, null)).toEqual({ reported: 40, verified: 0 });
    expect(ownProgress(40, 65, 50)).toEqual({ reported: 65, verified: 50 });
    expect(ownProgress(40, 10, null)).toEqual({ reported: 40, verified: 0 });
  });
});

describe('the status ladder', () => {
  it('accepts a rising ladder ending at 100 %', () => {
    expect(ladderProblems(ladder)).toEqual([]);
  });

  it('refuses falling percentages, repeated keys, a short ladder and one that stops short of 100 %', () => {
    expect(ladderProblems([ladder[1]!, ladder[0]!, ladder[2]!]).join()).toContain('never go down');
    expect(ladderProblems([ladder[0]!, ladder[0]!, ladder[2]!]).join()).toContain('used twice');
    expect(ladderProblems([ladder[2]!]).join()).toContain('at least two');
    expect(ladderProblems(ladder.slice(0, 2)).join()).toContain('100%');
  });

  it('keeps steps that projects stand on', () => {
    expect(removedStepsInUse(ladder, [ladder[0]!, ladder[2]!], ['building'])).toEqual(['building']);
    expect(removedStepsInUse(ladder, [ladder[0]!, ladder[2]!], ['planning'])).toEqual([]);
  });
});

describe('project rules', () => {
  const base: ProjectDraft = {
    isChild: false,
    ownerCount: 1,
    budgetFen: 100_000,
    funding: [
      { source: 'fiscal_district', amountFen: 60_000 },
      { source: 'collective', amountFen: 40_000 },
    ],
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    statusKey: 'planning',
    ladder,
    regionPath: 'a/b/',
    parentRegionPath: null,
  };

  it('accepts funding lines that add up to the budget', () => {
    expect(projectProblems(base)).toEqual([]);
  });

  it('says by how much the funding lines miss the budget', () => {
    expect(projectProblems({ ...base, budgetFen: 100_001 }).join()).toContain('100000 fen, not the budget of 100001');
  });

  it('needs an owner at the top, dates in order, a known status, and a child inside its parent’s region', () => {
    expect(projectProblems({ ...base, ownerCount: 0 })).toHaveLength(1);
    expect(projectProblems({ ...base, ownerCount: 0, isChild: true, parentRegionPath: 'a/' })).toEqual([]);
    expect(projectProblems({ ...base, endDate: '2024-12-31' })).toHaveLength(1);
    expect(projectProblems({ ...base, statusKey: 'flying' })).toHaveLength(1);
    expect(projectProblems({ ...base, isChild: true, parentRegionPath: 'a/c/' })).toHaveLength(1);
  });

  it('refuses progress dated in the future or with an unknown status', () => {
    expect(progressEntryProblems({ percent: 50, date: '2025-06-02', statusKey: null }, ladder, '2025-06-01')).toHaveLength(1);
    expect(progressEntryProblems({ percent: 50, date: '2025-06-01', statusKey: 'nope' }, ladder, '2025-06-01')).toHaveLength(1);
    expect(progressEntryProblems({ percent: 50, date: '2025-06-01', statusKey: 'building' }, ladder, '2025-06-01')).toEqual([]);
  });

  it('lets nobody verify their own report, nor one already verified', () => {
    expect(verifyProblem('u1', 'u1', false)).toContain('own report');
    expect(verifyProblem('u1', 'u2', true)).toContain('already');
    expect(verifyProblem('u1', 'u2', false)).toBeNull();
  });
});
