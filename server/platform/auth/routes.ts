import { z } from 'zod';
import { SESSION_COOKIE } from '../http/app.ts';
import { page } from '../http/schemas.ts';
import type { Api, AppContext } from '../module.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

export function authRoutes(app: Api, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public', csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录 Sign in', body: s.loginBody, response: { 200: s.loginResponse } },
    },
    async (request, reply) => {
      const result = await service.login(ctx, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        expires: new Date(result.expiresAt),
      });
      return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: '退出 Sign out' } },
    async (request, reply) => {
      await service.logout(ctx, request.actor);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: '当前用户 Who am I', response: { 200: s.meResponse } } },
    async (request) => ({ user: await service.me(ctx, request.actor), csrfToken: request.actor.csrfToken }),
  );

  app.get(
    '/api/v1/users',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], querystring: s.listUsersQuery, response: { 200: page(s.userView) } } },
    async (request) => service.listUsers(ctx, request.actor, request.query),
  );

  app.post(
    '/api/v1/users',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], body: s.createUserBody, response: { 201: s.userView } } },
    async (request, reply) => reply.status(201).send(await service.createUser(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/v1/users/:id',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], params: s.idParams, response: { 200: s.userView } } },
    async (request) => service.getUser(ctx, request.actor, request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], params: s.idParams, body: s.updateUserBody, response: { 200: s.userView } } },
    async (request) => service.updateUser(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/tokens',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: '创建 API 令牌（只显示一次） Create an API token (shown once)',
        params: s.idParams,
        body: s.createTokenBody,
        response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      await service.getUser(ctx, request.actor, request.params.id);
      return reply.status(201).send(await service.createToken(ctx, request.actor, request.params.id, request.body.name));
    },
  );

  app.get(
    '/api/v1/users/:id/tokens',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], params: s.idParams } },
    async (request) => {
      await service.getUser(ctx, request.actor, request.params.id);
      return { items: await service.listTokens(ctx, request.params.id) };
    },
  );

  app.delete(
    '/api/v1/users/:id/tokens/:tokenId',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], params: s.tokenParams } },
    async (request, reply) => {
      await service.getUser(ctx, request.actor, request.params.id);
      await service.revokeToken(ctx, request.actor, request.params.id, request.params.tokenId);
      return reply.status(204).send();
    },
  );
}
