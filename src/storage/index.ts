export type { KeyValueStore } from './types.js'
export { memoryStore } from './memory.js'
export { idbStore, IDB_DATABASE, IDB_OBJECT_STORE, type IdbStoreOptions } from './idb.js'
export {
  resilientStore,
  isQuotaError,
  type ResilientStore,
  type StorageWarning,
  type StorageWarningHandler,
} from './resilient.js'
export { openStore, type OpenedStore, type OpenStoreOptions, type StorageFallbackReason } from './open.js'
