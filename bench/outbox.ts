/**
 * Outbox delivery under a hostile network, on a virtual clock.
 *
 * 1,000 reports are queued against a simulated backend that fails 30% of requests (offline
 * before reaching the server, timeouts after the server committed, 500s, 429s with
 * Retry-After), while the page is "reloaded" (dispose + new outbox on the same store) at random
 * moments. Prints delivered / duplicates / lost per scenario; the targets are 1000 / 0 / 0.
 * Fault scenarios add: two users taking turns on the device (a job must only go out as its
 * author: `wrongAuthor` counts sends under the other one), IndexedDB refusing 20% of writes
 * with QuotaExceededError (the page lives on, data falls back to memory), the wall clock
 * jumping a day forward and back every few minutes (retries run on the monotonic clock), and
 * 10% of answers lost after the server committed (2xx with a malformed body).
 *
 * Run: npm run bench:outbox  (tsx bench/outbox.ts [reports] [seed])
 */
import {
  MalformedResponseError,
  OfflineError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from '../src/errors/index.js'
import {
  createOutbox,
  leaseLock,
  localLock,
  type Outbox,
  type OutboxJobBase as OutboxJob,
  type OutboxLock,
  type SendContext,
} from '../src/outbox/index.js'
import { memoryStore, resilientStore } from '../src/storage/index.js'
import type { KeyValueStore } from '../src/storage/types.js'
import { rng } from './data/rng.js'

const REPORTS = Number(process.argv[2] ?? 1000)
const SEED = Number(process.argv[3] ?? 42)
const MAX_VIRTUAL_MS = 48 * 3600_000
const MAX_STEPS = 5_000_000

/** Timers on virtual time: the run loop jumps to the next timer once microtasks settle. */
class VirtualClock {
  t = 0
  private seq = 0
  private timers = new Map<number, { at: number; fn: () => void }>()
  now = () => this.t
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn })
    return id
  }
  clearTimeout = (id: unknown) => void this.timers.delete(id as number)
  sleep = (ms: number) => new Promise<void>((r) => this.setTimeout(r, ms))
  async run(done: () => boolean): Promise<number> {
    let steps = 0
    for (; steps < MAX_STEPS && this.t < MAX_VIRTUAL_MS; steps++) {
      await new Promise((r) => setImmediate(r)) // let every pending promise chain settle
      if (done()) break
      let nextId = -1
      let next: { at: number; fn: () => void } | undefined
      for (const [id, timer] of this.timers)
        if (!next || timer.at < next.at) {
          next = timer
          nextId = id
        }
      if (!next) break
      this.timers.delete(nextId)
      this.t = Math.max(this.t, next.at)
      next.fn()
    }
    return steps
  }
}

interface Report {
  reportId: number
  subject: string
}

/** A backend with injected failures. `idempotent: false` creates on every request that arrives. */
function simulatedServer(
  clock: VirtualClock,
  random: () => number,
  idempotent: boolean,
  faults: { malformed?: number; user?: () => string } = {},
) {
  const creates = new Map<number, number>() // reportId -> records created
  const byKey = new Map<string, { id: string; reportId: number }>()
  const byNonce = new Map<string, { id: string; reportId: number }>()
  let requests = 0
  let replays = 0
  let nextId = 1
  const failures = { offline: 0, timeoutCommitted: 0, server500: 0, rateLimited: 0, malformedCommitted: 0 }
  let wrongAuthor = 0

  function commit(report: Report, key: string) {
    const hit = idempotent ? byKey.get(key) : undefined
    if (hit) {
      replays++
      return hit
    }
    const record = { id: `t${nextId++}`, reportId: report.reportId }
    creates.set(report.reportId, (creates.get(report.reportId) ?? 0) + 1)
    byKey.set(key, record)
    byNonce.set(key, record) // the client nonce travels in a custom field
    return record
  }

  let inFlight = 0
  let maxInFlight = 0
  async function handle(job: OutboxJob, ctx: SendContext) {
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    // The transport carries the signed-in user's identity: a job of another author is a leak.
    if (faults.user && job.author !== faults.user()) wrongAuthor++
    try {
      return await attempt(job, ctx)
    } finally {
      inFlight--
    }
  }

  async function attempt(job: OutboxJob, ctx: SendContext) {
    requests++
    const up = 20 + random() * 130
    const down = 20 + random() * 130
    const roll = random()
    const abortable = <T>(p: Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        if (ctx.signal.aborted) return reject(new DOMException('aborted', 'AbortError'))
        ctx.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true })
        p.then(resolve, reject)
      })
    // A request already on the wire still reaches the server when the page dies: no abort here.
    const arrived = clock.sleep(up)
    if (roll < 0.08) {
      failures.offline++
      await abortable(clock.sleep(up))
      throw new OfflineError()
    }
    if (roll < 0.16) {
      failures.timeoutCommitted++
      void arrived.then(() => commit(job.payload as Report, ctx.idempotencyKey))
      await abortable(clock.sleep(10_000))
      throw new TimeoutError()
    }
    if (roll < 0.24) {
      failures.server500++
      await abortable(arrived.then(() => clock.sleep(down)))
      throw new ServerError(500)
    }
    if (roll < 0.3) {
      failures.rateLimited++
      await abortable(arrived.then(() => clock.sleep(down)))
      throw new RateLimitedError(Math.round(1000 + random() * 29_000))
    }
    const record = arrived.then(() => commit(job.payload as Report, ctx.idempotencyKey))
    if (faults.malformed && random() < faults.malformed) {
      failures.malformedCommitted++
      await abortable(record.then(() => clock.sleep(down)))
      throw new MalformedResponseError(['body is not JSON (captive portal)'])
    }
    return abortable(record.then((r) => clock.sleep(down).then(() => r)))
  }

  return {
    handle,
    reconcile: async (job: OutboxJob) => {
      await clock.sleep(20 + random() * 130) // a list request
      return byNonce.get(job.idempotencyKey)
    },
    creates,
    failures,
    get requests() {
      return requests
    },
    get replays() {
      return replays
    },
    get maxInFlight() {
      return maxInFlight
    },
    get wrongAuthor() {
      return wrongAuthor
    },
  }
}

interface Scenario {
  name: string
  tabs: number
  idempotent: boolean
  reconcile: boolean
  reloads: number
  /** Users taking turns on the device (switching every 1–3 virtual minutes). */
  users?: number
  /** Share of IndexedDB writes refused with QuotaExceededError. */
  quotaFailures?: number
  /** The wall clock jumps ±1 day every few minutes. */
  clockJumps?: boolean
  /** Share of successful commits whose answer is unreadable. */
  malformed?: number
}

/** A persistent store that refuses a share of writes as a full disk would. */
function flakyDisk(random: () => number, share: number): KeyValueStore {
  const disk = memoryStore()
  return {
    persistent: true,
    get: disk.get,
    del: disk.del,
    keys: disk.keys,
    async set(key, value) {
      if (random() < share) throw new DOMException('disk full', 'QuotaExceededError')
      await disk.set(key, value)
    },
  }
}

async function runScenario(s: Scenario) {
  const clock = new VirtualClock()
  const random = rng(SEED)
  let user = 'user-0'
  const server = simulatedServer(clock, random, s.idempotent, {
    ...(s.malformed ? { malformed: s.malformed } : {}),
    ...(s.users ? { user: () => user } : {}),
  })
  let storageWarnings = 0
  const store: KeyValueStore = s.quotaFailures
    ? resilientStore(flakyDisk(random, s.quotaFailures), { onWarning: () => void storageWarnings++ })
    : { ...memoryStore(), persistent: true } // stands in for IndexedDB
  let wallOffset = 0
  const shared = localLock()
  let reconciles = 0
  const makeLock = (): OutboxLock =>
    s.tabs > 1 ? leaseLock(store, { now: clock.now, timers: clock, ttlMs: 30_000 }) : shared
  const make = () =>
    createOutbox<unknown, OutboxJob>({
      store,
      send: (job, ctx) => server.handle(job, ctx),
      ...(s.reconcile ? { reconcile: (job: OutboxJob) => (reconciles++, server.reconcile(job)) } : {}),
      now: () => clock.now() + wallOffset,
      clock: clock.now,
      ...(s.users ? { author: () => user } : {}),
      random,
      timers: clock,
      lock: makeLock(),
      channel: null,
      environment: {},
      online: () => true,
    })
  const tabs: Array<Outbox<unknown, OutboxJob>> = Array.from({ length: s.tabs }, make)
  let switches = 0
  if (s.users) {
    const turn = () => {
      user = `user-${Math.floor(random() * s.users!)}`
      switches++
      for (const t of tabs) t.rescope()
      clock.setTimeout(turn, 60_000 + random() * 120_000)
    }
    clock.setTimeout(turn, 60_000)
  }
  let jumps = 0
  if (s.clockJumps) {
    const jump = () => {
      wallOffset = wallOffset === 0 ? (random() < 0.5 ? 86_400_000 : -86_400_000) : 0
      jumps++
      clock.setTimeout(jump, 30_000 + random() * 240_000)
    }
    clock.setTimeout(jump, 30_000)
  }

  // Users file reports over ~10 virtual minutes; pages reload at random moments meanwhile.
  let enqueued = 0
  for (let i = 0; i < REPORTS; i++) {
    clock.setTimeout(() => {
      void tabs[i % s.tabs]!.enqueue('ticket', { reportId: i, subject: `report ${i}` } satisfies Report).then(
        () => enqueued++,
      )
    }, random() * 600_000)
  }
  let reloadsMidSend = 0
  for (let r = 0; r < s.reloads; r++) {
    clock.setTimeout(() => {
      const which = Math.floor(random() * s.tabs)
      if (tabs[which]!.snapshot().some((j) => j.state === 'sending')) reloadsMidSend++
      tabs[which]!.dispose()
      tabs[which] = make()
    }, random() * 900_000)
  }

  const wall = performance.now()
  // With several users a tab only lists its current user's jobs: ask the store for all of them.
  let left = REPORTS
  clock.setTimeout(function count() {
    void store.keys('outbox:job:').then((k) => (left = k.length))
    clock.setTimeout(count, 5_000)
  }, 5_000)
  const steps = await clock.run(
    () =>
      enqueued === REPORTS &&
      server.creates.size === REPORTS &&
      left === 0 &&
      tabs.every((t) => t.snapshot().length === 0),
  )
  const pending = (await store.keys('outbox:job:')).length
  for (const t of tabs) t.dispose()

  let duplicates = 0
  for (const n of server.creates.values()) duplicates += Math.max(0, n - 1)
  return {
    scenario: s.name,
    delivered: server.creates.size,
    duplicates,
    lost: REPORTS - server.creates.size,
    stillQueued: pending,
    attempts: server.requests,
    keyReplays: server.replays,
    reconciles,
    reloadsMidSend,
    maxInFlight: server.maxInFlight,
    ...(s.users ? { wrongAuthor: server.wrongAuthor, userSwitches: switches } : {}),
    ...(s.quotaFailures ? { storageWarnings } : {}),
    ...(s.clockJumps ? { clockJumps: jumps } : {}),
    ...server.failures,
    virtualMin: +(clock.t / 60_000).toFixed(1),
    wallMs: Math.round(performance.now() - wall),
    steps,
  }
}

const scenarios: Scenario[] = [
  { name: 'idempotent backend, 1 tab, 40 reloads', tabs: 1, idempotent: true, reconcile: false, reloads: 40 },
  {
    name: 'idempotent backend, 2 tabs (lease lock), 40 reloads',
    tabs: 2,
    idempotent: true,
    reconcile: false,
    reloads: 40,
  },
  { name: 'no idempotency + reconcile, 1 tab, 40 reloads', tabs: 1, idempotent: false, reconcile: true, reloads: 40 },
  { name: 'no idempotency, no reconcile (control)', tabs: 1, idempotent: false, reconcile: false, reloads: 40 },
  {
    name: 'user switch: 2 users taking turns, 40 reloads',
    tabs: 1,
    idempotent: true,
    reconcile: false,
    reloads: 40,
    users: 2,
  },
  {
    name: 'storage failure: 20% quota errors, no reloads',
    tabs: 1,
    idempotent: true,
    reconcile: false,
    reloads: 0,
    quotaFailures: 0.2,
  },
  {
    name: 'clock jumps: wall clock ±1 day, 40 reloads',
    tabs: 1,
    idempotent: true,
    reconcile: false,
    reloads: 40,
    clockJumps: true,
  },
  {
    name: 'unknown outcomes: 10% malformed 2xx, 40 reloads',
    tabs: 1,
    idempotent: true,
    reconcile: false,
    reloads: 40,
    malformed: 0.1,
  },
  {
    name: 'unknown outcomes, no idempotency + reconcile',
    tabs: 1,
    idempotent: false,
    reconcile: true,
    reloads: 40,
    malformed: 0.1,
  },
]

console.log(`outbox bench: ${REPORTS} reports, 30% injected failures, seed ${SEED}`)
const rows = []
for (const s of scenarios) rows.push(await runScenario(s))
console.table(rows)
const main = rows[0]!
console.log(
  `target (idempotent backend): delivered ${REPORTS} / duplicates 0 / lost 0 -> got ${main.delivered} / ${main.duplicates} / ${main.lost}`,
)
for (const r of rows.slice(4))
  console.log(
    `${r.scenario}: delivered ${r.delivered} / duplicates ${r.duplicates} / lost ${r.lost}${'wrongAuthor' in r ? ` / sent as the wrong user ${r.wrongAuthor}` : ''}`,
  )
