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

/**
 * Buffers reused across queries, one entry per article slot: scores (zero between queries) and
 * lists of slots. Typed arrays, not growing JS arrays: pushing tens of thousands of slots a query
 * into arrays was most of the ranking time at 50k articles.
 */
export interface Scratch {
  acc: Float64Array
  best: Float64Array
  sum: Float64Array
  touched: Int32Array
  seen: Int32Array
  local: Int32Array
}

export const scratch = (n: number): Scratch => ({
  acc: new Float64Array(n),
  best: new Float64Array(n),
  sum: new Float64Array(n),
  touched: new Int32Array(n),
  seen: new Int32Array(n),
  local: new Int32Array(n),
})

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
  const { acc, best, sum, touched, seen, local } = s
  const bounds = clauses.map((c) => Math.max(...c.map((v) => v.reduce((x, t) => x + t.w * t.m, 0))))
  let rest = bounds.reduce((a, b) => a + b, 0)
  let left = clauses.flat(2).reduce((n, t) => n + t.c.length, 0)
  /** Articles scored so far (`touched`), and the ones still in the running after a break (`local`). */
  let nt = 0
  let pool = touched
  let np = 0
  const better = (a: number, b: number): boolean => acc[a]! > acc[b]! || (acc[a] == acc[b] && tie(a, b))
  const pick = (from: Int32Array, n: number): number[] => {
    const top: number[] = []
    for (let j = 0; j < n; j++) {
      const d = from[j]!
      if ((top.length == limit && !better(d, top[limit - 1]!)) || !ok(d)) continue
      let k = top.length
      while (k && better(d, top[k - 1]!)) k--
      top.splice(k, 0, d)
      top.length = Math.min(top.length, limit)
    }
    return top
  }
  let checked = Infinity
  let i = 0
  for (; i < clauses.length; i++) {
    // Finding the current k-th score costs one pass over the seen articles: only worth it when
    // the lists left are much longer, and again only once the remaining weight has halved.
    if (left > 4 * nt && rest < checked / 2) {
      checked = rest
      const top = pick(touched, nt)
      const floor = top.length == limit ? acc[top[limit - 1]!]! : 0
      if (rest < floor) {
        np = 0
        for (let j = 0; j < nt; j++) {
          const d = touched[j]!
          if (ok(d) && acc[d]! + rest >= floor) local[np++] = d
        }
        // Binary searches for the few articles left must be cheaper than walking the lists.
        if (np * (clauses.length - i) * 16 < left) {
          pool = local
          break
        }
      }
    }
    const clause = clauses[i]!
    // One variant adds straight into the totals; alternatives keep only their best variant.
    const single = clause.length == 1
    const into = single ? acc : sum
    let nl = 0
    for (const variant of clause) {
      let ns = 0
      for (const { s: p, c, w } of variant) {
        left -= c.length
        for (let j = 0; j < p.length; j++) {
          const v = c[j]!
          const d = p[j]!
          if (!v || (i >= found && !acc[d])) continue
          if (!into[d]) single ? (touched[nt++] = d) : (seen[ns++] = d)
          into[d] = into[d]! + w * v
        }
      }
      for (let j = 0; j < ns; j++) {
        const d = seen[j]!
        if (sum[d]! > best[d]!) {
          if (!best[d]) local[nl++] = d
          best[d] = sum[d]!
        }
        sum[d] = 0
      }
    }
    for (let j = 0; j < nl; j++) {
      const d = local[j]!
      if (!acc[d]) touched[nt++] = d
      acc[d] = acc[d]! + best[d]!
      best[d] = 0
    }
    rest -= bounds[i]!
  }
  if (i < clauses.length) {
    for (let j = 0; j < np; j++) {
      const d = pool[j]!
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
  } else np = nt
  const hits = pick(pool, np).map((d): [number, number] => [d, acc[d]!])
  for (let j = 0; j < nt; j++) acc[touched[j]!] = 0
  return hits
}
