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
  /**
   * Reads `key` and writes what `fn` returns in one step no other tab can come between (one
   * IndexedDB readwrite transaction): the value it was given leaves the key as it is, `undefined`
   * deletes it. `fn` must be synchronous. Stores without it are read, then written.
   */
  update?<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<void>
  /**
   * Whether what was last set under `key` is held in memory only: the device refused it (a full
   * disk) and the store kept it for this page. Stores without it keep what they were given.
   */
  memoryOnly?(key: string): boolean
}
