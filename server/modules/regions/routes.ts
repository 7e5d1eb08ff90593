import type { Api, AppContext } from '../../platform/module.ts';
import { replyWithTable } from '../../platform/tabular/export.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

export function regionRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/regions',
    {
      config: { permission: 'regions.read' },
      schema: { tags: ['regions'], summary: '区域列表、下级与搜索 List, children and search', querystring: s.listQuery },
    },
    async (request, reply) => {
      const { format, limit: _limit, cursor: _cursor, ...filters } = request.query;
      if (format !== 'json') return replyWithTable(ctx, request, reply, 'regions.list', filters, format);
      return service.listRegions(ctx, request.actor, request.query);
    },
  );

  app.get(
    '/api/v1/public/basemap',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: '公开底图：行政区边界与镇村驻地 Base map: administrative outlines and seats, as GeoJSON',
        description: 'Outlines (`kind: outline`) of the regions above grids that have one, and the seats (`kind: seat`) of those that have one, as points, higher levels first, at most 2,000. For drawing a map without tiles.',
        querystring: s.basemapQuery,
      },
    },
    async (_request, reply) => reply.type('application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(await service.basemap(ctx)),
  );

  app.get(
    '/api/v1/public/basemap/areas',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: '公开底图：视野内的网格与微网格边界 Base map: the grids and micro-grids in a box, as GeoJSON',
        description: 'For the base map at street level: the outlines and names of current grids and micro-grids whose boxes meet `bbox` (at most 0.1° across), at most 400 (`truncated` says when there were more).',
        querystring: s.basemapAreasQuery,
      },
    },
    async (request, reply) => reply.header('cache-control', 'public, max-age=300').send(await service.basemapAreas(ctx, request.query.bbox)),
  );

  app.get(
    '/api/v1/regions/geojson',
    {
      config: { permission: 'regions.read' },
      schema: { tags: ['regions'], summary: '网格与微网格边界 Grid polygons as GeoJSON', querystring: s.geojsonQuery },
    },
    async (request) => {
      const levels = (request.query.levels ?? 'grid,micro_grid').split(',') as ('grid' | 'micro_grid')[];
      return service.drawnAreas(ctx, request.actor, request.query.within, levels);
    },
  );

  app.get(
    '/api/v1/regions/:code',
    {
      config: { permission: 'regions.read' },
      schema: { tags: ['regions'], summary: '区域详情（含上级与下级统计） Region with ancestors and counts', params: s.codeParams, response: { 200: s.regionDetail } },
    },
    async (request) => service.getRegion(ctx, request.actor, request.params.code),
  );

  app.post(
    '/api/v1/regions',
    {
      config: { permission: 'regions.write' },
      schema: { tags: ['regions'], summary: '新增网格或微网格 Add a grid or micro-grid', body: s.createAreaBody, response: { 201: s.regionDetail } },
    },
    async (request, reply) => reply.status(201).send(await service.createArea(ctx, request.actor, request.body)),
  );

  app.patch(
    '/api/v1/regions/:code',
    {
      config: { permission: 'regions.write' },
      schema: { tags: ['regions'], summary: '编辑网格或微网格 Edit a grid or micro-grid', params: s.codeParams, body: s.updateAreaBody, response: { 200: s.regionDetail } },
    },
    async (request) => service.updateArea(ctx, request.actor, request.params.code, request.body),
  );

  app.post(
    '/api/v1/regions/:code/retire',
    {
      config: { permission: 'regions.write' },
      schema: { tags: ['regions'], summary: '撤销网格 Retire a grid', params: s.codeParams, body: s.retireBody, response: { 200: s.regionDetail } },
    },
    async (request) => service.setRetired(ctx, request.actor, request.params.code, request.body, true),
  );

  app.post(
    '/api/v1/regions/:code/restore',
    {
      config: { permission: 'regions.write' },
      schema: { tags: ['regions'], summary: '恢复已撤销的网格 Restore a retired grid', params: s.codeParams, body: s.retireBody, response: { 200: s.regionDetail } },
    },
    async (request) => service.setRetired(ctx, request.actor, request.params.code, request.body, false),
  );
}
