import { afterAll } from 'vitest'
import { dropTestDatabases, onPostgres, pgSkipReason } from './postgres.js'

// The server-pg project: the same server suites with every test server on a Postgres database
// of its own, dropped when the file ends.
if (!onPostgres) throw new Error('server-pg runs with HF_TEST_DB=postgres')
if (pgSkipReason) throw new Error(`server-pg has no Postgres: ${pgSkipReason}`)
afterAll(() => dropTestDatabases())
