import type { OutboxJob, OutboxJobOf } from '../outbox/types.js'
import type { Message } from '../types.js'
import { messageParts, partKey } from './split.js'
import type { ChatItem, ChatItemState, MessageJobPayload } from './types.js'

/** Optimistic items wait below every confirmed message, in the order they were written. */
const pending = (m: ChatItem) => m.localId !== undefined

/**
 * List order: confirmed messages by server `seq`, then `createdAt`, then id; optimistic items
 * after them by creation time. `seq` is the only order both sides agree on: clocks differ.
 */
export function compareItems(a: ChatItem, b: ChatItem): number {
  const pa = pending(a)
  const pb = pending(b)
  if (pa !== pb) return pa ? 1 : -1
  if (!pa && a.seq !== b.seq) return a.seq - b.seq
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const confirmed = (m: Message): ChatItem => ({ ...m, state: 'sent' })

/** Optimistic items sit at the end of a sorted list, so only that tail is searched. */
function findPending(list: readonly ChatItem[], clientId: string): number {
  for (let i = list.length - 1; i >= 0 && pending(list[i]!); i--) if (list[i]!.clientId === clientId) return i
  return -1
}

/**
 * Merges server messages into the list: deduplicated by `id` (a replayed or refetched message
 * updates its row), and a message whose `clientId` matches an optimistic item replaces it (the
 * echo of our own send). Returns the same array when nothing changed, so renders can be skipped.
 *
 * @example
 * mergeMessages([optimistic('k1')], [{ id: 'm9', clientId: 'k1', seq: 9, ... }]) // one item, id m9, state 'sent'
 */
export function mergeMessages(items: readonly ChatItem[], incoming: readonly Message[]): ChatItem[] {
  if (incoming.length === 0) return items as ChatItem[]
  let out: ChatItem[] | undefined
  let index: Map<string, number> | undefined
  let needsSort = false
  let changed = false
  const lastSeq = () => {
    for (let i = (out ?? items).length - 1; i >= 0; i--) {
      const m = (out ?? items)[i]!
      if (!pending(m)) return m.seq
    }
    return 0
  }
  for (const m of incoming) {
    out ??= items.slice()
    index ??= new Map(out.map((x, i) => [x.id, i]))
    const at = index.get(m.id)
    if (at !== undefined) {
      const old = out[at]!
      if (
        old.seq !== m.seq ||
        old.text !== m.text ||
        old.kind !== m.kind ||
        old.attachments.length !== m.attachments.length
      ) {
        out[at] = confirmed(m)
        needsSort ||= old.seq !== m.seq
        changed = true
      }
      continue
    }
    changed = true
    const clientId = m.clientId
    // Once unsorted, optimistic items may no longer be the tail: search everything.
    const local =
      clientId === undefined
        ? -1
        : needsSort
          ? out.findIndex((x) => pending(x) && x.clientId === clientId)
          : findPending(out, clientId)
    if (local >= 0) {
      // The echo takes the optimistic item's place; order is then decided by its seq.
      out.splice(local, 1)
      index = undefined
      needsSort = true
    } else if (!needsSort && m.seq <= lastSeq()) {
      needsSort = true
    }
    if (!needsSort) {
      // Common case: a new message after the last confirmed one, before any optimistic items.
      let pos = out.length
      while (pos > 0 && pending(out[pos - 1]!)) pos--
      out.splice(pos, 0, confirmed(m))
      if (pos !== out.length - 1) index = undefined
      else index?.set(m.id, pos)
    } else {
      out.push(confirmed(m))
      index = undefined
    }
  }
  if (!out || !changed) return items as ChatItem[]
  if (needsSort) out.sort(compareItems)
  return out
}

/** Maps an outbox job state to what the message row shows. */
/**
 * Joins the older part of a stored transcript in front of the list. Merging thousands of
 * older messages one by one (mergeMessages) searches the list per message; here they are
 * turned into items in one ordered pass, then the two runs are joined and, only if they
 * overlap, sorted once.
 */
export function prependOlder(items: readonly ChatItem[], older: readonly Message[]): ChatItem[] {
  if (older.length === 0) return items as ChatItem[]
  const have = new Set(items.map((m) => m.id))
  const head = mergeMessages(
    [],
    older.filter((m) => !have.has(m.id)),
  )
  if (head.length === 0) return items as ChatItem[]
  const out = [...head, ...items]
  const firstOfItems = items.find((m) => !pending(m))
  const lastOfHead = head[head.length - 1]!
  return firstOfItems && compareItems(lastOfHead, firstOfItems) > 0 ? out.sort(compareItems) : out
}

export function itemState(job: OutboxJob): ChatItemState {
  switch (job.state) {
    case 'failed_retryable':
    case 'rejected':
      return 'failed'
    case 'sent':
      return 'sent'
    case 'queued':
      return job.attempts === 0 ? 'sending' : 'queued'
    default:
      return 'sending'
  }
}

/** The optimistic item for a message about to be queued (its first row when it is sent in parts). */
export function optimisticItem(p: MessageJobPayload, createdAt: string, preview?: Blob): ChatItem {
  return optimisticItems(p, createdAt, preview)[0]!
}

/** The local id of part `index` of `n` of a message: its own for a message sent whole. */
const partLocalId = (localId: string, index: number, n: number) => (n === 1 ? localId : `${localId}:${index + 1}`)

/**
 * The optimistic items of a message about to be queued: one per part a long text is sent as
 * (see `messageParts`), each replaced by its own echo.
 */
export function optimisticItems(p: MessageJobPayload, createdAt: string, preview?: Blob): ChatItem[] {
  const parts = messageParts(p.message.text)
  return parts.map((text, i) => {
    const localId = partLocalId(p.localId, i, parts.length)
    return {
      id: `local:${localId}`,
      localId,
      conversationId: p.conversationId,
      author: 'user',
      kind: p.message.kind,
      text,
      attachments: p.message.attachments,
      ...(p.message.transaction ? { transaction: p.message.transaction } : {}),
      createdAt,
      seq: 0,
      state: 'sending',
      ...(preview ? { preview } : {}),
    }
  })
}

// Storage may hand back anything: a job without a payload is not this conversation's.
const isChatJob = (job: OutboxJob, conversationId: string): job is OutboxJobOf<'message'> =>
  job.kind === 'message' && job.payload?.conversationId === conversationId

/**
 * Brings optimistic items in line with the outbox: state and idempotency key (the future
 * `clientId`) from each job, an item for a job left by a previous page, and no item for a job
 * the user discarded. An item whose echo already arrived is dropped, whichever came first.
 */
export function syncWithJobs(
  items: readonly ChatItem[],
  jobs: readonly OutboxJob[],
  conversationId: string,
): ChatItem[] {
  const mine = jobs.filter((j) => isChatJob(j, conversationId))
  const echoed = new Set(items.filter((m) => !pending(m) && m.clientId !== undefined).map((m) => m.clientId))
  // One row per part of a long text, each with the key its part is sent with.
  type Row = { job: OutboxJobOf<'message'>; clientId: string; index: number }
  const byLocal = new Map<string, Row>()
  for (const job of mine) {
    const n = messageParts(job.payload.message.text).length
    for (let i = 0; i < n; i++)
      byLocal.set(partLocalId(job.payload.localId, i, n), { job, clientId: partKey(job.idempotencyKey, i), index: i })
  }
  let changed = false
  const out: ChatItem[] = []
  for (const m of items) {
    if (!pending(m)) {
      out.push(m)
      continue
    }
    const row = byLocal.get(m.localId!)
    byLocal.delete(m.localId!)
    // Without a job: not stored yet (keep it) or sent / discarded since (its echo is the truth).
    if (!row) {
      if (m.jobId === undefined) out.push(m)
      else changed = true
      continue
    }
    const { job, clientId } = row
    if (echoed.has(clientId)) {
      changed = true
      continue
    }
    const state = itemState(job)
    const errorCode = job.lastError?.code
    if (m.jobId === job.id && m.clientId === clientId && m.state === state && m.errorCode === errorCode) {
      out.push(m)
      continue
    }
    changed = true
    const { errorCode: _e, ...rest } = m
    out.push({
      ...rest,
      jobId: job.id,
      clientId,
      state,
      ...(errorCode && state === 'failed' ? { errorCode } : {}),
    })
  }
  for (const { job, clientId, index } of byLocal.values()) {
    if (echoed.has(clientId)) continue
    changed = true
    const preview = job.payload.files?.[0]?.blob
    const item = optimisticItems(job.payload, new Date(job.createdAt).toISOString(), preview)[index]!
    out.push({ ...item, jobId: job.id, clientId, state: itemState(job) })
  }
  if (!changed) return items as ChatItem[]
  return out.sort(compareItems)
}

/** Highest confirmed `seq` in the list (0 when empty). */
export function lastSeq(items: readonly ChatItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) if (!pending(items[i]!)) return items[i]!.seq
  return 0
}

/** Highest confirmed agent `seq` (0 when none). */
export function lastAgentSeq(items: readonly ChatItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const m = items[i]!
    if (m.localId === undefined && m.author === 'agent') return m.seq
  }
  return 0
}

/** Agent messages after `readSeq`; walks back from the end, so it costs the unread count. */
export function unreadCount(items: readonly ChatItem[], readSeq: number): number {
  let count = 0
  for (let i = items.length - 1; i >= 0; i--) {
    const m = items[i]!
    if (m.localId !== undefined) continue
    if (m.seq <= readSeq) break
    if (m.author === 'agent') count++
  }
  return count
}
