import { idbStore } from './idb.js'
import { memoryStore } from './memory.js'
import { resilientStore, type StorageWarningHandler } from './resilient.js'
import type { KeyValueStore } from './types.js'

/** Why the SDK is keeping data in memory only. */
export type StorageFallbackReason = 'unsupported' | 'open_failed' | 'timeout' | 'probe_mismatch'

/** The store the SDK will use. `reason` is set when it fell back to memory (`persistent: false`). */
export interface OpenedStore extends KeyValueStore {
  readonly reason: StorageFallbackReason | undefined
}

export interface OpenStoreOptions {
  /** Key namespace inside the SDK database. Default `hf:`. */
  prefix?: string
  /** How long the probe may take. Some Android WebViews never settle `indexedDB.open`. Default 3000. */
  timeoutMs?: number
  /** Runtime storage failures (quota, closed connection); the data stays in memory meanwhile. */
  onWarning?: StorageWarningHandler
  /** Builds the persistent store to probe. Default: {@link idbStore}. Tests inject failures here. */
  createPersistent?: (prefix: string) => KeyValueStore
}

/**
 * The probe's key, with its token: two stores probing the database at once (two widgets on a
 * page, two tabs) each read back their own write, not the other's (which sent one to memory).
 */
const PROBE_KEY = '__probe__:'
/**
 * A probe key older (or, the clock set back, newer) than this was left by a page closed
 * mid-probe. A live probe lasts seconds: another page's, probing now, is never taken for one.
 */
const STALE_MS = 3_600_000

class ProbeTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

async function probe(store: KeyValueStore): Promise<boolean> {
  // Listed before our write (IndexedDB runs them in order); the clean-up holds nothing up, a
  // listing that never answers included.
  const stale = (k: string) => !(Math.abs(Date.now() - parseInt(k.slice(PROBE_KEY.length))) < STALE_MS)
  void store
    .keys(PROBE_KEY)
    .then((earlier) => earlier.filter(stale).forEach((k) => store.del(k).catch(() => undefined)))
    .catch(() => undefined)
  // Twice when our key is gone: the clock jumped by hours while we probed, and another page's
  // clean-up took it for a leftover (it does so once: its listing came before our second write).
  for (let tries = 2; ;) {
    const token = `${Date.now()}:${Math.random()}`
    const key = PROBE_KEY + token
    await store.set(key, token)
    const back = await store.get<string>(key)
    // Cleaning up need not hold the first read back (each write is a transaction commit).
    store.del(key).catch(() => undefined)
    if (back !== undefined || --tries === 0) return back === token
  }
}

/**
 * Opens IndexedDB and proves it works (open + write + read back) before trusting it; on any
 * failure or a hang, falls back to memory with `persistent: false` and a `reason`. The returned
 * store also survives runtime failures: see {@link resilientStore}.
 *
 * @example
 * const store = await openStore({ onWarning: (w) => log(w.code) })
 * if (!store.persistent) showNotice(t('storage.memoryOnly'))
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const prefix = options.prefix ?? 'hf:'
  const fallback = (reason: StorageFallbackReason): OpenedStore => ({ ...memoryStore(), reason })

  if (!options.createPersistent && typeof indexedDB === 'undefined') return fallback('unsupported')
  let persistent: KeyValueStore
  try {
    persistent = (options.createPersistent ?? idbStore)(prefix)
    const ok = await withTimeout(probe(persistent), options.timeoutMs ?? 3000)
    if (!ok) return fallback('probe_mismatch')
  } catch (error) {
    return fallback(error instanceof ProbeTimeout ? 'timeout' : 'open_failed')
  }

  const store = resilientStore(persistent, options.onWarning ? { onWarning: options.onWarning } : {})
  // Object.assign keeps the store's live `persistent` getter (it only reads the source object).
  return Object.assign(store, { reason: undefined })
}
