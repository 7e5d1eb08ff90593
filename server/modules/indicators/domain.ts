import type { IndicatorDefinition } from '../../platform/indicators.ts';
import type { ModuleManifest } from '../../platform/module.ts';

/** Every indicator the modules declare, keyed by id; ids are a contract and must be unique. */
export function collectIndicators(modules: readonly ModuleManifest[]): Map<string, IndicatorDefinition & { module: string }> {
  const all = new Map<string, IndicatorDefinition & { module: string }>();
  for (const m of modules) {
    for (const indicator of m.indicators ?? []) {
      if (all.has(indicator.id)) throw new Error(`indicator ${indicator.id} is declared twice`);
      if (!indicator.id.startsWith(`${m.name}.`)) throw new Error(`indicator ${indicator.id} must start with its module's name ${m.name}.`);
      all.set(indicator.id, { ...indicator, module: m.name });
    }
  }
  return all;
}

export type Lang = 'zh' | 'en';

export function preferredLang(acceptLanguage: string | undefined, explicit?: string): Lang {
  if (explicit === 'en' || explicit === 'zh') return explicit;
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh';
}
