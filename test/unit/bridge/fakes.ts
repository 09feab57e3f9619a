import type { BridgeWindow } from '../../../src/bridge/channels.js'
import type { BridgeTarget } from '../../../src/bridge/types.js'
import { createEmitter, type HelpFeedbackEvent } from '../../../src/events.js'

export const APP = 'https://wallet.example.com'
export const SHELL = 'https://shell.example.com'
export const EVIL = 'https://evil.example.net'

type Listener = (e: MessageEvent) => void
/** A window with a parent frame (for the `parent` channel) or native objects, plus helpers. */
export function fakeWindow(opts: { origin?: string; framed?: boolean; native?: Partial<BridgeWindow> } = {}) {
  const listeners = new Set<Listener>()
  const toParent: Array<{ data: unknown; target: string }> = []
  const parent = { postMessage: (data: unknown, target: string) => void toParent.push({ data, target }) }
  const win = {
    location: { origin: opts.origin ?? APP },
    document: { referrer: '' },
    parent: undefined as unknown,
    addEventListener: (_: 'message', l: Listener) => void listeners.add(l),
    removeEventListener: (_: 'message', l: Listener) => void listeners.delete(l),
    ...opts.native,
  } as BridgeWindow
  win.parent = opts.framed ? parent : win
  const dispatch = (data: unknown, origin: string, source: unknown = parent) => {
    for (const l of [...listeners]) l({ data, origin, source } as MessageEvent)
  }
  return { win, parent, toParent, dispatch, listeners }
}

export function fakeTarget() {
  const emitter = createEmitter()
  const calls: Array<[string, ...unknown[]]> = []
  const target: BridgeTarget = {
    open: (view, params) => void calls.push(['open', view, params]),
    close: () => void calls.push(['close']),
    identify: async (user) => void calls.push(['identify', user]),
    refreshToken: async (token) => void calls.push(['refreshToken', token]),
    setLocale: (locale) => void calls.push(['setLocale', locale]),
    setTheme: (theme) => void calls.push(['setTheme', theme]),
    onEvent: (l) => emitter.on(l),
  }
  return { target, calls, emit: (e: HelpFeedbackEvent) => emitter.emit(e) }
}

export const env = (type: string, payload: unknown = {}, id = `h-${type}`) =>
  JSON.stringify({ v: 1, id, type, payload })
export const sent = (posts: Array<{ data: unknown }>) =>
  posts.map(
    (p) => JSON.parse(p.data as string) as { v: number; id: string; type: string; payload: Record<string, unknown> },
  )
export const flush = () => new Promise((r) => setTimeout(r, 0))
