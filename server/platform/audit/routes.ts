import { z } from 'zod';
import { limitParam, positionCursorParam } from '../http/schemas.ts';
import type { Api, AppContext } from '../module.ts';
import { listAudit, verifyAudit } from './service.ts';

const auditQuery = z.strictObject({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(80).optional(),
  actorId: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  q: z.string().max(60).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  cursor: positionCursorParam,
  limit: limitParam,
});

export function auditRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/audit',
    { config: { permission: 'audit.read' }, schema: { tags: ['audit'], summary: '审计日志 Audit log', querystring: auditQuery } },
    async (request) => {
      const { cursor, ...filter } = request.query;
      return listAudit(ctx.db, ctx.dialect, { ...filter, beforeSeq: cursor === undefined ? undefined : Number(cursor) });
    },
  );
  app.get(
    '/api/v1/audit/verify',
    { config: { permission: 'audit.read' }, schema: { tags: ['audit'], summary: '校验审计链 Verify the audit chain' } },
    async () => verifyAudit(ctx.db),
  );
}
