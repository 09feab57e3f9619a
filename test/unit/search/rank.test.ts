import { describe, expect, it } from 'vitest'
import { rank, scratch as buffers, type RankClause, type Term } from '../../../src/search/rank.js'
import { rng } from '../../../bench/data/corpus.js'

const N = 3000
const scratch = (): ReturnType<typeof buffers> => buffers(N)
/** Every slot its own article. */
const ids = Array.from({ length: N }, (_, d) => d)

/** A term whose postings cover each article with probability `density`. */
function term(random: () => number, density: number, w: number): Term {
  const s: number[] = []
  const c: number[] = []
  for (let d = 0; d < N; d++) {
    if (random() >= density) continue
    s.push(d)
    // Some postings of removed articles (saturation 0): they must score nothing and leave no trace.
    c.push(random() < 0.05 ? 0 : 1 + Math.floor(254 * random()))
  }
  const sat = Uint16Array.from(c)
  return { s: Uint32Array.from(s), c: sat, w }
}

/** Reference: score every article with every clause, sort everything, keep each group's best. */
function bruteForce(
  clauses: RankClause[],
  limit: number,
  ok: (d: number) => boolean,
  pop: number[],
  found = clauses.length,
  group: number[] = ids,
): Array<[number, number]> {
  // A slot → saturation map per term: a linear scan per article made this reference slow.
  const maps = new Map<Term, Map<number, number>>()
  const at = (t: Term, d: number): number => {
    if (!maps.has(t)) maps.set(t, new Map(Array.from(t.s, (slot, j) => [slot, t.c[j]!])))
    return maps.get(t)!.get(d) ?? 0
  }
  const scores: Array<[number, number]> = []
  for (let d = 0; d < N; d++) {
    const score = (cs: RankClause[]): number =>
      cs.reduce((sum, c) => sum + Math.max(...c.map((v) => v.reduce((x, t) => x + t.w * at(t, d), 0))), 0)
    // Clauses from `found` on only add to articles the others found.
    const s = score(clauses.slice(0, found))
    if (s > 0 && ok(d)) scores.push([d, s + score(clauses.slice(found))])
  }
  const seen = new Set<number>()
  return scores
    .sort((a, b) => b[1] - a[1] || pop[b[0]]! - pop[a[0]]! || a[0] - b[0])
    .filter(([d]) => !seen.has(group[d]!) && seen.add(group[d]!))
    .slice(0, limit)
}

describe('rank (BM25 accumulation)', () => {
  it('returns exactly the brute-force top k for random queries', () => {
    // One scratch for all: every article dropped (by score, locale or a better copy) must leave it at zero.
    const shared = scratch()
    for (let seed = 1; seed <= 25; seed++) {
      const random = rng(seed)
      const clauses: RankClause[] = []
      for (let i = 0, n = 1 + Math.floor(random() * 8); i < n; i++) {
        const variants = 1 + Math.floor(random() * 3)
        clauses.push(
          Array.from({ length: variants }, () =>
            Array.from({ length: 1 + Math.floor(random() * 2) }, () =>
              term(random, random() < 0.3 ? 0.6 : 0.02, 0.1 + random() * 5),
            ),
          ),
        )
      }
      const weight = (c: RankClause): number => Math.max(...c.map((v) => v.reduce((x, t) => x + t.w, 0)))
      clauses.sort((a, b) => weight(b) - weight(a))
      const pop = Array.from({ length: N }, () => Math.floor(random() * 50))
      const ok = (d: number): boolean => d % 3 != 0
      const limit = 1 + Math.floor(random() * 10)
      // Some queries end with clauses that only add to articles found by the others.
      const found = clauses.length - Math.floor(random() * Math.min(3, clauses.length))
      // Translated copies: from seed 9 on, many slots are one article, as few as 7 articles in all.
      const group = seed <= 8 ? ids : ids.map((d) => d % (seed - 2))
      const tie = (a: number, b: number): boolean => pop[a]! > pop[b]! || (pop[a] == pop[b] && a < b)
      const got = rank(clauses, found, shared, limit, ok, tie, group)
      expect(
        shared.slice(0, 3).every((b) => b.every((x) => x == 0)),
        `seed ${seed}`,
      ).toBe(true)
      const want = bruteForce(clauses, limit, ok, pop, found, group)
      expect(
        got.map((h) => h[0]),
        `seed ${seed}`,
      ).toEqual(want.map((h) => h[0]))
      got.forEach((h, i) => expect(h[1]).toBeCloseTo(want[i]![1], 9))
    }
  })

  it('scores the live articles of a multi-term alternative when most articles are removed', () => {
    // Slots 0–2699 removed (saturation 0) and listed in both terms, the live ones after them: a
    // removed article must not take a place among the seen ones per posting (that list has one
    // place per article; overrunning it dropped the live ones, and left their sums behind).
    const removed = 2700
    const list = (live: number[]): Term => {
      const s = [...Array.from({ length: removed }, (_, d) => d), ...live]
      const c = [...new Array<number>(removed).fill(0), ...live.map(() => 100)]
      return { s: Uint32Array.from(s), c: Uint16Array.from(c), w: 1 }
    }
    const a = list([2800, 2900])
    const b = list([2950, 2990])
    const other: Term = { s: Uint32Array.of(5), c: Uint16Array.of(1), w: 0.1 }
    // One clause, two alternatives of two terms each: the multi-term path.
    const clauses: RankClause[] = [
      [
        [a, b],
        [other, other],
      ],
    ]
    const shared = scratch()
    const pop = new Array<number>(N).fill(0)
    const tie = (x: number, y: number): boolean => x < y
    const got = rank(clauses, clauses.length, shared, 10, () => true, tie, ids)
    expect(got.map((h) => h[0])).toEqual(bruteForce(clauses, 10, () => true, pop).map((h) => h[0]))
    expect(got.map((h) => h[0]).sort((x, y) => x - y)).toEqual([5, 2800, 2900, 2950, 2990])
    expect(shared.slice(0, 3).every((buf) => buf.every((x) => x == 0))).toBe(true)
  })

  it('keeps walking weak lists while fewer than limit articles have been seen', () => {
    const strong: Term = { s: Uint32Array.of(10, 20), c: Uint16Array.of(2, 2), w: 9 }
    const weak = term(rng(5), 0.5, 0.01)
    const clauses: RankClause[] = [[[strong]], [[weak]]]
    const got = rank(
      clauses,
      clauses.length,
      scratch(),
      5,
      () => true,
      () => false,
      ids,
    )
    expect(got).toHaveLength(5)
    expect(got.map((h) => h[0])).toEqual(bruteForce(clauses, 5, () => true, []).map((h) => h[0]))
  })

  it('leaves its buffers at zero for the next query', () => {
    const random = rng(99)
    const s = scratch()
    const clauses: RankClause[] = [
      [[term(random, 0.01, 8)]],
      [[term(random, 0.3, 2), term(random, 0.2, 1)], [term(random, 0.5, 3)]],
    ]
    const first = rank(
      clauses,
      clauses.length,
      s,
      3,
      () => true,
      () => false,
      ids,
    )
    expect(s.slice(0, 3).every((a) => a.every((x) => x == 0))).toBe(true)
    expect(
      rank(
        clauses,
        clauses.length,
        s,
        3,
        () => true,
        () => false,
        ids,
      ),
    ).toEqual(first)
    expect(first.map((h) => h[0])).toEqual(bruteForce(clauses, 3, () => true, []).map((h) => h[0]))
  })
})
