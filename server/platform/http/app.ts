import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { can } from '../access/policy.ts';
import { anonymousActor, type Actor } from '../auth/actor.ts';
import { resolveActor } from '../auth/service.ts';
import { isBusyError } from '../db/index.ts';
import type { Api, AppContext } from '../module.ts';
import { AppError, forbidden, unauthenticated, type ErrorCode, type ErrorDetail } from './errors.ts';
import { nulPath, nulRefused } from './nul.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every API route names the permission it needs; `public` for open endpoints. */
    permission?: string;
    /** Set false on the sign-in route, which has no session to protect yet. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'gz_session';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 6;

const API_PREFIXES = ['/api/v1/', '/open311/'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const STATIC_FILE = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|json|txt|xml)$/i;

function statusCode(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rate_limited';
    default:
      return 'bad_request';
  }
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  malformed_json: '请求体不是合法的 JSON The request body is not valid JSON',
  payload_too_large: '请求体或文件过大 The request or file is too large',
  unsupported_media_type: '不支持的内容类型 Unsupported content type',
  rate_limited: '请求过于频繁，请稍后再试 Too many requests',
  busy: '系统繁忙，请稍后重试 The database is busy; please try again',
  not_found: '未找到 Not found',
};

/** Turn any failure into the uniform error body; only a genuine bug becomes a 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message ?? 'invalid',
      in: (error as { validationContext?: string }).validationContext ?? 'body',
    }));
    return new AppError(400, 'validation_failed', '请求参数不合法 The request is not valid', details);
  }
  if (error instanceof ZodError) {
    return new AppError(
      400,
      'validation_failed',
      '请求参数不合法 The request is not valid',
      error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const fe = error as Partial<FastifyError> & { statusCode?: number };
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && fe.statusCode === 400)) {
    return new AppError(400, 'malformed_json', MESSAGES.malformed_json!);
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError(400, 'malformed_json', '请求体为空 The request body is empty');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError(415, 'unsupported_media_type', MESSAGES.unsupported_media_type!);
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = statusCode(status);
    return new AppError(status, code, MESSAGES[code] ?? fe.message ?? 'bad request');
  }
  // Another writer held the database longer than we wait, or PostgreSQL chose this transaction to
  // give way: nothing was written, and the same request may well go through in a moment.
  if (isBusyError(error)) return new AppError(503, 'busy', MESSAGES.busy!, [], { retryAfterSeconds: 1 });
  return new AppError(500, 'internal_error', '服务器内部错误 Internal error');
}

function isApi(url: string): boolean {
  return API_PREFIXES.some((p) => url.startsWith(p)) || url === '/api/openapi.json';
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export async function buildHttp(ctx: AppContext, logger: Logger): Promise<Api> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
    // Failures of the router itself (a URL that does not decode, a path segment that is too long)
    // get the same body as every other error.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const failure = new AppError(400, 'bad_request', tooLong ? '地址中的参数过长 A part of the address is too long' : '地址格式错误 The address is malformed', [{ message: error.message }]);
      return reply.status(failure.status).send(failure.toBody());
    },
  }).withTypeProvider() as unknown as Api;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every API route must say which permission it needs: deny by default, caught at start-up.
  app.addHook('onRoute', (route) => {
    if (isApi(route.url) && route.url !== '/api/openapi.json' && !route.config?.permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    }
  });

  // Security headers, from one helmet middleware built at start-up (building it per request,
  // as the Fastify wrapper does, re-parses the whole policy for every answer).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(ctx.config.tileUrl ? [new URL(ctx.config.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin] : [])],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  // JSON, form-encoded (Open311) and multipart (uploads, spreadsheets) only: plain text is refused with 415.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: ctx.config.bodyLimitBytes });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOAD_FILES, fields: 50 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AppError(429, 'rate_limited', MESSAGES.rate_limited!, [], { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongzhi 共治 API', version: process.env.npm_package_version ?? '0.1.0', description: '党建引领开放共治平台 API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Text with the NUL character cannot be stored (PostgreSQL refuses it): a 400 before anything runs.
  app.addHook('preValidation', (request, _reply, done) => {
    const at = nulPath(request.params, 'params') ?? nulPath(request.query, 'query') ?? nulPath(request.body, 'body');
    done(at === null ? undefined : nulRefused(at));
  });

  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    const sessionToken = request.cookies[SESSION_COOKIE];
    const apiToken = bearer(request);
    request.actor = sessionToken || apiToken ? await resolveActor(ctx, { sessionToken, apiToken }) : anonymousActor;
    const config = request.routeOptions.config;
    const permission = config?.permission;
    if (!permission) return;
    if (!can(ctx.permissions, request.actor, permission)) {
      throw request.actor.role === null ? unauthenticated() : forbidden();
    }
    if (request.actor.kind === 'session' && !SAFE_METHODS.has(request.method) && config.csrf !== false) {
      if (request.headers['x-csrf-token'] !== request.actor.csrfToken) {
        throw new AppError(403, 'csrf_failed', '安全校验失败，请刷新页面后重试 CSRF check failed');
      }
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'busy') request.log.warn({ err: error }, 'database busy');
    else if (appError.status >= 500) request.log.error({ err: error }, 'unhandled error');
    if (typeof appError.extra.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(appError.extra.retryAfterSeconds));
    }
    return reply.status(appError.status).send(appError.toBody());
  });

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const hasWeb = existsSync(join(ctx.config.webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: ctx.config.webDir,
      wildcard: true,
      index: false,
      setHeaders: (reply, path) => {
        void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendIndex = (reply: FastifyReply) =>
    hasWeb
      ? reply.header('cache-control', 'no-cache').sendFile('index.html')
      : reply
          .type('text/html; charset=utf-8')
          .send('<!doctype html><meta charset="utf-8"><title>Gongzhi</title><p>网页尚未构建：请运行 <code>npm run build</code>。The web client is not built: run <code>npm run build</code>. API: <a href="/api/docs">/api/docs</a></p>');

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && !path.startsWith('/api') && !path.startsWith('/open311')) {
      // A missing asset is a 404; any other path is a page of the single-page app (ids may contain dots).
      if (path.startsWith('/assets/') || STATIC_FILE.test(path)) return reply.status(404).type('text/plain').send('not found');
      return sendIndex(reply);
    }
    return reply.status(404).send(new AppError(404, 'not_found', MESSAGES.not_found!).toBody());
  });
  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  return app;
}
