import type { FieldError } from '../errors/index.js'
import type { KeyValueStore } from '../storage/types.js'
import type { CommentInput, MessageInput, RatingTarget, TicketInput } from '../types.js'

/** A file queued with a write; stored as a Blob in IndexedDB until it is uploaded. */
export interface QueuedFile {
  blob: Blob
  name: string
  type: string
}

/**
 * The payload of each job kind the SDK queues. This is also the shape kept in IndexedDB:
 * jobs written by earlier versions have the same `kind` and `payload`, so they are delivered
 * as they are (change a payload only with a migration in `jobStore`).
 */
export interface JobPayloads {
  /** A report (reports), or a message left outside business hours (chat). */
  ticket: { input: TicketInput; files?: QueuedFile[] }
  comment: { ticketId: string; comment: CommentInput; files?: QueuedFile[] }
  escalate: { ticketId: string; reason: string }
  /** A ticket's or a conversation's rating. */
  rating: { target: RatingTarget; score: number; comment?: string }
  /** "Was this article helpful?" */
  vote: { articleId: string; helpful: boolean }
  message: {
    conversationId: string
    message: MessageInput
    files?: QueuedFile[]
    /** Ties the job to the chat's optimistic item; not sent to the backend. */
    localId: string
  }
}

/** What a job creates on the backend. */
export type OutboxKind = keyof JobPayloads

/**
 * - `queued`: waiting for its first (or a recovered) attempt.
 * - `sending`: an attempt is in flight. Found at start-up, it means the page died mid-send; it is
 *   sent again with the same idempotency key.
 * - `failed_retryable`: the last attempt failed in a way time can fix; `retryDelayMs` says when.
 * - `reconcile`: the last attempt may have reached the backend but its answer was unreadable
 *   (2xx with a malformed body, a captive portal's HTML, a timeout after sending). It is sent
 *   again with the same idempotency key (or looked up with `reconcile`) — never refused. The
 *   user sees it as still sending.
 * - `rejected`: the backend refused the input; kept with the field errors until the user edits
 *   and retries, or discards it.
 * - `sent`: confirmed by the backend. Reported to listeners, then dropped from storage.
 */
export type OutboxJobState = 'queued' | 'sending' | 'failed_retryable' | 'reconcile' | 'rejected' | 'sent'

export interface OutboxJobError {
  code: string
  message: string
  fields?: FieldError[]
  /**
   * The transport's sign-in was refused (not a session that expired). The job retries with its
   * backoff, and goes at once when a sign-in succeeds (`Outbox.authorized()`).
   */
  signIn?: 'refused'
}

/** A stored job of any kind: what the outbox engine itself works with. */
export interface OutboxJobBase<K extends string = string, P = unknown> {
  id: string
  kind: K
  payload: P
  /** Made once at enqueue and reused on every attempt; changes only when the payload does. */
  idempotencyKey: string
  /** Jobs sharing a group are sent in order (e.g. messages of one conversation). */
  group?: string
  /** Send attempts started with the current idempotency key. */
  attempts: number
  /**
   * Wait before the next attempt, counted on the monotonic clock from when a page first saw
   * the job in this state (a reload restarts it). A delay, never a device time: the wall clock
   * can jump a day while the job waits.
   */
  retryDelayMs?: number
  /** @deprecated Absolute device time written by earlier versions; read as "due now". */
  nextAttemptAt?: number
  /**
   * What the job was made from, for its caller (the drafts a report came from, see
   * `Drafts.settle`): stored with it as given, never read by the outbox.
   */
  origin?: unknown
  /** Scope of the user who wrote it (see `scopeOf`); the job is sent only while that user is signed in. */
  author?: string
  state: OutboxJobState
  lastError?: OutboxJobError
  createdAt: number
  updatedAt: number
  /** Tie-breaker for jobs created in the same millisecond. */
  seq: number
  /**
   * Revision: one more on every stored change (absent in jobs of earlier versions). `retry` and
   * `remove` given the one a page read act only while the job is still that version.
   */
  rev?: number
}

/** One of the SDK's jobs, of kind `K`. */
export type OutboxJobOf<K extends OutboxKind> = OutboxJobBase<K, JobPayloads[K]>

/** The SDK's jobs: a union discriminated by `kind`, so `job.payload` is typed after a `kind` check. */
export type OutboxJob = { [K in OutboxKind]: OutboxJobOf<K> }[OutboxKind]

/** The payload of jobs of kind `K` in the union `J`. */
type PayloadOf<J extends OutboxJobBase, K extends J['kind']> = [J] extends [OutboxJob]
  ? JobPayloads[K & OutboxKind]
  : J extends unknown
    ? K extends J['kind']
      ? J['payload']
      : never
    : never

/** Passed to `send`. Forward `idempotencyKey` to the transport's WriteOptions. */
export interface SendContext {
  idempotencyKey: string
  signal: AbortSignal
  /** 1 on the first attempt with this key. */
  attempt: number
}

/**
 * Cross-tab mutual exclusion. `run` calls `fn` only when the lock is free right now and
 * resolves to whether it ran; it never waits for another holder.
 */
export interface OutboxLock {
  run(fn: () => Promise<void>): Promise<boolean>
}

/** Tells other tabs that jobs changed or the lock was released. */
export interface OutboxChannel {
  post(message: OutboxChannelMessage): void
  subscribe(listener: (message: OutboxChannelMessage) => void): () => void
  close?(): void
}

export type OutboxChannelMessage = { type: 'changed' } | { type: 'released' }

export type OutboxEvent<R = unknown, J extends OutboxJobBase = OutboxJob> =
  | { type: 'enqueued' | 'updated' | 'rejected'; job: J }
  | { type: 'sent'; job: J; result: R }
  | { type: 'removed'; id: string }
  | { type: 'synced' }

export type OutboxListener<R = unknown, J extends OutboxJobBase = OutboxJob> = (
  event: OutboxEvent<R, J>,
  jobs: readonly J[],
) => void

/** Minimal timer API so tests and benchmarks can drive a virtual clock. */
export interface OutboxTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Where `online` and `visibilitychange` come from; `window`/`document` in browsers. */
export interface OutboxEnvironment {
  window?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  document?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState?: string }
}

/** `J` is the union of jobs this outbox carries: the SDK's {@link OutboxJob} unless given. */
export interface OutboxOptions<R = unknown, J extends OutboxJobBase = OutboxJob> {
  store: KeyValueStore
  /** Delivers one job. Throw the SDK's typed errors so the outbox can tell retry from reject. */
  send: (job: J, context: SendContext) => Promise<R>
  /**
   * For backends without idempotency (transport `capabilities.idempotency === false`): called
   * before re-sending a job that was attempted before. Look for the earlier attempt on the
   * backend (e.g. list recent tickets and match a client nonce such as the idempotency key
   * stored in a custom field) and return its result if found; return undefined to send again.
   * Errors thrown here are handled like send errors.
   */
  reconcile?: (job: J) => Promise<R | undefined>
  /** Wall clock, for `createdAt`/`updatedAt` and the storage lease only. Default `Date.now`. */
  now?: () => number
  /**
   * Monotonic clock that schedules retries. Default `performance.now()`: a device clock set a
   * day ahead (or corrected back) must not strand a job or let later ones overtake it.
   */
  clock?: () => number
  /**
   * The scope of the signed-in user. When given, jobs are stamped with it at enqueue, only the
   * current user's jobs are listed and sent, and the others wait for their author. Jobs from
   * earlier versions (no author) are adopted by the first user who runs the outbox.
   */
  author?: () => string
  /** Rejected jobs this returns true for are dropped (e.g. a refused chat message after a week). */
  expireRejected?: (job: J) => boolean
  /** In [0, 1); drives backoff jitter. */
  random?: () => number
  /** Defaults to Web Locks, else a lease in `store`, else (memory store) an in-tab lock. */
  lock?: OutboxLock
  /** Defaults to a BroadcastChannel when the store is persistent; `null` turns it off. */
  channel?: OutboxChannel | null
  /** False means definitely offline: no attempt is made until the `online` event. */
  online?: () => boolean
  onChange?: OutboxListener<R, J>
  /** Default 1000 ms and 5 min: full-jitter exponential backoff. */
  backoff?: { baseMs?: number; capMs?: number }
  /** Key namespace inside `store`. Default `outbox:`. */
  keyPrefix?: string
  timers?: OutboxTimers
  environment?: OutboxEnvironment
  /** Makes ids and idempotency keys. Default `crypto.randomUUID` with a getRandomValues fallback. */
  uuid?: () => string
  /** Flush as soon as the outbox is created (recovers jobs from a previous page). Default true. */
  autoStart?: boolean
}

export interface Outbox<R = unknown, J extends OutboxJobBase = OutboxJob> {
  /**
   * Persists the job, then tries to send it. Resolves to the job id once it is stored. `author`:
   * the user who wrote it (see {@link OutboxJobBase.author}), when that may no longer be the one
   * signed in (a switch while it was being prepared); default the one signed in now.
   */
  enqueue<K extends J['kind']>(
    kind: K,
    payload: PayloadOf<J, K>,
    options?: { group?: string; origin?: unknown; author?: string },
  ): Promise<string>
  /**
   * Sends a failed or rejected job again now. Pass the edited payload when the user changed
   * it: a different payload gets a new idempotency key, an identical one keeps the old key.
   * Resolves false when the job is unknown or in flight, and for an edit of a job whose current
   * key may already have reached the backend without a refusal (a send after which the answer
   * was lost or failed): a new key could make a second ticket. With `rev` (the job's `rev` as
   * the caller read it), false as well once the job changed since: checked and written in one
   * IndexedDB transaction, so two tabs sending their own fix at once never both take. `origin`
   * replaces the job's (see {@link OutboxJobBase.origin}) when it is taken.
   */
  retry(id: string, payload?: J['payload'], options?: { rev?: number; origin?: unknown }): Promise<boolean>
  /**
   * Deletes a job. Only for an explicit user action ("discard"); never called by the outbox.
   * False when it is unknown, in flight, or (given `rev`) changed since the caller read it.
   */
  remove(id: string, options?: { rev?: number }): Promise<boolean>
  /** Whether the device refused to store the job: it is kept in memory only, gone with the page. */
  memoryOnly(id: string): boolean
  /**
   * How a job left the device while this page ran (its `sent` or `removed` event, for the last
   * 50), for a view that starts following it after the fact; undefined otherwise.
   */
  left(id: string): Extract<OutboxEvent<R, J>, { type: 'sent' | 'removed' }> | undefined
  /** All unsent jobs, oldest first, read fresh from storage. */
  list(): Promise<J[]>
  /** The last known jobs without touching storage. */
  snapshot(): readonly J[]
  subscribe(listener: OutboxListener<R, J>): () => void
  /** Sends every due job if this tab can take the lock. Resolves when the pass is over. */
  flush(): Promise<void>
  /**
   * The current author's session became valid (a sign-in succeeded): their jobs waiting after
   * an authorization failure (401/403) are sent now, same key, not after their backoff. Jobs
   * waiting for another reason (5xx, Retry-After) and other authors' jobs keep theirs.
   */
  authorized(): void
  /**
   * The signed-in user changed (`author()` returns another scope): an attempt in flight for the
   * previous user is aborted (it stays stored, same key), listeners get `synced` with the new
   * user's jobs, and those are flushed.
   */
  rescope(): void
  /** Deletes every job of the current author (an explicit sign-out that forgets the device copy). */
  clearAuthor(): Promise<number>
  /** Stops timers and listeners and aborts the attempt in flight (its job stays stored). */
  dispose(): void
}
