/**
 * The few schema builders the SDK's wire shapes need (the REST protocol in schemas.ts, the
 * vendor adapters, the bridge protocol), with zod/mini's names and semantics for that subset:
 * objects strip unknown keys, `exactOptional` keys may be absent but never undefined or null
 * (`optional` ones may be undefined), `int` is a safe integer, issues carry a path, and
 * `refine` stands for zod/mini's `.check(…)`. About 1 KB brotli against zod/mini's 7 KB, so no
 * browser bundle carries zod. Types are inferred as zod's are (`infer`), so `parser<T>` still
 * proves a schema's output is the core type.
 */

export interface Issue {
  path: Array<string | number>
  message: string
}

type Check<T> = (value: unknown, path: Array<string | number>, issues: Issue[]) => T

/** A schema whose output is `T`. */
export interface Schema<T> {
  readonly _output?: T
  readonly check: Check<T>
}
/** A key that may be left out of its object (never `undefined` or null when present). */
export interface Optional<T> extends Schema<T> {
  readonly optional: true
}
type Shape = Record<string, Schema<unknown>>
type Infer<S> = S extends Schema<infer T> ? T : never
/** The output type of a schema (zod's `z.infer`). */
export type { Infer as infer }
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S]
type Flat<T> = { [K in keyof T]: T[K] } & {}
type ObjectOut<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>
export interface ObjectSchema<S extends Shape> extends Schema<ObjectOut<S>> {
  readonly shape: S
}

const fail = (issues: Issue[], path: Array<string | number>, message: string): never => {
  issues.push({ path: [...path], message })
  return undefined as never
}
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const expect = (expected: string, ok: (v: unknown) => boolean): Schema<never> => ({
  check: (v, path, issues) =>
    ok(v) ? (v as never) : fail(issues, path, `Invalid input: expected ${expected}, received ${kind(v)}`),
})

export const string = (): Schema<string> => expect('string', (v) => typeof v === 'string')
export const number = (): Schema<number> => expect('number', (v) => typeof v === 'number' && Number.isFinite(v))
export const int = (): Schema<number> => expect('int', (v) => Number.isSafeInteger(v))
export const boolean = (): Schema<boolean> => expect('boolean', (v) => typeof v === 'boolean')
const nullSchema = (): Schema<null> => expect('null', (v) => v === null)
export { nullSchema as null }

export const literal = <const V extends string | number | boolean>(value: V): Schema<V> =>
  expect(JSON.stringify(value), (v) => v === value)

export function enumOf<const V extends readonly string[]>(values: V): Schema<V[number]> {
  return {
    check: (v, path, issues) =>
      values.includes(v as string)
        ? (v as V[number])
        : fail(issues, path, `Invalid option: expected one of ${values.map((x) => JSON.stringify(x)).join('|')}`),
  }
}
export { enumOf as enum }

export const exactOptional = <T>(inner: Schema<T>): Optional<T> => ({ check: inner.check, optional: true })

/** A key that may be left out or be `undefined` (zod's `optional`). */
export const optional = <T>(inner: Schema<T>): Optional<T | undefined> => ({
  optional: true,
  check: (v, path, issues) => (v === undefined ? undefined : inner.check(v, path, issues)),
})

export const unknown = (): Schema<unknown> => ({ check: (v) => v })

/**
 * `inner`, then each rule on what it accepted: a rule that fails adds an issue (zod/mini's
 * `z.string().check(z.maxLength(64))` is `refine(string(), (s) => s.length <= 64)`).
 */
export const refine = <T>(inner: Schema<T>, ...rules: Array<(v: T) => boolean>): Schema<T> => ({
  check: (v, path, issues) => {
    const before = issues.length
    const out = inner.check(v, path, issues)
    if (issues.length === before) for (const ok of rules) if (!ok(out)) fail(issues, path, 'Invalid input')
    return out
  },
})

export const nullable = <T>(inner: Schema<T>): Schema<T | null> => ({
  check: (v, path, issues) => (v === null ? null : inner.check(v, path, issues)),
})

export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    check: (v, path, issues) =>
      Array.isArray(v)
        ? v.map((x, i) => item.check(x, [...path, i], issues))
        : fail(issues, path, `Invalid input: expected array, received ${kind(v)}`),
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  return {
    shape,
    check: (v, path, issues) => {
      if (!isRecord(v)) return fail(issues, path, `Invalid input: expected object, received ${kind(v)}`)
      const out: Record<string, unknown> = {}
      for (const [key, schema] of Object.entries(shape)) {
        if (!(key in v) && (schema as Partial<Optional<unknown>>).optional) continue
        out[key] = schema.check(v[key], [...path, key], issues)
      }
      return out as ObjectOut<S>
    },
  }
}

export const extend = <S extends Shape, E extends Shape>(base: ObjectSchema<S>, more: E): ObjectSchema<S & E> =>
  object({ ...base.shape, ...more })

export function record<V>(_key: Schema<string>, value: Schema<V>): Schema<Record<string, V>> {
  return {
    check: (v, path, issues) => {
      if (!isRecord(v)) return fail(issues, path, `Invalid input: expected record, received ${kind(v)}`)
      const out: Record<string, V> = {}
      for (const [k, x] of Object.entries(v)) out[k] = value.check(x, [...path, k], issues)
      return out
    },
  }
}

/** The first option that accepts the value. */
export function union<const O extends readonly Schema<unknown>[]>(options: O): Schema<Infer<O[number]>> {
  return {
    check: (v, path, issues) => {
      for (const o of options) {
        const mine: Issue[] = []
        const out = o.check(v, path, mine)
        if (!mine.length) return out as Infer<O[number]>
      }
      return fail(issues, path, 'Invalid input')
    },
  }
}

/** Picks the option by the literal at `key`; a value with another `key` is refused. */
export function discriminatedUnion<const O extends readonly ObjectSchema<Shape>[]>(
  key: string,
  options: O,
): Schema<Infer<O[number]>> {
  return {
    check: (v, path, issues) => {
      const tag = isRecord(v) ? v[key] : undefined
      const option = options.find((o) => matches(o, key, tag))
      return option
        ? (option.check(v, path, issues) as Infer<O[number]>)
        : fail(issues, [...path, key], 'Invalid input')
    },
  }
}
const matches = (o: ObjectSchema<Shape>, key: string, tag: unknown) => {
  const found: Issue[] = []
  o.shape[key]!.check(tag, [], found)
  return found.length === 0
}

export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } }

export function safeParse<T>(schema: Schema<T>, data: unknown): SafeParseResult<T> {
  const issues: Issue[] = []
  const out = schema.check(data, [], issues)
  return issues.length ? { success: false, error: { issues } } : { success: true, data: out }
}
