import { stableStringify } from '../stableStringify.js'
import type { KeyValueStore } from '../storage/types.js'
import type { AttachmentRef, Conversation, Message, Ticket, TicketDetail } from '../types.js'

/** Every key the memory transport writes starts with this, so it never collides with the core's. */
export const MEM_PREFIX = 'hf:mem:'
const STATE_KEY = `${MEM_PREFIX}state`

/** A stored ticket as a list shows it: the summary fields only (no comments, no owner). */
export function ticketSummary(t: Ticket): Ticket {
  return {
    id: t.id,
    reference: t.reference,
    status: t.status,
    priority: t.priority,
    category: t.category,
    subject: t.subject,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    ...(t.expectedResponseHours === undefined ? {} : { expectedResponseHours: t.expectedResponseHours }),
  }
}

export interface MemTicket extends TicketDetail {
  userId: string
}

export interface MemConversation extends Conversation {
  userId: string
  locale: string
  rating?: { score: number; comment?: string }
}

/** The whole simulated backend; small enough to persist as one record. */
export interface MemState {
  version: 1
  counter: number
  tickets: Record<string, MemTicket>
  conversations: Record<string, MemConversation>
  messages: Record<string, Message[]>
  attachments: Record<string, AttachmentRef>
  /** `op:key` → what the first call returned, so a replay answers the same. */
  idempotency: Record<string, { fingerprint: string; result: unknown }>
  votes: Record<string, boolean>
}

export function emptyState(): MemState {
  return {
    version: 1,
    counter: 0,
    tickets: {},
    conversations: {},
    messages: {},
    attachments: {},
    idempotency: {},
    votes: {},
  }
}

/**
 * The SDK's own storage (its `help-feedback` database, never idb-keyval's default one), opened
 * lazily so the transport costs nothing until used. Keys keep {@link MEM_PREFIX}, so the
 * simulated backend never collides with what the core keeps there. Where IndexedDB is missing or
 * refuses to open (private modes, some WebViews), the state lives in memory.
 */
export async function defaultStore(): Promise<KeyValueStore> {
  const { openStore } = await import('../storage/open.js')
  return openStore({ prefix: '' })
}

/** Loads once, then writes the whole state after each mutation, strictly in order. */
export interface Persistence {
  load(): Promise<MemState>
  save(state: MemState): Promise<void>
  clear(): Promise<void>
  store(): Promise<KeyValueStore>
}

export function createPersistence(injected?: KeyValueStore): Persistence {
  let storePromise: Promise<KeyValueStore> | undefined
  let chain: Promise<void> = Promise.resolve()
  const store = () => (storePromise ??= injected ? Promise.resolve(injected) : defaultStore())
  // A failed write must not poison the chain: the state in memory stays authoritative.
  const enqueue = (job: () => Promise<void>) => (chain = chain.then(job).catch(() => undefined))
  return {
    store,
    async load() {
      const s = await store()
      try {
        const saved = await s.get<MemState>(STATE_KEY)
        return saved?.version === 1 ? saved : emptyState()
      } catch {
        return emptyState()
      }
    },
    save(state) {
      const snapshot = structuredClone(state)
      return enqueue(async () => (await store()).set(STATE_KEY, snapshot))
    },
    clear() {
      return enqueue(async () => {
        const s = await store()
        for (const key of await s.keys(MEM_PREFIX)) await s.del(key)
      })
    },
  }
}

/** Stable fingerprint of a request payload (key order insensitive) for idempotency checks. */
export const fingerprint = stableStringify
