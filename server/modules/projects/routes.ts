import { checkImages, readMultipart } from '../../platform/files/files.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from '../../platform/http/app.ts';
import type { Api, AppContext } from '../../platform/module.ts';
import { replyWithTable } from '../../platform/tabular/export.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import { PROJECTS_ENTITY } from './tabular.ts';

const PHOTO_LIMITS = { maxBytes: MAX_UPLOAD_BYTES, maxFiles: MAX_UPLOAD_FILES };

export function projectRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/projects',
    {
      config: { permission: 'projects.read' },
      schema: { tags: ['projects'], summary: '共建项目：列表、筛选、导出 Projects: list, filter, export', querystring: s.listQuery },
    },
    async (request, reply) => {
      const { format, limit, cursor, ...filters } = request.query;
      if (format !== 'json') return replyWithTable(ctx, request, reply, PROJECTS_ENTITY, filters, format);
      return service.listProjects(ctx, request.actor, { ...filters, limit, cursor });
    },
  );

  app.get(
    '/api/v1/projects/board',
    {
      config: { permission: 'projects.read' },
      schema: { tags: ['projects'], summary: '项目看板（按状态分列） Board by status', querystring: s.boardQuery, response: { 200: s.boardView } },
    },
    async (request) => service.board(ctx, request.actor, request.query),
  );

  app.get(
    '/api/v1/projects/ladder',
    { config: { permission: 'projects.read' }, schema: { tags: ['projects'], summary: '项目状态阶梯 Status ladder', response: { 200: s.ladderView } } },
    async () => service.getLadder(ctx),
  );

  app.put(
    '/api/v1/projects/ladder',
    {
      config: { permission: 'projects.config' },
      schema: { tags: ['projects'], summary: '编辑状态阶梯 Edit the status ladder', body: s.updateLadderBody, response: { 200: s.ladderView } },
    },
    async (request) => service.updateLadder(ctx, request.actor, request.body),
  );

  app.get(
    '/api/v1/projects/:id',
    { config: { permission: 'projects.read' }, schema: { tags: ['projects'], summary: '项目详情 Project', params: s.idParams, response: { 200: s.projectDetail } } },
    async (request) => service.getProject(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/projects',
    {
      config: { permission: 'projects.write' },
      schema: { tags: ['projects'], summary: '新建项目或子项目 Create a project or child project', body: s.createProjectBody, response: { 201: s.projectDetail } },
    },
    async (request, reply) => reply.status(201).send(await service.createProject(ctx, request.actor, request.body)),
  );

  app.patch(
    '/api/v1/projects/:id',
    {
      config: { permission: 'projects.write' },
      schema: { tags: ['projects'], summary: '编辑项目 Edit a project', params: s.idParams, body: s.updateProjectBody, response: { 200: s.projectDetail } },
    },
    async (request) => service.updateProject(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/projects/:id/progress',
    {
      config: { permission: 'projects.progress' },
      schema: {
        tags: ['projects'],
        summary: '填报进度（可附照片） Report progress, with photos',
        description: 'JSON `{"date", "percent", "statusKey"?, "note"?}`，或 multipart/form-data：同名文本字段，照片放在文件字段（JPEG/PNG/WebP，最多 6 张）。',
        params: s.idParams,
        response: { 201: s.projectDetail },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) return reply.status(201).send(await service.addProgress(ctx, request.actor, request.params.id, s.progressBody.parse(request.body)));
      const form = await readMultipart(request, PHOTO_LIMITS);
      const input = s.progressForm.parse(form.fields);
      const photos = checkImages(form.files, PHOTO_LIMITS);
      return reply.status(201).send(await service.addProgress(ctx, request.actor, request.params.id, { ...input, note: input.note || null }, photos));
    },
  );

  app.get(
    '/api/v1/projects/:id/photos/:hash',
    { config: { permission: 'projects.read' }, schema: { tags: ['projects'], summary: '进度照片 Progress photo', params: s.photoParams } },
    async (request, reply) => {
      const photo = await service.progressPhoto(ctx, request.actor, request.params.id, request.params.hash);
      return reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=86400').send(photo.data);
    },
  );

  app.post(
    '/api/v1/projects/:id/progress/:entryId/verify',
    {
      config: { permission: 'projects.verify' },
      schema: { tags: ['projects'], summary: '核实进度 Verify a progress entry', params: s.entryParams, body: s.verifyBody, response: { 200: s.projectDetail } },
    },
    async (request) => service.verifyProgress(ctx, request.actor, request.params.id, request.params.entryId, request.body.version),
  );
}
