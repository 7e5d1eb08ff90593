import { inScope } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { IndicatorQuery } from '../../platform/indicators.ts';
import type { AppContext } from '../../platform/module.ts';
import { collectIndicators, type Lang } from './domain.ts';

let cache: { modules: AppContext['modules']; map: ReturnType<typeof collectIndicators> } | null = null;

function registry(ctx: AppContext) {
  if (cache?.modules !== ctx.modules) cache = { modules: ctx.modules, map: collectIndicators(ctx.modules) };
  return cache.map;
}

/** Indicators are computed for a region the actor holds in scope; anything else is "not found". */
async function scopedQuery(ctx: AppContext, actor: Actor, input: { region: string; from?: string; to?: string }): Promise<{ query: IndicatorQuery; name: string }> {
  const region = await ctx.regions.get(input.region);
  if (!region || !inScope(actor.scopePaths, region.path)) throw notFound('region');
  return { query: { regionCode: region.code, regionPath: region.path, from: input.from, to: input.to }, name: region.name };
}

export async function computeAll(ctx: AppContext, actor: Actor, input: { region: string; from?: string; to?: string; module?: string }, lang: Lang) {
  const { query, name } = await scopedQuery(ctx, actor, input);
  const definitions = [...registry(ctx).values()].filter((d) => !input.module || d.module === input.module);
  const items = [];
  // One at a time: on SQLite the queries share one connection anyway, and on pg it spares the pool.
  for (const d of definitions) {
    items.push({ id: d.id, module: d.module, label: d.label[lang], labels: d.label, value: await d.compute(ctx, query), unit: d.unit[lang], units: d.unit });
  }
  return { region: { code: query.regionCode, name }, items };
}

export async function recordsOf(ctx: AppContext, actor: Actor, id: string, input: { region: string; from?: string; to?: string; limit: number; offset: number }, lang: Lang) {
  const definition = registry(ctx).get(id);
  if (!definition) throw notFound('indicator');
  const { query } = await scopedQuery(ctx, actor, input);
  const [value, records] = await Promise.all([
    definition.compute(ctx, query),
    definition.records(ctx, { ...query, limit: input.limit, offset: input.offset, actor }),
  ]);
  return {
    id,
    label: definition.label[lang],
    labels: definition.label,
    value,
    unit: definition.unit[lang],
    columns: records.columns.map((c) => ({ key: c.key, label: c.label[lang], labels: c.label })),
    rows: records.rows,
    total: records.total,
  };
}
