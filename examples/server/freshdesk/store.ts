import { createHash } from 'node:crypto'
import type { Db } from '../db.js'
import { HttpError, canonicalJson } from '../http.js'
import type { Sidecar } from './mapping.js'

/*
 * What the proxy keeps in the reference server's SQLite database: the sidecar of each ticket
 * it created (category, the user's own text and fields, attachment id map), the user → contact
 * cache, and Idempotency-Key replays (Freshdesk has none, so the proxy provides them).
 * Tables are the proxy's own, created on first use; the server's migrations are untouched.
 */

export interface ProxyStore {
  sidecar(ticketId: number): Sidecar | undefined
  saveSidecar(ticketId: number, userId: string, side: Sidecar): void
  contactId(userId: string): number | undefined
  saveContact(userId: string, contactId: number): void
  /** Runs `fn` once per (user, key): replays stored 2xx, 422 for another request, 409 while in flight. */
  once<T extends { status: number; body?: unknown }>(userId: string, key: string | undefined, request: string, fn: () => Promise<T>): Promise<T | { status: number; body?: unknown; headers: Record<string, string> }>
}

export function createProxyStore(db: Db): ProxyStore {
  db.exec(`CREATE TABLE IF NOT EXISTS fd_tickets (
      fd_id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, data TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS fd_contacts (user_id TEXT PRIMARY KEY, contact_id INTEGER NOT NULL);`)
  const inFlight = new Set<string>()

  return {
    sidecar(ticketId) {
      const row = db.prepare<{ data: string }>('SELECT data FROM fd_tickets WHERE fd_id = ?').get(ticketId)
      return row ? (JSON.parse(row.data) as Sidecar) : undefined
    },
    saveSidecar(ticketId, userId, side) {
      db.prepare('INSERT OR REPLACE INTO fd_tickets (fd_id, user_id, data, created_at) VALUES (?, ?, ?, ?)')
        .run(ticketId, userId, JSON.stringify(side), Date.now())
    },
    contactId(userId) {
      return db.prepare<{ contact_id: number }>('SELECT contact_id FROM fd_contacts WHERE user_id = ?').get(userId)?.contact_id
    },
    saveContact(userId, contactId) {
      db.prepare('INSERT OR REPLACE INTO fd_contacts (user_id, contact_id) VALUES (?, ?)').run(userId, contactId)
    },
    async once(userId, key, request, fn) {
      if (!key) throw new HttpError(400, 'rejected', 'Idempotency-Key header required', { fields: { 'Idempotency-Key': 'Required' } })
      if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new HttpError(400, 'rejected', 'bad Idempotency-Key', { fields: { 'Idempotency-Key': 'Invalid' } })
      const scope = `freshdesk:${userId}`
      const fingerprint = createHash('sha256').update(request).digest('hex')
      const row = db.prepare<{ fingerprint: string; status: number; body: string }>(
        'SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?').get(scope, key)
      if (row) {
        if (row.fingerprint !== fingerprint) throw new HttpError(422, 'idempotency_mismatch', 'Idempotency-Key was used for a different request')
        return { status: row.status, ...(row.body ? { body: JSON.parse(row.body) as unknown } : {}), headers: { 'Idempotent-Replayed': 'true' } }
      }
      const slot = `${scope} ${key}`
      if (inFlight.has(slot)) throw new HttpError(409, 'conflict', 'a request with this Idempotency-Key is in flight')
      inFlight.add(slot)
      try {
        const result = await fn()
        if (result.status >= 200 && result.status < 300) {
          db.prepare('INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(scope, key, fingerprint, result.status, result.body === undefined ? '' : JSON.stringify(result.body), Date.now())
        }
        return result
      } finally {
        inFlight.delete(slot)
      }
    },
  }
}

/** Fingerprint input: method, path and canonical JSON (or the upload's digest). */
export const requestPrint = (method: string, path: string, body: unknown): string => `${method} ${path}\n${canonicalJson(body)}`
