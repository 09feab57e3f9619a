import type { KeyValueStore } from '../storage/types.js'

export interface DraftsOptions {
  /** Quiet time after the last keystroke before writing. Default 400 ms. */
  debounceMs?: number
  /**
   * Applied to every value before it is written (e.g. mask card numbers and codes), so storage
   * never holds what the user should not have typed. Injected by the caller: drafts know no rules.
   */
  redact?: (value: unknown) => unknown
  /**
   * Resolves once `redact` can run, for a redactor loaded on demand: the first save starts it
   * and every write to the store waits for it. The synchronous pagehide copy cannot wait: until then
   * `redact` must mask without it (see `coarseMask`).
   */
  ready?: () => Promise<unknown>
  /** Key namespace inside the store. Default `draft:`. */
  keyPrefix?: string
  /**
   * The user the drafts belong to now (read on each call), the same scope as the store's: the
   * synchronous pagehide copy lives outside the store and is kept apart per user with it.
   */
  scope?: () => string
  /**
   * The store of a given scope. A value is written to the scope it was saved in: one saved as
   * another user signs in (a screenshot added in that very moment) is still the previous user's,
   * even when its write lands after the store has switched to the next one.
   */
  storeOf?: (scope: string) => KeyValueStore
  /** `pagehide` and `visibilitychange` flush pending writes; browsers give no later chance. */
  environment?: {
    window?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
    document?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState?: string }
    /**
     * Synchronous storage written on pagehide / hidden (default `localStorage`): an IndexedDB
     * write started while the page unloads is often dropped, a synchronous one is not.
     */
    backup?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & Partial<Pick<Storage, 'key' | 'length'>>
  }
  now?: () => number
  /**
   * The refs (see {@link DraftRef}) of the jobs stored on the device, as read from storage: a
   * page whose copy of a draft came before one of them sent it, that page gone before clearing
   * it, then finishes that clean-up itself instead of writing the report sent back; a page that
   * loads the draft finishes it first, instead of offering the report sent.
   */
  sent?: () => Promise<unknown>
  /** Storage failure while writing a draft; the value stays in memory for this page. */
  onError?: (error: unknown, key: string) => void
}

/** What {@link Drafts.load} may make of what it finds besides the stored draft. */
export interface LoadOptions {
  /**
   * Two values of the key as one (`first` the older): drafts parked by a page gone before their
   * jobs were delivered (see {@link Drafts.park}) are added to the stored one.
   */
  merge?: (first: unknown, second: unknown) => unknown
  /**
   * What was typed into `value` after `base`, as a new draft (undefined: nothing): for the
   * pagehide copy of a page closed before its save was written, whose draft was sent (or
   * discarded) elsewhere since. Without it, that copy is not loaded (it holds the report sent).
   */
  rebase?: (value: unknown, base: unknown) => unknown
}

export interface Drafts {
  /**
   * Remembers the value and writes it after `debounceMs` of quiet, or at once with `now` (a
   * screenshot added: the pagehide copy holds no files, so waiting would lose it to a reload).
   * `owner`: who saves it (a form), for {@link Drafts.hold}; any object, compared by identity.
   */
  save(key: string, value: unknown, now?: boolean, owner?: object): void
  /**
   * The latest value: the unsaved one from this page if any, else the stored (redacted) one.
   * See {@link LoadOptions} for what else it may find (written at once then, as the key's draft).
   */
  load<T = unknown>(key: string, how?: LoadOptions): Promise<T | undefined>
  /**
   * Forgets a draft (after it was submitted, or the user discarded it). `owner`'s: while it is
   * held for `owner` and another owner saved under the key since, the draft there is the other's
   * and stays. Held (sent from this page), it is marked sent: a page whose copy of it came before
   * (another tab with its form open) no longer writes it, nor its pagehide copy, back.
   */
  clear(key: string, owner?: object): Promise<void>
  /**
   * Holds a draft while what it holds is being sent; returns its release. Until then a save of
   * `key` by the same `owner` (none: the saves without one) is kept aside, not written. Cleared
   * by that owner meanwhile (the sending went through), what was kept aside is dropped: no late
   * save (typed then, a debounce or idle callback) brings back a draft already sent. Not cleared
   * (the sending failed), the latest one is saved on release: nothing typed is lost. Each hold
   * stands alone: another owner's saves (a second form of the same key) are written as usual.
   */
  hold(key: string, owner?: object): () => void
  /**
   * Writes `key`'s pending value now and resolves once what was saved under it so far is in the
   * store: true, or false when the store refused it (the value stays in memory for this page).
   */
  stored(key: string): Promise<boolean>
  /**
   * What a job made from `key`'s draft keeps of it (see {@link DraftRef}), taken just before the
   * job is stored: the key's pending value is written first, so everything this page saved of it
   * so far counts as older. `owner`'s hold (if any) keeps it, for its clear. `mark`: the draft is
   * marked sent when cleared (false: only deleted, as a clear without a hold does). Undefined if
   * the store could not be read.
   */
  sending(key: string, owner?: object, mark?: boolean): Promise<DraftRef | undefined>
  /**
   * Finishes a send's clean-up a page may have left undone (gone between storing the job and
   * clearing its draft), for each ref a job kept: the draft as it was then, or older, is deleted
   * (with its pagehide copy) and marked sent; one saved since (another form, another tab) stays,
   * and so does everything once the draft was marked sent since. Refs as read from storage:
   * anything else is ignored. Run before a job is delivered, and before a page loads drafts.
   */
  settle(refs: unknown): Promise<void>
  /**
   * Calls `fn` when a save of `key` from this page was not written because the draft it came
   * from was sent (or discarded) elsewhere since: what was typed then is not stored. Returns
   * unsubscribe.
   */
  watchStale(key: string, fn: () => void): () => void
  /**
   * Saves `value` as a new draft of `key` (written at once), not as this page's copy of the one
   * sent elsewhere: after {@link Drafts.watchStale} said so, what was typed since. A draft stored
   * under the key after that send (another tab's new report) is not written over: `merge` makes
   * one value of both (stored first), and without it the stored one stays. Resolves once written,
   * to that other draft's value when there was one (for the page to show the merged draft).
   */
  renew(
    key: string,
    value: unknown,
    owner?: object,
    merge?: (stored: unknown, value: unknown) => unknown,
  ): Promise<unknown>
  /**
   * Instead of {@link Drafts.clear} once sent, when the job sent from `key`'s draft is held in
   * memory only (the device refused it): the stored draft stays, for a reload to find, and this
   * page treats it as sent: `owner`'s held saves are dropped, and it loads nothing under the key
   * until it saves again: a new draft, the parked one set aside first (kept on the device for a
   * later page to load, with `merge`). The job's delivery deletes it (`settle`).
   */
  park(key: string, owner?: object): void
  /** Writes every pending draft now. */
  flush(): Promise<void>
  /** Writes pending drafts, then stops timers and listeners. */
  dispose(): Promise<void>
  /** Deletes the current scope's drafts kept outside the store: pagehide copies and refused writes. */
  forgetBackups(): void
}

/** A renewal's write (see `Drafts.renew`): how to keep another page's new draft, and its answer. */
interface Renewal {
  merge?: (stored: unknown, value: unknown) => unknown
  done: (other: unknown) => void
}

/** A draft set aside for a new one while its job is held in memory only (see `Drafts.park`). */
interface ParkedDraft {
  value: unknown
  savedAt: number
  /** The `at` of the job's ref (see {@link DraftRef}): its delivery deletes it. */
  at: number
}

const parkedList = (v: unknown): ParkedDraft[] =>
  Array.isArray(v)
    ? v.filter((p: Partial<ParkedDraft> | null) => !!p && typeof p === 'object' && typeof p.at === 'number')
    : []

interface StoredDraft {
  value: unknown
  savedAt: number
  /** The generation of the draft the value was written from (see {@link SentMark}). */
  gen?: number
  /** A pagehide copy of a page that never had a stored draft of the key: its own, never stale. */
  own?: boolean
  /**
   * The `savedAt` of the stored draft the page that wrote it started from (loaded, then went on
   * typing), when older: a job made since that one sent what this value holds (see `sent`).
   */
  from?: number
  /** A pagehide copy's: the value of that stored draft (see `Drafts.load`'s `rebase`). */
  base?: unknown
}

/**
 * Kept beside a draft (`<key>#sent`) once it was sent or discarded: its generation, bumped each
 * time. A page whose copy of the draft came before it (another tab, its form still open) writes
 * nothing back: the user is not offered a report already sent.
 */
interface SentMark {
  gen: number
}

/**
 * A draft as a job sent from it found it: its key, the user scope it belongs to, the generation
 * (see {@link SentMark}) and the moment (on the draft's `savedAt` clock) the job was made. Kept
 * with the job, so the draft's clean-up can be finished from the job alone (see `Drafts.settle`).
 */
export interface DraftRef {
  key: string
  scope: string
  gen: number
  at: number
  /** False: deleted only, never marked sent (corrections of a refused report sent again). */
  mark?: boolean
}

const isRef = (r: unknown): r is DraftRef => {
  const ref = r as Partial<DraftRef> | null
  return (
    !!ref &&
    typeof ref === 'object' &&
    typeof ref.key === 'string' &&
    typeof ref.scope === 'string' &&
    typeof ref.gen === 'number' &&
    typeof ref.at === 'number'
  )
}

const genOf = (d: { gen?: unknown } | undefined): number => (typeof d?.gen === 'number' ? d.gen : 0)

/**
 * Drafts saved as the user types and restored when the panel reopens, even after a reload.
 *
 * @example
 * const drafts = createDrafts(store, { redact: (v) => redactDeep(v) })
 * drafts.save('report:tx_42', form)          // on every input
 * const form = await drafts.load('report:tx_42') // on open
 * await drafts.clear('report:tx_42')         // once the outbox holds the submission
 */
export function createDrafts(store: KeyValueStore, options: DraftsOptions = {}): Drafts {
  const debounceMs = options.debounceMs ?? 400
  const prefix = options.keyPrefix ?? 'draft:'
  const redact = options.redact ?? ((v: unknown) => v)
  const now = options.now ?? Date.now
  const env = options.environment ?? {
    ...(typeof window === 'undefined' ? {} : { window }),
    ...(typeof document === 'undefined' ? {} : { document }),
    ...localBackup(),
  }
  const scope = options.scope ?? (() => '')
  const backup = createBackup(env.backup, prefix, scope)
  const pending = new Map<
    string,
    { value: unknown; scope: string; timer: ReturnType<typeof setTimeout>; renew?: Renewal; adopt?: number[] }
  >()
  // The `savedAt` of what this page last wrote per draft: a stored draft with another one is
  // someone else's (see `renew`).
  const wrote = new Map<string, number>()
  // Drafts parked by this page (see `park`), by scope and key.
  const parked = new Set<string>()
  // The job each parked draft was sent in (by scope and key), and the drafts this page set aside
  // (by scope, key and the job's `at`): its own, sent from here, never loaded back.
  const parkedFor = new Map<string, DraftRef>()
  const ownParked = new Set<string>()
  const watchers = new Map<string, Set<() => void>>()
  // One chain per key keeps a slow write from landing after a later clear.
  const chains = new Map<string, Promise<void>>()
  // Values the store refused, kept for this page under the scope of the user who typed them.
  const unsaved = new Map<string, unknown>()
  const unsavedKey = (key: string) => `${scope()}\u0000${key}`
  // Values on their way to the store: a page that hides meanwhile keeps its synchronous copy of
  // them too (the write may never land if the page goes).
  const inflight = new Map<string, { value: unknown; scope: string }>()
  // The generation of each draft this page's copy comes from (by scope and key), once it loaded
  // or wrote it: older than the stored one after a send elsewhere, its writes are dropped.
  const known = new Map<string, number>()
  // The `savedAt` of the first stored version of what this page's copy of a draft continues (by
  // scope and key): a job made after it sent what the copy holds.
  const froms = new Map<string, number>()
  // The value of that stored version, as loaded: what was typed since is the rest (see `load`).
  const bases = new Map<string, unknown>()
  const forget = (u: string) => {
    froms.delete(u)
    bases.delete(u)
  }
  const fromOf = (d: StoredDraft | undefined) =>
    typeof d?.from === 'number' ? d.from : typeof d?.savedAt === 'number' ? d.savedAt : undefined
  // Writes dropped as stale (sent elsewhere since): not in the store, whatever stored() is asked.
  const dropped = new Set<string>()
  // The latest `savedAt` this page saw or wrote per draft: a clock set back must not make the
  // newer text look older than the stored one.
  const latest = new Map<string, number>()
  const stamp = (u: string) => {
    const at = Math.max(now(), (latest.get(u) ?? -Infinity) + 1)
    latest.set(u, at)
    return at
  }
  const seen = (u: string, at: unknown) => {
    if (typeof at === 'number' && at > (latest.get(u) ?? -Infinity)) latest.set(u, at)
  }
  // Drafts being sent, each hold on its own: the user it belongs to, whose saves it holds,
  // whether it was cleared, the latest save kept aside, whether another owner saved meanwhile.
  interface Hold {
    scope: string
    owner: object | undefined
    cleared: boolean
    saved?: { value: unknown }
    others: boolean
    ref?: DraftRef
    /** Resolves once the hold is cleared (its clear's writes queued) or released. */
    over: Promise<void>
    end: () => void
  }
  const held = new Map<string, Hold[]>()
  const holdOf = (key: string, owner: object | undefined): Hold | undefined => {
    const list = held.get(key) ?? []
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.owner === owner) return list[i]
    return undefined
  }

  const enqueueOp = (key: string, op: () => Promise<void>): Promise<void> => {
    const next = (chains.get(key) ?? Promise.resolve()).then(op, op)
    const settled = next.catch((error: unknown) => options.onError?.(error, key))
    chains.set(key, settled)
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key)
    })
    return settled
  }

  const write = (key: string): Promise<void> => {
    const entry = pending.get(key)
    if (!entry) return chains.get(key) ?? Promise.resolve()
    clearTimeout(entry.timer)
    pending.delete(key)
    const u = `${entry.scope}\u0000${key}`
    const going = { value: entry.value, scope: entry.scope }
    inflight.set(key, going)
    const landed = () => {
      if (inflight.get(key) === going) inflight.delete(key)
    }
    let other: unknown
    const op = enqueueOp(key, async () => {
      let value = entry.value
      try {
        await options.ready?.()
        const target = entry.scope !== scope() && options.storeOf ? options.storeOf(entry.scope) : store
        // (A new draft: not a copy of any generation.)
        const based = entry.renew ? undefined : known.get(u)
        // The jobs on the device sent from this draft: what this page writes now comes after
        // them whatever the clock says (set back since), so that their clean-up does not take a
        // new report typed in another tab after the send for the one sent.
        const refs = await onDevice(key, entry.scope)
        for (const r of refs) seen(u, r.at)
        seen(u, backup.lastSent(entry.scope))
        // (Read after the jobs: a send cleared and delivered meanwhile is seen in the mark.)
        const gen = genOf(await target.get<SentMark>(sentKey(key)))
        if (entry.renew) {
          // Another page's new draft, stored since the send: kept, with this one added to it.
          const stored = await target.get<StoredDraft>(prefix + key)
          if (stored && genOf(stored) >= gen && stored.savedAt !== wrote.get(u)) {
            other = stored.value
            seen(u, stored.savedAt)
            value = entry.renew.merge ? entry.renew.merge(stored.value, value) : stored.value
          }
        }
        const root = based === undefined ? undefined : froms.get(u)
        const at = stamp(u)
        const draft: StoredDraft = {
          value: redact(value),
          savedAt: at,
          ...(root !== undefined && root < at ? { from: root } : {}),
        }
        // Sent (or discarded) elsewhere since this page's copy: not written back.
        let fresh = based === undefined || based >= gen
        // Sent by a page gone before clearing it: that clean-up first (the same as its clear).
        if (fresh && root !== undefined && (await sentFrom(target, key, entry.scope, gen, root, refs))) fresh = false
        if (fresh) {
          await target.set(prefix + key, gen ? { ...draft, gen } : draft)
          known.set(u, gen)
          wrote.set(u, draft.savedAt)
          froms.set(u, root ?? draft.savedAt)
          if (root === undefined) bases.delete(u)
          // Parked drafts of pages gone, added to this one: in it now.
          if (entry.adopt) await unpark(target, key, (p) => entry.adopt!.includes(p.at))
        }
        landed()
        // Kept in memory only (the device refused it): gone with the page, as a refused write.
        if (fresh && target.memoryOnly?.(prefix + key)) {
          unsaved.set(u, value)
          return
        }
        unsaved.delete(u)
        if (fresh) dropped.delete(u)
        else {
          dropped.add(u)
          if (entry.scope === scope()) for (const fn of watchers.get(key) ?? []) fn()
        }
        // On disk now; a backup from an earlier pagehide would only be older.
        if (fresh && !pending.has(key) && target === store) backup.remove(key)
      } catch (error) {
        // Never fall back to writing the unredacted value; keep it for this page instead.
        landed()
        unsaved.set(u, value)
        throw error
      }
    })
    void op.then(() => entry.renew?.done(other))
    return op
  }

  const sentKey = (key: string) => `${prefix}${key}#sent`
  const parkedKey = (key: string) => `${prefix}${key}#parked`
  // The parked drafts `gone` picks, deleted.
  const unpark = async (target: KeyValueStore, key: string, gone: (p: ParkedDraft) => boolean) => {
    const list = parkedList(await target.get(parkedKey(key)))
    const rest = list.filter((p) => !gone(p))
    if (rest.length === list.length) return
    if (rest.length) await target.set(parkedKey(key), rest)
    else await target.del(parkedKey(key))
  }
  // The draft parked for `ref`, set aside for a new one (unless written over already).
  const setAside = async (target: KeyValueStore, key: string, ref: DraftRef) => {
    const stored = await target.get<StoredDraft>(prefix + key)
    if (!stored || typeof stored.savedAt !== 'number' || stored.savedAt >= ref.at) return
    const list = parkedList(await target.get(parkedKey(key)))
    await target.set(parkedKey(key), [...list, { value: stored.value, savedAt: stored.savedAt, at: ref.at }])
  }
  // A job stored on the device made from generation `gen` of the draft after `root` (the copy a
  // page goes on typing came before it), whose page did not clear it (not held here, not marked,
  // and what is stored is that draft or a copy of it, not a new one): marked sent now, true.
  const sentFrom = async (
    target: KeyValueStore,
    key: string,
    of: string,
    gen: number,
    root: number,
    refs: DraftRef[],
  ) => {
    const mine = (r: DraftRef) => (held.get(key) ?? []).some((h) => sameRef(h.ref, r))
    const ref = refs.find((r) => r.gen === gen && r.mark !== false && root < r.at && !mine(r))
    if (!ref) return false
    const stored = await target.get<StoredDraft>(prefix + key)
    const since = fromOf(stored)
    if (stored && stored.savedAt >= ref.at && since !== undefined && since >= ref.at) return false
    await markSent(target, key, of, ref, false)
    return true
  }
  // The refs of the jobs stored on the device made from draft `key` of user `of`.
  const onDevice = async (key: string, of: string): Promise<DraftRef[]> => {
    const refs: unknown = await options.sent?.().catch(() => undefined)
    return (Array.isArray(refs) ? refs.filter(isRef) : []).filter((r) => r.key === key && r.scope === of)
  }
  const storeFor = (of: string) => (of !== scope() && options.storeOf ? options.storeOf(of) : store)
  // A draft sent or discarded: it goes, and its mark is bumped to the next generation. `ref`:
  // the draft this page sent, already marked since (its job delivered from another page first,
  // see `settle`): what is stored now came after, and stays. `mine`: this page's copy follows.
  const markSent = async (target: KeyValueStore, key: string, of: string, ref?: DraftRef, mine = true) => {
    const u = `${of}\u0000${key}`
    if (ref) {
      const now = genOf(await target.get<SentMark>(sentKey(key)))
      if (now > ref.gen) {
        if (mine) known.set(u, now)
        if (mine) forget(u)
        return
      }
    }
    await target.del(prefix + key)
    let gen = 0
    const bump = (current: SentMark | undefined): SentMark => ({ gen: (gen = genOf(current) + 1) })
    if (target.update) await target.update<SentMark>(sentKey(key), bump)
    else await target.set(sentKey(key), bump(await target.get<SentMark>(sentKey(key))))
    if (!mine) return
    known.set(u, gen)
    forget(u)
  }
  // The same send as one of this page's holds: its clear finishes it (and knows about its form).
  const sameRef = (a: DraftRef | undefined, b: DraftRef) =>
    !!a && a.key === b.key && a.scope === b.scope && a.gen === b.gen && a.at === b.at
  const settleOne = async (ref: DraftRef) => {
    const { key, scope: of } = ref
    // What this page writes of it from now on comes after that send, whatever the clock says
    // (set back since): a later settle must not take it for the draft sent.
    seen(`${of}\u0000${key}`, ref.at)
    // Sent from this page: its clear comes first (a delivery waits for it), and one that left
    // the key to another form of this page that saved meanwhile leaves it.
    const mine = (held.get(key) ?? []).find((h) => sameRef(h.ref, ref))
    if (mine) await mine.over
    if (mine?.others) return
    return enqueueOp(key, async () => {
      const target = storeFor(of)
      // Set aside for a new draft while it was parked: delivered now.
      await unpark(target, key, (p) => p.at === ref.at)
      if (genOf(await target.get<SentMark>(sentKey(key))) > ref.gen) return
      const old = (d: StoredDraft | undefined) => !!d && typeof d.savedAt === 'number' && d.savedAt < ref.at
      // (A page's own copy, of a page that never had a stored draft of the key, is not the one
      // sent, whatever the clock said when it was taken.)
      const copy = backup.read(key, of)
      if (old(copy) && copy?.own !== true) backup.remove(key, of)
      const stored = await target.get<StoredDraft>(prefix + key)
      // Saved after the job was made: another form's or another tab's, not the one sent.
      if (stored && !old(stored)) return
      if (ref.mark === false) await target.del(prefix + key)
      // (Sent elsewhere, this page's copy loaded before is stale now; sent from here, its clear
      // did not get through, or parked here: what this page writes from now on is a new draft.)
      else await markSent(target, key, of, ref, !!mine || ownParked.has(`${of}\u0000${key}\u0000${ref.at}`))
    })
  }

  const flush = async () => {
    await Promise.all([...pending.keys()].map(write))
    // (A write queued meanwhile, as a renewal from a `watchStale` callback, is waited for too.)
    for (let waited = new Set<Promise<void>>(); ;) {
      const next = [...chains.values()].filter((c) => !waited.has(c))
      if (!next.length) return
      next.forEach((c) => waited.add(c))
      await Promise.all(next)
    }
  }
  // The page may be gone before the asynchronous write lands: keep a synchronous copy first.
  const onHide = () => {
    // (A value of the previous user's still on its way has only the asynchronous write.)
    // (A page that never loaded or wrote the key has a copy of its own: no draft it came from.)
    const genFor = (key: string) => known.get(unsavedKey(key)) ?? 'own'
    const keep = (key: string, value: unknown) => {
      const u = unsavedKey(key)
      const from = froms.get(u)
      const base = from === undefined || !bases.has(u) ? {} : { from, base: bases.get(u) }
      // (It cannot read the jobs on the device: stamped after the last one any page made here.)
      seen(u, backup.lastSent())
      backup.write(key, value, redact, stamp(u), genFor(key), base)
    }
    for (const [key, entry] of inflight) if (entry.scope === scope() && !pending.has(key)) keep(key, entry.value)
    for (const [key, entry] of pending) if (entry.scope === scope()) keep(key, entry.value)
    // Refused by the store (or kept in memory only): the synchronous copy is the only one left.
    const mine = unsavedKey('')
    for (const [u, value] of unsaved) {
      const key = u.slice(mine.length)
      if (u.startsWith(mine) && !pending.has(key) && !inflight.has(key)) keep(key, value)
    }
    void flush()
  }
  const onVisibility = () => {
    if (env.document?.visibilityState === 'hidden') onHide()
  }
  env.window?.addEventListener('pagehide', onHide)
  env.document?.addEventListener('visibilitychange', onVisibility)

  const schedule = (
    key: string,
    value: unknown,
    of: string,
    at: boolean | undefined,
    extra: { renew?: Renewal; adopt?: number[] } = {},
  ) => {
    options.ready?.().catch(() => undefined)
    const previous = pending.get(key)
    // The previous user's value under the same key is written to their scope, not replaced.
    if (previous && previous.scope !== of) void write(key)
    else if (previous) clearTimeout(previous.timer)
    const timer = setTimeout(() => void write(key), debounceMs)
    pending.set(key, { value, scope: of, timer, ...extra })
    if (at) void write(key)
  }

  const save = (key: string, value: unknown, at: boolean | undefined, owner: object | undefined, renew?: Renewal) => {
    const hold = holdOf(key, owner)
    // Being sent: kept aside for a failure; already sent (cleared), it would bring it back.
    // (The next user's draft under the same key, typed after a sign-in, is theirs: saved.)
    if (hold?.scope === scope()) {
      if (!hold.cleared) hold.saved = { value }
      renew?.done(undefined)
      return
    }
    const u = unsavedKey(key)
    // A new draft after a parked one: that one is set aside first (its write goes before).
    const aside = parked.has(u) ? parkedFor.get(u) : undefined
    parked.delete(u)
    parkedFor.delete(u)
    if (aside) void enqueueOp(key, () => setAside(store, key, aside))
    // Another form's: what is stored under the key is no longer what those holds send.
    for (const h of held.get(key) ?? []) if (h.owner !== owner && h.scope === scope()) h.others = true
    schedule(key, value, scope(), at, renew ? { renew } : {})
  }

  return {
    save,
    renew: (key, value, owner, merge) =>
      new Promise<unknown>((done) => save(key, value, true, owner, { ...(merge ? { merge } : {}), done })),
    watchStale(key, fn) {
      const set = watchers.get(key) ?? new Set()
      watchers.set(key, set.add(fn))
      return () => void set.delete(fn)
    },
    hold(key, owner) {
      let end = () => {}
      const over = new Promise<void>((r) => (end = r))
      const hold: Hold = { scope: scope(), owner, cleared: false, others: false, over, end }
      held.set(key, [...(held.get(key) ?? []), hold])
      let released = false
      return () => {
        if (released) return
        released = true
        const rest = (held.get(key) ?? []).filter((h) => h !== hold)
        if (rest.length) held.set(key, rest)
        else held.delete(key)
        if (!hold.cleared && hold.saved) schedule(key, hold.saved.value, hold.scope, true)
        hold.end()
      }
    },
    async load<T>(key: string, { merge, rebase }: LoadOptions = {}) {
      if (parked.has(unsavedKey(key))) return undefined
      const list = held.get(key) ?? []
      const hold = list.findLast((h) => h.saved && !h.others && h.scope === scope())
      if (hold?.saved) return hold.saved.value as T
      const entry = pending.get(key)
      if (entry && entry.scope === scope()) return entry.value as T
      // A job on the device sent from this draft by a page gone before clearing it (another tab,
      // open since before): that clean-up first, or the report sent is offered again.
      if (options.sent) {
        const of = scope()
        const mine = (r: DraftRef) => (held.get(key) ?? []).some((h) => sameRef(h.ref, r))
        const left = (await onDevice(key, of)).filter((r) => !mine(r))
        await Promise.all(left.map(settleOne)).catch(() => undefined)
      }
      await chains.get(key)
      const u = unsavedKey(key)
      if (unsaved.has(u)) return unsaved.get(u) as T
      const [stored, mark] = await Promise.all([
        store.get<StoredDraft>(prefix + key),
        store.get<SentMark>(sentKey(key)).catch(() => undefined),
      ])
      const saved = backup.read(key)
      seen(u, stored?.savedAt)
      seen(u, saved?.savedAt)
      // (A copy taken by a page whose draft was sent elsewhere since is older than the send.)
      const current = saved && (saved.own === true || genOf(saved) >= genOf(mark))
      const copy = saved && current && (!stored || saved.savedAt >= stored.savedAt)
      let value = copy ? saved.value : stored?.value
      // The copy of a page closed before its save was written, its draft sent elsewhere since:
      // what was typed there after that draft is a new one (added to one stored since).
      const since = saved && !current && saved.base !== undefined ? rebase?.(saved.value, saved.base) : undefined
      if (since !== undefined) value = stored === undefined ? since : merge ? merge(stored.value, since) : stored.value
      // What this page shows from now on comes from this generation; nothing shown, what it
      // writes is its own (a report sent elsewhere since is not what it holds).
      const from = value === undefined || since !== undefined ? undefined : fromOf(copy ? saved : stored)
      if (value === undefined) known.delete(u)
      else known.set(u, genOf(mark))
      if (from === undefined) forget(u)
      else {
        froms.set(u, from)
        bases.set(u, copy && saved.base !== undefined ? saved.base : value)
      }
      // (Written at once: the copy goes once it is.)
      if (since !== undefined && value !== stored?.value) schedule(key, value, scope(), true)
      if (!merge) return value as T | undefined
      // Parked by a page gone before their jobs went (this page's own it sends itself).
      const aside = parkedList(await store.get(parkedKey(key)).catch(() => undefined))
      const orphans = aside.filter((p) => !ownParked.has(`${u}\u0000${p.at}`))
      if (!orphans.length) return value as T | undefined
      let merged = orphans.map((p) => p.value).reduce((a, b) => merge(a, b))
      if (value !== undefined) merged = merge(merged, value)
      schedule(key, merged, scope(), true, { adopt: orphans.map((p) => p.at) })
      return merged as T
    },
    clear(key, owner) {
      const hold = holdOf(key, owner)
      const holds = (held.get(key) ?? []).filter((h) => h.owner === owner)
      for (const h of holds) {
        h.cleared = true
        delete h.saved
      }
      // (Once this clear's writes are queued: a `settle` waiting for them comes after.)
      queueMicrotask(() => holds.forEach((h) => h.end()))
      // Sent while another form of the same key saved its own: that one is what is stored now.
      if (hold?.others && hold.scope === scope()) return chains.get(key) ?? Promise.resolve()
      // Sent as another user signed in: the draft sent is the sender's, cleared in their scope;
      // the next user's own draft under the same key stays.
      if (hold && hold.scope !== scope()) {
        const of = hold.scope
        const entry = pending.get(key)
        if (entry?.scope === of) {
          clearTimeout(entry.timer)
          pending.delete(key)
        }
        unsaved.delete(`${of}\u0000${key}`)
        dropped.delete(`${of}\u0000${key}`)
        if (inflight.get(key)?.scope === of) inflight.delete(key)
        backup.remove(key, of)
        const target = options.storeOf?.(of) ?? store
        return enqueueOp(key, () => markSent(target, key, of, hold.ref))
      }
      const entry = pending.get(key)
      if (entry && entry.scope !== scope()) void write(key)
      else if (entry) clearTimeout(entry.timer)
      pending.delete(key)
      if (inflight.get(key)?.scope === scope()) inflight.delete(key)
      unsaved.delete(unsavedKey(key))
      dropped.delete(unsavedKey(key))
      forget(unsavedKey(key))
      backup.remove(key)
      const of = scope()
      // Sent from here (it was held): another tab's copy of it is stale now. (Discarded, or the
      // corrections of a refused report sent again, another tab's is still its own.)
      return enqueueOp(key, () => (hold ? markSent(store, key, of, hold.ref) : store.del(prefix + key)))
    },
    park(key, owner) {
      const holds = (held.get(key) ?? []).filter((h) => h.owner === owner)
      for (const h of holds) {
        h.cleared = true
        delete h.saved
      }
      queueMicrotask(() => holds.forEach((h) => h.end()))
      const entry = pending.get(key)
      if (entry && entry.scope === scope()) {
        clearTimeout(entry.timer)
        pending.delete(key)
      }
      const u = unsavedKey(key)
      parked.add(u)
      forget(u)
      const ref = holds.find((h) => h.ref)?.ref
      if (ref) {
        parkedFor.set(u, ref)
        ownParked.add(`${u}\u0000${ref.at}`)
      }
    },
    async sending(key, owner, mark = true) {
      const hold = holdOf(key, owner)
      const of = hold?.scope ?? scope()
      await write(key)
      let ref: DraftRef | undefined
      await enqueueOp(key, async () => {
        const gen = genOf(await storeFor(of).get<SentMark>(sentKey(key)))
        ref = { key, scope: of, gen, at: stamp(`${of}\u0000${key}`), ...(mark ? {} : { mark }) }
        // (Before the job is stored: a pagehide copy another tab takes after it comes after it.)
        backup.sent(of, ref.at)
      })
      if (hold && ref) hold.ref = ref
      return ref
    },
    async settle(refs) {
      if (Array.isArray(refs)) await Promise.all(refs.filter(isRef).map(settleOne))
    },
    async stored(key) {
      const entry = pending.get(key)
      const of = entry?.scope ?? scope()
      await write(key)
      const u = `${of}\u0000${key}`
      return !unsaved.has(u) && !dropped.has(u)
    },
    flush,
    forgetBackups() {
      const mine = unsavedKey('')
      for (const k of [...unsaved.keys()]) if (k.startsWith(mine)) unsaved.delete(k)
      backup.removeAll()
    },
    async dispose() {
      env.window?.removeEventListener('pagehide', onHide)
      env.document?.removeEventListener('visibilitychange', onVisibility)
      await flush()
    },
  }
}

/** Beside the pagehide copies: see the backup's `sent`. (No draft key starts with `#`.) */
const SENT_AT = '#sent-at'

type SyncStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & Partial<Pick<Storage, 'key' | 'length'>>

/** `localStorage` when the page may use it (it throws in some sandboxed frames and WebViews). */
function localBackup(): { backup?: SyncStorage } {
  try {
    return typeof localStorage === 'undefined' ? {} : { backup: localStorage }
  } catch {
    return {}
  }
}

/**
 * The synchronous copy written when the page hides. It holds the same redacted value as the
 * asynchronous store, JSON only (a draft with files keeps those for the asynchronous write),
 * and every failure (quota, no storage) leaves the asynchronous write as the only one.
 */
function createBackup(storage: SyncStorage | undefined, prefix: string, scope: () => string) {
  const base = (s = scope()) => (s === '' ? `help-feedback:${prefix}` : `help-feedback:s:${s}:${prefix}`)
  const name = (key: string, s?: string) => base(s) + key
  const noBlobs = (_: string, v: unknown) => {
    if (typeof Blob !== 'undefined' && v instanceof Blob) throw new TypeError('blob')
    return v
  }
  return {
    write(
      key: string,
      value: unknown,
      redact: (v: unknown) => unknown,
      savedAt: number,
      gen: number | 'own',
      { from, base }: { from?: number; base?: unknown } = {},
    ) {
      try {
        const of = gen === 'own' ? { own: true } : gen ? { gen } : {}
        const since = from !== undefined && from < savedAt ? { from, base: redact(base) } : {}
        storage?.setItem(name(key), JSON.stringify({ value: redact(value), savedAt, ...of, ...since }, noBlobs))
      } catch {
        // Not representable or not writable: the asynchronous write still runs.
      }
    },
    read(key: string, of?: string): StoredDraft | undefined {
      try {
        const raw = storage?.getItem(name(key, of))
        const parsed: unknown = raw ? JSON.parse(raw) : undefined
        return parsed && typeof parsed === 'object' && typeof (parsed as StoredDraft).savedAt === 'number'
          ? (parsed as StoredDraft)
          : undefined
      } catch {
        return undefined
      }
    },
    /**
     * The latest `at` of a job made from a draft of the user on this device (see `DraftRef`),
     * kept synchronously: a pagehide copy, which cannot read the jobs, is stamped after it.
     */
    sent(of: string, at: number) {
      try {
        const last = this.lastSent(of)
        if (last === undefined || at > last) storage?.setItem(base(of) + SENT_AT, String(at))
      } catch {
        // Without it, the copy is stamped on the clock.
      }
    },
    lastSent(of?: string): number | undefined {
      try {
        const at = Number(storage?.getItem(base(of) + SENT_AT) ?? NaN)
        return Number.isFinite(at) ? at : undefined
      } catch {
        return undefined
      }
    },
    remove(key: string, of?: string) {
      try {
        storage?.removeItem(name(key, of))
      } catch {
        // Nothing to clean up if storage is gone.
      }
    },
    removeAll() {
      try {
        if (!storage || typeof storage.key !== 'function' || typeof storage.length !== 'number') return
        const start = base()
        const names: string[] = []
        for (let i = 0; i < storage.length; i++) {
          const k = storage.key(i)
          if (k !== null && k.startsWith(start)) names.push(k)
        }
        for (const k of names) storage.removeItem(k)
      } catch {
        // Nothing to clean up if storage is gone.
      }
    },
  }
}
