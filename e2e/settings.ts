/** Shared by the Playwright config, the e2e server and the specs, so all three agree. */
export const ADMIN_EMAIL = 'admin@braid.test';
export const ADMIN_PASSWORD = 'e2e-admin-password';

/** BRAID_E2E_PORT_BASE moves both servers, so two checkouts can run their browser tests at once. */
const PORT_BASE = Number(process.env.BRAID_E2E_PORT_BASE) || 3100;

export const E2E_PROJECTS = [
  { name: 'sqlite', dialect: 'sqlite', port: PORT_BASE + 1 },
  { name: 'postgres', dialect: 'postgres', port: PORT_BASE + 2 },
] as const;

export type E2eDialect = (typeof E2E_PROJECTS)[number]['dialect'];

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
