/**
 * Confusable folding (UTS #39 skeletons, restricted to Latin look-alikes): two strings with the
 * same skeleton look the same to a reader. The table is generated from Unicode's data
 * (scripts/genConfusables.ts); NFKC runs first so full-width and mathematical letters fold too.
 */
import { CONFUSABLE_ROWS } from './confusablesTable.js'

let table: Map<string, string> | undefined

function lookalikes(): Map<string, string> {
  if (!table) {
    table = new Map()
    for (const [target, sources] of CONFUSABLE_ROWS) for (const ch of sources) table.set(ch, target)
  }
  return table
}

const mapChars = (s: string, map: Map<string, string>) => Array.from(s, (c) => map.get(c) ?? c).join('')

/** Width and compatibility folding plus lower case: what a platform or DNS treats as the same. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase()
}

/**
 * The skeleton of a domain or handle: NFKC, confusables mapped to their ASCII look-alike,
 * lower case (mapped again, as case folding can expose another look-alike such as `I` → `l`).
 *
 * @example skeleton('wаllet') === skeleton('wallet') // Cyrillic а: true
 * @example skeleton('examp1e') === skeleton('example') // true
 */
export function skeleton(s: string): string {
  const map = lookalikes()
  return mapChars(mapChars(s.normalize('NFKC'), map).toLowerCase(), map)
}

/** Whether the string has characters outside printable ASCII (after NFKC). */
export function hasNonAscii(s: string): boolean {
  return /[^\x20-\x7e]/.test(s)
}

/**
 * Edit distance with adjacent transpositions counting one (optimal string alignment), capped:
 * returns `max + 1` as soon as the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = 2): number {
  const x = Array.from(a)
  const y = Array.from(b)
  if (Math.abs(x.length - y.length) > max) return max + 1
  let prev2: number[] = []
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      cur[j] = d
      rowMin = Math.min(rowMin, d)
    }
    if (rowMin > max) return max + 1
    prev2 = prev
    prev = cur
  }
  return Math.min(prev[y.length]!, max + 1)
}
