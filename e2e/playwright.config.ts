import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './chromium.js'

/**
 * Browser tests against the built app served by the real server (started in global setup).
 * Debian's Chromium, never a downloaded browser. One worker by default: each test drives two or
 * three browser contexts, and on this 2-core machine two workers took the same wall time (~60 s)
 * while doubling each test's duration (more room for timing trouble). E2E_WORKERS=2 to try.
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './global/globalSetup.ts',
  globalTeardown: './global/globalTeardown.ts',
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
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
    launchOptions: chromiumLaunchOptions(),
  },
})
