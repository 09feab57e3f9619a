import { isBrowserOffline } from '../online.js'
import { broadcastChannel, defaultLock } from './locks.js'
import { createJobStore } from './jobStore.js'
import { decideFailure, isPending, pickDue, randomUuid, stableStringify } from './policy.js'
import { createDueTimes, monotonicNow } from './schedule.js'
import { tidy } from './tidy.js'
import type {
  Outbox,
  OutboxChannel,
  OutboxEvent,
  OutboxJob,
  OutboxJobBase,
  OutboxListener,
  OutboxOptions,
  OutboxTimers,
} from './types.js'

/** The engine moves jobs without looking into them: any kind, any payload. */
type Job = OutboxJobBase

/** Another tab holds the lock: look again after this long even if no `released` message comes. */
const LOCK_RETRY_MS = 5_000
/** `navigator.onLine === false`: some WebViews never fire `online`, so look again now and then. */
const OFFLINE_RECHECK_MS = 30_000

const defaultTimers: OutboxTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * The durable outbox: every report, comment or chat message is written to storage before the
 * first network attempt and leaves it only once the backend confirmed it, or when the user
 * discards it. Each job carries one idempotency key for its whole life, so retries after
 * timeouts, reloads or a second tab never create a second ticket on an idempotent backend.
 *
 * @example
 * const outbox = createOutbox({
 *   store: await openStore(),
 *   send: (job, { idempotencyKey, signal }) =>
 *     transport.createTicket(job.payload.input, { idempotencyKey, signal }),
 *   onChange: (event, jobs) => store.setState({ outbox: jobs }),
 * })
 * const id = await outbox.enqueue('ticket', { input })
 */
export function createOutbox<R = unknown, J extends OutboxJobBase = OutboxJob>(
  typedOptions: OutboxOptions<R, J>,
): Outbox<R, J> {
  // Typed at the edges (`J`), untyped inside: the engine never reads a payload.
  const options = typedOptions as unknown as OutboxOptions<R, Job>
  const { store, send, reconcile } = options
  const now = options.now ?? Date.now
  const clock = options.clock ?? monotonicNow
  const due = createDueTimes(clock)
  const author = options.author
  const random = options.random ?? Math.random
  const uuid = options.uuid ?? randomUuid
  const timers = options.timers ?? defaultTimers
  const baseMs = options.backoff?.baseMs ?? 1000
  const capMs = options.backoff?.capMs ?? 300_000
  const prefix = `${options.keyPrefix ?? 'outbox:'}job:`
  const lock = options.lock ?? defaultLock(store, { now, timers })
  const ownChannel = options.channel === undefined && store.persistent ? broadcastChannel() : undefined
  const channel: OutboxChannel | undefined = options.channel ?? ownChannel
  const online = options.online ?? (() => !isBrowserOffline())
  const env = options.environment ?? {
    ...(typeof window === 'undefined' ? {} : { window }),
    ...(typeof document === 'undefined' ? {} : { document }),
  }

  const jobs = createJobStore(store, prefix)
  const listeners = new Set<OutboxListener<R, Job>>()
  if (options.onChange) listeners.add(options.onChange)
  let seq = 0
  let timer: unknown
  let timerAt = Number.POSITIVE_INFINITY
  let disposed = false
  let running: Promise<void> | undefined
  let again = false
  let waitingForLock = false
  let inFlight: AbortController | undefined
  // The job this page is attempting (from reading it to its outcome), and whether `retry` asked
  // for it meanwhile: the user's "send now" must not be lost to an attempt that then fails.
  let attemptingId: string | undefined
  let retryWanted = false
  // The version this page's attempt stored as 'sending' (its own mark, not another tab's).
  let markedRev: number | undefined
  // The session became valid (`authorized`): the next pass makes the jobs refused for want of
  // it due at once, read fresh under the lock (also one whose attempt was then on the wire).
  let signedIn = false

  // Jobs of other users stay stored but out of sight; authorless ones (earlier versions) are adopted.
  const mine = (job: Job) => !author || job.author === undefined || job.author === author()
  const snapshot = () => jobs.snapshot().filter(mine)
  let inFlightAuthor: string | undefined
  let abortedForScope = false
  // The author asked to forget their jobs (logout with forget) while one of them was in flight.
  let forgetInFlight = false
  // The last jobs that left the device while this page ran, for views that start following one late.
  const gone = new Map<string, OutboxEvent<R, Job>>()
  const emit = (event: OutboxEvent<R, Job>) => {
    if (event.type === 'sent' || event.type === 'removed') {
      gone.set(event.type === 'sent' ? event.job.id : event.id, event)
      if (gone.size > 50) gone.delete(gone.keys().next().value!)
    }
    const list = snapshot()
    for (const listener of [...listeners]) {
      try {
        listener(event, list)
      } catch {
        // A listener bug must not stop delivery.
      }
    }
  }
  const tellOtherTabs = (type: 'changed' | 'released') => {
    try {
      channel?.post({ type })
    } catch {
      // Closed channel during unload: other tabs still poll.
    }
  }
  const save = jobs.save
  const loadAll = jobs.reload

  /** `at` is on the monotonic clock. */
  function scheduleAt(at: number) {
    if (disposed || at >= timerAt) return
    if (timer !== undefined) timers.clearTimeout(timer)
    timerAt = at
    timer = timers.setTimeout(
      () => {
        timer = undefined
        timerAt = Number.POSITIVE_INFINITY
        void flush()
      },
      Math.max(0, at - clock()),
    )
  }

  async function attempt(id: string): Promise<void> {
    attemptingId = id
    retryWanted = false
    // Reset here, not once the job is read: a "forget me" during that read must still count.
    forgetInFlight = false
    try {
      await attemptOnce(id)
    } finally {
      attemptingId = undefined
      markedRev = undefined
    }
  }

  async function attemptOnce(id: string): Promise<void> {
    // Read again: another tab may have edited or discarded the job since the list was loaded.
    const fresh = await jobs.read(id)
    if (!fresh || !isPending(fresh) || !mine(fresh) || !due.isDue(fresh)) {
      jobs.note(id, fresh)
      // Not due after all (another tab changed it), but asked to send now while it was read.
      if (fresh && retryWanted && isPending(fresh) && mine(fresh)) due.set(fresh, clock())
      return
    }
    const number = fresh.attempts + 1
    // Persisted before the request, so a reload knows this key may already have reached the server.
    const sending: Job = { ...fresh, state: 'sending', attempts: number, updatedAt: now() }
    // In flight from here: a sign-out while the job is being marked must abort it too.
    const controller = new AbortController()
    inFlight = controller
    inFlightAuthor = sending.author
    abortedForScope = false
    // Marked only if it is still the version read (one IndexedDB transaction): another tab's
    // discard or "forget me" that came since the read must not be undone by this write, and the
    // job then sent.
    const { before, after } = await jobs.change(id, (job) =>
      job && (job.rev ?? 0) === (fresh.rev ?? 0) ? sending : job,
    )
    if (!after || after === before) {
      inFlight = undefined
      jobs.note(id, after)
      return
    }
    if (after.rev !== undefined) sending.rev = after.rev
    markedRev = after.rev
    // "Forget me" came while the job was read or marked: its listing may already have passed over
    // it (still queued) or skip it now (sending); nothing of it goes out or stays.
    if (forgetInFlight) {
      inFlight = undefined
      return dropForgotten(id)
    }
    emit({ type: 'updated', job: sending })

    let result: R | undefined
    try {
      controller.signal.throwIfAborted()
      if (fresh.attempts > 0 && reconcile) result = await reconcile(sending)
      if (result === undefined) {
        result = await send(sending, {
          idempotencyKey: sending.idempotencyKey,
          signal: controller.signal,
          attempt: number,
        })
      }
    } catch (error) {
      inFlight = undefined
      if (forgetInFlight) return dropForgotten(id)
      // Disposed (page going away): leave it 'sending'; the next start resends with the same key.
      if (disposed) return
      if (abortedForScope) {
        // Its author signed out mid-send: it waits for them, same key, no backoff.
        const back: Job = { ...sending, state: 'reconcile', retryDelayMs: 0, updatedAt: now() }
        if (await settle(id, back)) emit({ type: 'updated', job: back })
        return
      }
      const decision = decideFailure(error, number, random, baseMs, capMs)
      // Asked to send now while this attempt ran: the next attempt follows at once, not after a backoff.
      if (decision.retry && retryWanted) decision.afterMs = 0
      const failed: Job = decision.retry
        ? {
            ...sending,
            state: decision.unknownOutcome ? 'reconcile' : 'failed_retryable',
            retryDelayMs: decision.afterMs,
            lastError: decision.error,
            updatedAt: now(),
          }
        : { ...sending, state: 'rejected', lastError: decision.error, updatedAt: now() }
      if (decision.retry) due.set(failed, clock() + decision.afterMs)
      if (!(await settle(id, failed))) return
      emit({ type: decision.retry ? 'updated' : 'rejected', job: failed })
      tellOtherTabs('changed')
      return
    }
    inFlight = undefined
    if (forgetInFlight) return dropForgotten(id)
    const { lastError: _settled, ...rest } = sending
    const sent: Job = { ...rest, state: 'sent', updatedAt: now() }
    await jobs.forget(id)
    due.forget(id)
    emit({ type: 'sent', job: sent, result: result as R })
    tellOtherTabs('changed')
  }

  /**
   * Stores the outcome of a failed attempt unless the job left storage meanwhile ("forget me" in
   * another tab takes a job in flight too): a write after that would bring it back, to be sent.
   */
  async function settle(id: string, outcome: Job): Promise<boolean> {
    const { after } = await jobs.change(id, (job) => (job ? outcome : undefined))
    if (after) {
      if (after.rev !== undefined) outcome.rev = after.rev
      return true
    }
    jobs.note(id, undefined)
    due.forget(id)
    emit({ type: 'removed', id })
    return false
  }

  /**
   * Stores `job` only over the version it was made from (same `rev`): another tab's discard or
   * "forget me" since that version was read is not undone. The mirror follows what is stored.
   */
  async function saveOver(job: Job): Promise<boolean> {
    const from = job.rev ?? 0
    const { before, after } = await jobs.change(job.id, (j) => (j && (j.rev ?? 0) === from ? job : j))
    if (!after || after === before) {
      jobs.note(job.id, after)
      return false
    }
    if (after.rev !== undefined) job.rev = after.rev
    return true
  }

  /** The job whose author signed out with forget while it was in flight: nothing of it stays. */
  async function dropForgotten(id: string): Promise<void> {
    forgetInFlight = false
    await jobs.forget(id)
    due.forget(id)
    emit({ type: 'removed', id })
    tellOtherTabs('changed')
  }

  async function pass(): Promise<void> {
    let list = await loadAll()
    await tidy(list, { author, expireRejected: options.expireRejected, now, save: saveOver, forget: jobs.forget, emit })
    list = snapshot()
    if (signedIn) {
      signedIn = false
      for (const job of list)
        if (job.state === 'failed_retryable' && job.lastError?.code === 'unauthorized') due.set(job, clock())
    }
    let fresh = true
    while (!disposed) {
      if (!online()) {
        scheduleAt(clock() + OFFLINE_RECHECK_MS)
        return
      }
      const next = pickDue(list, due.isDue)
      if (next) {
        fresh = false
        await attempt(next.id)
        list = snapshot()
        continue
      }
      // Nothing due in our copy; jobs other tabs queued meanwhile are only in storage.
      if (!fresh) {
        list = (await loadAll()).filter(mine)
        fresh = true
        continue
      }
      const waiting = list.filter(isPending).map(due.dueAt)
      if (waiting.length > 0) scheduleAt(Math.min(...waiting))
      return
    }
  }

  function flush(): Promise<void> {
    if (disposed) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        for (;;) {
          again = false
          let ran = false
          try {
            ran = await lock.run(pass)
          } catch {
            // Storage or lock failure: nothing is lost (jobs stay stored); try again later.
            scheduleAt(clock() + baseMs)
            break
          }
          waitingForLock = !ran
          if (!ran) {
            // Asked again while the lock was being tried (the holder said 'released' before this
            // page knew it was waiting, or a job was queued): try once more now, not in 5 s.
            if (again && !disposed) continue
            scheduleAt(clock() + LOCK_RETRY_MS)
            break
          }
          tellOtherTabs('released')
          if (!again || disposed) break
        }
      } finally {
        running = undefined
      }
    })()
    return running
  }

  const onOnline = () => void flush()
  const onVisible = () => {
    if (env.document?.visibilityState !== 'hidden') void flush()
  }
  env.window?.addEventListener('online', onOnline)
  env.document?.addEventListener('visibilitychange', onVisible)
  const unsubscribeChannel = channel?.subscribe((message) => {
    if (disposed) return
    if (message.type === 'released' && (waitingForLock || running)) void flush()
    if (message.type === 'changed')
      void loadAll().then(
        () => emit({ type: 'synced' }),
        () => undefined,
      )
  })

  const outbox: Outbox<R, Job> = {
    async enqueue(kind, payload, opts = {}) {
      if (disposed) throw new Error('help-feedback: outbox used after dispose()')
      const at = now()
      const job: Job = {
        id: uuid(),
        kind,
        payload,
        idempotencyKey: uuid(),
        attempts: 0,
        retryDelayMs: 0,
        state: 'queued',
        createdAt: at,
        updatedAt: at,
        seq: seq++,
        ...(opts.group === undefined ? {} : { group: opts.group }),
        ...(opts.origin === undefined ? {} : { origin: opts.origin }),
        ...(author ? { author: opts.author ?? author() } : {}),
      }
      await save(job)
      emit({ type: 'enqueued', job })
      tellOtherTabs('changed')
      void flush()
      return job.id
    },

    async retry(id, payload, opts = {}) {
      let wanted = false
      // Decided and written in one step (one IndexedDB transaction): another tab's retry or
      // discard cannot land between the check and the write.
      const { before, after } = await jobs.change(id, (job) => {
        wanted = false
        if (!job || job.state === 'sent' || !mine(job)) return job
        // Not the version the caller read: another tab edited, sent or discarded it since.
        if (opts.rev !== undefined && (job.rev ?? 0) !== opts.rev) return job
        const same = payload === undefined || stableStringify(payload) === stableStringify(job.payload)
        // This page is attempting it now: writing the job would overwrite the attempt's record, so
        // the attempt, if it fails, makes the next one due at once instead. An edit cannot join a
        // request already on the wire (the caller queues it anew).
        if (attemptingId === id) {
          wanted = same
          return job
        }
        // In flight in another tab, or left 'sending' by a page that died (resent on the next pass).
        if (job.state === 'sending') return job
        // An edit is a new key, so a new request: only while nothing can have come of the current
        // key (refused, or never sent). An answer lost, or a failure after a send, may hide a
        // ticket made with it: the job goes on with its own payload and key (reconciled).
        if (!same && job.state !== 'rejected' && job.attempts > 0) return job
        const { lastError: _cleared, ...rest } = job
        // An unknown outcome stays one: the retry must still look for the earlier attempt.
        const next: Job = {
          ...rest,
          state: job.state === 'reconcile' ? 'reconcile' : 'queued',
          retryDelayMs: 0,
          updatedAt: now(),
        }
        // Same content keeps the key (the server may already have it); edited content is a new request.
        if (!same) Object.assign(next, { payload, idempotencyKey: uuid(), attempts: 0 })
        if (opts.origin !== undefined) next.origin = opts.origin
        return next
      })
      if (wanted) retryWanted = true
      if (!after || after === before) return wanted
      due.set(after, clock())
      emit({ type: 'updated', job: after })
      tellOtherTabs('changed')
      void flush()
      return true
    },

    async remove(id, opts = {}) {
      const { before, after } = await jobs.change(id, (job) =>
        // In flight: the request may still land, so the job must stay to reconcile its outcome.
        // Not the version the caller read: another tab sent it again meanwhile.
        !job || job.state === 'sending' || (opts.rev !== undefined && (job.rev ?? 0) !== opts.rev) ? job : undefined,
      )
      if (!before || after) return false
      emit({ type: 'removed', id })
      tellOtherTabs('changed')
      return true
    },

    memoryOnly: (id) => store.memoryOnly?.(prefix + id) ?? false,
    left: (id) => gone.get(id) as Extract<OutboxEvent<R, Job>, { type: 'sent' | 'removed' }> | undefined,
    list: () => loadAll().then((all) => all.filter(mine)),
    snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    flush,

    authorized() {
      if (disposed) return
      signedIn = true
      void flush()
    },

    rescope() {
      if (disposed) return
      if (inFlight && author && inFlightAuthor !== author()) {
        abortedForScope = true
        inFlight.abort()
      }
      emit({ type: 'synced' })
      void flush()
    },

    async clearAuthor() {
      // An attempt still reading or marking its job has no request yet: it drops the job once marked.
      if (attemptingId !== undefined && (!inFlight || !author || inFlightAuthor === author())) {
        // Deleted once its request settles, whatever the answer: a save after it must not bring it back.
        forgetInFlight = true
        inFlight?.abort()
      }
      // Jobs in flight elsewhere go too (another tab stores no outcome for a job gone, see
      // `settle`), and so does one a page left 'sending' when it died (else recovered and sent).
      // The one this page marked is dropped by its attempt once the request settles.
      let count = 0
      for (const job of (await loadAll()).filter(mine)) {
        const { before, after } = await jobs.change(job.id, (j) =>
          j && mine(j) && !(j.id === attemptingId && j.state === 'sending' && j.rev === markedRev) ? undefined : j,
        )
        if (!before || after) continue
        due.forget(job.id)
        emit({ type: 'removed', id: job.id })
        count++
      }
      if (count) tellOtherTabs('changed')
      return count
    },

    dispose() {
      if (disposed) return
      disposed = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
      env.window?.removeEventListener('online', onOnline)
      env.document?.removeEventListener('visibilitychange', onVisible)
      unsubscribeChannel?.()
      // A pass still running holds the lock until it ends, and the other outboxes (another tab,
      // the widget mounted again) wait for its 'released' (else 5 s): the channel closes after it.
      const close = () => ownChannel?.close?.()
      if (running) void running.then(close, close)
      else close()
      inFlight?.abort()
      listeners.clear()
    },
  }

  if (options.autoStart !== false) {
    // Show jobs left by an earlier page at once, even while another tab holds the lock.
    void loadAll().then(
      () => !disposed && emit({ type: 'synced' }),
      () => undefined,
    )
    void flush()
  }
  return outbox as unknown as Outbox<R, J>
}
