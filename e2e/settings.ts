/** Shared by the Playwright config, the e2e server and the specs, so all three agree. */
export const ADMIN_EMAIL = 'admin@braid.test';
export const ADMIN_PASSWORD = 'e2e-admin-password';

export const E2E_PROJECTS = [
  { name: 'sqlite', dialect: 'sqlite', port: 3101 },
  { name: 'postgres', dialect: 'postgres', port: 3102 },
] as const;

export type E2eDialect = (typeof E2E_PROJECTS)[number]['dialect'];

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
