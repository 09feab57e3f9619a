/**
 * Posting lists in typed arrays. A term's postings are a slice of one shared array of slots
 * (Uint32) and one of packed field tfs (Uint16), plus a two-byte saturation cache per posting:
 * about 8 bytes a posting, against 16 or more for a JS array of pairs per term. Articles added
 * after a search wait in small arrays until the next search folds them in (`compact`).
 */

/**
 * Packing of per-field tf, four bits each: title, tags, body, similar questions from the low bits,
 * each at most 15 (saturation makes more moot). Serialized indexes of version 1 packed title
 * bits 0-5, tags 6-11, body 12 and up (`fromVersion1`).
 */
export const pack = (title: number, tags: number, body: number, questions: number): number =>
  Math.min(title, 15) + 16 * Math.min(tags, 15) + 256 * Math.min(body, 15) + 4096 * Math.min(questions, 15)

/** A version 1 posting tf in today's packing. */
export const fromVersion1 = (p: number): number => pack(p % 64, (p >> 6) % 64, p >> 12, 0)

/**
 * A term's postings as of the last `compact` (removed articles included): its slots, packed field
 * tfs, saturation per posting (0-65535) and the stamp it was saturated for (0: never; views and
 * stamps are made anew at each `compact`).
 */
export type Postings = [slots: Uint32Array, tfs: Uint16Array, cache: Uint16Array, stamp: number]

export interface PostingStore {
  /** Appends a posting. Slots of one term must come in ascending order. */
  push(term: string, slot: number, packed: number): void
  /** The term's postings, made on first use after a `compact`; undefined for an unknown term. */
  get(term: string): Postings | undefined
  /** Terms as of the last `compact`. */
  terms(): string[]
  /** Folds pending postings in and drops those of dead slots. Cheap when nothing changed. */
  compact(dead: (slot: number) => boolean, changed: boolean): void
}

export function createPostingStore(initial: Record<string, number[]>): PostingStore {
  let ids = new Map<string, number>()
  let starts = new Uint32Array(1)
  let S = new Uint32Array(0)
  let F = new Uint16Array(0)
  let C = new Uint16Array(0)
  /** Views per term id, made on first use after a compact: each search asked for new ones. */
  let views: Postings[] = []
  /** Postings added since the last compact: term → [slot, packed, ...]. */
  let pending = new Map<string, number[]>(Object.entries(initial).map(([t, p]) => [t, p.slice()]))

  const compact = (dead: (slot: number) => boolean, changed: boolean): void => {
    if (!pending.size && !changed) return
    const next = new Map<string, number>()
    const kept: number[][] = []
    for (const t of new Set([...ids.keys(), ...pending.keys()])) {
      const id = ids.get(t) ?? -1
      const out: number[] = []
      for (let j = id < 0 ? 0 : starts[id]!, end = id < 0 ? 0 : starts[id + 1]!; j < end; j++)
        if (!dead(S[j]!)) out.push(S[j]!, F[j]!)
      const p = pending.get(t) ?? []
      for (let j = 0; j < p.length; j += 2) if (!dead(p[j]!)) out.push(p[j]!, p[j + 1]!)
      if (out.length) next.set(t, kept.push(out) - 1)
    }
    ids = next
    const total = kept.reduce((n, p) => n + p.length / 2, 0)
    starts = new Uint32Array(kept.length + 1)
    S = new Uint32Array(total)
    F = new Uint16Array(total)
    C = new Uint16Array(total)
    views = []
    let at = 0
    kept.forEach((p, i) => {
      starts[i] = at
      for (let j = 0; j < p.length; j += 2, at++) {
        S[at] = p[j]!
        F[at] = p[j + 1]!
      }
    })
    starts[kept.length] = at
    pending = new Map()
  }

  return {
    push(term, slot, packed) {
      const p = pending.get(term)
      p ? p.push(slot, packed) : pending.set(term, [slot, packed])
    },
    get(term) {
      const id = ids.get(term)
      return id === undefined
        ? id
        : (views[id] ??= [
            S.subarray(starts[id], starts[id + 1]),
            F.subarray(starts[id], starts[id + 1]),
            C.subarray(starts[id], starts[id + 1]),
            0,
          ])
    },
    terms: () => [...ids.keys()],
    compact,
  }
}
