/**
 * Processes of `bench:server`: server instances (examples/server/main.ts exactly as deployed, in
 * their own Node process), the bare handler, the forked load generator, and an optional
 * throwaway Postgres cluster (`--pg auto`).
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Job } from './load.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * A free loopback port: any (listen on 0, read it, close), or with `BENCH_PORTS=LOW-HIGH` the
 * next one of that range not taken (for machines where each user of it keeps to its own ports).
 */
export async function freePort(range = process.env.BENCH_PORTS): Promise<number> {
  const m = range ? /^(\d+)-(\d+)$/.exec(range.trim()) : null
  if (range && !m) throw new Error(`BENCH_PORTS must be LOW-HIGH, not ${JSON.stringify(range)}`)
  if (!m) return listenOn(0)
  const [low, high] = [Number(m[1]), Number(m[2])]
  for (let i = 0; i <= high - low; i++) {
    const port = low + ((nextInRange + i) % (high - low + 1))
    try {
      await listenOn(port)
      nextInRange = port - low + 1
      return port
    } catch {
      /* taken: the next one */
    }
  }
  throw new Error(`no free port in BENCH_PORTS=${range}`)
}

/** Where the next search of the range starts: a port just handed out is not handed out again at once. */
let nextInRange = 0

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(port, '127.0.0.1', () => {
      const got = (s.address() as { port: number }).port
      s.close(() => resolve(got))
    })
  })
}

export interface Proc {
  name: string
  url: string
  pid: number
  child: ChildProcess
  log: () => string
  stop(): Promise<void>
}

async function waitReady(
  child: ChildProcess,
  url: string,
  log: () => string,
  name: string,
  readyMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + readyMs
  let exited: number | null = null
  child.once('exit', (code) => {
    exited = code ?? -1
  })
  for (;;) {
    if (exited !== null) throw new Error(`${name} exited with ${exited} before it was ready:\n${log().slice(-2000)}`)
    try {
      const r = await fetch(`${url}/healthz`)
      await r.arrayBuffer()
      if (r.ok) return
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready after ${readyMs / 1000} s:\n${log().slice(-2000)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => {
        clearTimeout(kill)
        resolve()
      })
      child.kill('SIGTERM')
    })
}

function launch(
  name: string,
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
  wrap: string[] = [],
): { child: ChildProcess; log: () => string } {
  const argv = [process.execPath, ...nodeFlags, '--import', 'tsx', ...args]
  const child = spawn(wrap[0] ?? argv[0]!, [...wrap.slice(1), ...(wrap.length > 0 ? argv : argv.slice(1))], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const keep = (d: Buffer): void => {
    out = (out + d.toString('utf8')).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { child, log: () => out }
}

/**
 * One reference server instance: `node --import tsx examples/server/main.ts` in deployment mode
 * (NODE_ENV=production: real secrets, no /demo/token) on loopback, business hours off.
 * `profileDir`: run it with `--cpu-prof` (a .cpuprofile is written there when it stops).
 * `wrap`: a command the server runs under (`valgrind --tool=callgrind …`); `pid` is then the wrapper's.
 */
export async function startInstance(
  name: string,
  env: {
    secret: string
    agentKey: string
    dbPath: string
    databaseUrl?: string | undefined
    profileDir?: string | undefined
    wrap?: string[] | undefined
    readyMs?: number | undefined
    /** More node flags (before `--import tsx`), e.g. a probe to `--import`. */
    nodeFlags?: string[] | undefined
    /** More environment for the instance. */
    env?: Record<string, string> | undefined
  },
): Promise<Proc> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const { child, log } = launch(
    name,
    ['examples/server/main.ts'],
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      HF_SECRET: env.secret,
      AGENT_KEY: env.agentKey,
      DB_PATH: env.dbPath,
      HOURS: 'always',
      LOG: '',
      ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
      ...env.env,
    },
    [...(env.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${env.profileDir}`] : []), ...(env.nodeFlags ?? [])],
    env.wrap,
  )
  await waitReady(child, url, log, name, env.readyMs)
  return { name, url, pid: child.pid as number, child, log, stop: stopper(child) }
}

export async function startBareProcess(bodiesFile: string | undefined): Promise<Proc> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const { child, log } = launch('bare', ['bench/server/bare.ts'], {
    PORT: String(port),
    ...(bodiesFile ? { BARE_BODIES: bodiesFile } : {}),
  })
  await waitReady(child, url, log, 'bare handler')
  return { name: 'bare', url, pid: child.pid as number, child, log, stop: stopper(child) }
}

/** CPU seconds (user + system) a process has used so far, from /proc; NaN where unavailable. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return NaN
  }
}

export interface Generator {
  run<T>(job: Job): Promise<T>
  pid: number
  stop(): Promise<void>
}

/** Forks the load generator (bench/server/load.ts) and waits until it is ready for jobs. */
export async function startGenerator(): Promise<Generator> {
  const child = fork(join(ROOT, 'bench/server/load.ts'), ['--generator'], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)))
  })
  let chain: Promise<unknown> = Promise.resolve()
  const run = <T>(job: Job): Promise<T> => {
    const next = chain.then(
      () =>
        new Promise<T>((resolve, reject) => {
          child.once('message', (m: { ok: boolean; result?: T; error?: string }) =>
            m.ok ? resolve(m.result as T) : reject(new Error(m.error)),
          )
          child.send(job)
        }),
    )
    chain = next.catch(() => undefined)
    return next
  }
  return { run, pid: child.pid as number, stop: stopper(child) }
}

/** Why the server cannot run on Postgres on this checkout, or undefined when it can. */
export function postgresUnsupported(): string | undefined {
  const dir = join(ROOT, 'examples/server')
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'))
  const reads = files.some((f) => readFileSync(join(dir, f), 'utf8').includes('DATABASE_URL'))
  return reads ? undefined : 'examples/server does not read DATABASE_URL on this checkout (no Postgres backend yet)'
}

export interface PgCluster {
  /** CPU seconds used so far by the cluster's processes (postmaster and its live backends). */
  cpuSeconds(): number
  /**
   * The same, split: `backends` serve client connections (the servers' pools and event readers),
   * `background` is the postmaster, WAL writer, checkpointer, autovacuum and the rest.
   */
  cpuSplit(): { backends: number; background: number }
  url(db: string): string
  createDb(db: string): void
  stop(): void
}

/** The newest installed PostgreSQL's bin directory, if any. */
export function pgBin(): string | undefined {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'pg_ctl'))) return join(base, v, 'bin')
  return undefined
}

/**
 * `--pg auto`: a throwaway cluster in /tmp, run as the `postgres` user on a free local port, trust
 * auth on loopback only; removed by `stop()`.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBin()
  if (!bin) throw new Error('no PostgreSQL under /usr/lib/postgresql (apt-get install -y postgresql)')
  const PG_PORT = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'hf-bench-pg-'))
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  chownSync(dir, uid, gid)
  const as = (cmd: string, args: string[]): void => {
    execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
  }
  as('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'])
  as('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${PG_PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ])
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  const BACKGROUND =
    /^postgres: (checkpointer|background writer|walwriter|autovacuum|logical replication|archiver|stats|startup|wal)/
  const cpuSplit = (): { backends: number; background: number } => {
    // Backends that exited meanwhile are missed; the bench's connections live through a phase.
    let backends = 0
    let background = cpuSeconds(postmaster)
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
        if (ppid !== postmaster) continue
        const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')
        if (BACKGROUND.test(cmd)) background += cpuSeconds(Number(entry))
        else backends += cpuSeconds(Number(entry))
      } catch {
        /* gone */
      }
    }
    return { backends, background }
  }
  return {
    cpuSeconds: () => {
      const { backends, background } = cpuSplit()
      return backends + background
    },
    cpuSplit,
    url: (db) => `postgres://postgres@127.0.0.1:${PG_PORT}/${db}`,
    createDb: (db) => as('createdb', ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', db]),
    stop: () => {
      try {
        as('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
