import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../module.ts';
import { exportEntity, type TabularFile } from './service.ts';
import type { TableFormat } from './write.ts';

/** RFC 5987 percent-encoding: encodeURIComponent leaves ' ( ) * alone, which attr-char does not allow. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(file: Pick<TabularFile, 'filename' | 'asciiFilename'>): string {
  const ascii = file.asciiFilename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(file.filename)}`;
}

/** Send a spreadsheet as a download. */
export function sendTable(reply: FastifyReply, file: TabularFile): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'no-store')
    .send(file.body);
}

/** Query values as the entity's exportRows receives them: strings, absent ones left out. */
function filterStrings(filters: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}

/**
 * For a module's list route: answer `?format=xlsx|csv` with the spreadsheet of the same filtered
 * list (every page of it, so leave paging parameters out of `filters`).
 */
export async function replyWithTable(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  entityId: string,
  filters: Readonly<Record<string, unknown>>,
  format: TableFormat,
): Promise<FastifyReply> {
  return sendTable(reply, await exportEntity(ctx, request.actor, entityId, format, filterStrings(filters)));
}
