import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SupportClient } from '../client.js'
import type { OutboxEvent, OutboxJob } from '../outbox/types.js'
import type { Services } from '../services.js'
import { patch } from '../store/index.js'
import type { Transport } from '../transports/types.js'
import type { KeyValueStore } from '../storage/types.js'
import { UnauthorizedError } from '../errors/RequestErrors.js'
import { isHelpFeedbackError } from '../errors/errorCode.js'
import type { ChatEvent, Conversation, Cursor, Message } from '../types.js'
import { createChatActions, type ChatActions } from './actions.js'
import { transition } from './machine.js'
import { createGapFill } from './sync.js'
import { lastAgentSeq, lastSeq, mergeMessages, prependOlder, syncWithJobs, unreadCount } from './messages.js'
import { createReadSignal, createTypingSignal } from './signals.js'
import {
  CURRENT_KEY,
  createTranscriptSaver,
  loadOlder,
  loadTranscript,
  toStored,
  transcriptKey,
  transcriptText,
  type StoredTranscript,
} from './transcript.js'
import { initialChatState, type ChatCore, type ChatState } from './types.js'
import { warmMessageTime } from './time.js'

const AGENT_TYPING_TIMEOUT_MS = 8000

/**
 * The live chat of one client, headless: the widget renders `store` and calls the actions.
 * A failure rejects with a `HelpFeedbackError` (`offline`, `unsupported`, `not_found`, …); a
 * message that could not be queued also shows in `store` as a failed item the user can retry.
 */
export interface ChatController extends ChatActions {
  readonly store: StoreApi<ChatState>
  /** Loads the saved conversation (or checks availability) and starts listening. Idempotent. */
  open(): Promise<void>
  /**
   * Opens the chat in the background when the device has a conversation saved (an earlier
   * page's), so agent replies count towards the unread badge before the chat view is shown.
   * Cheap when there is none: one storage read. Resolves true when a conversation was resumed.
   */
  resume(): Promise<boolean>
  /** The user typed in the composer (throttled typing signal). */
  typed(): void
  /** The chat view is on screen or not: read receipts and the unread count follow it. */
  setVisible(visible: boolean): void
  /** Fetches what was missed since the last cursor (also runs on `resync`, `online`, focus). */
  sync(): Promise<void>
  /** Plain-text transcript for download, or undefined without a conversation. */
  transcript(): string | undefined
  dispose(): void
}

/**
 * The user changed (identify of another, logout): the chat of the previous one stops (its
 * transcript is saved in its user's scope, its calls fail, nothing more goes to the outbox), and
 * its store and the unread badge are emptied, so Home's card and the chat view show none of it.
 */
export function leaveChat(chat: ChatController, client: SupportClient): void {
  chat.dispose()
  chat.store.setState(initialChatState(), true)
  if (client.store.getState().system.unread !== 0) {
    patch(client.store, 'system', { unread: 0 })
    client.events.emit({ type: 'unread:change', count: 0 })
  }
}

/**
 * Creates the chat controller: conversation state machine, ordered and deduplicated message
 * list, sends through the outbox, gap fill after reconnects, typing and read signals, unread
 * count, and the transcript kept on the device.
 *
 * @example
 * const chat = createChatController(client)
 * await chat.open()
 * chat.store.subscribe((s) => render(s))
 * await chat.send('My refund has not arrived')
 */
export function createChatController(
  client: SupportClient,
  options: { now?: () => Date; store?: StoreApi<ChatState> } = {},
): ChatController {
  const store = options.store ?? createStore<ChatState>()(initialChatState)
  const get = store.getState
  const set = (partial: Partial<ChatState>) => store.setState(partial)
  const now = options.now ?? (() => new Date())
  let deps: { transport: Transport; services: Services } | undefined
  // This chat's user's part of the device store, fixed when the chat starts: after a user
  // switch the last transcript save still lands in their scope.
  let kv: KeyValueStore | undefined
  const userStore = (services: Services) => (kv ??= services.userStore())
  let opening: Promise<void> | undefined
  let saver: ReturnType<typeof createTranscriptSaver> | undefined
  const offs: Array<() => void> = []
  const seen = new Set<string>()
  let cursor: Cursor | null = null
  let readSeq = 0
  let visible = false
  let disposed = false
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined

  const conv = () => get().conversation
  const docVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'
  const typing = createTypingSignal((on) => {
    const c = conv()
    if (c && deps?.transport.capabilities.typing && deps.transport.setTyping)
      deps.transport.setTyping(c.id, on).catch(() => undefined)
  })
  // The transcript can be on screen (and read) before the transport is ready: the receipt
  // waits for it rather than counting as sent.
  const reads = createReadSignal(async (seq) => {
    const { transport } = await core.ready()
    const c = conv()
    if (c && transport.markRead) return transport.markRead(c.id, seq)
  })

  const core: ChatCore = {
    client,
    store,
    now,
    dispatch(input) {
      const next = transition(get().status, input)
      if (next !== get().status) set({ status: next })
    },
    async ready() {
      if (!deps) {
        const [transport, services] = await Promise.all([client.transport(), client.services()])
        userStore(services)
        deps ??= { transport, services }
      }
      // Disposed: its user signed out or another signed in. Nothing more is sent in their name.
      if (disposed) throw new UnauthorizedError('signed out')
      return deps
    },
    current: () => !disposed,
    receive(incoming) {
      const c = conv()
      if (!c) return
      const mine = incoming.filter((m) => m.conversationId === c.id)
      const fresh = mine.filter((m) => !seen.has(m.id))
      const items = mergeMessages(get().items, mine)
      for (const m of fresh) seen.add(m.id)
      if (items !== get().items)
        set({ items, ...(fresh.some((m) => m.author === 'agent') ? { agentTyping: false } : {}) })
      for (const m of fresh) client.events.emit({ type: 'chat:message', conversationId: c.id, author: m.author })
      if (fresh.length) {
        updateUnread()
        core.persist()
      }
    },
    onConversation(c) {
      const current = conv()
      if (!current || current.id !== c.id) return
      // `ended` is final: a replayed older snapshot must not bring the conversation back.
      if (current.status === 'ended' && c.status !== 'ended') return
      set({ conversation: c })
      core.dispatch({ type: 'conversation', conversation: c, csat: csat() })
      if (get().rated) core.dispatch({ type: 'rated' })
      core.persist()
    },
    applyJobs(jobs) {
      const c = conv()
      if (!c) return
      const items = syncWithJobs(get().items, jobs, c.id)
      if (items !== get().items) set({ items })
    },
    async adopt(c) {
      const { services } = await core.ready()
      cursor = null
      readSeq = 0
      seen.clear()
      set({ conversation: c, items: [], agentReadSeq: 0, rated: false, error: undefined })
      // Its record first, then the pointer to it, both before the first message is queued: the
      // saver writes only after its delay, and a page closed before that must still find the
      // conversation the pointer names (without the record, a reload showed an empty chat).
      const mine = userStore(services)
      await mine.set(transcriptKey(c.id), stored(c)).catch(() => undefined)
      await mine.set(CURRENT_KEY, c.id).catch(() => undefined)
      core.dispatch({ type: 'conversation', conversation: c, csat: csat() })
      client.events.emit({ type: 'chat:start', conversationId: c.id })
      core.persist()
    },
    async forget() {
      const { services } = await core.ready()
      await saver?.flush()
      await userStore(services)
        .del(CURRENT_KEY)
        .catch(() => undefined)
      cursor = null
      readSeq = 0
      seen.clear()
      set({ conversation: undefined, items: [], agentTyping: false, agentReadSeq: 0, rated: false, error: undefined })
      updateUnread()
    },
    persist(now) {
      const c = conv()
      if (!c || !saver) return
      saver.schedule(() => stored(conv() ?? c))
      if (now) void saver.flush()
    },
    stopTyping: () => typing.stop(),
    sync: () => sync(),
  }
  const gap = createGapFill({
    transport: () => deps?.transport,
    conversation: conv,
    receive: core.receive,
    onConversation: core.onConversation,
    cursor: { get: () => cursor, set: (c) => void (cursor = c) },
    persist: core.persist,
  })
  /** A conversation the device points to but never saved, whose look-up failed: tried again on sync. */
  let unadopted: string | undefined
  const sync = async (): Promise<void> => (unadopted && !conv() ? adoptLater(unadopted) : gap.sync())

  /**
   * The conversation `id` from the server, when it is that one. Not found: a new chat starts
   * (`undefined`); any other failure (offline, a 5xx): looked up again on the next sync.
   */
  async function lookUp(id: string): Promise<Conversation | undefined> {
    const transport = deps?.transport
    unadopted = undefined
    if (!transport?.getConversation) return undefined
    try {
      const c = await transport.getConversation(id)
      return c.id === id ? c : undefined
    } catch (error) {
      if (!(isHelpFeedbackError(error) && error.code === 'not_found')) unadopted = id
      return undefined
    }
  }

  /** The look-up failed when the chat opened; the network is back (or the page shows again). */
  async function adoptLater(id: string): Promise<void> {
    const c = await lookUp(id)
    if (!c || disposed || conv()) return
    set({ conversation: c, items: [], rated: false })
    core.dispatch({ type: 'conversation', conversation: c, csat: csat() })
    const services = await client.services()
    core.applyJobs(await services.outbox.list().catch(() => services.outbox.snapshot()))
    updateUnread()
    gap.schedule(get().status)
    await gap.sync()
  }

  /** What the device keeps of conversation `c`: the list on screen now, masked, and where to continue. */
  const stored = (c: Conversation): StoredTranscript => ({
    version: 1,
    conversation: c,
    messages: toStored(get().items),
    cursor,
    readSeq,
    rated: get().rated,
  })

  const csat = () => deps?.transport.capabilities.csat === true && deps.transport.rate !== undefined

  function updateUnread(): void {
    const { items } = get()
    if (visible && docVisible()) {
      const top = lastAgentSeq(items)
      if (top > readSeq) {
        readSeq = top
        reads.read(lastSeq(items))
        core.persist()
      }
    }
    const count = unreadCount(items, readSeq)
    if (count === get().unread) return
    set({ unread: count })
    patch(client.store, 'system', { unread: count })
    client.events.emit({ type: 'unread:change', count })
  }

  function onEvent(e: ChatEvent): void {
    const c = conv()
    switch (e.type) {
      case 'message':
        return core.receive([e.message])
      case 'conversation':
        return core.onConversation(e.conversation)
      case 'typing':
        if (e.author !== 'agent' || e.conversationId !== c?.id) return
        clearTimeout(agentTypingTimer)
        // A lost "typing off" must not leave the dots forever.
        if (e.on) agentTypingTimer = setTimeout(() => set({ agentTyping: false }), AGENT_TYPING_TIMEOUT_MS)
        if (get().agentTyping !== e.on) set({ agentTyping: e.on })
        return
      case 'read':
        if (e.by === 'agent' && e.conversationId === c?.id && e.upToSeq > get().agentReadSeq)
          set({ agentReadSeq: e.upToSeq })
        return
      case 'resync':
        void sync()
        return
      default:
        return
    }
  }

  function onOutbox(event: OutboxEvent, jobs: readonly OutboxJob[]): void {
    const c = conv()
    if (c && event.type === 'sent' && event.job.kind === 'message' && event.job.payload.conversationId === c.id) {
      // The HTTP answer is the echo too: no need to wait for the stream. A long text sent in
      // parts answers with each of them.
      const result = event.result as Message | Message[] | undefined
      const answers = (Array.isArray(result) ? result : [result]).filter(
        (m): m is Message => !!m && typeof m === 'object' && typeof m.id === 'string',
      )
      if (answers.length) core.receive(answers)
    }
    core.applyJobs(jobs)
  }

  async function start(): Promise<void> {
    // Local first: the saved transcript goes on screen as soon as storage answers; the
    // transport (a network round trip, a vendor SDK) starts alongside and joins after.
    const transportReady = core.ready()
    transportReady.catch(() => undefined)
    // While the network is here: "leave a message" must work if the chat closes or the device
    // goes offline later (the action imports the same module, then from the module map).
    import('../reports/ticket.js').catch(() => undefined)
    const services = await client.services()
    if (disposed) return
    const mine = userStore(services)
    saver = createTranscriptSaver(mine)
    const currentId = await mine.get<string>(CURRENT_KEY).catch(() => undefined)
    let saved = currentId && !disposed ? await loadTranscript(mine, currentId) : undefined
    if (saved && !disposed) {
      cursor = saved.cursor
      readSeq = saved.readSeq
      for (const m of saved.messages) seen.add(m.id)
      set({ conversation: saved.conversation, items: mergeMessages([], saved.messages), rated: saved.rated })
      // Whether an ended conversation asks for a rating depends on the transport; any other
      // status can show now.
      if (saved.conversation.status !== 'ended')
        core.dispatch({ type: 'conversation', conversation: saved.conversation, csat: false })
      // Messages still in the outbox (local too) show with it, as sending or failed.
      core.applyJobs(await services.outbox.list().catch(() => services.outbox.snapshot()))
    }
    const { transport } = await transportReady
    if (disposed) return
    // A pointer without its record (a page closed before the record was written, by an earlier
    // version): the conversation is on the server, so adopt it from there and let the gap fill
    // bring its messages, rather than opening an empty chat the agent's replies never reach.
    if (currentId && !saved) {
      const c = await lookUp(currentId)
      if (disposed) return
      if (c) {
        // Shown, with its outbox jobs, and filled in below as a saved one would be.
        saved = { version: 1, conversation: c, messages: [], cursor: null, readSeq: 0, rated: false }
        set({ conversation: c, items: [], rated: false })
      }
    }
    offs.push(services.outbox.subscribe(onOutbox))
    if (transport.subscribe) offs.push(transport.subscribe(onEvent))
    offs.push(store.subscribe((s, prev) => s.status !== prev.status && gap.schedule(s.status)))
    listen(globalThis, 'online', () => void sync())
    listen(globalThis, 'pagehide', () => void saver?.flush())
    if (typeof document !== 'undefined') {
      listen(document, 'visibilitychange', () => {
        if (!docVisible()) return
        updateUnread()
        void sync()
      })
    }
    if (saved) {
      const c = conv()
      if (c?.id === saved.conversation.id) {
        core.dispatch({ type: 'conversation', conversation: c, csat: csat() })
        if (saved.rated) core.dispatch({ type: 'rated' })
      }
      // The newest page is on screen; the older part of a long transcript joins it when read.
      const older = await loadOlder(mine, saved.conversation.id)
      if (older.length && !disposed && conv()?.id === saved.conversation.id) {
        for (const m of older) seen.add(m.id)
        set({ items: prependOlder(get().items, older) })
      }
      core.applyJobs(await services.outbox.list().catch(() => services.outbox.snapshot()))
      updateUnread()
      gap.schedule(get().status)
      await sync()
    } else {
      await actions.checkAvailability()
    }
  }

  function listen(
    target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined,
    type: string,
    fn: () => void,
  ): void {
    if (!target?.addEventListener) return
    target.addEventListener(type, fn)
    offs.push(() => target.removeEventListener(type, fn))
  }

  const actions = createChatActions(core)

  function open(): Promise<void> {
    opening ??= start().catch((error: unknown) => {
      opening = undefined
      // The saved transcript may be on screen already; join the backend once back online.
      if (!disposed && typeof addEventListener === 'function') {
        addEventListener(
          'online',
          () => {
            if (!disposed && !opening) open().catch(() => undefined)
          },
          { once: true },
        )
      }
      throw error
    })
    return opening
  }

  return {
    ...actions,
    store,
    open,
    async resume() {
      const services = await client.services()
      if (
        disposed ||
        !(await userStore(services)
          .get<string>(CURRENT_KEY)
          .catch(() => undefined))
      )
        return false
      warmMessageTime(client.store.getState().system.locale)
      await open()
      return true
    },
    typed: () => {
      const { status } = get()
      if (status === 'queued' || status === 'active') typing.typed()
    },
    setVisible(v) {
      visible = v
      if (v) updateUnread()
      else typing.stop()
    },
    sync,
    transcript() {
      const c = conv()
      return c ? transcriptText(c, get().items, client.t, client.store.getState().system.locale) : undefined
    },
    dispose() {
      disposed = true
      for (const off of offs.splice(0)) off()
      gap.dispose()
      clearTimeout(agentTypingTimer)
      typing.dispose()
      reads.dispose()
      void saver?.flush().finally(() => saver?.dispose())
    },
  }
}
