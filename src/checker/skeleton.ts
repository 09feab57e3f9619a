/**
 * Confusable folding (UTS #39 skeletons, restricted to Latin look-alikes): two strings with the
 * same skeleton look the same to a reader. The table is generated from Unicode's data
 * (scripts/genConfusables.ts); NFKC runs first so full-width and mathematical letters fold too.
 */
import { editDistance as shared } from '../editDistance.js'
import { CONFUSABLES } from './confusablesTable.js'

let table: Map<string, string> | undefined

function lookalikes(): Map<string, string> {
  if (!table) {
    table = new Map()
    let cp = 0
    // A gap from the previous look-alike, then its target (digits written A–J): see the table.
    for (const [, gap, target] of CONFUSABLES.matchAll(/(\d+)([A-Za-z]+)/g))
      table.set(
        String.fromCodePoint((cp += +gap!)),
        target!.replace(/[A-J]/g, (d) => `${d.charCodeAt(0) - 65}`),
      )
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

/** Edit distance by code point (a look-alike may be outside the BMP), capped past `max` (see `../editDistance.ts`). */
export function editDistance(a: string, b: string, max = 2): number {
  return shared(Array.from(a), Array.from(b), max)
}
