import { z } from 'zod';
import { checkImages, readMultipart, type CheckedFile } from '../../platform/files/files.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from '../../platform/http/app.ts';
import type { Api, AppContext } from '../../platform/module.ts';
import { replyWithTable } from '../../platform/tabular/export.ts';
import { projectDetail } from '../projects/schema.ts';
import * as matchmaking from './matchmaking.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import { PAIRINGS_ENTITY } from './tabular.ts';
import * as tasks from './tasks.ts';

const PHOTO_LIMITS = { maxBytes: MAX_UPLOAD_BYTES, maxFiles: MAX_UPLOAD_FILES };
const evidenceForm = z.strictObject({ note: z.string().trim().max(2000).optional() });

export function pairingRoutes(app: Api, ctx: AppContext): void {
  const tags = ['pairing'];

  /* ---------- pairings ---------- */

  app.get(
    '/api/v1/pairings',
    { config: { permission: 'pairing.read' }, schema: { tags, summary: '结对列表、筛选、导出 Pairings: list, filter, export', querystring: s.listQuery } },
    async (request, reply) => {
      const { format, limit, cursor, ...filters } = request.query;
      if (format !== 'json') return replyWithTable(ctx, request, reply, PAIRINGS_ENTITY, filters, format);
      return service.listPairings(ctx, request.actor, { ...filters, limit, cursor });
    },
  );

  app.post(
    '/api/v1/pairings',
    { config: { permission: 'pairing.write' }, schema: { tags, summary: '新建结对 Create a pairing', body: s.createPairingBody, response: { 201: s.pairingDetail } } },
    async (request, reply) => reply.status(201).send(await service.createPairing(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/v1/pairings/:id',
    { config: { permission: 'pairing.read' }, schema: { tags, summary: '结对详情（结对方、任务、项目） Pairing with parties, tasks, projects', params: s.idParams, response: { 200: s.pairingDetail } } },
    async (request) => service.getPairing(ctx, request.actor, request.params.id),
  );

  app.patch(
    '/api/v1/pairings/:id',
    { config: { permission: 'pairing.write' }, schema: { tags, summary: '编辑结对 Edit a pairing', params: s.idParams, body: s.updatePairingBody, response: { 200: s.pairingDetail } } },
    async (request) => service.updatePairing(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/pairings/:id/transition',
    {
      config: { permission: 'pairing.write' },
      schema: { tags, summary: '生效、完成或解除结对 Activate, conclude or dissolve', params: s.idParams, body: s.transitionBody, response: { 200: s.pairingDetail } },
    },
    async (request) => service.transitionPairing(ctx, request.actor, request.params.id, request.body),
  );

  app.patch(
    '/api/v1/pairings/:id/tasks/:taskId',
    {
      config: { permission: 'pairing.tasks.update' },
      schema: { tags, summary: '更新结对任务 Update a task', params: s.taskParams, body: s.updateTaskBody, response: { 200: s.pairingDetail } },
    },
    async (request) => tasks.updateTask(ctx, request.actor, request.params.id, request.params.taskId, request.body),
  );

  app.post(
    '/api/v1/pairings/:id/tasks/:taskId/evidence',
    {
      config: { permission: 'pairing.tasks.update' },
      schema: {
        tags,
        summary: '上传任务佐证（说明、照片） Add evidence to a task',
        description: 'JSON `{"note": "…"}`，或 multipart/form-data：字段 note，照片放在任意文件字段（JPEG/PNG/WebP，最多 6 张）。',
        params: s.taskParams,
        response: { 201: s.pairingDetail },
      },
    },
    async (request, reply) => {
      let note: string | null;
      let photos: CheckedFile[] = [];
      if (request.isMultipart()) {
        const form = await readMultipart(request, PHOTO_LIMITS);
        note = evidenceForm.parse(form.fields).note || null;
        photos = checkImages(form.files, PHOTO_LIMITS);
      } else {
        note = s.evidenceBody.parse(request.body).note;
      }
      return reply.status(201).send(await tasks.addEvidence(ctx, request.actor, request.params.id, request.params.taskId, note, photos));
    },
  );

  app.get(
    '/api/v1/pairings/:id/photos/:hash',
    { config: { permission: 'pairing.read' }, schema: { tags, summary: '任务佐证照片 Evidence photo', params: s.photoParams } },
    async (request, reply) => {
      const photo = await tasks.evidencePhoto(ctx, request.actor, request.params.id, request.params.hash);
      return reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=86400').send(photo.data);
    },
  );

  app.post(
    '/api/v1/pairings/:id/projects',
    {
      config: { permission: 'projects.write' },
      schema: { tags, summary: '为结对新建共建项目 Create a co-building project of this pairing', params: s.idParams, body: s.pairingProjectBody, response: { 201: projectDetail } },
    },
    async (request, reply) => reply.status(201).send(await service.createPairingProject(ctx, request.actor, request.params.id, request.body)),
  );

  /* ---------- configuration ---------- */

  app.get(
    '/api/v1/pairing/config',
    { config: { permission: 'pairing.read' }, schema: { tags, summary: '结对机制、帮扶方式与任务模板 Mechanisms, modes, task templates', response: { 200: s.configView } } },
    async () => service.getConfig(ctx),
  );

  app.patch(
    '/api/v1/pairing/config/mechanisms/:key',
    { config: { permission: 'pairing.config' }, schema: { tags, summary: '编辑结对机制 Edit a mechanism', params: s.keyParams, body: s.updateMechanismBody, response: { 200: s.configView } } },
    async (request) => service.updateMechanism(ctx, request.actor, request.params.key, request.body),
  );

  app.post(
    '/api/v1/pairing/config/modes',
    { config: { permission: 'pairing.config' }, schema: { tags, summary: '新增帮扶方式 Add a pairing mode', body: s.createModeBody, response: { 201: s.configView } } },
    async (request, reply) => reply.status(201).send(await service.createMode(ctx, request.actor, request.body)),
  );

  app.patch(
    '/api/v1/pairing/config/modes/:key',
    { config: { permission: 'pairing.config' }, schema: { tags, summary: '编辑或停用帮扶方式 Edit or retire a mode', params: s.keyParams, body: s.updateModeBody, response: { 200: s.configView } } },
    async (request) => service.updateMode(ctx, request.actor, request.params.key, request.body),
  );

  app.post(
    '/api/v1/pairing/config/modes/:key/templates',
    { config: { permission: 'pairing.config' }, schema: { tags, summary: '新增任务模板 Add a task template', params: s.keyParams, body: s.createTemplateBody, response: { 201: s.configView } } },
    async (request, reply) => reply.status(201).send(await service.createTemplate(ctx, request.actor, request.params.key, request.body)),
  );

  app.patch(
    '/api/v1/pairing/config/templates/:id',
    { config: { permission: 'pairing.config' }, schema: { tags, summary: '编辑任务模板 Edit a task template', params: s.templateParams, body: s.updateTemplateBody, response: { 200: s.configView } } },
    async (request) => service.updateTemplate(ctx, request.actor, request.params.id, request.body),
  );

  /* ---------- coverage and matchmaker ---------- */

  app.get(
    '/api/v1/pairing/coverage',
    { config: { permission: 'pairing.read' }, schema: { tags, summary: '结对覆盖情况 Coverage of a region', querystring: s.coverageQuery, response: { 200: s.coverageView } } },
    async (request) => service.coverage(ctx, request.actor, request.query.region),
  );

  app.post(
    '/api/v1/pairing/matchmaker/run',
    { config: { permission: 'pairing.matchmake' }, schema: { tags, summary: '智能匹配：提出最优结对建议 Propose optimal pairings', body: s.matchmakerRunBody, response: { 200: s.matchmakerRunView } } },
    async (request) => matchmaking.runMatchmaker(ctx, request.actor, request.body),
  );

  app.post(
    '/api/v1/pairing/matchmaker/accept',
    {
      config: { permission: 'pairing.matchmake' },
      schema: { tags, summary: '采纳建议，生成拟结对（全部或全不） Accept suggestions as proposed pairings, all or none', body: s.matchmakerAcceptBody, response: { 201: s.matchmakerAcceptView } },
    },
    async (request, reply) => reply.status(201).send(await matchmaking.acceptSuggestions(ctx, request.actor, request.body)),
  );
}
