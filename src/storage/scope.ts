import type { KeyValueStore } from './types.js'

/** The scope of data written while nobody is signed in. */
export const ANONYMOUS_SCOPE = 'anon'

/**
 * The storage scope of a user: a hash of their id, so keys on the device do not spell out an
 * account id or phone number. FNV-1a over UTF-16 units, two seeds, 64 bits of hex: enough to
 * keep the few users of one device apart; it is a namespace, not a secret.
 *
 * @example scopeOf('u_123') // 'u3f5a…'; scopeOf(undefined) // 'anon'
 */
export function scopeOf(userId: string | undefined | null): string {
  if (userId === undefined || userId === null || userId === '') return ANONYMOUS_SCOPE
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let i = 0; i < userId.length; i++) {
    const c = userId.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x01000193) >>> 0
  }
  return `u${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`
}

/** Key prefix of one scope inside the SDK store. */
export const scopePrefix = (scope: string) => `s:${scope}:`

/**
 * A view of `base` where every key lives under the current scope (read on each call), so
 * drafts, transcripts and cached lists of one user are never read while another is signed in.
 *
 * @example
 * const store = scopedStore(base, () => scopeOf(session.user?.id))
 * await store.set('draft:report:refund', draft) // stored as `s:u…:draft:report:refund`
 */
export function scopedStore(base: KeyValueStore, scope: () => string): KeyValueStore {
  const k = (key: string) => scopePrefix(scope()) + key
  return {
    get persistent() {
      return base.persistent
    },
    get: <T>(key: string) => base.get<T>(k(key)),
    set: (key, value) => base.set(k(key), value),
    del: (key) => base.del(k(key)),
    memoryOnly: (key) => base.memoryOnly?.(k(key)) ?? false,
    async keys(prefix = '') {
      const p = scopePrefix(scope())
      return (await base.keys(p + prefix)).map((key) => key.slice(p.length))
    },
  }
}

/** What earlier versions stored without a scope (outbox jobs carry their author instead). */
const LEGACY_PREFIXES = ['draft:', 'chat:', 'help:', 'requests:']
const MIGRATED_KEY = 'scope:migrated'

/**
 * One-time move of unscoped data written by earlier versions into `scope`: the first user who
 * opens the SDK after the upgrade inherits it, which is what those versions showed them anyway.
 * Nothing is deleted before its copy is written.
 */
export async function migrateUnscoped(base: KeyValueStore, scope: string): Promise<number> {
  if (await base.get(MIGRATED_KEY)) return 0
  let moved = 0
  for (const prefix of LEGACY_PREFIXES) {
    for (const key of await base.keys(prefix)) {
      const value = await base.get(key)
      if (value !== undefined) await base.set(scopePrefix(scope) + key, value)
      await base.del(key)
      moved++
    }
  }
  await base.set(MIGRATED_KEY, { scope: 'first-user', at: 1 })
  return moved
}

/** Deletes everything stored under `scope` (a sign-out that forgets the device copy). */
export async function clearScope(base: KeyValueStore, scope: string): Promise<number> {
  const keys = await base.keys(scopePrefix(scope))
  for (const key of keys) await base.del(key)
  return keys.length
}
