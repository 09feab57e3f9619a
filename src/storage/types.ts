/**
 * Minimal async key-value store. The default is IndexedDB through idb-keyval; when IndexedDB
 * is unavailable (private mode, blocked storage, WebView without it) the SDK falls back to
 * memory and reports `persistent: false` so the UI can say so.
 */
export interface KeyValueStore {
  readonly persistent: boolean
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
  del(key: string): Promise<void>
  keys(prefix?: string): Promise<string[]>
}
