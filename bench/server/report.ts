/** Tables of `bench:server`: the console report, and the markdown for docs/deploying.md § Sizing. */
import type { LoadResult, SseResult } from './load.js'

export interface Leg {
  id: 'bare' | 'sqlite1' | 'sqlite2' | 'pg1' | 'pg2'
  label: string
  instances: number
  status: 'ok' | 'skipped' | 'failed'
  reason?: string
  create?: LoadResult
  send?: LoadResult
  sse?: SseResult
  /** Server CPU (all instances) per request of the phase, in milliseconds. */
  serverCpuPer1k?: { create: number; send: number }
  /** Postgres CPU (postmaster and backends, `--pg auto` only) per request of the phase, in milliseconds. */
  dbCpuPer1k?: { create: number; send: number }
  /**
   * CPU per request of the phase, in milliseconds, by process: each server instance (read from
   * /proc/<pid>/stat), Postgres' client backends and its background processes (`--pg auto` only).
   */
  cpuBreakdown?: Partial<Record<'create' | 'send', { instances: number[]; backends?: number; background?: number }>>
  /** The bare handler measured right before this leg, phase by phase: the figures its ratios use. */
  paired?: { create?: LoadResult | undefined; send?: LoadResult | undefined; sse?: SseResult | undefined }
}

export interface Report {
  date: string
  machine: { node: string; cpus: number; model: string; loadavgStart: number[]; loadavgEnd: number[]; note: string }
  config: {
    concurrency: number
    creates: number
    sends: number
    warm: number
    sseClients: number
    eventsPerClient: number
  }
  legs: Leg[]
  targets: Array<{ name: string; value: number | null; goal: number; verdict: string }>
}

const fix = (n: number | undefined, d = 2): string => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(d))
const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || !(b > 0) ? undefined : a / b

export function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {})
  const width = cols.map((c) => Math.max(3, c.length, ...rows.map((r) => String(r[c]).length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(width[i] ?? 0)).join(' | ')} |`
  return [
    line(cols),
    `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((r) => line(cols.map((c) => String(r[c])))),
  ].join('\n')
}

const statuses = (r: LoadResult): string => {
  const bad = Object.entries(r.non2xx).map(([s, n]) => `${n}×${s}`)
  if (r.errors) bad.push(`${r.errors} errors`)
  return bad.length ? bad.join(' ') : '0'
}

/** The console report: requests, SSE, targets; every figure beside its ratio to the bare handler. */
export function consoleReport(rep: Report): string {
  const bare = rep.legs.find((l) => l.id === 'bare')
  const out: string[] = []
  const c = rep.config
  out.push(
    `help-feedback server bench · ${rep.date} · node ${rep.machine.node} · ${rep.machine.cpus} CPUs · ${rep.machine.model}`,
  )
  out.push(
    `load average at start ${rep.machine.loadavgStart.map((n) => n.toFixed(2)).join(' ')}, at end ${rep.machine.loadavgEnd.map((n) => n.toFixed(2)).join(' ')}${rep.machine.note ? ` · ${rep.machine.note}` : ''}`,
  )
  out.push(
    `(load 1m: the machine's 1-minute load average as the phase ended; ${rep.machine.cpus} cores — above that, processes queue for CPU and rates fall)`,
  )
  out.push(
    `generator: own process, ${c.concurrency} requests in flight (keep-alive), ${c.creates} creates and ${c.sends} sends per leg after ${c.warm} of each to warm up`,
  )
  const rows: Array<Record<string, string | number>> = []
  for (const leg of rep.legs) {
    if (leg.status !== 'ok') continue
    const ref = leg.paired ?? bare
    for (const [route, r, b, cpu, db] of [
      ['ticket create', leg.create, ref?.create, leg.serverCpuPer1k?.create, leg.dbCpuPer1k?.create],
      ['chat send', leg.send, ref?.send, leg.serverCpuPer1k?.send, leg.dbCpuPer1k?.send],
    ] as const) {
      if (!r) continue
      rows.push({
        leg: leg.label,
        route,
        'req/s': r.rps,
        'bare req/s': b?.rps ?? '–',
        '× bare': fix(ratio(r.rps, b?.rps)),
        'p50 ms': fix(r.p50),
        'p50 × bare': fix(ratio(r.p50, b?.p50)),
        'p99 ms': fix(r.p99),
        'p99 × bare': fix(ratio(r.p99, b?.p99)),
        'not 2xx': statuses(r),
        'server CPU ms/req': fix(cpu),
        'db CPU ms/req': fix(db),
        'gen CPU ms/req': fix((r.genCpu * r.wallMs) / Math.max(1, r.count)),
        'gen CPU': fix(r.genCpu),
        'load 1m': fix(r.load1),
      })
    }
  }
  if (rows.length) out.push('', 'Requests', table(rows))
  const budget: Array<Record<string, string | number>> = []
  for (const leg of rep.legs) {
    if (leg.status !== 'ok' || !leg.cpuBreakdown) continue
    for (const [route, key] of [
      ['ticket create', 'create'],
      ['chat send', 'send'],
    ] as const) {
      const b = leg.cpuBreakdown[key]
      const r = leg[key]
      if (!b || !r) continue
      const gen = (r.genCpu * r.wallMs) / Math.max(1, r.count)
      const total = b.instances.reduce((x, y) => x + y, 0) + (b.backends ?? 0) + (b.background ?? 0) + gen
      budget.push({
        leg: leg.label,
        route,
        'server ms/req (each instance)': b.instances.map((n) => fix(n)).join(' + '),
        'Postgres backends ms/req': fix(b.backends),
        'Postgres other ms/req': fix(b.background),
        'generator ms/req': fix(gen),
        'total CPU ms/req': fix(total),
        [`ceiling req/s on ${rep.machine.cpus} cores`]:
          Number.isFinite(total) && total > 0 ? Math.round((rep.machine.cpus * 1000) / total) : '–',
        'measured req/s': r.rps,
      })
    }
  }
  if (budget.length)
    out.push(
      '',
      `CPU per request, by process (/proc/<pid>/stat utime+stime over the phase; the ceiling is what the machine's ${rep.machine.cpus} cores allow at that cost, however many instances share them)`,
      table(budget),
    )
  const sse: Array<Record<string, string | number>> = []
  for (const leg of rep.legs) {
    const s = leg.sse
    if (leg.status !== 'ok' || !s) continue
    sse.push({
      leg: leg.label,
      'clients held': `${s.held}/${s.clients}`,
      published: s.published,
      'publish failed': s.publishErrors + Object.values(s.publishNon2xx).reduce((x, y) => x + y, 0),
      delivered: s.delivered,
      lost: s.lost,
      dup: s.duplicates,
      'out of order': s.outOfOrder,
      'clients all in order': `${s.perfectClients}/${s.clients}`,
      'publish/s': s.publishRps,
      'bare publish/s': (leg.paired ?? bare)?.sse?.publishRps ?? '–',
      '× bare': fix(ratio(s.publishRps, (leg.paired ?? bare)?.sse?.publishRps)),
      'deliver p50 ms': fix(s.deliverP50),
      'deliver p99 ms': fix(s.deliverP99),
    })
  }
  if (sse.length)
    out.push(
      '',
      `SSE: each client its own user, ${c.eventsPerClient} agent replies each, posted round-robin over the instances`,
      table(sse),
    )
  const skipped = rep.legs.filter((l) => l.status !== 'ok')
  if (skipped.length)
    out.push(
      '',
      ...skipped.map((l) => `${l.label}: ${l.status === 'skipped' ? 'skipped' : 'FAILED'}: ${l.reason ?? ''}`),
    )
  out.push(
    '',
    ...rep.targets.map(
      (t) => `target ${t.name} ≥ ${t.goal}: ${t.value === null ? '' : `${t.value.toFixed(2)} → `}${t.verdict}`,
    ),
  )
  return out.join('\n')
}

/** Markdown rows for docs/deploying.md § Sizing; legs not measured are marked "to be measured". */
export function markdownReport(rep: Report): string {
  const bare = rep.legs.find((l) => l.id === 'bare')
  const order: Array<[Leg['id'], string]> = [
    ['bare', 'bare `node:http` handler (yardstick)'],
    ['sqlite1', 'SQLite, 1 instance'],
    ['pg1', 'Postgres, 1 instance'],
    ['pg2', 'Postgres, 2 instances'],
  ]
  const rows = order.map(([id, label]) => {
    const leg = rep.legs.find((l) => l.id === id)
    if (!leg || leg.status !== 'ok' || !leg.create || !leg.send) {
      return {
        setup: label,
        'ticket creates/s': '*to be measured*',
        'create p50 / p99 ms': '',
        'chat sends/s': '',
        'send p50 / p99 ms': '',
        'server CPU ms per create / send': '',
        'Postgres CPU ms per create / send': '',
        'SSE clients held, events lost': '',
        'load 1m': '',
      }
    }
    const x = (a: number, b: number | undefined): string => (id === 'bare' ? '' : ` (${fix(ratio(a, b))}× bare)`)
    const ref = leg.paired ?? bare
    return {
      setup: label,
      'ticket creates/s': `${leg.create.rps}${x(leg.create.rps, ref?.create?.rps)}`,
      'create p50 / p99 ms': `${fix(leg.create.p50, 1)} / ${fix(leg.create.p99, 1)}`,
      'chat sends/s': `${leg.send.rps}${x(leg.send.rps, ref?.send?.rps)}`,
      'send p50 / p99 ms': `${fix(leg.send.p50, 1)} / ${fix(leg.send.p99, 1)}`,
      'server CPU ms per create / send': `${fix(leg.serverCpuPer1k?.create)} / ${fix(leg.serverCpuPer1k?.send)}`,
      'Postgres CPU ms per create / send': leg.dbCpuPer1k
        ? `${fix(leg.dbCpuPer1k.create)} / ${fix(leg.dbCpuPer1k.send)}`
        : '',
      'SSE clients held, events lost': leg.sse
        ? `${leg.sse.held}/${leg.sse.clients}, ${leg.sse.lost} of ${leg.sse.expected}`
        : '',
      'load 1m': `${fix(leg.create.load1)} / ${fix(leg.send.load1)}`,
    }
  })
  const c = rep.config
  return [
    table(rows),
    '',
    `Measured ${rep.date.slice(0, 10)} with \`npm run bench:server\` on ${rep.machine.cpus} cores (${rep.machine.model}), node ${rep.machine.node}, ` +
      `load generator in its own process with ${c.concurrency} requests in flight, ${c.sseClients} SSE clients × ${c.eventsPerClient} agent replies. ` +
      `${rep.machine.note ? `${rep.machine.note} ` : ''}(load average ${rep.machine.loadavgStart.map((n) => n.toFixed(2)).join(' ')} at the start).`,
  ].join('\n')
}
