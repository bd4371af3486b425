import { defineConfig, devices } from '@playwright/test';
import { E2E_PROJECTS } from './e2e/settings';

/**
 * Browser tests on Debian's Chromium (never a downloaded browser), one project per
 * storage dialect, each against its own Braid on a fresh database (see e2e/serve.ts).
 * Build the web app first: `npx vite build && npx playwright test` (npm test does both).
 */
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Projects named on the command line (`--project=sqlite`), so only their servers start. */
function requestedProjects(argv: string[]): Set<string> | null {
  const names = new Set<string>();
  argv.forEach((arg, index) => {
    if (arg.startsWith('--project=')) names.add(arg.slice('--project='.length));
    else if (arg === '--project' && argv[index + 1]) names.add(argv[index + 1]!);
  });
  return names.size ? names : null;
}

const requested = requestedProjects(process.argv);
const baseUrl = (port: number) => `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './e2e/artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: './e2e/artifacts/report', open: 'never' }]],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: E2E_PROJECTS.map((project) => ({
    name: project.name,
    use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, baseURL: baseUrl(project.port) },
  })),
  webServer: E2E_PROJECTS.filter((project) => !requested || requested.has(project.name)).map((project) => ({
    name: `braid-${project.name}`,
    command: `node --import tsx e2e/serve.ts ${project.dialect} ${project.port}`,
    url: `${baseUrl(project.port)}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
  })),
});
