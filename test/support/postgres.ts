import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

/*
 * The databases the server suites run against: SQLite always, Postgres when the global setup
 * (pgGlobalSetup.ts) found or started one. Each Postgres server gets a database of its own.
 */

export const pgAdminUrl: string | undefined = process.env.HF_TEST_DATABASE_URL
export const pgSkipReason: string | undefined = pgAdminUrl ? undefined : process.env.HF_TEST_PG_SKIP ?? 'HF_TEST_DATABASE_URL is not set'

let warned = false
/** Prints, once per test file, why the Postgres legs do not run. */
export function warnPgSkipped(): void {
  if (warned || !pgSkipReason) return
  warned = true
  console.warn(`\n*** POSTGRES LEGS SKIPPED: ${pgSkipReason} ***\n`)
}

const created: string[] = []

/** A new empty database on the test server; returns its URL. Dropped by `dropTestDatabases`. */
export async function createTestDatabase(): Promise<string> {
  if (!pgAdminUrl) throw new Error(`no Postgres for tests: ${pgSkipReason}`)
  const name = `hf_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(pgAdminUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end({ timeout: 1 })
  }
  created.push(name)
  const url = new URL(pgAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops the databases this file created (closing what is still connected). */
export async function dropTestDatabases(): Promise<void> {
  if (!pgAdminUrl || created.length === 0) return
  const admin = postgres(pgAdminUrl, { max: 1, onnotice: () => {} })
  try {
    for (const name of created.splice(0)) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  } finally {
    await admin.end({ timeout: 1 })
  }
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres'
  /** Why this leg does not run here (undefined = it runs). */
  skip: string | undefined
  /** Server options selecting this database (a fresh one each call on Postgres). */
  options(): Promise<{ databaseUrl?: string }>
}

/** Parameterise a suite with `describe.each(testDatabases)` or a loop over it. */
export const testDatabases: TestDatabase[] = [
  { name: 'sqlite', skip: undefined, options: async () => ({}) },
  { name: 'postgres', skip: pgSkipReason, options: async () => ({ databaseUrl: await createTestDatabase() }) },
]
