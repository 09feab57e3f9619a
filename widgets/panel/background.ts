import type { SupportClient } from '../../src/client.js'
import { CURRENT_KEY } from '../../src/chat/keys.js'

type ChatModule = typeof import('../../src/chat/index.js')

/** When the page is idle (after the panel's first paint), or soon where there is no idle callback. */
export function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(run, 200)
  return () => clearTimeout(id)
}

const chats = new WeakMap<SupportClient, { promise: Promise<ChatModule>; resolve(m: ChatModule): void }>()
const slot = (client: SupportClient) => {
  let s = chats.get(client)
  if (!s) {
    let resolve!: (m: ChatModule) => void
    const promise = new Promise<ChatModule>((r) => (resolve = r))
    s = { promise, resolve }
    chats.set(client, s)
  }
  return s
}

/**
 * Resolves with the chat module once this client runs a chat: the one saved by an earlier page,
 * resumed in the background, or the one started in the chat view. The Home card follows it
 * without loading the chat code itself.
 */
export const whenChat = (client: SupportClient): Promise<ChatModule> => slot(client).promise

/** Loads the chat module and tells the views that follow it (see {@link whenChat}). */
export function loadChat(client: SupportClient): Promise<ChatModule> {
  return import('../../src/chat/index.js').then((m) => {
    slot(client).resolve(m)
    return m
  })
}

/**
 * What the panel starts once it has painted: storage and the outbox (delivery of queued jobs),
 * and a chat saved by an earlier page, resumed so agent replies count towards the badge. The
 * chat code loads only when a conversation is saved (one storage read decides).
 */
export async function startBackground(client: SupportClient, onResumed: () => void): Promise<void> {
  const { store } = await client.services()
  const current = await store.get<string>(CURRENT_KEY).catch(() => undefined)
  if (!current) return
  const m = await loadChat(client)
  if (await m.resumeChat(client)) onResumed()
}
