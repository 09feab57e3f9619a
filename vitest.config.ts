import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'
import { binDir } from './test/support/pgGlobalSetup.js'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const alias = {
  'help-feedback/core': r('./src/index.ts'),
  'help-feedback/transports/': r('./src/transports/'),
  'help-feedback': r('./widgets/index.ts'),
}
const oxc = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } }

// The server suites once more on Postgres: a given HF_TEST_DATABASE_URL, or a throwaway cluster
// from the installed binaries (test/support/pgGlobalSetup.ts). Without either, said out loud.
const postgresLeg = Boolean(process.env.HF_TEST_DATABASE_URL) || binDir() !== undefined
if (!postgresLeg)
  console.warn('\n*** server-pg SKIPPED: no HF_TEST_DATABASE_URL and no Postgres binaries (install `postgresql`) ***\n')
const serverPg = {
  resolve: { alias },
  oxc,
  test: {
    name: 'server-pg',
    environment: 'node' as const,
    testTimeout: 30_000,
    env: { HF_TEST_DB: 'postgres' },
    include: [
      'test/unit/server/{api,events,attachments,masking}.test.ts',
      'test/security/{access,attachments,break,json,limits}.test.ts',
    ],
    setupFiles: ['test/setupCatalogs.ts', 'test/support/pgSetup.ts'],
  },
}

export default defineConfig({
  test: {
    // A throwaway Postgres for the server suites' Postgres legs (skipped, loudly, without one).
    globalSetup: ['test/support/pgGlobalSetup.ts'],
    projects: [
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          setupFiles: ['test/setupCatalogs.ts'],
        },
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'widgets',
          include: ['test/widgets/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 20_000,
          setupFiles: ['test/setupCatalogs.ts', 'test/widgets/setup.ts'],
        },
      },
      // Attacks as a stranger would send them, against the real server in deployment configuration.
      {
        resolve: { alias },
        oxc,
        test: { name: 'security', include: ['test/security/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      ...(postgresLeg ? [serverPg] : []),
      {
        resolve: { alias },
        oxc,
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
      // The built package as users get it (dist/, exports map, shipped types), in plain Node.
      {
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          globalSetup: ['test/package/globalSetup.ts'],
        },
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // The package's setup first: it builds dist/ with types and packs it for the framework examples.
          globalSetup: ['test/package/globalSetup.ts', 'test/e2e/globalSetup.ts'],
        },
      },
    ],
  },
})
