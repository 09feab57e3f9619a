/**
 * `npm run bench:server`: the reference server under load, measured from outside.
 *
 * Each server instance is its own process (`node --import tsx examples/server/main.ts`, deployment
 * mode, fresh database), the load generator another (bench/server/load.ts), and a bare node:http
 * handler answering the same JSON (bench/server/bare.ts) is measured in the same run with the same
 * generator and concurrency, so every figure comes with its ratio to it.
 *
 * Legs: SQLite one instance; Postgres one and two instances when a database is given and the
 * server reads DATABASE_URL (else a "skipped: …" line). Two instances share the generator's
 * connections, and SSE replies are posted to the other instance than the stream's half the time.
 *
 * Options: --pg URL | --pg auto (a throwaway cluster from /usr/lib/postgresql, run as `postgres`;
 * default: $DATABASE_URL), --quick (small counts), --markdown (also print the docs table),
 * --sqlite2 (also two instances on one SQLite file: the harness's multi-instance path, and what
 * in-memory fan-out loses across instances),
 * --only LEGS (comma-separated of sqlite1, sqlite2, pg1, pg2: run just those), --prof DIR (server
 * instances run with `node --cpu-prof`; their .cpuprofile files land in DIR),
 * --json FILE (default bench/results/server.json), --from FILE (print a saved run, measure nothing).
 * Env: BENCH_CONCURRENCY (64), BENCH_CREATES (5000), BENCH_SENDS (10000), BENCH_WARM (1000),
 * BENCH_SSE (200 clients), BENCH_K (5 events per client), BENCH_NOTE (shown beside the figures),
 * BENCH_DB_DIR (where the SQLite files go; default the OS temp dir, e.g. /dev/shm to take the disk out).
 *
 * Authentication is the real one: users identify with HS256 JWTs minted with HF_SECRET, as a
 * wallet backend does; no limit is raised. Per-user limits are kept by spreading the load over
 * enough users (≤ 10 tickets and < 600 requests each), per-address limits (identify, agent key)
 * by giving simulated users and agents distinct loopback source addresses (≤ 400 each).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { BenchUser, Job, LoadResult, SseResult } from './server/load.js'
import {
  cpuSeconds,
  postgresUnsupported,
  ROOT,
  startBareProcess,
  startGenerator,
  startInstance,
  startPgCluster,
  type Generator,
  type PgCluster,
  type Proc,
} from './server/proc.js'
import { consoleReport, markdownReport, type Leg, type Report } from './server/report.js'

const args = process.argv.slice(2)
const flag = (name: string): boolean => args.includes(name)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const num = (env: string, fallback: number, quick: number): number =>
  Number(process.env[env] ?? (flag('--quick') ? quick : fallback))

const jsonPath = resolve(ROOT, opt('--json') ?? 'bench/results/server.json')

if (opt('--from')) {
  const rep = JSON.parse(readFileSync(resolve(opt('--from') as string), 'utf8')) as Report
  console.log(consoleReport(rep))
  if (flag('--markdown')) console.log(`\n${markdownReport(rep)}`)
  process.exit(0)
}

const config: Report['config'] = {
  concurrency: num('BENCH_CONCURRENCY', 64, 16),
  creates: num('BENCH_CREATES', 5000, 1000),
  sends: num('BENCH_SENDS', 10000, 2000),
  warm: num('BENCH_WARM', 1000, 200),
  sseClients: num('BENCH_SSE', 200, 50),
  eventsPerClient: num('BENCH_K', 5, 3),
}
const TICKETS_PER_USER = 10 // the server's default ticketsPerHour
const SENDS_PER_USER = 400 // under the default 600 requests per user per minute, all phases together
const pgArg = opt('--pg') ?? process.env.DATABASE_URL
const runId = Date.now().toString(36)
/** Digits become letters (0 → a … 9 → j), so a tag never looks like a number the server masks. */
const lettersOnly = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(97 + Number(d)))
const secret = randomBytes(32).toString('hex')
const agentKey = randomBytes(32).toString('hex')
const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), 'hf-bench-'))
const startLoad = loadavg()
const legs: Leg[] = []
const only = opt('--only')?.split(',')
const wanted = (id: Leg['id']): boolean => only === undefined || only.includes(id)
const profileDir = opt('--prof') ? resolve(opt('--prof') as string) : undefined
if (profileDir) mkdirSync(profileDir, { recursive: true })

/** Users for a leg: warm-up ones, the create/send pool (≤ 10 tickets each), the SSE clients. */
async function users(
  gen: Generator,
  targets: string[],
  leg: string,
): Promise<{ warm: BenchUser[]; pool: BenchUser[]; sse: BenchUser[] }> {
  const warmN = Math.ceil(config.warm / TICKETS_PER_USER)
  const poolN = Math.max(Math.ceil(config.creates / TICKETS_PER_USER), Math.ceil(config.sends / SENDS_PER_USER))
  const all = await gen.run<BenchUser[]>({
    op: 'users',
    targets,
    n: warmN + poolN + config.sseClients,
    prefix: `${runId}-${leg}-`,
    secret,
    concurrency: 16,
    ipBlock: 1,
  })
  return { warm: all.slice(0, warmN), pool: all.slice(warmN, warmN + poolN), sse: all.slice(warmN + poolN) }
}

interface Prepared {
  urls: string[]
  procs: Proc[]
  /** The `--pg auto` cluster the instances use, whose CPU is read around each phase. */
  cluster?: PgCluster | undefined
  u: Awaited<ReturnType<typeof users>>
  samples: { create?: string | undefined; send?: string | undefined }
}

const load = (
  gen: Generator,
  urls: string[],
  route: 'create' | 'send',
  pool: BenchUser[],
  count: number,
  keyPrefix: string,
): Promise<LoadResult> =>
  gen.run<LoadResult>({
    op: 'load',
    route,
    targets: urls,
    users: pool,
    count,
    concurrency: config.concurrency,
    perUser: route === 'create' ? TICKETS_PER_USER : SENDS_PER_USER,
    keyPrefix,
  } satisfies Job)

/** Signs the users of a leg in and warms every measured path (JIT, statement caches). */
async function prepare(gen: Generator, procs: Proc[], id: string): Promise<Prepared> {
  const urls = procs.map((p) => p.url)
  const u = await users(gen, urls, id)
  const create = await load(gen, urls, 'create', u.warm, config.warm, 'warm-t')
  const send = await load(gen, urls, 'send', u.warm, config.warm, 'warm-m')
  return { urls, procs, u, samples: { create: create.sample, send: send.sample } }
}

type Phase = 'create' | 'send' | 'sse'

/** One measured phase against prepared targets; server CPU is read from /proc around it. */
async function phase(gen: Generator, t: Prepared, leg: Leg, p: Phase, round: number): Promise<void> {
  if (p === 'sse') {
    leg.sse = await gen.run<SseResult>({
      op: 'sse',
      targets: t.urls,
      users: t.u.sse,
      k: config.eventsPerClient,
      concurrency: config.concurrency,
      agentKey,
      // Letters only: the server masks what looks like a card, an ID or an IBAN in message text,
      // and a tag such as "mx77…" (a country code then two digits) read as one about 1 run in 100.
      tag: lettersOnly(`${runId}${leg.id}${round}`),
      ipBlock: 2,
      settleMs: 15_000,
    })
    return
  }
  const perProc = (): number[] => t.procs.map((proc) => cpuSeconds(proc.pid))
  const dbSplit = (): { backends: number; background: number } =>
    t.cluster ? t.cluster.cpuSplit() : { backends: NaN, background: NaN }
  const p0 = perProc()
  const s0 = dbSplit()
  const count = p === 'create' ? config.creates : config.sends
  const r = await load(gen, t.urls, p, t.u.pool, count, `${p}-${round}`)
  r.load1 = Math.round(loadavg()[0]! * 100) / 100
  delete r.sample
  leg[p] = r
  const msPerReq = (seconds: number): number => (seconds / count) * 1000
  const instances = perProc().map((c, i) => msPerReq(c - (p0[i] ?? NaN)))
  const s1 = dbSplit()
  const backends = msPerReq(s1.backends - s0.backends)
  const background = msPerReq(s1.background - s0.background)
  leg.serverCpuPer1k = { create: NaN, send: NaN, ...leg.serverCpuPer1k, [p]: instances.reduce((a, b) => a + b, 0) }
  if (t.cluster) leg.dbCpuPer1k = { create: NaN, send: NaN, ...leg.dbCpuPer1k, [p]: backends + background }
  leg.cpuBreakdown = { ...leg.cpuBreakdown, [p]: t.cluster ? { instances, backends, background } : { instances } }
}

// The yardstick runs for the whole bench and is measured right before each server leg, phase by
// phase, so that on a shared machine each ratio compares figures taken the same minute.
const bareLeg: Leg = { id: 'bare', label: 'bare node:http', instances: 1, status: 'failed' }
let bare: Prepared | undefined
let bareProc: Proc | undefined
let round = 0

async function serverLeg(gen: Generator, leg: Leg, databaseUrl?: string): Promise<void> {
  const procs: Proc[] = []
  const dbPath = join(dir, `${leg.id}.db`)
  try {
    for (let i = 0; i < leg.instances; i++)
      procs.push(await startInstance(`${leg.label} #${i + 1}`, { secret, agentKey, dbPath, databaseUrl, profileDir }))
    const t = await prepare(gen, procs, leg.id)
    if (databaseUrl && cluster) t.cluster = cluster
    if (!bare && bareLeg.reason === undefined) {
      // Answers with the bodies the real server just sent (same bytes).
      try {
        const bodiesFile = join(dir, 'bodies.json')
        writeFileSync(bodiesFile, JSON.stringify({ create: t.samples.create, send: t.samples.send }))
        bareProc = await startBareProcess(t.samples.create && t.samples.send ? bodiesFile : undefined)
        bare = await prepare(gen, [bareProc], 'bare')
      } catch (err) {
        bareLeg.reason = err instanceof Error ? err.message : String(err)
      }
    }
    const paired: Leg = { id: 'bare', label: bareLeg.label, instances: 1, status: 'ok' }
    round++
    for (const p of ['create', 'send', 'sse'] as const) {
      if (bare) await phase(gen, bare, paired, p, round)
      await phase(gen, t, leg, p, round)
    }
    if (bare) {
      leg.paired = { create: paired.create, send: paired.send, sse: paired.sse }
      if (bareLeg.status !== 'ok') Object.assign(bareLeg, paired)
    }
    leg.status = 'ok'
    if (databaseUrl && existsSync(dbPath)) {
      leg.status = 'failed'
      leg.reason = `the server wrote the SQLite file ${dbPath} although DATABASE_URL was set: these are not Postgres figures`
    }
  } catch (err) {
    leg.status = 'failed'
    leg.reason = err instanceof Error ? err.message : String(err)
  } finally {
    await Promise.all(procs.map((p) => p.stop()))
  }
}

const gen = await startGenerator()
let cluster: PgCluster | undefined
try {
  const sqlite: Leg = { id: 'sqlite1', label: 'SQLite ×1', instances: 1, status: 'failed' }
  legs.push(bareLeg, sqlite)
  if (wanted('sqlite1')) await serverLeg(gen, sqlite)
  else Object.assign(sqlite, { status: 'skipped', reason: 'not selected (--only)' })
  if ((flag('--sqlite2') && only === undefined) || only?.includes('sqlite2')) {
    // Two processes on one SQLite file: exercises the multi-instance path of the harness, and shows
    // what the in-memory fan-out loses when a reply is posted to the other instance.
    const sqlite2: Leg = { id: 'sqlite2', label: 'SQLite ×2 (one file)', instances: 2, status: 'failed' }
    legs.push(sqlite2)
    await serverLeg(gen, sqlite2)
  }

  const pg1: Leg = { id: 'pg1', label: 'Postgres ×1', instances: 1, status: 'skipped' }
  const pg2: Leg = { id: 'pg2', label: 'Postgres ×2', instances: 2, status: 'skipped' }
  legs.push(pg1, pg2)
  const why = !pgArg
    ? 'no database given (set DATABASE_URL=postgres://… or pass --pg URL, or --pg auto for a throwaway local cluster)'
    : postgresUnsupported()
  if (why) {
    pg1.reason = pg2.reason = why
  } else {
    for (const leg of [pg1, pg2]) {
      if (!wanted(leg.id)) {
        leg.reason = 'not selected (--only)'
        continue
      }
      let url = pgArg as string
      if (pgArg === 'auto') {
        try {
          cluster ??= await startPgCluster()
          cluster.createDb(`hfbench_${runId}_${leg.id}`)
          url = cluster.url(`hfbench_${runId}_${leg.id}`)
        } catch (err) {
          leg.status = 'failed'
          leg.reason = `--pg auto: ${err instanceof Error ? err.message : String(err)}`
          continue
        }
      }
      await serverLeg(gen, leg, url)
    }
  }
} finally {
  await bareProc?.stop()
  await gen.stop()
  cluster?.stop()
  rmSync(dir, { recursive: true, force: true })
}

const get = (id: Leg['id']): Leg | undefined => legs.find((l) => l.id === id && l.status === 'ok')
const bareRate = get('sqlite1')?.paired?.create?.rps ?? get('bare')?.create?.rps
const sqliteRate = get('sqlite1')?.create?.rps
/** Server CPU per create (ms), bare handler (measured beside the SQLite leg) and SQLite. */
const bareCpu = get('bare')?.serverCpuPer1k?.create
const sqliteCpu = get('sqlite1')?.serverCpuPer1k?.create
/** Share of one core the generator used while driving the bare handler: near 1, it was the limit. */
const bareGen = (get('sqlite1')?.paired?.create ?? get('bare')?.create)?.genCpu
const pg1Rate = get('pg1')?.create?.rps
const pg2Rate = get('pg2')?.create?.rps
const verdict = (v: number | undefined, goal: number, missing: string): { value: number | null; verdict: string } =>
  v === undefined
    ? { value: null, verdict: `skipped: ${missing}` }
    : { value: v, verdict: v >= goal ? 'met' : 'NOT met' }
const report: Report = {
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '',
    loadavgStart: startLoad,
    loadavgEnd: loadavg(),
    note: process.env.BENCH_NOTE ?? '',
  },
  config,
  legs,
  targets: [
    {
      name: 'SQLite ticket creates / bare',
      goal: 0.5,
      ...((): { value: number | null; verdict: string } => {
        const v = verdict(sqliteRate && bareRate ? sqliteRate / bareRate : undefined, 0.5, 'a leg failed')
        // On a slow machine the generator, not the bare handler, sets the bare rate: the ratio
        // then overstates the server. The CPU line below does not depend on the generator.
        return bareGen !== undefined && bareGen >= 0.9
          ? {
              ...v,
              verdict: `${v.verdict} (but the bare leg was limited by the load generator, ${bareGen.toFixed(2)} of a core: read the CPU line)`,
            }
          : v
      })(),
    },
    {
      name: 'SQLite ticket create, server CPU per create: bare / SQLite',
      goal: 0.5,
      ...verdict(bareCpu && sqliteCpu ? bareCpu / sqliteCpu : undefined, 0.5, 'a leg failed'),
    },
    {
      name: 'Postgres ×2 / Postgres ×1 ticket creates',
      goal: 1.6,
      ...verdict(
        pg1Rate && pg2Rate ? pg2Rate / pg1Rate : undefined,
        1.6,
        legs.find((l) => l.id === 'pg2')?.reason ?? 'a leg failed',
      ),
    },
  ],
}
mkdirSync(dirname(jsonPath), { recursive: true })
writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`)
console.log(consoleReport(report))
if (flag('--markdown')) console.log(`\n${markdownReport(report)}`)
console.log(`\nresults: ${jsonPath}`)
if (legs.some((l) => l.status === 'failed')) process.exitCode = 1
