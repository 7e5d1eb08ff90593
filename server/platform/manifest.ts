import { z } from 'zod';
import { auditMigrations } from './audit/migrations.ts';
import { auditRoutes } from './audit/routes.ts';
import { authMigrations } from './auth/migrations.ts';
import { authRoutes } from './auth/routes.ts';
import type { ModuleManifest } from './module.ts';
import { tabularRoutes } from './tabular/routes.ts';

export const VERSION = '0.1.0';

/** The platform's own capabilities (accounts, audit, health, spreadsheets), registered like a module. */
export const platformManifest: ModuleManifest = {
  name: 'platform',
  label: { zh: '平台', en: 'Platform' },
  migrations: { ...auditMigrations, ...authMigrations },
  permissions: {
    'users.manage': ['district_admin', 'town_admin'],
    'audit.read': ['district_admin'],
  },
  routes(app, ctx) {
    app.get(
      '/api/v1/health',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['platform'],
          summary: '健康检查 Health',
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }) },
        },
      },
      async () => {
        await ctx.db.selectFrom('gongzhi_meta').select('key').limit(1).execute();
        return { status: 'ok' as const, database: ctx.dialect, version: VERSION };
      },
    );
    authRoutes(app, ctx);
    auditRoutes(app, ctx);
    tabularRoutes(app, ctx);
  },
};
