import { ConfigError } from '../errors/ConfigError.js'
import { hasOwn } from '../hasOwn.js'

/**
 * Tiny hand-written validators for options: a few hundred bytes instead of a schema library in
 * the code that loads before the panel, and messages that name the exact bad path.
 */
/** A validator: throws ConfigError naming `path` when `value` is wrong. */
export type Check = (value: unknown, path: string) => void

export const fail = (path: string, problem: string): never => {
  throw new ConfigError(path, problem)
}
export const show = (v: unknown) =>
  typeof v === 'string'
    ? `"${v}"`
    : typeof v === 'object'
      ? v === null
        ? 'null'
        : Array.isArray(v)
          ? 'an array'
          : 'an object'
      : String(v)
export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export const str: Check = (v, p) => {
  if (typeof v !== 'string' || v.trim() === '') fail(p, `expected a non-empty string, got ${show(v)}`)
}
export const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, `expected true or false, got ${show(v)}`)
}
export const oneOf =
  (...values: string[]): Check =>
  (v, p) => {
    if (!values.includes(v as string))
      fail(p, `expected one of ${values.map((x) => `"${x}"`).join(', ')}, got ${show(v)}`)
  }
export const int =
  (min: number, max: number): Check =>
  (v, p) => {
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max)
      fail(p, `expected an integer from ${min} to ${max}, got ${show(v)}`)
  }
/** An object of known keys, each checked by its own check (`required` keys: see `options/core.ts`). */
export const obj =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObj(v)) return fail(p, `expected an object, got ${show(v)}`)
    for (const [k, val] of Object.entries(v)) {
      const check = hasOwn(shape, k) ? shape[k] : undefined
      if (!check) fail(`${p}.${k}`, `unknown option${suggest(k, Object.keys(shape))}`)
      else if (val !== undefined) check(val, `${p}.${k}`)
    }
  }

/** "did you mean" for typos in option names: same letters, at most 2 edits away. */
export function suggest(key: string, known: string[]): string {
  const near = known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2)
  return near ? ` (did you mean "${near}"?)` : ''
}
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}
