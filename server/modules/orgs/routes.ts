import type { Api, AppContext } from '../../platform/module.ts';
import { replyWithTable } from '../../platform/tabular/export.ts';
import { DOMAIN_LABELS, ORG_DOMAINS, TAG_LABELS, TAGS } from './domain.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import { ORGS_ENTITY } from './tabular.ts';

export function orgRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs',
    {
      config: { permission: 'orgs.read' },
      schema: { tags: ['orgs'], summary: '党组织与单位：搜索、筛选、导出 Organisations: search, filter, export', querystring: s.listQuery },
    },
    async (request, reply) => {
      const { format, limit, cursor, ...filters } = request.query;
      if (format !== 'json') return replyWithTable(ctx, request, reply, ORGS_ENTITY, filters, format);
      return service.listOrgs(ctx, request.actor, { ...filters, limit, cursor });
    },
  );

  app.get(
    '/api/v1/orgs/vocabulary',
    {
      config: { permission: 'orgs.read' },
      schema: { tags: ['orgs'], summary: '领域与资源/需求标签 Domains and tags', response: { 200: s.vocabularyResponse } },
    },
    async () => ({
      domains: ORG_DOMAINS.map((key) => ({ key, ...DOMAIN_LABELS[key] })),
      tags: TAGS.map((key) => ({ key, ...TAG_LABELS[key] })),
    }),
  );

  app.get(
    '/api/v1/orgs/:id',
    {
      config: { permission: 'orgs.read' },
      schema: { tags: ['orgs'], summary: '组织详情 Organisation', params: s.idParams, response: { 200: s.orgView } },
    },
    async (request) => service.getOrg(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/orgs',
    {
      config: { permission: 'orgs.write' },
      schema: { tags: ['orgs'], summary: '新增组织 Add an organisation', body: s.createOrgBody, response: { 201: s.orgView } },
    },
    async (request, reply) => reply.status(201).send(await service.createOrg(ctx, request.actor, request.body)),
  );

  app.patch(
    '/api/v1/orgs/:id',
    {
      config: { permission: 'orgs.write' },
      schema: { tags: ['orgs'], summary: '编辑组织 Edit an organisation', params: s.idParams, body: s.updateOrgBody, response: { 200: s.orgView } },
    },
    async (request) => service.updateOrg(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:id/archive',
    {
      config: { permission: 'orgs.write' },
      schema: { tags: ['orgs'], summary: '删除（归档）组织 Archive an organisation', params: s.idParams, body: s.archiveBody, response: { 200: s.orgView } },
    },
    async (request) => service.setArchived(ctx, request.actor, request.params.id, request.body.version, true),
  );

  app.post(
    '/api/v1/orgs/:id/restore',
    {
      config: { permission: 'orgs.write' },
      schema: { tags: ['orgs'], summary: '恢复已归档的组织 Restore an organisation', params: s.idParams, body: s.archiveBody, response: { 200: s.orgView } },
    },
    async (request) => service.setArchived(ctx, request.actor, request.params.id, request.body.version, false),
  );
}
