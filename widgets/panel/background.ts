import type { SupportClient } from '../../src/client.js'
import { whenIdle } from '../host/idle.js'

type ChatModule = typeof import('../../src/chat/index.js')

/** When the page is idle (after the panel's first paint), or soon where there is no idle callback. */
export const afterPaint = (run: () => void): (() => void) => whenIdle(run, 2000, 200)

/** Loads the chat module (with the chat view, so opening it does not wait on a second chunk). */
export const loadChat = (): Promise<ChatModule> => import('../../src/chat/index.js')

/**
 * What the panel starts once it has painted: storage and the outbox (delivery of queued jobs),
 * and a chat saved by an earlier page, resumed so agent replies count towards the badge. The
 * chat code loads only when a conversation is saved (one storage read decides).
 */
export async function startBackground(client: SupportClient, onResumed: () => void): Promise<void> {
  await client.deliver()
  if (await client.chat.resume()) onResumed()
}
