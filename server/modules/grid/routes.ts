import type { Api, AppContext } from '../../platform/module.ts';
import { replyWithTable } from '../../platform/tabular/export.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import { MEMBERS_ENTITY } from './tabular.ts';

const tags = ['grid'];
const GEOJSON_BODY_LIMIT = 10 * 1024 * 1024;

export function gridRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/grid/members',
    {
      config: { permission: 'grid.members.read' },
      schema: { tags, summary: '网格力量成员列表（?format=xlsx|csv 导出） List grid members, or export them', querystring: s.listQuery },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      if (format !== 'json') {
        const { cursor: _cursor, limit: _limit, ...filters } = input;
        return replyWithTable(ctx, request, reply, MEMBERS_ENTITY, filters, format);
      }
      return service.listMembers(ctx, request.actor, input);
    },
  );

  app.post(
    '/api/v1/grid/members',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '新增成员 Add a member', body: s.createMemberBody, response: { 201: s.memberView } },
    },
    async (request, reply) => reply.status(201).send(await service.createMember(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/v1/grid/accounts',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '可关联的登录账号（管辖范围内） Sign-in accounts a member can be linked to', querystring: s.accountsQuery, response: { 200: s.accountsResponse } },
    },
    async (request) => service.linkableAccounts(ctx, request.actor, request.query),
  );

  app.get(
    '/api/v1/grid/members/:id',
    {
      config: { permission: 'grid.members.read' },
      schema: { tags, summary: '成员详情（可见完整手机号的角色读取时记入审计） A member; full phones are audited', params: s.idParams, response: { 200: s.memberView } },
    },
    async (request) => service.getMember(ctx, request.actor, request.params.id),
  );

  app.patch(
    '/api/v1/grid/members/:id',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '编辑成员 Edit a member', params: s.idParams, body: s.updateMemberBody, response: { 200: s.memberView } },
    },
    async (request) => service.updateMember(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/grid/members/:id/deactivate',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '停用成员 Deactivate a member', params: s.idParams, body: s.versionBody, response: { 200: s.memberView } },
    },
    async (request) => service.setActive(ctx, request.actor, request.params.id, request.body.version, false),
  );

  app.post(
    '/api/v1/grid/members/:id/reactivate',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '恢复成员（撤销停用） Reactivate a member', params: s.idParams, body: s.versionBody, response: { 200: s.memberView } },
    },
    async (request) => service.setActive(ctx, request.actor, request.params.id, request.body.version, true),
  );

  app.post(
    '/api/v1/grid/members/:id/assignments',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '编入微网格或更改角色 Assign to a micro-grid', params: s.idParams, body: s.assignBody, response: { 200: s.memberView, 201: s.memberView } },
    },
    async (request, reply) => {
      const { created, member } = await service.assign(ctx, request.actor, request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(member);
    },
  );

  app.delete(
    '/api/v1/grid/members/:id/assignments/:microGridCode',
    {
      config: { permission: 'grid.members.write' },
      schema: { tags, summary: '移出微网格 Remove from a micro-grid', params: s.assignmentParams },
    },
    async (request, reply) => {
      await service.unassign(ctx, request.actor, request.params.id, request.params.microGridCode);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/grid/coverage',
    {
      config: { permission: 'grid.coverage.read' },
      schema: { tags, summary: '力量覆盖与配置达标情况 Coverage and staffing', querystring: s.coverageQuery, response: { 200: s.coverageResponse } },
    },
    async (request) => service.coverage(ctx, request.actor, request.query.region),
  );

  app.get(
    '/api/v1/grid/coverage.geojson',
    {
      config: { permission: 'grid.coverage.read' },
      schema: { tags, summary: '微网格配置状态地图 Micro-grids coloured by staffing, as GeoJSON', querystring: s.coverageQuery },
    },
    async (request, reply) => reply.type('application/geo+json').send(await service.coverageGeojson(ctx, request.actor, request.query.region)),
  );

  app.get(
    '/api/v1/grid/staffing-rule',
    {
      config: { permission: 'grid.coverage.read' },
      schema: { tags, summary: '微网格力量配置规则 The staffing rule', response: { 200: s.staffingRuleView } },
    },
    async () => service.getStaffingRule(ctx),
  );

  app.put(
    '/api/v1/grid/staffing-rule',
    {
      config: { permission: 'grid.settings.write' },
      schema: { tags, summary: '修改配置规则 Change the staffing rule', body: s.putStaffingRuleBody, response: { 200: s.staffingRuleView } },
    },
    async (request) => service.putStaffingRule(ctx, request.actor, request.body),
  );

  app.post(
    '/api/v1/grid/areas/import-geojson',
    {
      bodyLimit: GEOJSON_BODY_LIMIT,
      config: { permission: 'grid.areas.write' },
      schema: { tags, summary: '从 GeoJSON 导入网格与微网格（全部或全不） Import grid polygons from GeoJSON, all or nothing', querystring: s.geojsonImportQuery, body: s.geojsonImportBody, response: { 200: s.geojsonImportResponse, 201: s.geojsonImportResponse } },
    },
    async (request, reply) => {
      const dryRun = request.query.dryRun === 'true';
      return reply.status(dryRun ? 200 : 201).send(await service.importAreas(ctx, request.actor, request.body, dryRun));
    },
  );

  app.get(
    '/api/v1/grid/areas/overlaps',
    {
      config: { permission: 'grid.coverage.read' },
      schema: { tags, summary: '村社区内相互重叠的网格与微网格 Overlapping sibling areas in a village', querystring: s.overlapsQuery, response: { 200: s.overlapsResponse } },
    },
    async (request) => service.villageOverlaps(ctx, request.actor, request.query.village),
  );
}
