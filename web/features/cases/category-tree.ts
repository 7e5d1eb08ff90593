import type { Lang } from '../../lib/i18n.tsx';
import { LIMIT_UNIT_LABELS, STAGE_LABELS } from './messages.ts';
import { STAGES, type CategoryItem, type StageStatus, type TimeLimit } from './types.ts';

/** A category as a row of the tree table: a top-level category holds its sub-categories. */
export type CategoryRow = CategoryItem & { children?: CategoryRow[] };
export type CategoryStatusFilter = 'all' | 'active' | 'inactive';

const byOrder = (a: CategoryItem, b: CategoryItem) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/**
 * The two levels as a tree, in their sort order, filtered by text (code or either name) and
 * status. A parent that does not match itself stays when a sub-category does, to hold it; a
 * parent that matches the text shows those of its sub-categories that pass the status filter.
 */
export function categoryTree(items: readonly CategoryItem[], filter: { q?: string; status?: CategoryStatusFilter } = {}): CategoryRow[] {
  const q = (filter.q ?? '').trim().toLowerCase();
  const status = filter.status ?? 'all';
  const codes = new Set(items.map((c) => c.code));
  const statusOk = (c: CategoryItem) => status === 'all' || (status === 'active') === c.active;
  const textOk = (c: CategoryItem) => !q || [c.code, c.nameZh, c.nameEn].some((v) => v.toLowerCase().includes(q));
  const rows: CategoryRow[] = [];
  for (const top of items.filter((c) => c.parentCode === null || !codes.has(c.parentCode)).sort(byOrder)) {
    const topText = textOk(top);
    const children = items
      .filter((c) => c.parentCode === top.code)
      .sort(byOrder)
      .filter((c) => statusOk(c) && (topText || textOk(c)));
    if (children.length > 0) rows.push({ ...top, children });
    else if (statusOk(top) && topText) rows.push({ ...top });
  }
  return rows;
}

/** One stage's limit as people read it: `受理 1 工作日`, `Acceptance 4 working hours`. */
export function limitText(stage: StageStatus, limit: TimeLimit, lang: Lang): string {
  const unit = LIMIT_UNIT_LABELS[limit.unit];
  if (lang === 'zh') return `${STAGE_LABELS[stage].zh} ${limit.amount} ${unit.zh}`;
  return `${STAGE_LABELS[stage].en} ${limit.amount} ${unit.en}${limit.amount === 1 ? '' : 's'}`;
}

/** A category's limits in stage order, as text; stages without a limit are left out. */
export function limitsText(limits: Readonly<Record<string, TimeLimit | undefined>>, lang: Lang): string[] {
  return STAGES.flatMap((stage) => {
    const limit = limits[stage];
    return limit ? [limitText(stage, limit, lang)] : [];
  });
}

export interface Choice {
  key: string;
  name: string;
}

/**
 * Choices typed as names get their keys: a name that was there keeps its key, so answers already
 * given still read the same; a new name takes the next number no earlier choice used.
 */
export function choicesWithKeys(names: readonly string[], previous: readonly Choice[] = []): Choice[] {
  const keyOf = new Map(previous.map((c) => [c.name, c.key]));
  const used = new Set(previous.map((c) => c.key));
  let next = 1;
  return names.map((name) => {
    const kept = keyOf.get(name);
    if (kept !== undefined) return { key: kept, name };
    while (used.has(String(next))) next += 1;
    const key = String(next);
    used.add(key);
    return { key, name };
  });
}
