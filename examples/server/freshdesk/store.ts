import { createHash } from 'node:crypto'
import type { Store } from '../store/types.js'
import { HttpError, canonicalJson } from '../http.js'
import type { Sidecar } from './mapping.js'

/*
 * What the proxy keeps in the reference server's database: the sidecar of each ticket
 * it created (category, the user's own text and fields, attachment id map), the user → contact
 * cache, and Idempotency-Key replays (Freshdesk has none, so the proxy provides them).
 * Tables are the proxy's own, created on first use; the server's migrations are untouched.
 */

export interface ProxyStore {
  sidecar(ticketId: number): Promise<Sidecar | undefined>
  saveSidecar(ticketId: number, userId: string, side: Sidecar): Promise<void>
  contactId(userId: string): Promise<number | undefined>
  saveContact(userId: string, contactId: number): Promise<void>
  /** Runs `fn` once per (user, key): replays stored 2xx, 422 for another request, 409 while in flight. */
  once<T extends { status: number; body?: unknown }>(
    userId: string,
    key: string | undefined,
    request: string,
    fn: () => Promise<T>,
  ): Promise<T | { status: number; body?: unknown; headers: Record<string, string> }>
}

export function createProxyStore(store: Store): ProxyStore {
  const inFlight = new Set<string>()

  return {
    async sidecar(ticketId) {
      const data = await store.tx((r) => r.fdSidecar(ticketId))
      return data === undefined ? undefined : (JSON.parse(data) as Sidecar)
    },
    saveSidecar: (ticketId, userId, side) =>
      store.tx((r) => r.fdSaveSidecar(ticketId, userId, JSON.stringify(side), Date.now())),
    contactId: (userId) => store.tx((r) => r.fdContact(userId)),
    saveContact: (userId, contactId) => store.tx((r) => r.fdSaveContact(userId, contactId)),
    async once(userId, key, request, fn) {
      if (!key)
        throw new HttpError(400, 'rejected', 'Idempotency-Key header required', {
          fields: { 'Idempotency-Key': 'Required' },
        })
      if (!/^[\x21-\x7e]{1,200}$/.test(key))
        throw new HttpError(400, 'rejected', 'bad Idempotency-Key', { fields: { 'Idempotency-Key': 'Invalid' } })
      const scope = `freshdesk:${userId}`
      const fingerprint = createHash('sha256').update(request).digest('hex')
      const row = await store.tx((r) => r.idem(scope, key))
      if (row) {
        if (row.fingerprint !== fingerprint)
          throw new HttpError(422, 'idempotency_mismatch', 'Idempotency-Key was used for a different request')
        return {
          status: row.status,
          ...(row.body ? { body: JSON.parse(row.body) as unknown } : {}),
          headers: { 'Idempotent-Replayed': 'true' },
        }
      }
      const slot = `${scope} ${key}`
      if (inFlight.has(slot)) throw new HttpError(409, 'conflict', 'a request with this Idempotency-Key is in flight')
      inFlight.add(slot)
      try {
        const result = await fn()
        if (result.status >= 200 && result.status < 300) {
          await store.tx((r) =>
            r.putIdem(
              scope,
              key,
              fingerprint,
              result.status,
              result.body === undefined ? '' : JSON.stringify(result.body),
              Date.now(),
            ),
          )
        }
        return result
      } finally {
        inFlight.delete(slot)
      }
    },
  }
}

/** Fingerprint input: method, path and canonical JSON (or the upload's digest). */
export const requestPrint = (method: string, path: string, body: unknown): string =>
  `${method} ${path}\n${canonicalJson(body)}`
