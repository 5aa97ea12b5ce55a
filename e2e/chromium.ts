/**
 * How every test launches Chromium: Debian's /usr/bin/chromium (never a downloaded browser) with
 * the flags that keep it quiet on a closed network. One list, used by the config and by any spec
 * that needs an extra flag.
 */
import type { LaunchOptions } from '@playwright/test'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

export function chromiumLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  }
}
