import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

const sharedSrc = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url))
const sharedDir = fileURLToPath(new URL('./shared/src/', import.meta.url))

export default defineConfig({
  // Same aliases as client/vite.config.ts: shared's sources, subpaths as single files.
  resolve: {
    alias: [
      { find: /^@overlap\/shared$/, replacement: sharedSrc },
      { find: /^@overlap\/shared\/([\w/]+)$/, replacement: `${sharedDir}$1.ts` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,server,client,bench}/src/**/*.test.ts', 'client/vite/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          environment: 'node',
          env: { NODE_ENV: 'test' },
          // Generous: CI machines are shared; a test that is merely slow must not fail. Speed is `pnpm bench`'s job.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{shared,server,client}/src/**/*.integration.test.ts'],
          environment: 'node',
          env: { NODE_ENV: 'test' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
