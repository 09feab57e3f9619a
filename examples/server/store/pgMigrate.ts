import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Sql } from 'postgres'

/** Versioned SQL files, `NNN_name.sql`, applied in order; append only, like the SQLite list in db.ts. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations/', import.meta.url))
/** pg_advisory_xact_lock key: one instance migrates at a time. */
const MIGRATION_LOCK = 0x4846_0002

export interface Migration {
  version: number
  name: string
  sql: string
}

export function migrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }))
}

/**
 * Applies pending migrations in one transaction, under an advisory lock: instances starting
 * together wait for the first one, then find everything applied. `schema_migrations` records
 * each version. A database newer than this server (versions it does not know) is refused.
 */
export async function migrate(sql: Sql, list = migrations()): Promise<number[]> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`
    const done = new Set(
      (await tx<Array<{ version: number }>>`SELECT version FROM schema_migrations`).map((r) => r.version),
    )
    const known = new Set(list.map((m) => m.version))
    const unknown = [...done].filter((v) => !known.has(v))
    if (unknown.length > 0)
      throw new Error(
        `the database has migrations this server does not know (${unknown.join(', ')}): it is newer than this server`,
      )
    const applied: number[] = []
    for (const m of list) {
      if (done.has(m.version)) continue
      await tx.unsafe(m.sql)
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`
      applied.push(m.version)
    }
    return applied
  }) as Promise<number[]>
}
