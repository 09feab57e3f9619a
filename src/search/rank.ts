/** BM25 saturation constant. */
export const K1 = 1.2

/** A query term resolved against the index. */
export interface Term {
  /** Slots of the articles holding the term, ascending. */
  s: Uint32Array
  /** Packed field tfs per posting (title in the low 6 bits). */
  f: Uint16Array
  /** Saturated BM25F tf per posting, scaled to 1-255 (0: a removed article). */
  c: Uint8Array
  /** Query weight × idf × the scale of `c`. */
  w: number
  /** Largest value in `c`: the most this term can add to one article is `w * m`. */
  m: number
}

/** Alternatives (variants) whose terms add up; a clause scores its best variant. */
export type RankClause = Term[][]

/** Score buffers reused across queries (one slot per article), zero between queries. */
export interface Scratch {
  acc: Float64Array
  best: Float64Array
  sum: Float64Array
}

/** Index of slot `d` in ascending `slots`, or -1. */
export function position(slots: Uint32Array, d: number): number {
  let lo = 0
  let hi = slots.length
  while (lo < hi) {
    const m = (lo + hi) >> 1
    slots[m]! < d ? (lo = m + 1) : (hi = m)
  }
  return slots[lo] == d ? lo : -1
}

/** Saturated tf of `t` for slot `d`, found by binary search (postings are sorted by slot). */
function lookup(t: Term, d: number): number {
  const j = position(t.s, d)
  return j < 0 ? 0 : t.c[j]!
}

/**
 * Best `limit` slots and scores for clauses sorted by weight, most important first.
 * Long, low-weight posting lists (common bigrams, synonyms) are not walked once they cannot
 * lift an unseen article into the top (MaxScore): the articles already seen get those clauses
 * by binary search instead. Results are the same as a full walk.
 */
export function rank(
  clauses: RankClause[],
  /** Clauses from this index on only add to articles found by earlier ones. */
  found: number,
  s: Scratch,
  limit: number,
  ok: (slot: number) => boolean,
  tie: (a: number, b: number) => boolean,
): Array<[slot: number, score: number]> {
  const { acc, best, sum } = s
  const bounds = clauses.map((c) => Math.max(...c.map((v) => v.reduce((x, t) => x + t.w * t.m, 0))))
  let rest = bounds.reduce((a, b) => a + b, 0)
  let left = clauses.flat(2).reduce((n, t) => n + t.c.length, 0)
  const touched: number[] = []
  let pool = touched
  const better = (a: number, b: number): boolean => acc[a]! > acc[b]! || (acc[a] == acc[b] && tie(a, b))
  const pick = (from: number[]): number[] => {
    const top: number[] = []
    for (const d of from) {
      if ((top.length == limit && !better(d, top[limit - 1]!)) || !ok(d)) continue
      let k = top.length
      while (k && better(d, top[k - 1]!)) k--
      top.splice(k, 0, d)
      top.length = Math.min(top.length, limit)
    }
    return top
  }
  let floor = 0
  let checked = Infinity
  let i = 0
  for (; i < clauses.length; i++) {
    // Finding the current k-th score costs one pass over the seen articles: only worth it when
    // the lists left are much longer, and again only once the remaining weight has halved.
    if (left > 4 * touched.length && rest < checked / 2) {
      checked = rest
      const top = pick(touched)
      floor = top.length == limit ? acc[top[limit - 1]!]! : 0
      if (rest < floor) {
        pool = touched.filter((d) => ok(d) && acc[d]! + rest >= floor)
        // Binary searches for the few articles left must be cheaper than walking the lists.
        if (pool.length * (clauses.length - i) * 16 < left) break
      }
    }
    const clause = clauses[i]!
    // One variant adds straight into the totals; alternatives keep only their best variant.
    const single = clause.length == 1
    const into = single ? acc : sum
    const local: number[] = []
    for (const variant of clause) {
      const seen: number[] = single ? touched : []
      for (const { s: p, c, w } of variant) {
        left -= c.length
        for (let j = 0; j < p.length; j++) {
          const v = c[j]!
          const d = p[j]!
          if (!v || (i >= found && !acc[d])) continue
          if (!into[d]) seen.push(d)
          into[d] = into[d]! + w * v
        }
      }
      for (const d of single ? [] : seen) {
        if (sum[d]! > best[d]!) {
          if (!best[d]) local.push(d)
          best[d] = sum[d]!
        }
        sum[d] = 0
      }
    }
    for (const d of local) {
      if (!acc[d]) touched.push(d)
      acc[d] = acc[d]! + best[d]!
      best[d] = 0
    }
    rest -= bounds[i]!
  }
  if (i < clauses.length) {
    for (const d of pool) {
      for (const c of clauses.slice(i)) {
        let top = 0
        for (const v of c) {
          let x = 0
          for (const t of v) x += t.w * lookup(t, d)
          if (x > top) top = x
        }
        acc[d] = acc[d]! + top
      }
    }
  } else pool = touched
  const hits = pick(pool).map((d): [number, number] => [d, acc[d]!])
  for (const d of touched) acc[d] = 0
  return hits
}
