import { createDrafts, type Drafts } from './drafts/index.js'
import { coarseMask } from './drafts/coarseMask.js'
import { chatJobs } from './chat/jobs.js'
import { helpJobs } from './help/jobs.js'
import type { DeliverContext, JobHandler, JobHandlers } from './outbox/handlers.js'
import {
  createOutbox,
  type Outbox,
  type OutboxEvent,
  type OutboxJob,
  type OutboxJobOf,
  type OutboxKind,
} from './outbox/index.js'
import { reportJobs } from './reports/jobs.js'
import { requestJobs } from './requests/jobs.js'
import { REFERENCE_FIELDS } from './reports/fields.js'
import type { Emitter } from './events.js'
import type { HeadlessClient } from './client.js'
import { openStore, type StorageWarning } from './storage/index.js'
import { clearScope, migrateUnscoped, scopedStore, scopeOf } from './storage/scope.js'
import type { KeyValueStore } from './storage/types.js'
import { canFindWrites, type Transport } from './transports/types.js'
import { hasOwn } from './hasOwn.js'
import { signInRefused } from './errors/signInRefused.js'

export interface Services {
  /** The current user's part of the device store (see `scopedStore`). */
  store: KeyValueStore
  /**
   * The part of the device store of the user signed in now, kept after a switch: what holds
   * one user's data (a chat and its transcript) writes its last saves to their scope, never
   * to the next user's.
   */
  userStore(): KeyValueStore
  /**
   * False when IndexedDB is unavailable or a write fell back to memory (quota, closed
   * connection): what is stored now is gone when the page closes.
   */
  readonly persistent: boolean
  outbox: Outbox
  drafts: Drafts
  /** The signed-in user changed: pending drafts are written for the previous one, then the scope switches. */
  setUser(userId: string | undefined): Promise<void>
  /** Deletes the current user's drafts, transcripts, cached lists and unsent jobs on this device. */
  forgetUser(): Promise<void>
}

/** Each feature's senders and event mappings, by job kind. */
const handlers: JobHandlers = { ...reportJobs, ...requestJobs, ...helpJobs, ...chatJobs }
const handlerOf = <K extends OutboxKind>(job: OutboxJobOf<K>): JobHandler<K> | undefined =>
  hasOwn(handlers, job.kind) ? (handlers as Partial<Record<string, JobHandler<K>>>)[job.kind] : undefined

/** Where the outbox keeps its jobs in the device store (its default key prefix). */
const JOB_KEYS = 'outbox:job:'

/** Refused chat messages, votes and ratings are dropped after a week; reports and comments wait for the user. */
const EXPIRE_REJECTED_MS = 7 * 86_400_000

/** Delivers one outbox job through its feature's sender. */
export async function deliver(transport: Transport, job: OutboxJob, ctx: DeliverContext): Promise<unknown> {
  const handler = handlerOf(job)
  // A kind from a newer version of the SDK (a downgrade): kept, retried later, never dropped.
  if (!handler) throw new Error(`help-feedback: no delivery for outbox job kind "${job.kind}"`)
  return handler.send(transport, job as never, { jobId: job.id, ...ctx })
}

/**
 * Storage, outbox and drafts, opened once per client. Drafts are masked before they are
 * written, like everything else that is stored.
 */
export async function createServices(deps: {
  transport: () => Promise<Transport>
  /** IndexedDB unusable at start (`unsupported`, `open_failed`, `timeout`…) or a write refused later (`quota_exceeded`, `write_failed`). */
  onFallback?: (reason: string) => void
  /** The id of the user signed in now (the one the host last identified), if any. */
  userId?: () => string | undefined
  /** True when that user's session is ready (a sign-in succeeded and none is under way). */
  signedIn?: () => boolean
  /**
   * The client, whose session leaves `ready` when a job is refused because the transport's own
   * sign-in was (a REST identify answered 422): the session is not what it says. The host gets
   * the `error` event, in words that say so; the job keeps its backoff and goes at once when a
   * sign-in succeeds (`Outbox.authorized()`).
   */
  client?: Pick<HeadlessClient, 'store' | 't' | 'need'>
  /** Receives the jobs' events (`report:sent`…), also for jobs left by an earlier page. */
  events?: Emitter
  store?: KeyValueStore
}): Promise<Services> {
  let warned = false
  const onWarning = (w: StorageWarning) => {
    // Reads of a key that fell back are served from memory; only lost durability is news.
    if (warned || (w.code !== 'quota_exceeded' && w.code !== 'write_failed')) return
    warned = true
    deps.onFallback?.(w.code)
  }
  const opened = deps.store ?? (await openStore({ onWarning }))
  if (!opened.persistent) {
    warned = true
    deps.onFallback?.('reason' in opened ? String((opened as { reason?: unknown }).reason) : 'unavailable')
  }
  let scope = scopeOf(deps.userId?.())
  // The outbox switches at once (no job may go out under the next user's session); the store
  // switches once the previous user's pending drafts are written to their scope.
  let author = scope
  await migrateUnscoped(opened, scope).catch(() => undefined)
  const store = scopedStore(opened, () => scope)
  const outbox = createOutbox({
    store: opened,
    author: () => author,
    expireRejected: (job) => !!handlerOf(job)?.ephemeral && Math.abs(Date.now() - job.updatedAt) > EXPIRE_REJECTED_MS,
    send: async (job, ctx) => {
      // The drafts it was made from are cleared first (its page may have gone before it did):
      // once it is delivered, no page can tell any more that they were sent.
      // (A job the device refused to store, held in memory only: its drafts are what a reload
      // finds of it, and go once it is delivered.)
      const kept = outbox.memoryOnly(job.id)
      if (!kept) await drafts.settle(job.origin).catch(() => undefined)
      const { client, events } = deps
      const session = client?.store.getState().session
      const result = await deliver(await deps.transport(), job, {
        idempotencyKey: ctx.idempotencyKey,
        signal: ctx.signal,
      }).catch((error: unknown) => {
        // The host hears it as of any failed sign-in, with words that say what happened: the
        // sign-in is refused (not "your session has expired"). Only if the session is still the
        // one this attempt began with: a sign-in that succeeded meanwhile (or one the host has
        // under way) is the session's truth, not this late refusal.
        const now = () => client?.store.getState().session
        if (signInRefused(error) && session?.status === 'ready' && now() === session) {
          client!.store.setState((s) => ({ session: { ...s.session, status: 'error', errorCode: 'unauthorized' } }))
          const errored = now()
          void client!
            .need(['reports'])
            .catch(() => {})
            .then(() => {
              if (now() === errored)
                events?.emit({ type: 'error', code: 'unauthorized', message: client!.t('report.signInRefused') })
            })
        }
        throw error
      })
      if (kept) await drafts.settle(job.origin).catch(() => undefined)
      return result
    },
    // Backends without Idempotency-Key: before re-sending a job whose answer was lost, look for
    // the earlier attempt (a marker carrying the key, or the same text since the job began).
    reconcile: async (job) => {
      const t = await deps.transport()
      const reconcile = handlerOf(job)?.reconcile
      if (t.capabilities.idempotency || !canFindWrites(t) || !reconcile) return undefined
      return reconcile(t, job as never)
    },
    onChange: (event, jobs) => {
      leaving(event, jobs)
      if (!deps.events || event.type === 'removed' || event.type === 'synced') return
      handlerOf(event.job)?.events?.(event as never, deps.events.emit)
    },
  })
  // A sign-in succeeded (the host's identify, or the transport's own): the reports refused for
  // want of a session go now, not after their backoff. Emitted once the outbox is the user's.
  deps.events?.on('session:identify', () => outbox.authorized())
  // The sign-in succeeded before this outbox ran (a reload after a 401, storage opened at idle or
  // while the sign-in was answered): no session:identify comes for it, the same goes now.
  if (deps.signedIn?.() && scopeOf(deps.userId?.()) === author) outbox.authorized()
  // Order and transaction numbers may pass the Luhn check; they are references, not cards.
  // The privacy scanner loads with the first draft (text typed), not with storage.
  let redactor: ((v: unknown) => unknown) | undefined
  let loading: Promise<unknown> | undefined
  const ready = () =>
    (loading ??= import('./privacy/index.js').then(
      ({ redactFields }) => {
        redactor = (v) => redactFields(v, { referenceKeys: [...REFERENCE_FIELDS, 'id'] }).value
      },
      (error: unknown) => {
        loading = undefined
        throw error
      },
    ))
  // Only the synchronous pagehide copy can run before the scanner has loaded: it gets the coarse mask.
  const redact = (v: unknown) => (redactor ? redactor(v) : coarseMask(v))
  const drafts = createDrafts(store, {
    scope: () => scope,
    storeOf: (of) => scopedStore(opened, () => of),
    redact,
    ready,
    // (Read on each write of a draft: a job from it left by a page gone before clearing it is
    // found then, and the write is stamped after every such job, whatever the clock says.)
    // (All at once: a long offline queue is one wait per save, not one per job.)
    sent: async () =>
      (
        await Promise.all(
          (await opened.keys(JOB_KEYS))
            .filter((key) => !opened.memoryOnly?.(key))
            .map(async (key) => (await opened.get<{ origin?: unknown }>(key))?.origin),
        )
      ).flatMap((origin) => (Array.isArray(origin) ? origin : [])),
  })
  // Before any draft is loaded: the drafts of every stored job whose page went before clearing
  // them (any user's: each job's refs name the scope of theirs).
  // (A job held in this page's memory only, the device refused it: its drafts stay parked on the
  // device, all a reload would find of it, until it is delivered.)
  const settleAll = async () => {
    for (const key of await opened.keys(JOB_KEYS))
      if (!opened.memoryOnly?.(key)) await drafts.settle((await opened.get<{ origin?: unknown }>(key))?.origin)
  }
  await settleAll().catch(() => undefined)
  // The current author's jobs as last listed: one missing from a later list left the device
  // (another tab sent or discarded it). The drafts kept beside a job leave with it.
  let known = new Set<string>()
  function leaving(event: OutboxEvent, jobs: readonly OutboxJob[]) {
    const left =
      event.type === 'sent'
        ? [event.job.id]
        : event.type === 'removed'
          ? [event.id]
          : event.type === 'synced'
            ? [...known].filter((id) => !jobs.some((j) => j.id === id))
            : []
    known = new Set(jobs.map((j) => j.id))
    for (const id of left)
      for (const h of Object.values(handlers) as Array<JobHandler<OutboxKind>>)
        for (const key of h.drafts?.(id) ?? []) void drafts.clear(key).catch(() => undefined)
  }
  // How many times each scope was forgotten (logout with forget): a pinned store is of one era.
  const forgotten: Record<string, number> = {}
  return {
    store,
    userStore() {
      const pinned = scope
      const era = forgotten[pinned]
      const kv = scopedStore(opened, () => pinned)
      const { set } = kv
      // Once that user asked to be forgotten, a save still on its way (a "seen" mark, a
      // transcript) is dropped: it would bring their data back into the scope just cleared.
      kv.set = (key, value) => (forgotten[pinned] === era ? set(key, value) : Promise.resolve())
      return kv
    },
    get persistent() {
      return opened.persistent
    },
    outbox,
    drafts,
    async setUser(userId) {
      const next = scopeOf(userId)
      if (next === author) return
      author = next
      // The previous user's jobs leave the list, not the device.
      known = new Set()
      outbox.rescope()
      // Keystrokes of the previous user land in their scope, not the next one's.
      await drafts.flush().catch(() => undefined)
      scope = next
      // A page of that user's that went meanwhile may have left a sent report's draft behind.
      await settleAll().catch(() => undefined)
    },
    async forgetUser() {
      forgotten[scope] = (forgotten[scope] ?? 0) + 1
      await drafts.flush().catch(() => undefined)
      await outbox.clearAuthor()
      drafts.forgetBackups()
      await clearScope(opened, scope)
    },
  }
}
