import { vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { memoryTransport, type MemoryTransport } from '../../../src/transports/memory.js'
import { memoryStore } from '../../../src/storage/memory.js'
import type { Transport } from '../../../src/transports/types.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import type { ChatEvent } from '../../../src/types.js'

/** A memory transport whose event stream can be cut (events are lost) and restored (resync). */
export interface Harness {
  client: SupportClient
  mem: MemoryTransport
  transport: Transport
  events: HelpFeedbackEvent[]
  /** Stop delivering stream events, as a dropped connection would. */
  drop(): void
  /** Deliver again and announce `resync`, as the SSE client does after a reconnect. */
  reconnect(): void
}

export async function harness(
  options: { transport?: Partial<Transport>; locale?: 'en' | 'zh-CN'; store?: KeyValueStore } = {},
): Promise<Harness> {
  const mem = memoryTransport({ store: options.store ?? memoryStore(), agent: { autoReply: false } })
  let dropped = false
  const listeners = new Set<(e: ChatEvent) => void>()
  mem.subscribe((e) => {
    if (!dropped) for (const l of [...listeners]) l(e)
  })
  const transport: Transport = {
    ...mem,
    subscribe(fn) {
      listeners.add(fn)
      return () => void listeners.delete(fn)
    },
    ...options.transport,
  }
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({ transport, locale: options.locale ?? 'en', onEvent: (e) => events.push(e) })
  await client.identify({ id: 'u1', name: 'Ann' })
  return {
    client,
    mem,
    transport,
    events,
    drop: () => void (dropped = true),
    reconnect() {
      dropped = false
      for (const l of [...listeners]) l({ type: 'resync' })
    },
  }
}

/**
 * From now until the returned restore: IndexedDB writes of chat transcript records
 * (`chat:conversation:<id>`) silently do nothing, as for a page closed before they land.
 * Needs `fake-indexeddb` (the test's device storage).
 */
export function loseTranscriptWrites(): () => void {
  const put = IDBObjectStore.prototype.put
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    return String(key).includes('chat:conversation:')
      ? (this.count() as unknown as IDBRequest<IDBValidKey>)
      : put.call(this, value, key)
  })
  return () => spy.mockRestore()
}

/**
 * From now until the returned restore: each step of the device storage (a task fake-indexeddb
 * queues) waits `ms` first, as on a busy phone. Needs `fake-indexeddb`.
 */
export function slowDevice(ms: number): () => void {
  const spy = vi
    .spyOn(globalThis, 'setImmediate')
    .mockImplementation(((fn: () => void) => setTimeout(fn, ms)) as unknown as typeof setImmediate)
  return () => spy.mockRestore()
}

/** Resolves once `store`'s state passes `ok`, at once if it does already: it waits on changes, not on a clock. */
export function until<S>(
  store: { getState(): S; subscribe(fn: (state: S) => void): () => void },
  ok: (state: S) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (ok(store.getState())) return resolve()
    const off = store.subscribe((state) => {
      if (!ok(state)) return
      off()
      resolve()
    })
  })
}
