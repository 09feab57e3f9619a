import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/*
 * Gives the Postgres legs of the suite a database. HF_TEST_DATABASE_URL (a server where the
 * tests may CREATE DATABASE) is used as it is; otherwise, when Postgres binaries are installed,
 * a throwaway cluster is initdb'd in a temp folder on a free local port and removed at teardown.
 * Without either, the Postgres legs skip and say why (test/support/postgres.ts).
 */

function binDir(): string | undefined {
  const fromEnv = process.env.PG_BIN
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : []
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin')
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
    if (existsSync(join(dir, 'initdb'))) return dir
  } catch {
    /* not installed */
  }
  return undefined
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export { binDir }

/** Run as `node -e WATCHDOG <pid> <stop command as JSON> <dir>`. */
const WATCHDOG = `
const [pid, stop, dir] = process.argv.slice(1)
const [file, ...args] = JSON.parse(stop)
setInterval(() => {
  try { process.kill(Number(pid), 0); return } catch {}
  try { require('node:child_process').execFileSync(file, args, { stdio: 'ignore' }) } catch {}
  require('node:fs').rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}, 1000)`

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.HF_TEST_DATABASE_URL) return undefined
  const bin = binDir()
  if (!bin) {
    process.env.HF_TEST_PG_SKIP =
      'no HF_TEST_DATABASE_URL and no Postgres binaries (initdb) found; install `postgresql` (Debian) or set PG_BIN'
    return undefined
  }
  // Postgres refuses to run as root: the cluster belongs to the `postgres` user then.
  const root = process.getuid?.() === 0
  const as = (cmd: string, args: string[]): void => {
    if (root) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
    else execFileSync(cmd, args, { stdio: 'pipe' })
  }
  const dir = mkdtempSync(join(tmpdir(), 'hf-pg-'))
  if (root) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()
    chownSync(dir, Number(ids), Number(gid))
  }
  const data = join(dir, 'data')
  const port = await freePort()
  // pg_ctl daemonizes the cluster: a run killed before its teardown would leave it running. A
  // detached watchdog stops and removes it once this process is gone
  // (started first: the run may be killed while pg_ctl waits for the cluster).
  const stop = [
    ...(root ? ['runuser', '-u', 'postgres', '--'] : []),
    join(bin, 'pg_ctl'),
    '-D',
    data,
    '-m',
    'immediate',
    'stop',
  ]
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), JSON.stringify(stop), dir], {
    detached: true,
    stdio: 'ignore',
  })
  watchdog.unref()
  try {
    as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
    const conf = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400`
    as(join(bin, 'pg_ctl'), ['-D', data, '-o', conf, '-l', join(dir, 'log'), '-w', 'start'])
  } catch (err) {
    watchdog.kill()
    rmSync(dir, { recursive: true, force: true })
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err)
    process.env.HF_TEST_PG_SKIP = `starting a throwaway Postgres from ${bin} failed: ${reason}`
    return undefined
  }
  process.env.HF_TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`
  return () => {
    watchdog.kill()
    try {
      as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'])
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true })
  }
}
