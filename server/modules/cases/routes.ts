import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkImages, readMultipart, type CheckedFile } from '../../platform/files/files.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from '../../platform/http/app.ts';
import type { Api, AppContext } from '../../platform/module.ts';
import { replyWithTable } from '../../platform/tabular/export.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const UPLOAD_LIMITS = { maxBytes: MAX_UPLOAD_BYTES, maxFiles: MAX_UPLOAD_FILES };
const ATTRIBUTE_FIELD = /^attribute\[([a-z][a-z0-9_]{0,40})\]$/;

/** A report as JSON, or as a multipart form with photos; the whole request is checked before anything is stored. */
async function readReport(request: FastifyRequest): Promise<{ input: service.ReportInput; photos: CheckedFile[] }> {
  if (!request.isMultipart()) return { input: s.reportBody.parse(request.body), photos: [] };
  const { fields, files } = await readMultipart(request, UPLOAD_LIMITS);
  const attributes: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const match = ATTRIBUTE_FIELD.exec(key);
    if (match) attributes[match[1]!] = value;
    else rest[key] = value;
  }
  const input = s.reportFields.parse(rest);
  return { input: { ...input, attributes }, photos: checkImages(files, UPLOAD_LIMITS) };
}

const TAGS = ['cases'];
const PUBLIC_TAGS = ['cases (public)'];

export function caseRoutes(app: Api, ctx: AppContext): void {
  /* ---------- public ---------- */

  app.get(
    '/api/v1/public/categories',
    { config: { permission: 'public' }, schema: { tags: PUBLIC_TAGS, summary: '可上报的事件分类 Categories', response: { 200: s.categoryList } } },
    async () => service.listCategories(ctx, { includeInactive: false }),
  );

  app.post(
    '/api/v1/public/cases',
    {
      config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: PUBLIC_TAGS,
        summary: '居民上报事件（JSON 或带照片的 multipart） Report a problem',
        description: 'JSON body as `reportBody`, or multipart/form-data with the same fields, `attribute[CODE]` fields and up to 6 photos (JPEG, PNG, WebP, 10 MB each).',
        response: { 201: s.reportResult },
      },
    },
    async (request, reply) => {
      const { input, photos } = await readReport(request);
      return reply.status(201).send(await service.reportCase(ctx, request.actor, input, { source: 'public', photos }));
    },
  );

  app.get(
    '/api/v1/public/cases/nearby',
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags: PUBLIC_TAGS, summary: '附近 100 米内同类未办结事件 Open cases nearby', querystring: s.nearbyQuery, response: { 200: s.nearbyResult } },
    },
    async (request) => service.nearbyCases(ctx, request.query),
  );

  app.get(
    '/api/v1/public/cases/:trackingNo',
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags: PUBLIC_TAGS, summary: '按跟踪号查询进度 Track a report', params: s.trackingParams, querystring: s.trackingQuery, response: { 200: s.publicCase } },
    },
    async (request) => service.publicCase(ctx, request.params.trackingNo, request.query.token),
  );

  app.post(
    '/api/v1/public/cases/:trackingNo/verify',
    {
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: PUBLIC_TAGS, summary: '上报人核查处置结果 The reporter verifies', params: s.trackingParams, body: s.verifyBody, response: { 200: s.publicCase } },
    },
    async (request) => service.verifyByReporter(ctx, request.params.trackingNo, request.body),
  );

  /* ---------- staff ---------- */

  app.post(
    '/api/v1/cases',
    {
      config: { permission: 'cases.report' },
      schema: { tags: TAGS, summary: '网格员上报或代居民登记 Report as staff', response: { 201: s.reportResult } },
    },
    async (request, reply) => {
      const { input, photos } = await readReport(request);
      const source = request.actor.role === 'grid_worker' ? 'grid_worker' : 'staff';
      return reply.status(201).send(await service.reportCase(ctx, request.actor, input, { source, photos }));
    },
  );

  app.get(
    '/api/v1/cases',
    {
      config: { permission: 'cases.read' },
      schema: { tags: TAGS, summary: '事件列表与待办（逾期在前） Cases and the inbox', querystring: s.listQuery },
    },
    async (request, reply) => {
      const { format, limit: _limit, cursor: _cursor, ...filters } = request.query;
      if (format !== 'json') return replyWithTable(ctx, request, reply, 'cases', { ...filters, status: filters.status?.join(',') }, format);
      return s.caseList.parse(await service.listCases(ctx, request.actor, request.query));
    },
  );

  app.get(
    '/api/v1/cases/map',
    { config: { permission: 'cases.read' }, schema: { tags: TAGS, summary: '事件分布（GeoJSON） Cases on a map', querystring: s.mapQuery } },
    async (request) => service.casesMap(ctx, request.actor, request.query),
  );

  app.get(
    '/api/v1/cases/:id',
    { config: { permission: 'cases.read' }, schema: { tags: TAGS, summary: '事件详情、时间线与可办操作 A case', params: s.caseParams, response: { 200: s.caseDetail } } },
    async (request) => service.getCase(ctx, request.actor, request.params.id),
  );

  app.get(
    '/api/v1/cases/:id/candidates',
    { config: { permission: 'cases.act' }, schema: { tags: TAGS, summary: '可派遣的成员与单位 Whom to dispatch to', params: s.caseParams, response: { 200: s.candidatesResult } } },
    async (request) => service.candidates(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/actions/:action',
    {
      config: { permission: 'cases.act' },
      schema: { tags: TAGS, summary: '办理操作（带版本号，冲突返回 409） Act on a case', params: s.actionParams, body: s.actionBody, response: { 200: s.caseDetail } },
    },
    async (request) => service.act(ctx, request.actor, request.params.id, request.params.action, request.body),
  );

  app.post(
    '/api/v1/cases/:id/photos',
    { config: { permission: 'cases.act' }, schema: { tags: TAGS, summary: '上传处置照片 Upload handling photos', params: s.caseParams, response: { 201: s.photosResult } } },
    async (request, reply) => {
      const { files } = await readMultipart(request, UPLOAD_LIMITS);
      const checked = checkImages(files, UPLOAD_LIMITS);
      return reply.status(201).send(await service.addPhotos(ctx, request.actor, request.params.id, checked));
    },
  );

  app.get(
    '/api/v1/cases/:id/photos/:hash',
    { config: { permission: 'cases.read' }, schema: { tags: TAGS, summary: '事件照片 A photo', params: s.photoParams } },
    async (request, reply) => {
      const photo = await service.photoFile(ctx, request.actor, request.params.id, request.params.hash);
      return reply.type(photo.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(photo.data);
    },
  );

  /* ---------- categories ---------- */

  app.get(
    '/api/v1/case-categories',
    { config: { permission: 'cases.read' }, schema: { tags: TAGS, summary: '全部事件分类（含停用） All categories', response: { 200: s.categoryList } } },
    async () => service.listCategories(ctx, { includeInactive: true }),
  );

  app.post(
    '/api/v1/case-categories',
    { config: { permission: 'cases.categories.manage' }, schema: { tags: TAGS, summary: '新增事件分类 Add a category', body: s.createCategoryBody, response: { 201: s.category } } },
    async (request, reply) => reply.status(201).send(await service.createCategory(ctx, request.actor, request.body)),
  );

  app.patch(
    '/api/v1/case-categories/:code',
    {
      config: { permission: 'cases.categories.manage' },
      schema: { tags: TAGS, summary: '修改事件分类 Edit a category', params: s.categoryParams, body: s.updateCategoryBody, response: { 200: s.category } },
    },
    async (request) => service.updateCategory(ctx, request.actor, request.params.code, request.body),
  );

  /* ---------- notifications ---------- */

  app.get(
    '/api/v1/notifications',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '我的通知 My notifications', querystring: s.notificationsQuery, response: { 200: s.notificationList } } },
    async (request) => listNotifications(ctx, request.actor, { ...request.query, unread: request.query.unread === 'true' }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '标为已读 Mark read', params: s.notificationParams } },
    async (request, reply) => {
      await markNotificationRead(ctx, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '全部标为已读 Mark all read', response: { 200: z.object({ marked: z.number() }) } } },
    async (request) => ({ marked: await markAllNotificationsRead(ctx, request.actor) }),
  );
}
