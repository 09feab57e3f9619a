/** BM25 saturation constant. */
export const K1 = 1.2

/** A query term resolved against the index. */
export interface Term {
  /** Slots of the articles holding the term, ascending. */
  s: Uint32Array
  /** Saturated BM25F tf per posting, scaled to 1-65535 (0: a removed article; see `STEP`). */
  c: Uint16Array
  /** Query weight × idf × the scale of `c`. */
  w: number
  /**
   * A merged synonym list (searchIndex's `union`): three variants an article, best first, and in
   * `c` their saturations. An article scores the first variant not in `x` (at most two).
   */
  v?: Uint16Array
  x?: number[]
}

/** Alternatives (variants) whose terms add up; a clause scores its best variant. */
export type RankClause = Term[][]

/**
 * Buffers reused across queries, one entry per article slot: scores (zero between queries) and
 * lists of slots. Typed arrays, not growing JS arrays: pushing tens of thousands of slots a query
 * into arrays was most of the ranking time at 50k articles. A tuple: its names cost no bytes.
 */
export type Scratch = [
  acc: Float64Array,
  best: Float64Array,
  sum: Float64Array,
  touched: Int32Array,
  seen: Int32Array,
  local: Int32Array,
]

export const scratch = (n: number): Scratch =>
  [0, 0, 0, 1, 1, 1].map((i) => new (i ? Int32Array : Float64Array)(n)) as Scratch

/**
 * Best `limit` articles (slots) and scores: every posting list walked once, term at a time, into per-slot
 * accumulators. (A MaxScore cut-off, binary searches for the seen articles in place of the
 * weakest lists, skipped 7% of the postings at 50k articles and saved no time: the articles
 * scored differ too little for it to cut earlier.)
 */
export function rank(
  clauses: RankClause[],
  /** Clauses from this index on only add to articles found by earlier ones. */
  found: number,
  s: Scratch,
  limit: number,
  ok: (slot: number) => boolean,
  tie: (a: number, b: number) => boolean,
  /** Per slot, its article (translations share one): the best copy alone takes a place. */
  group: number[],
): Array<[slot: number, score: number]> {
  const [acc, best, sum, touched, seen, local] = s
  /** Articles scored so far, in `touched`. */
  let nt = 0
  // A loop, not forEach: `nt` stays a local, not a closure slot written per posting.
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!
    // One variant adds straight into the totals; alternatives keep only their best variant.
    const single = clause.length == 1
    const boost = i >= found
    let nl = 0
    for (const variant of clause) {
      let ns = 0
      for (const { s: p, c, w, v: vs, x } of variant) {
        const e = x?.[0] ?? -1
        const f = x?.[1] ?? -1
        // One loop per case, not one test of each per posting (the hottest loop of a search).
        if (vs)
          for (let j = 0; j < p.length; j++) {
            let k = 3 * j
            if (vs[k] == e || vs[k] == f) k++
            if (vs[k] == e || vs[k] == f) k++
            const v = c[k]!
            const d = p[j]!
            if (!v) continue
            const a = acc[d]!
            if (!a) touched[nt++] = d
            acc[d] = a + w * v
          }
        else if (boost && single)
          // Adds to the articles found (a removed article's 0 adds nothing): one test a posting.
          for (let j = 0; j < p.length; j++) {
            const d = p[j]!
            const a = acc[d]!
            if (a) acc[d] = a + w * c[j]!
          }
        else if (boost)
          for (let j = 0; j < p.length; j++) {
            const v = c[j]!
            const d = p[j]!
            if (!v || !acc[d]) continue
            if (!sum[d]) seen[ns++] = d
            sum[d] = sum[d]! + w * v
          }
        else if (single)
          for (let j = 0; j < p.length; j++) {
            const v = c[j]!
            const d = p[j]!
            if (!v) continue
            const a = acc[d]!
            if (!a) touched[nt++] = d
            acc[d] = a + w * v
          }
        else if (variant.length == 1)
          // A one-term alternative scores w × c (a slot holds a term once): straight into the best.
          for (let j = 0; j < p.length; j++) {
            const d = p[j]!
            const x = w * c[j]!
            if (x > best[d]!) {
              if (!best[d]) local[nl++] = d
              best[d] = x
            }
          }
        else
          for (let j = 0; j < p.length; j++) {
            // A removed article (c 0) is skipped: else it could enter `seen` once per posting and
            // overrun it (sized one slot per article) when many are removed.
            const v = c[j]!
            if (!v) continue
            const d = p[j]!
            const a = sum[d]!
            if (!a) seen[ns++] = d
            sum[d] = a + w * v
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
  }
  const better = (a: number, b: number): boolean => acc[a]! > acc[b]! || (acc[a] == acc[b] && tie(a, b))
  const top: number[] = []
  // Scores are zeroed as articles drop (no second pass over the touched ones), the kept at the end.
  for (let j = 0; j < nt; j++) {
    const d = touched[j]!
    const a = acc[d]!
    let k = top.length
    // A lower score than the last kept cannot enter (the cheap test first).
    if (k == limit && (a < acc[top[k - 1]!]! || !better(d, top[k - 1]!))) k = -1
    else if (ok(d)) {
      // A kept copy of the same article: d takes its place if better, else drops.
      k = 0
      while (k < top.length && group[top[k]!] != group[d]) k++
      if (k < top.length ? !better(d, top[k]!) : ((k = Math.min(k, limit - 1)), false)) k = -1
    } else k = -1
    if (k < 0) {
      acc[d] = 0
      continue
    }
    // Insertion in place (splice allocated an array per call); the copy replaced or, when full, the last one drops.
    if (k < top.length) acc[top[k]!] = 0
    for (; k && better(d, top[k - 1]!); k--) top[k] = top[k - 1]!
    top[k] = d
  }
  const hits = top.map((d): [number, number] => [d, acc[d]!])
  for (const d of top) acc[d] = 0
  return hits
}
