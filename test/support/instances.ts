import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server.js'
import { createTestDatabase, dropTestDatabases } from './postgres.js'

/**
 * Two reference-server instances on one fresh Postgres database, started at once (the advisory
 * lock makes one migrate and the other find it done). Stop them with `stopInstances`.
 */
export async function startInstancePair(
  options: ServerOptions,
): Promise<{ url: string; a: RunningServer; b: RunningServer }> {
  const url = await createTestDatabase()
  const [a, b] = await Promise.all([
    startServer({ ...options, databaseUrl: url }),
    startServer({ ...options, databaseUrl: url }),
  ])
  return { url, a, b }
}

/** Closes the instances that started and drops the databases this file created. */
export async function stopInstances(...servers: Array<RunningServer | undefined>): Promise<void> {
  await Promise.all(servers.map((s) => s?.close()))
  await dropTestDatabases()
}
