import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { multipartFailure } from '../files/files.ts';
import { AppError } from '../http/errors.ts';
import type { Api, AppContext } from '../module.ts';
import { sendTable } from './export.ts';
import { authorize, exportEntity, getImportJob, importFailure, listEntities, runImport, startImportJob, template } from './service.ts';

/*
 * Every route is open to any signed-in user at the route level; the table's own export or import
 * permission is checked by the service, as it depends on which table the path names.
 */

const format = z.enum(['xlsx', 'csv']).default('xlsx');
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

const entityParams = z.strictObject({ entity: z.string().min(1).max(80) });
const templateQuery = z.strictObject({ format });
/** The filters are the table's own (those of its list route), so any further string parameter is passed on. */
const exportQuery = z.object({ format }).catchall(z.string().max(200));
const importQuery = z.strictObject({ dryRun: flag, wait: flag });
const jobParams = z.strictObject({ id: z.string().min(1).max(64) });

const cellType = z.enum(['string', 'integer', 'number', 'date', 'boolean', 'enum', 'geojson']);
const bilingual = z.object({ zh: z.string(), en: z.string() });
const entityList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      label: bilingual,
      columns: z.array(
        z.object({
          key: z.string(),
          header: bilingual,
          type: cellType,
          required: z.boolean(),
          options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
          maxLength: z.number().optional(),
          example: z.string().optional(),
          note: z.string().optional(),
        }),
      ),
      canImport: z.boolean(),
      canExport: z.boolean(),
    }),
  ),
});
const rowError = z.object({ row: z.number(), column: z.string().optional(), message: z.string() });
const importSummary = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(rowError),
  warnings: z.array(rowError),
  dryRun: z.boolean(),
  applied: z.boolean(),
});
const accepted = z.object({ jobId: z.string(), url: z.string() });
const importJob = z.object({
  id: z.string(),
  entity: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  dryRun: z.boolean(),
  processed: z.number(),
  total: z.number(),
  summary: importSummary.optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.record(z.string(), z.unknown())) }).optional(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** The uploaded file from the multipart field `file`, fully read (over 10 MB fails with 413 while reading). */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件（字段 file） Upload the file as multipart/form-data, field "file"');
  }
  let part;
  let body: Buffer;
  try {
    part = await request.file();
    if (!part) throw new AppError(400, 'bad_request', '请选择要导入的文件（字段 file） No file was uploaded in the field "file"');
    body = await part.toBuffer();
  } catch (error) {
    throw multipartFailure(error);
  }
  if (part.fieldname !== 'file') throw new AppError(400, 'bad_request', `文件应放在字段 file 中，收到 ${part.fieldname} The file belongs in the field "file"`);
  return body;
}

/** Template, export and import endpoints for every tabular entity the modules declare. */
export function tabularRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/tabular',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['tabular'], summary: '可导入导出的表格 Tables you may import or export', response: { 200: entityList } },
    },
    async (request) => ({ items: listEntities(ctx, request.actor) }),
  );

  app.get(
    '/api/v1/tabular/:entity/template',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['tabular'], summary: '下载导入模板 Download the import template', params: entityParams, querystring: templateQuery },
    },
    async (request, reply) => sendTable(reply, await template(ctx, request.actor, request.params.entity, request.query.format)),
  );

  app.get(
    '/api/v1/tabular/:entity/export',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['tabular'], summary: '导出为 Excel 或 CSV Export as xlsx or csv', params: entityParams, querystring: exportQuery },
    },
    async (request, reply) => {
      const { format: fileFormat, ...filters } = request.query;
      return sendTable(reply, await exportEntity(ctx, request.actor, request.params.entity, fileFormat, filters));
    },
  );

  app.post(
    '/api/v1/tabular/:entity/import',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['tabular'],
        summary: '导入 .xlsx 或 .csv（全部成功或全部不写入） Import .xlsx or .csv, all rows or none',
        description: 'multipart/form-data，文件放在字段 file。wait=true 时等待结果；否则返回 202 和任务地址。dryRun=true 只校验不写入。',
        params: entityParams,
        querystring: importQuery,
        response: { 200: importSummary, 202: accepted },
      },
    },
    async (request, reply) => {
      const { entity } = request.params;
      const { dryRun, wait } = request.query;
      authorize(ctx, request.actor, entity, 'import');
      const file = await uploadedFile(request);
      if (!wait) {
        const job = startImportJob(ctx, request.actor, entity, file, { dryRun });
        return reply.status(202).send({ jobId: job.id, url: `/api/v1/tabular/jobs/${job.id}` });
      }
      const summary = await runImport(ctx, request.actor, entity, file, { dryRun });
      if (summary.errors.length > 0) throw importFailure(summary);
      return reply.status(200).send(summary);
    },
  );

  app.get(
    '/api/v1/tabular/jobs/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['tabular'], summary: '导入进度 Import progress', params: jobParams, response: { 200: importJob } },
    },
    async (request) => getImportJob(ctx, request.actor, request.params.id),
  );
}
