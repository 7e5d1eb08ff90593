/**
 * The region tree: province → city → district → town/street → village/community → grid →
 * micro-grid, keyed by the 12-digit statistical code; grids extend their village's code by two
 * digits and micro-grids their grid's by two more. Pure rules only.
 */
export const LEVELS = ['province', 'city', 'district', 'town', 'village', 'grid', 'micro_grid'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市州', en: 'City' },
  district: { zh: '区县', en: 'District' },
  town: { zh: '镇街', en: 'Town' },
  village: { zh: '村社区', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  micro_grid: { zh: '微网格', en: 'Micro-grid' },
};

/** Levels an admin draws and edits in the product; the rest is reference data. */
export const EDITABLE_LEVELS = ['grid', 'micro_grid'] as const;
export type EditableLevel = (typeof EDITABLE_LEVELS)[number];

export function childLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return LEVELS[i + 1] ?? null;
}

export function parentLevelOf(level: EditableLevel): Level {
  return level === 'grid' ? 'village' : 'grid';
}

export function pathOf(parentPath: string | null, code: string): string {
  return `${parentPath ?? ''}${code}/`;
}

export function codesInPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The next free child code: the parent's code plus two digits, 01–99. */
export function nextChildCode(parentCode: string, existing: readonly string[]): string | null {
  const used = new Set(existing.filter((c) => c.length === parentCode.length + 2 && c.startsWith(parentCode)).map((c) => Number(c.slice(-2))));
  for (let n = 1; n <= 99; n++) if (!used.has(n)) return `${parentCode}${String(n).padStart(2, '0')}`;
  return null;
}

export function isChildCode(parentCode: string, code: string): boolean {
  return code.length === parentCode.length + 2 && code.startsWith(parentCode) && /^\d+$/.test(code) && code.slice(-2) !== '00';
}

export interface DivisionRow {
  code: string;
  name: string;
  shortName: string;
  level: Level;
  kind: string;
  parentCode: string | null;
}

/** County-level kinds from the name, as the statistical data gives no kind. */
export function countyKind(name: string): string {
  if (name.endsWith('自治县')) return 'autonomous_county';
  if (name.endsWith('区')) return 'district';
  if (name.endsWith('市')) return 'county_city';
  return 'county';
}

/** Rows of a divisions CSV (header line first, no quoted commas in this data). */
export function parseDivisionsCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/**
 * Merge the province-wide list (province, cities, counties) with the district's own list
 * (district, towns, villages). The district's rows win where both have the code.
 */
export function mergeDivisions(province: Record<string, string>[], district: Record<string, string>[]): DivisionRow[] {
  const byCode = new Map<string, DivisionRow>();
  for (const r of province) {
    const level: Level = r.level === 'county' ? 'district' : (r.level as Level);
    const kind = r.level === 'county' ? countyKind(r.name ?? '') : r.level === 'city' && (r.name ?? '').endsWith('自治州') ? 'autonomous_prefecture' : (r.level ?? '');
    byCode.set(r.code!, { code: r.code!, name: r.name!, shortName: r.short_name || r.name!, level, kind, parentCode: r.parent_code || null });
  }
  for (const r of district) {
    byCode.set(r.code!, {
      code: r.code!,
      name: r.name!,
      shortName: r.short_name || r.name!,
      level: r.level as Level,
      kind: r.kind || (r.level ?? ''),
      parentCode: r.parent_code || null,
    });
  }
  // Parents before children, so the tree can be built in one pass.
  const depth = (row: DivisionRow) => LEVELS.indexOf(row.level);
  return [...byCode.values()].sort((a, b) => depth(a) - depth(b) || a.code.localeCompare(b.code));
}
