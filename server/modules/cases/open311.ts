import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { toAppError } from '../../platform/http/app.ts';
import type { Api, AppContext } from '../../platform/module.ts';
import * as doc from './open311/serialize.ts';
import { changeset, createRequest, discoveryDocument, findRequest, findRequests, findToken, Open311Failure, serviceDefinition, serviceList, toOpen311Failure } from './open311/service.ts';

/**
 * Open311 GeoReport v2 at `/open311/v2/`: every method in `.json` and `.xml`, errors as the
 * specification's `errors` document in the format asked for.
 */
export const OPEN311_BASE = '/open311/v2';
const FORMATS: readonly doc.Format[] = ['json', 'xml'];
const FILE = /^(.+)\.(json|xml)$/;

function formatOf(url: string): doc.Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: doc.Format, status: number, body: string): FastifyReply {
  return reply.status(status).type(doc.CONTENT_TYPES[format]).send(body);
}

function sendFailure(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const format = formatOf(request.url);
  const failure = toOpen311Failure(error) ?? toOpen311Failure(toAppError(error));
  if (!failure) {
    request.log.error({ err: error }, 'open311 request failed');
    return send(reply, format, 500, doc.errors(format, [{ code: 500, description: 'internal error' }]));
  }
  return send(reply, format, failure.status, doc.errors(format, [{ code: failure.status, description: failure.message }]));
}

/** `requests/QBJ-20260302-000001.xml` → the id and the format; anything else is a 404. */
function splitFile(file: string): { id: string; format: doc.Format } {
  const match = FILE.exec(file);
  if (!match) throw new Open311Failure(404, 'unknown format: use .json or .xml');
  return { id: match[1]!, format: match[2] as doc.Format };
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${OPEN311_BASE}/`;
}

export function open311Routes(app: Api, ctx: AppContext): void {
  const options = {
    config: { permission: 'public' },
    schema: { tags: ['open311'], hide: false },
    errorHandler: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendFailure(request, reply, error),
  };

  for (const format of FORMATS) {
    app.get(`${OPEN311_BASE}/discovery.${format}`, options, async (request, reply) =>
      send(reply, format, 200, doc.discovery(format, discoveryDocument(baseUrl(request), await changeset(ctx)))),
    );
    app.get(`${OPEN311_BASE}/services.${format}`, options, async (_request, reply) => send(reply, format, 200, doc.services(format, await serviceList(ctx))));
    app.get(`${OPEN311_BASE}/requests.${format}`, options, async (request, reply) =>
      send(reply, format, 200, doc.requests(format, await findRequests(ctx, request.query as Record<string, unknown>))),
    );
    app.post(`${OPEN311_BASE}/requests.${format}`, options, async (request, reply) => send(reply, format, 200, doc.created(format, await createRequest(ctx, request.body))));
  }

  app.get(`${OPEN311_BASE}/services/:file`, options, async (request, reply) => {
    const { id, format } = splitFile((request.params as { file: string }).file);
    return send(reply, format, 200, doc.serviceDefinition(format, await serviceDefinition(ctx, id)));
  });
  app.get(`${OPEN311_BASE}/requests/:file`, options, async (request, reply) => {
    const { id, format } = splitFile((request.params as { file: string }).file);
    return send(reply, format, 200, doc.requests(format, await findRequest(ctx, id, request.query as Record<string, unknown>)));
  });
  app.get(`${OPEN311_BASE}/tokens/:file`, options, async (request, reply) => {
    const { id, format } = splitFile((request.params as { file: string }).file);
    return send(reply, format, 200, doc.tokens(format, await findToken(ctx, id)));
  });

  // Anything else under the base answers in Open311's own error format.
  app.all(`${OPEN311_BASE}/*`, { ...options, schema: { hide: true } }, async (request, reply) => sendFailure(request, reply, new Open311Failure(404, `no such resource: ${request.url.split('?')[0]}`)));
}
