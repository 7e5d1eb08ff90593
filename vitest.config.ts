import { defineConfig } from 'vitest/config';

/**
 * Three tiers, four projects: pure unit tests; the HTTP integration suite once on SQLite and once
 * on PostgreSQL (plus `*.pg.test.ts`, for what exists on PostgreSQL only); end-to-end tests in
 * Chromium. `npm test` runs them all.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['server/**/*.int.test.ts', 'server/**/*.pg.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'sqlite',
          include: ['server/**/*.int.test.ts'],
          env: { GONGZHI_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['server/**/*.int.test.ts', 'server/**/*.pg.test.ts'],
          env: { GONGZHI_TEST_DB: 'postgres' },
          globalSetup: ['server/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
