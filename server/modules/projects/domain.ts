/**
 * Co-building projects (共建项目): one project model for pairings, clusters and the agriculture
 * chain. Pure rules only — no IO.
 *
 * Progress. Admins define a status ladder; each step carries a percentage that a project reaches
 * when it enters the step. Dated progress entries report finer progress; a second person verifies
 * them. A project's own progress is the larger of its step's percentage and its latest reported
 * entry; its verified progress is its latest verified entry. A project with child projects takes
 * its progress from them instead, weighted by their budgets (their share of the investment), to
 * any depth; children without budgets weigh the same.
 */
import type { Bilingual } from '../../platform/indicators.ts';

export const FUNDING_SOURCES = [
  'fiscal_central',
  'fiscal_provincial',
  'fiscal_municipal',
  'fiscal_district',
  'town',
  'collective',
  'pairing_unit',
  'enterprise',
  'social',
  'other',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_LABELS: Record<FundingSource, Bilingual> = {
  fiscal_central: { zh: '中央财政', en: 'Central budget' },
  fiscal_provincial: { zh: '省级财政', en: 'Provincial budget' },
  fiscal_municipal: { zh: '市级财政', en: 'Municipal budget' },
  fiscal_district: { zh: '区级财政', en: 'District budget' },
  town: { zh: '镇（街道）自筹', en: 'Town funds' },
  collective: { zh: '村集体', en: 'Village collective' },
  pairing_unit: { zh: '结对单位', en: 'Pairing partner' },
  enterprise: { zh: '企业投资', en: 'Enterprise investment' },
  social: { zh: '社会捐赠', en: 'Donations' },
  other: { zh: '其他', en: 'Other' },
};

export interface LadderStep {
  key: string;
  label: Bilingual;
  percent: number;
}

const STEP_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** What is wrong with a ladder, readable (empty when it is fine). */
export function ladderProblems(steps: readonly LadderStep[]): string[] {
  const problems: string[] = [];
  if (steps.length < 2) problems.push('状态阶梯至少两级 A ladder has at least two steps');
  const keys = new Set<string>();
  steps.forEach((step, i) => {
    if (!STEP_KEY.test(step.key)) problems.push(`第 ${i + 1} 级的标识「${step.key}」应为小写字母、数字和下划线 Step keys are lower-case words`);
    if (keys.has(step.key)) problems.push(`标识「${step.key}」重复 Step key ${step.key} is used twice`);
    keys.add(step.key);
    if (!Number.isInteger(step.percent) || step.percent < 0 || step.percent > 100) problems.push(`第 ${i + 1} 级的进度应为 0–100 的整数 Percentages are whole numbers 0–100`);
    const previous = steps[i - 1];
    if (previous && step.percent < previous.percent) problems.push(`第 ${i + 1} 级的进度不能低于上一级 Percentages never go down the ladder`);
  });
  const last = steps[steps.length - 1];
  if (last && last.percent !== 100) problems.push('最后一级的进度应为 100% The last step is 100%');
  return problems;
}

/** Steps that projects stand on cannot be removed. */
export function removedStepsInUse(before: readonly LadderStep[], after: readonly LadderStep[], used: readonly string[]): string[] {
  const kept = new Set(after.map((s) => s.key));
  return before.filter((s) => !kept.has(s.key) && used.includes(s.key)).map((s) => s.key);
}

export interface ProjectDraft {
  isChild: boolean;
  ownerCount: number;
  budgetFen: number;
  funding: readonly { source: string; amountFen: number }[];
  startDate: string;
  endDate: string | null;
  statusKey: string;
  ladder: readonly LadderStep[];
  /** The project's region path and, for a child, its parent's. */
  regionPath: string;
  parentRegionPath: string | null;
}

export function projectProblems(d: ProjectDraft): string[] {
  const problems: string[] = [];
  if (!d.isChild && d.ownerCount === 0) problems.push('项目至少要有一个责任主体 A project needs an owner');
  if (!Number.isSafeInteger(d.budgetFen) || d.budgetFen < 0) problems.push('预算应为非负整数（分） The budget is a whole number of fen');
  if (d.funding.length > 0) {
    const sum = d.funding.reduce((acc, line) => acc + line.amountFen, 0);
    if (d.funding.some((line) => !Number.isSafeInteger(line.amountFen) || line.amountFen < 0)) problems.push('资金来源金额应为非负整数（分） Funding amounts are whole numbers of fen');
    else if (sum !== d.budgetFen) problems.push(`各资金来源合计 ${sum} 分，与预算 ${d.budgetFen} 分不符 The funding lines add up to ${sum} fen, not the budget of ${d.budgetFen}`);
  }
  if (d.endDate !== null && d.endDate < d.startDate) problems.push('结束日期早于开始日期 The end date is before the start date');
  if (!d.ladder.some((s) => s.key === d.statusKey)) problems.push(`状态「${d.statusKey}」不在状态阶梯中 Unknown status`);
  if (d.parentRegionPath !== null && !d.regionPath.startsWith(d.parentRegionPath)) problems.push('子项目应位于上级项目的区域内 A child project lies inside its parent project’s region');
  return problems;
}

export function progressEntryProblems(entry: { percent: number; date: string; statusKey: string | null }, ladder: readonly LadderStep[], today: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(entry.percent) || entry.percent < 0 || entry.percent > 100) problems.push('进度应为 0–100 的整数 Progress is a whole percentage');
  if (entry.date > today) problems.push('进度日期不能晚于今天 A progress entry cannot be dated in the future');
  if (entry.statusKey !== null && !ladder.some((s) => s.key === entry.statusKey)) problems.push(`状态「${entry.statusKey}」不在状态阶梯中 Unknown status`);
  return problems;
}

/** Nobody verifies their own report. */
export function verifyProblem(reporterId: string | null, verifierId: string | null, alreadyVerified: boolean): string | null {
  if (alreadyVerified) return '该进度已核实 This entry is already verified';
  if (reporterId !== null && reporterId === verifierId) return '不能核实自己填报的进度 You cannot verify your own report';
  return null;
}

export function stepPercent(ladder: readonly LadderStep[], key: string): number {
  return ladder.find((s) => s.key === key)?.percent ?? 0;
}

export interface Progress {
  reported: number;
  verified: number;
}

/** A leaf's own progress: its step's guarantee or its latest report, whichever is higher. */
export function ownProgress(stepPct: number, latestReported: number | null, latestVerified: number | null): Progress {
  return { reported: Math.max(stepPct, latestReported ?? 0), verified: latestVerified ?? 0 };
}

export interface ProgressNode {
  id: string;
  parentId: string | null;
  /** Budget in fen: the child's share of the investment. */
  weight: number;
  own: Progress;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Progress of every node: a node with children is the weighted mean of its children's rolled-up
 * progress (equal weights when none has a budget); a leaf keeps its own. Nodes whose parent is not
 * in the list are roots.
 */
export function rollUp(nodes: readonly ProgressNode[]): Map<string, Progress> {
  const children = new Map<string, ProgressNode[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const exact = new Map<string, Progress>();
  const visit = (node: ProgressNode, depth: number): Progress => {
    const known = exact.get(node.id);
    if (known) return known;
    const kids = depth > 64 ? [] : (children.get(node.id) ?? []);
    let result: Progress;
    if (kids.length === 0) result = node.own;
    else {
      const total = kids.reduce((a, k) => a + Math.max(0, k.weight), 0);
      const weightOf = (k: ProgressNode) => (total > 0 ? Math.max(0, k.weight) / total : 1 / kids.length);
      result = { reported: 0, verified: 0 };
      for (const kid of kids) {
        const p = visit(kid, depth + 1);
        result.reported += weightOf(kid) * p.reported;
        result.verified += weightOf(kid) * p.verified;
      }
    }
    exact.set(node.id, result);
    return result;
  };
  for (const n of nodes) visit(n, 0);
  return new Map([...exact].map(([id, p]) => [id, { reported: round1(p.reported), verified: round1(p.verified) }]));
}
