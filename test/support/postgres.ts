import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import type { RunningServer } from '../../examples/server/server.js'

/*
 * The databases the server suites run against: SQLite always, Postgres when the global setup
 * (pgGlobalSetup.ts) found or started one. Each Postgres server gets a database of its own.
 */

export const pgAdminUrl: string | undefined = process.env.HF_TEST_DATABASE_URL
export const pgSkipReason: string | undefined = pgAdminUrl
  ? undefined
  : (process.env.HF_TEST_PG_SKIP ?? 'HF_TEST_DATABASE_URL is not set')

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

/**
 * Which database the server suites' `start()` / `deployment()` helpers use: the `server-pg`
 * vitest project runs the same files with HF_TEST_DB=postgres.
 */
export const onPostgres = process.env.HF_TEST_DB === 'postgres'
const urls = new WeakMap<RunningServer, string>()

/** Options selecting this run's database: nothing (SQLite in memory) or a fresh Postgres database. */
export async function databaseOptions(): Promise<{ databaseUrl?: string }> {
  return onPostgres ? { databaseUrl: await createTestDatabase() } : {}
}

/** Remembers which database a server runs on, for `rows`. */
export function track(server: RunningServer, options: { databaseUrl?: string }): RunningServer {
  if (options.databaseUrl) urls.set(server, options.databaseUrl)
  return server
}

/** Rows of a query (`?` placeholders) straight from the server's database, SQLite or Postgres. */
export async function rows<T = Record<string, unknown>>(
  server: RunningServer,
  query: string,
  ...params: unknown[]
): Promise<T[]> {
  const url = urls.get(server)
  if (!url) return server.db.prepare<T>(query).all(...params)
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    let n = 0
    return [
      ...(await sql.unsafe(
        query.replace(/\?/g, () => `$${++n}`),
        params as never[],
      )),
    ] as T[]
  } finally {
    await sql.end({ timeout: 1 })
  }
}
