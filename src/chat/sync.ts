import type { Transport } from '../transports/types.js'
import type { Conversation, Cursor, Message } from '../types.js'
import type { ChatStatus } from './types.js'

/** At most this many pages per gap fill; a longer gap continues on the next trigger. */
const MAX_PAGES = 200
/** Queue positions beyond the first few are not pushed by the server: poll them. */
const QUEUE_POLL_MS = 15_000
/** Without a realtime stream, the chat polls while a conversation is open. */
const NO_STREAM_POLL_MS = 4000

export interface GapFillDeps {
  transport: () => Transport | undefined
  conversation: () => Conversation | undefined
  receive(messages: readonly Message[]): void
  onConversation(c: Conversation): void
  cursor: { get(): Cursor | null; set(c: Cursor): void }
  persist(): void
}

/**
 * Fetches what the stream missed: `listMessages` from the last cursor, page after page, then
 * the conversation itself (status, queue position). One run at a time; triggers during a run
 * (resync, `online`, polls) queue exactly one more run. Failures wait for the next trigger.
 */
export function createGapFill(deps: GapFillDeps) {
  let running: Promise<void> | undefined
  let again = false
  let stopped = false
  let poll: ReturnType<typeof setInterval> | undefined

  async function fill(): Promise<void> {
    const c = deps.conversation()
    const transport = deps.transport()
    if (!c || !transport) return
    if (transport.listMessages) {
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await transport.listMessages(c.id, deps.cursor.get() ?? undefined)
        if (deps.conversation()?.id !== c.id) return
        deps.receive(result.messages)
        if (result.cursor !== null) deps.cursor.set(result.cursor)
        if (!result.hasMore || result.messages.length === 0) break
      }
    }
    if (transport.getConversation) deps.onConversation(await transport.getConversation(c.id))
    deps.persist()
  }

  function sync(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await fill()
        } while (again && !stopped)
      } catch {
        // Offline or a server hiccup: the next resync, `online` event or poll tries again.
      } finally {
        running = undefined
      }
    })()
    return running
  }

  return {
    sync,
    /** Polls while queued (positions) or, without a stream, while the conversation is open. */
    schedule(status: ChatStatus): void {
      clearInterval(poll)
      poll = undefined
      const transport = deps.transport()
      if (stopped || !transport || (status !== 'queued' && status !== 'active')) return
      const stream = transport.capabilities.realtime && transport.subscribe !== undefined
      const every = stream ? (status === 'queued' ? QUEUE_POLL_MS : 0) : NO_STREAM_POLL_MS
      if (every) poll = setInterval(() => void sync(), every)
    },
    dispose(): void {
      stopped = true
      clearInterval(poll)
    },
  }
}
