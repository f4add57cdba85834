import { defineConfig } from '@playwright/test';

// Browser tests of the console against a real hub (tests/run-browser-tests.sh
// starts one and sets FHUB_CONSOLE_URL). Debian's Chromium, never a browser
// Playwright downloads; one worker, the tests in order.
const build = process.env.FHUB_BUILD_DIR ?? `${process.cwd()}/../build`;

export default defineConfig({
  testDir: 'tests',
  testMatch: /.*\.spec\.ts$/,
  outputDir: `${build}/web-test-results`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: `${build}/web-test-results/results.json` }]],
  use: {
    baseURL: process.env.FHUB_CONSOLE_URL ?? 'http://127.0.0.1:7000/',
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.FHUB_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
