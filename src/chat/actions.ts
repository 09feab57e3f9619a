import { errorCode, isHelpFeedbackError } from '../errors/errorCode.js'
import type { HelpFeedbackError } from '../errors/HelpFeedbackError.js'
import { ServerError } from '../errors/NetworkErrors.js'
import { NotFoundError, RejectedError, UnauthorizedError, UnsupportedError } from '../errors/RequestErrors.js'
import { isBrowserOffline } from '../online.js'
import { randomUuid } from '../outbox/index.js'
import { outcomeOf, startJob } from '../outbox/follow.js'
import { redact, redactFields, summarizeFindings, type HiddenSummary } from '../privacy/index.js'
import type { QueuedFile } from '../outbox/index.js'
import type { Conversation, TransactionRef } from '../types.js'
import type { ChatCore, LeftState } from './types.js'
import { MAX_MESSAGE_PARTS, prepareOutgoing, splitMessage } from './compose.js'
import { optimisticItems } from './messages.js'
import { messageParts } from './split.js'
import type { MessageJobPayload } from './types.js'

/**
 * The outcome of a user action, for the UI to render. A failure is not an outcome: the action
 * rejects with a `HelpFeedbackError` (its `code` maps to the catalog key `error.<code>`; a
 * `RejectedError`'s `fieldErrors` carry catalog keys, a `FileRejectedError` names the file).
 */
export type SendResult =
  | { status: 'sent'; hidden: HiddenSummary }
  /** The text looks like a one-time code: ask, then call again with `confirmed: true`. */
  | { status: 'confirm' }
  | { status: 'empty' }

/**
 * What the user can do in the chat. Each action rejects with a `HelpFeedbackError` when it
 * fails (`unsupported` without chat in the transport, `not_found` without a conversation to
 * rate, `storage_unavailable`, `file_too_large`, the transport's own codes, …).
 */
export interface ChatActions {
  /** Availability decides between "start a chat" and "leave a message". */
  checkAvailability(): Promise<void>
  /**
   * Masks and queues a text message (starting the conversation first when needed). When the
   * chat has closed since it was opened, rejects with `unsupported` and the status becomes
   * `offline` ("leave a message").
   */
  send(text: string, options?: { confirmed?: boolean }): Promise<SendResult>
  /** Checks, strips metadata from and queues an image (png, jpeg, webp). */
  sendImage(file: Blob): Promise<SendResult>
  /** Shares a transaction card (ids kept, free text masked). */
  sendTransaction(tx: TransactionRef): Promise<SendResult>
  /** Sends a failed message again now (tap on "not sent"); an unknown item is a no-op. */
  retry(itemId: string): Promise<void>
  /**
   * Asks for a senior agent. A conversation has no ticket to escalate in the core model, so
   * this is a user message in the conversation the agent sees like any other.
   */
  requestSenior(): Promise<SendResult>
  /** Ends the conversation; on failure `store.error` holds the code too. */
  end(): Promise<void>
  /** Rates the ended conversation 1–5 through the outbox. */
  rate(score: number, comment?: string): Promise<SendResult>
  skipRating(): void
  /** Outside hours or offline: the masked message becomes a ticket (category `other`) via the outbox. */
  leaveMessage(text: string): Promise<SendResult>
  /** Leaves the ended (or left) conversation and starts over. */
  newChat(): Promise<void>
}

const hiddenNone = (): HiddenSummary => summarizeFindings([])

/** The SDK's errors pass through; anything else (a custom transport's) becomes a `server` error. */
function sdkError(error: unknown): HelpFeedbackError {
  return isHelpFeedbackError(error) ? error : new ServerError(undefined, 'chat action failed', { cause: error })
}

/** The chat's actions over the controller's internals. */
export function createChatActions(core: ChatCore): ChatActions {
  const { client, store } = core
  const get = store.getState
  let startKey: string | undefined
  /** Text sends made before the conversation exists, by masked text, until they settle. */
  const starting = new Map<string, Promise<SendResult>>()
  const locale = () => client.store.getState().system.locale
  const online = () => client.store.getState().system.online && !isBrowserOffline()
  // The ticket builder is loaded as soon as "leave a message" can be shown, while the network is
  // there: a message written offline must be queued without fetching code.
  let ticketCode: Promise<typeof import('../reports/ticket.js')> | undefined
  const loadTicketCode = () =>
    (ticketCode ??= import('../reports/ticket.js').catch((error: unknown) => {
      ticketCode = undefined
      throw error
    }))
  const loadLeaveCode = () =>
    loadTicketCode().then(
      () => undefined,
      () => undefined,
    )
  let stopWatch: (() => void) | undefined

  async function ensureConversation(): Promise<Conversation> {
    const { conversation, status } = get()
    if (conversation && (status === 'queued' || status === 'active' || status === 'connecting')) return conversation
    const { transport } = await core.ready()
    if (!transport.startConversation) throw new UnsupportedError('chat')
    // Availability was read when the chat opened; support may have closed (or its last agent
    // left) while the user wrote. Then "leave a message", not a chat nobody answers.
    if (status === 'idle' && transport.availability) {
      const availability = await transport.availability().catch(() => undefined)
      if (availability && !availability.open) {
        store.setState({ availability })
        await loadLeaveCode()
        core.dispatch({ type: 'availability', open: false })
        throw new UnsupportedError('chat closed')
      }
    }
    core.dispatch({ type: 'start' })
    store.setState({ error: undefined })
    // One key per user intent: a retry after a lost answer must not open a second conversation.
    startKey ??= randomUuid()
    try {
      const c = await transport.startConversation({ locale: locale() }, { idempotencyKey: startKey })
      startKey = undefined
      await core.adopt(c)
      void core.sync()
      return c
    } catch (error) {
      core.dispatch({ type: 'start_failed' })
      store.setState({ error: errorCode(error) })
      throw sdkError(error)
    }
  }

  /**
   * Shows the message at once and queues it as one outbox job (a long text too: stored whole or
   * not at all, then sent in parts). A text that could not be queued leaves no row: nothing of it
   * will be sent, the composer keeps it and says so. An image or a card stays shown as failed.
   */
  async function enqueue(message: MessageJobPayload['message'], files?: QueuedFile[]): Promise<void> {
    const conversation = await ensureConversation()
    const { services } = await core.ready()
    const payload: MessageJobPayload = {
      conversationId: conversation.id,
      message,
      localId: randomUuid(),
      ...(files?.length ? { files } : {}),
    }
    const rows = optimisticItems(payload, core.now().toISOString(), files?.[0]?.blob)
    const ids = new Set(rows.map((m) => m.localId))
    store.setState({ items: [...get().items, ...rows] })
    core.stopTyping()
    try {
      // The outbox stamps the job with the user signed in now: it must be this chat's user.
      if (!core.current()) throw new UnauthorizedError('signed out')
      // The group keeps a conversation's messages in the order they were written.
      await services.outbox.enqueue('message', payload, { group: conversation.id })
    } catch (error) {
      if (message.kind === 'text') {
        store.setState({ items: get().items.filter((m) => !ids.has(m.localId)) })
        throw new RejectedError([{ field: 'text', code: 'chat.error.notQueued' }], 'message not queued', undefined, {
          cause: error,
        })
      }
      const code = errorCode(error)
      store.setState({
        items: get().items.map((m) => (ids.has(m.localId) ? { ...m, state: 'failed', errorCode: code } : m)),
      })
      throw sdkError(error)
    }
    core.applyJobs(services.outbox.snapshot())
  }

  /**
   * A long text the user sends again while its job is still here (a part failed, the rest shows
   * "not sent"): that job again, whose parts keep their keys, not a second copy of the parts the
   * agent already has. Resolves false when there is no such job.
   */
  async function again(text: string): Promise<boolean> {
    const c = get().conversation
    if (!c || messageParts(text).length < 2) return false
    const { services } = await core.ready()
    const job = services.outbox
      .snapshot()
      .find((j) => j.kind === 'message' && j.payload.conversationId === c.id && j.payload.message.text === text)
    if (!job) return false
    if (job.state === 'rejected' || job.state === 'failed_retryable') await services.outbox.retry(job.id)
    return true
  }

  const actions: ChatActions = {
    async checkAvailability() {
      const { transport } = await core.ready()
      let open: boolean
      if (!transport.capabilities.chat || !transport.startConversation) open = false
      else if (!transport.availability) open = true
      else {
        try {
          const availability = await transport.availability()
          store.setState({ availability })
          open = availability.open
        } catch (error) {
          // Offline: a left message waits in the outbox, a chat could not start anyway.
          open = !(isHelpFeedbackError(error) && error.code === 'offline')
        }
      }
      // The form shows once its code is here (or could not come): a tap on Send must not need the network.
      if (!open) await loadLeaveCode()
      core.dispatch({ type: 'availability', open })
    },

    async send(text, options = {}) {
      const out = prepareOutgoing(text)
      if (!out.text) return { status: 'empty' }
      if (out.looksLikeCode && !options.confirmed) return { status: 'confirm' }
      // The same text sent again while the first send waits for the conversation to start (left
      // and reopened, a new composer holds the draft): the same send, not a second copy.
      const same = starting.get(out.text)
      if (same) return same
      // Longer than a backend takes: several messages, in order, rather than one it refuses.
      const parts = splitMessage(out.text)
      if (parts.length > MAX_MESSAGE_PARTS)
        throw new RejectedError([{ field: 'text', code: 'chat.error.tooLong' }], 'message too long')
      // One job for all its parts: either every part is queued or none is.
      const sent = (async (): Promise<SendResult> => {
        if (!(await again(out.text))) await enqueue({ kind: 'text', text: out.text, attachments: [] })
        return { status: 'sent', hidden: out.hidden }
      })()
      if (get().conversation) return sent
      starting.set(out.text, sent)
      return sent.finally(() => starting.delete(out.text))
    },

    async sendImage(file) {
      // Loaded on first use: most chats never attach an image.
      const image = await import('../attachments/index.js')
        .then(({ prepareImage }) => prepareImage(file, { index: 0 }))
        .catch((error: unknown) => Promise.reject(sdkError(error)))
      const queued: QueuedFile = { blob: image.blob, name: image.name, type: image.type }
      await enqueue({ kind: 'image', text: '', attachments: [] }, [queued])
      return { status: 'sent', hidden: hiddenNone() }
    },

    async sendTransaction(tx) {
      // The id is a reference the agent needs; free text (counterparty) is masked like any other.
      const { value, findings } = redactFields(tx, {
        referenceKeys: ['id'],
        skipKeys: ['time', 'amount', 'currency', 'status', 'kind'],
      })
      await enqueue({ kind: 'transaction', text: '', attachments: [], transaction: value })
      return { status: 'sent', hidden: summarizeFindings(findings) }
    },

    async retry(itemId) {
      const item = get().items.find((m) => m.id === itemId)
      if (!item?.jobId) return
      const { services } = await core.ready()
      await services.outbox.retry(item.jobId)
    },

    requestSenior: () => actions.send(client.t('chat.senior.message'), { confirmed: true }),

    async end() {
      const c = get().conversation
      const { transport } = await core.ready()
      if (!c || !transport.endConversation) return
      try {
        core.onConversation(await transport.endConversation(c.id))
        void core.sync()
      } catch (error) {
        store.setState({ error: errorCode(error) })
        throw sdkError(error)
      }
    },

    async rate(score, comment) {
      const c = get().conversation
      if (!c) throw new NotFoundError('no conversation to rate')
      const { services } = await core.ready()
      const masked = comment?.trim() ? redact(comment.trim()) : undefined
      if (!core.current()) throw new UnauthorizedError('signed out')
      await services.outbox
        .enqueue('rating', {
          target: { kind: 'conversation', id: c.id },
          score,
          ...(masked ? { comment: masked.text } : {}),
        })
        .catch((error: unknown) => Promise.reject(sdkError(error)))
      store.setState({ rated: true })
      core.dispatch({ type: 'rated' })
      // At once: a reload right after must not ask for the rating again.
      core.persist(true)
      return { status: 'sent', hidden: summarizeFindings(masked?.findings ?? []) }
    },

    skipRating() {
      store.setState({ rated: true })
      core.dispatch({ type: 'skip_rating' })
      core.persist(true)
    },

    async leaveMessage(text) {
      if (!text.trim()) return { status: 'empty' }
      const { services } = await core.ready()
      const { outbox } = services
      try {
        const { buildTicketInput } = await loadTicketCode()
        const built = buildTicketInput('other', { description: text.trim() }, { locale: locale(), translate: client.t })
        const input = { ...built.input, subject: client.t('chat.leave.subject') }
        // Like a report: stored with its idempotency key before the first attempt, retried on
        // `online` and after a reload; the words say whether the service has it yet.
        if (!core.current()) throw new UnauthorizedError('signed out')
        const { jobId, outcome } = await startJob(outbox, () => outbox.enqueue('ticket', { input }), {
          isOnline: online,
        })
        client.events.emit({ type: 'report:queued', category: 'other', jobId })
        // Still shown when it goes out later: "saved, will be sent" becomes "we received it", and
        // "will be sent when you are online" becomes "saved, will be sent" once a retry with the
        // network back fails (the service, not the device, is what is missing then).
        let delivered = false
        const waiting = (): LeftState => (online() ? 'queued' : 'offline')
        stopWatch?.()
        const stop = outbox.subscribe((event) => {
          const o = outcomeOf(event, jobId)
          if (!o) return
          if (o.kind === 'sent') {
            delivered = true
            stop()
            if (get().status === 'left') store.setState({ left: 'sent' })
          } else if (o.kind === 'queued' && get().status === 'left' && get().left !== 'sent') {
            store.setState({ left: waiting() })
          }
        })
        stopWatch = stop
        const first = await outcome
        if (first.kind === 'rejected' || first.kind === 'removed') {
          // Refused by the service: back to the form with its words, not a promise to send it.
          stop()
          if (first.kind === 'rejected') await outbox.remove(jobId).catch(() => false)
          throw new RejectedError(first.kind === 'rejected' ? (first.error?.fields ?? []) : [], 'message refused')
        }
        if (first.kind === 'sent') stop()
        store.setState({ left: first.kind === 'sent' || delivered ? 'sent' : waiting() })
        core.dispatch({ type: 'left' })
        return { status: 'sent', hidden: built.hidden }
      } catch (error) {
        throw sdkError(error)
      }
    },

    async newChat() {
      stopWatch?.()
      stopWatch = undefined
      store.setState({ left: undefined })
      await core.forget()
      core.dispatch({ type: 'reset' })
      await actions.checkAvailability()
    },
  }
  return actions
}
