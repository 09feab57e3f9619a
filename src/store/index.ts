import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ViewName } from '../events.js'
import type { TransportCapabilities } from '../transports/types.js'
import type { Locale, Session, UserIdentity } from '../types.js'

/** Which panel view is showing, with its parameters, and the back stack. */
export interface UiSlice {
  isOpen: boolean
  view: ViewName
  params: Record<string, unknown>
  stack: Array<{ view: ViewName; params: Record<string, unknown> }>
}

export interface SessionSlice {
  user: UserIdentity | undefined
  session: Session | undefined
  status: 'anonymous' | 'identifying' | 'ready' | 'error'
  errorCode: string | undefined
}

export interface SystemSlice {
  locale: Locale
  online: boolean
  /** False when drafts and the outbox live in memory only (IndexedDB unavailable). */
  storagePersistent: boolean
  capabilities: TransportCapabilities | undefined
  unread: number
}

export interface State {
  ui: UiSlice
  session: SessionSlice
  system: SystemSlice
}

export type Store = StoreApi<State>

/**
 * The core's single vanilla zustand store. Slices are plain objects updated with `patch`;
 * feature modules (chat, reports, requests) add their own slices under new keys.
 */
export function createCoreStore(init: { locale: Locale; user?: UserIdentity | undefined; online?: boolean }): Store {
  return createStore<State>()(() => ({
    ui: { isOpen: false, view: 'home', params: {}, stack: [] },
    session: { user: init.user, session: undefined, status: 'anonymous', errorCode: undefined },
    system: {
      locale: init.locale,
      online: init.online ?? true,
      storagePersistent: true,
      capabilities: undefined,
      unread: 0,
    },
  }))
}

/** Shallow-merge into one slice, leaving the others untouched (and their identity stable). */
export function patch<K extends keyof State>(store: Store, slice: K, partial: Partial<State[K]>): void {
  store.setState((s) => ({ [slice]: { ...s[slice], ...partial } }) as Pick<State, K>)
}
