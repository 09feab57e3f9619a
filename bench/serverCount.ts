/**
 * Instructions or system calls per request of one SQLite server instance, figures that do not
 * depend on how busy the machine is (bench/server.ts measures rates, which do):
 *
 *   npx tsx bench/serverCount.ts --tool callgrind [--route create|send]
 *   npx tsx bench/serverCount.ts --tool strace [--route create|send]
 *   npx tsx bench/serverCount.ts --tool cpu [--route create|send] [--prof DIR]
 *   npx tsx bench/serverCount.ts --tool alloc [--route create|send] [--top N]
 *
 * The server (`examples/server/main.ts`, deployment mode, a fresh database in BENCH_DB_DIR or the
 * temp folder) is warmed with BENCH_WARM requests (JIT, statement caches, a database that is not
 * empty), then BENCH_COUNT requests at BENCH_CONCURRENCY in flight are counted: with callgrind the
 * server runs under `valgrind --tool=callgrind --separate-threads=yes`, its counters are zeroed
 * before and dumped after (`callgrind_control`), and the main thread's instructions are divided
 * by the count; with strace, `strace -c -f` attaches to the server for the counted requests only;
 * with cpu, the server's user and system CPU time (/proc/<pid>/stat) around them (this one does
 * depend on the load: cache and scheduler contention); with alloc, the bytes the server's JavaScript
 * allocated (V8's sampling heap profiler with collected objects kept, bench/server/allocProbe.mjs:
 * garbage included, an estimate from samples every 256 bytes) and the collections it ran, with
 * the functions that allocated most (`--top N`, default 25); `BENCH_ALLOC_OLD=1 … --node-flags
 * --expose-gc` counts only what outlived the young collections (promoted). `--node-flags '…'`
 * passes flags to the server's node (say `--trace-gc-nvp`; its output is printed with
 * `BENCH_LOG=1`). `--prof DIR` runs the server with `--cpu-prof` and writes its profile (warm-up
 * and counted requests) to DIR when it stops.
 * The load generator is its own process (bench/server/load.ts), as in bench/server.ts.
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchUser, Job, LoadResult } from './server/load.js'
import { startGenerator, startInstance, type Generator } from './server/proc.js'

const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const tool = opt('--tool') ?? 'callgrind'
const route = (opt('--route') ?? 'create') as 'create' | 'send'
const profileDir = opt('--prof')
if (tool !== 'callgrind' && tool !== 'strace' && tool !== 'cpu' && tool !== 'alloc')
  throw new Error('--tool callgrind|strace|cpu|alloc')
const num = (name: string, dflt: number): number => Number(process.env[name] ?? dflt)
const warm = num('BENCH_WARM', 2000)
const count = num('BENCH_COUNT', tool === 'callgrind' ? 1000 : 5000)
const concurrency = num('BENCH_CONCURRENCY', 64)
const PER_USER = route === 'create' ? 10 : 400

const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), 'hf-count-'))
const secret = randomBytes(32).toString('hex')
const agentKey = randomBytes(32).toString('hex')
const wrap =
  tool === 'callgrind'
    ? [
        'valgrind',
        '--tool=callgrind',
        '--separate-threads=yes',
        '--smc-check=all-non-file',
        `--vgdb-prefix=${join(dir, 'vgdb')}`,
        `--callgrind-out-file=${join(dir, 'cg.out')}`,
      ]
    : undefined

const load = (gen: Generator, url: string, users: BenchUser[], n: number, keyPrefix: string): Promise<LoadResult> =>
  gen.run<LoadResult>({
    op: 'load',
    route,
    targets: [url],
    users,
    count: n,
    concurrency,
    perUser: PER_USER,
    keyPrefix,
  } satisfies Job)

/** The "summary:"/"totals:" Ir of each per-thread file of the last callgrind dump, main thread first. */
function callgrindThreads(): number[] {
  const files = readdirSync(dir)
    .filter((f) => /^cg\.out\.\d+-\d+$/.test(f))
    .sort()
  return files.map((f) => {
    const text = readFileSync(join(dir, f), 'utf8')
    const m = /^(?:summary|totals): (\d+)/m.exec(text)
    return m ? Number(m[1]) : NaN
  })
}

const gen = await startGenerator()
const server = await startInstance('server', {
  secret,
  agentKey,
  dbPath: join(dir, 'count.db'),
  wrap,
  profileDir,
  readyMs: 600_000,
  nodeFlags: [
    ...(opt('--node-flags')?.split(' ').filter(Boolean) ?? []),
    ...(tool === 'alloc' ? ['--import', join(import.meta.dirname, 'server', 'allocProbe.mjs')] : []),
  ],
  env: tool === 'alloc' ? { BENCH_ALLOC_OUT: join(dir, 'alloc.json') } : {},
})
try {
  const warmUsers = Math.ceil(warm / PER_USER)
  const users = await gen.run<BenchUser[]>({
    op: 'users',
    targets: [server.url],
    n: warmUsers + Math.ceil(count / PER_USER),
    prefix: `${Date.now().toString(36)}-`,
    secret,
    concurrency: 16,
    ipBlock: 1,
  })
  const w = await load(gen, server.url, users.slice(0, warmUsers), warm, 'warm')
  if (w.ok !== warm) throw new Error(`warm-up: ${w.ok} of ${warm} answered 2xx (${JSON.stringify(w.non2xx)})`)
  const counted = users.slice(warmUsers)
  let r: LoadResult
  if (tool === 'callgrind') {
    // vgdb names its files after $HOST, which the server has (127.0.0.1) and this process may not.
    const control = (cmd: string): unknown =>
      execFileSync('callgrind_control', [`--vgdb-prefix=${join(dir, 'vgdb')}`, cmd, String(server.pid)], {
        env: { ...process.env, HOST: '127.0.0.1' },
      })
    control('--zero')
    r = await load(gen, server.url, counted, count, 'count')
    for (const f of readdirSync(dir)) if (f.startsWith('cg.out.')) rmSync(join(dir, f))
    control('--dump')
    const threads = callgrindThreads()
    const per = (ir: number): string => `${(ir / count / 1000).toFixed(1)}k`
    console.log(
      `${route}: ${per(threads[0] ?? NaN)} instructions per request on the main thread, ` +
        `${per(threads.reduce((a, b) => a + b, 0))} on all ${threads.length} threads`,
    )
  } else if (tool === 'cpu') {
    const ticks = (): [number, number] => {
      const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return [Number(f[11]), Number(f[12])]
    }
    const [u0, s0] = ticks()
    r = await load(gen, server.url, counted, count, 'count')
    const [u1, s1] = ticks()
    const ms = (t: number): string => ((t * 10) / count).toFixed(3)
    console.log(`${route}: ${ms(u1 - u0)} ms user + ${ms(s1 - s0)} ms system CPU per request (${r.rps} req/s)`)
  } else if (tool === 'alloc') {
    process.kill(server.pid, 'SIGUSR2')
    await new Promise((res) => setTimeout(res, 200))
    r = await load(gen, server.url, counted, count, 'count')
    process.kill(server.pid, 'SIGUSR2')
    const file = join(dir, 'alloc.json')
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((res) => setTimeout(res, 100))
    console.log(allocReport(JSON.parse(readFileSync(file, 'utf8')) as AllocOut, count, Number(opt('--top') ?? 25)))
  } else {
    // The server is the node process itself (no wrapper): follow it and its threads.
    const out = join(dir, 'strace.txt')
    const st = spawn('strace', ['-c', '-f', '-o', out, '-p', String(server.pid)], { stdio: 'ignore' })
    await new Promise((res) => setTimeout(res, 1000))
    r = await load(gen, server.url, counted, count, 'count')
    const exited = new Promise((res) => st.once('exit', res))
    st.kill('SIGINT')
    await exited
    const text = readFileSync(out, 'utf8')
    const rows: string[] = []
    let total = 0
    for (const line of text.split('\n')) {
      const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$/.exec(line)
      if (!m) continue
      const calls = Number(m[1])
      if (m[2] === 'total') total = calls
      else rows.push(`${m[2]} ${(calls / count).toFixed(2)}`)
    }
    console.log(`${route}: ${(total / count).toFixed(2)} system calls per request: ${rows.join(', ')}`)
  }
  if (r.ok !== count) throw new Error(`${r.ok} of ${count} answered 2xx (${JSON.stringify(r.non2xx)})`)
  console.log(`(${count} counted after ${warm} to warm up, ${concurrency} in flight; load ${loadavg()[0]!.toFixed(2)})`)
} finally {
  await server.stop()
  if (process.env.BENCH_LOG) console.log(server.log())
  await gen.stop()
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true })
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: HeapNode[]
}
interface AllocOut {
  profile: { head: HeapNode }
  gc: Record<string, { count: number; ms: number }>
}

/** Bytes allocated per request, collections per 1000 requests, and the functions that allocated most. */
function allocReport(out: AllocOut, n: number, top: number): string {
  const by = new Map<string, number>()
  let total = 0
  const walk = (node: HeapNode): void => {
    total += node.selfSize
    if (node.selfSize > 0) {
      const f = node.callFrame
      const where = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|examples|src|bench)\//, '$1/')}:${f.lineNumber + 1}`
      by.set(where, (by.get(where) ?? 0) + node.selfSize)
    }
    for (const c of node.children) walk(c)
  }
  walk(out.profile.head)
  const rows = [...by].sort((a, b) => b[1] - a[1]).slice(0, top)
  const kinds = Object.entries(out.gc).filter(([, g]) => g.count > 0)
  const pauses = kinds.reduce((a, [, g]) => a + g.ms, 0)
  return [
    `${route}: ${(total / n).toFixed(0)} bytes allocated per request; collections per 1000 requests: ` +
      `${kinds.map(([k, g]) => `${k} ${((g.count * 1000) / n).toFixed(2)}`).join(', ') || 'none'} ` +
      `(${(pauses / n).toFixed(4)} ms of pauses per request)`,
    ...rows.map(([where, bytes]) => `  ${(bytes / n).toFixed(0).padStart(6)} B  ${where}`),
  ].join('\n')
}
