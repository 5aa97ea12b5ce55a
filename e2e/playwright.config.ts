import { defineConfig } from '@playwright/test'

/**
 * Browser tests against the built app served by the real server (started in global setup).
 * Debian's Chromium, never a downloaded browser. Two workers at most: the machine has 2 cores
 * and each test drives two or three browser contexts.
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './global/globalSetup.ts',
  globalTeardown: './global/globalTeardown.ts',
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
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
})
