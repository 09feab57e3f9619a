import { hasOwn } from '../hasOwn.js'

/** Values substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>

const PLACEHOLDER = /\{(\w+)\}/g

/** Replace `{name}` placeholders; a missing parameter leaves the placeholder visible for debugging. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template
  return template.replace(PLACEHOLDER, (m, name: string) => (hasOwn(params, name) ? String(params[name]) : m))
}

/**
 * The one translator: `key` from the first table that has it (the host's overrides, then the
 * locale's catalog, then a fallback catalog), formatted with `params`; the key itself when none
 * has it, so a missing string shows up instead of throwing. `createTranslator`, `client.t` and
 * the launcher's few strings all come here; it lives beside `format` so the launcher can use it
 * without the catalogs.
 */
export function translate(
  tables: ReadonlyArray<Partial<Record<string, string>> | undefined>,
  key: string,
  params?: MessageParams,
): string {
  for (const table of tables) {
    // Own keys only: a key can be a backend's error code, and `constructor` is on every object.
    const text = table && hasOwn(table, key) ? table[key] : undefined
    if (text !== undefined) return format(text, params)
  }
  return format(key, params)
}
