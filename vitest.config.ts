import { defineConfig } from 'vitest/config';

const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts', 'bench/**/*.int.test.ts'];

/**
 * Three projects: pure unit tests, and the integration suite run twice, once on SQLite and
 * once on PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'], exclude: integration },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: integration,
          env: { BRAID_TEST_DIALECT: 'sqlite' },
          globalSetup: ['test/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: integration,
          env: { BRAID_TEST_DIALECT: 'postgres' },
          globalSetup: ['test/globalSetup.ts'],
        },
      },
    ],
  },
});
