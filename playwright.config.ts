import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests in a real Chromium. Playwright never downloads a browser
 * here: it drives the machine's Chromium (Debian's package by default).
 * The app and backend are started by Playwright unless already running.
 */
const chromium = process.env.CLOUDOPS_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  globalSetup: './packages/app/e2e-tests/waitForPortal.ts',
  webServer: [
    {
      command: 'yarn start app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
    },
    {
      command: 'yarn start backend',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'ignore',
    },
  ],
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e/results.json' }]],
  outputDir: 'artifacts/e2e/output',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'app', testDir: 'packages/app/e2e-tests' }],
});
