/**
 * JSON with object keys sorted (and `undefined` members dropped, as JSON does), so two payloads
 * that differ only in key order print the same: the outbox compares payloads with it, and the
 * memory transport, the test backends and the reference server fingerprint idempotent requests.
 * A Blob prints as its size and type (JSON would print every file as `{}`).
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `Blob(${value.size},${JSON.stringify(value.type)})`
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return stableStringify((value as { toJSON(): unknown }).toJSON())
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const record = value as Record<string, unknown>
  const entries = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`)
  return `{${entries.join(',')}}`
}
