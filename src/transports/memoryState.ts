import type { KeyValueStore } from '../storage/types.js'
import type { AttachmentRef, Conversation, Message, TicketDetail } from '../types.js'

/** Every key the memory transport writes starts with this, so it never collides with the core's. */
export const MEM_PREFIX = 'hf:mem:'
const STATE_KEY = `${MEM_PREFIX}state`

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
  return { version: 1, counter: 0, tickets: {}, conversations: {}, messages: {}, attachments: {}, idempotency: {}, votes: {} }
}

/** A Map-backed store: what we use when IndexedDB is missing or refuses to open. */
export function mapStore(): KeyValueStore {
  const map = new Map<string, unknown>()
  return {
    persistent: false,
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    keys: async (prefix = '') => [...map.keys()].filter((k) => k.startsWith(prefix)),
  }
}

/**
 * IndexedDB through idb-keyval, loaded lazily so the transport costs nothing until used.
 * Private modes and some WebViews expose `indexedDB` but fail on open, hence the probe write.
 */
export async function defaultStore(): Promise<KeyValueStore> {
  if (typeof indexedDB === 'undefined') return mapStore()
  try {
    const idb = await import('idb-keyval')
    const store: KeyValueStore = {
      persistent: true,
      get: (key) => idb.get(key),
      set: (key, value) => idb.set(key, value),
      del: (key) => idb.del(key),
      keys: async (prefix = '') => (await idb.keys()).map(String).filter((k) => k.startsWith(prefix)),
    }
    await store.set(`${MEM_PREFIX}probe`, 1)
    return store
  } catch {
    return mapStore()
  }
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
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}
