import type { Api, AppContext } from '../../platform/module.ts';
import { preferredLang } from './domain.ts';
import * as s from './schema.ts';
import { computeAll, recordsOf } from './service.ts';

export function indicatorRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/indicators',
    {
      config: { permission: 'indicators.read' },
      schema: { tags: ['indicators'], summary: '区域指标 Indicators of a region subtree', querystring: s.indicatorsQuery, response: { 200: s.indicatorsResponse } },
    },
    async (request) => computeAll(ctx, request.actor, request.query, preferredLang(request.headers['accept-language'], request.query.lang)),
  );
  app.get(
    '/api/v1/indicators/:id/records',
    {
      config: { permission: 'indicators.read' },
      schema: { tags: ['indicators'], summary: '指标对应的记录 Records behind an indicator', params: s.recordsParams, querystring: s.recordsQuery },
    },
    async (request) =>
      recordsOf(ctx, request.actor, request.params.id, request.query, preferredLang(request.headers['accept-language'], request.query.lang)),
  );
}
