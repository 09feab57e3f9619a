import { FileRejectedError } from '../errors/LocalErrors.js'
import { errorCode } from '../errors/errorCode.js'
import { isHelpFeedbackError } from '../errors/HelpFeedbackError.js'
import type { FieldError } from '../errors/index.js'
import { randomUuid } from '../outbox/index.js'
import { redact, redactFields, summarizeFindings, type HiddenSummary } from '../privacy/index.js'
import type { QueuedFile } from '../outbox/index.js'
import type { Conversation, TransactionRef } from '../types.js'
import type { ChatCore } from './types.js'
import { prepareOutgoing } from './compose.js'
import { optimisticItem } from './messages.js'
import type { MessageJobPayload } from './types.js'

/** The outcome of a user action, for the UI to render. */
export type SendResult =
  | { status: 'sent'; hidden: HiddenSummary }
  /** The text looks like a one-time code: ask, then call again with `confirmed: true`. */
  | { status: 'confirm' }
  | { status: 'empty' }
  /** `code` maps to the catalog key `error.<code>`; `fields` carry catalog keys too. */
  | { status: 'error'; code: string; fields?: FieldError[]; fileName?: string; limit?: number }

/** What the user can do in the chat. */
export interface ChatActions {
  /** Availability decides between "start a chat" and "leave a message". */
  checkAvailability(): Promise<void>
  /** Masks and queues a text message (starting the conversation first when needed). */
  send(text: string, options?: { confirmed?: boolean }): Promise<SendResult>
  /** Checks, strips metadata from and queues an image (png, jpeg, webp). */
  sendImage(file: Blob): Promise<SendResult>
  /** Shares a transaction card (ids kept, free text masked). */
  sendTransaction(tx: TransactionRef): Promise<SendResult>
  /** Sends a failed message again now (tap on "not sent"). */
  retry(itemId: string): Promise<void>
  /**
   * Asks for a senior agent. A conversation has no ticket to escalate in the core model, so
   * this is a user message in the conversation the agent sees like any other.
   */
  requestSenior(): Promise<SendResult>
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

function failure(error: unknown): SendResult {
  if (error instanceof FileRejectedError) {
    return {
      status: 'error',
      code: error.code,
      fileName: error.fileName,
      ...(error.limit === undefined ? {} : { limit: error.limit }),
    }
  }
  const code = errorCode(error)
  const fields = (error as { fieldErrors?: FieldError[] } | null)?.fieldErrors
  return { status: 'error', code, ...(Array.isArray(fields) && fields.length ? { fields } : {}) }
}

const codeOf = (r: SendResult) => (r.status === 'error' ? r.code : 'unknown')

/** The chat's actions over the controller's internals. */
export function createChatActions(core: ChatCore): ChatActions {
  const { client, store } = core
  const get = store.getState
  let startKey: string | undefined
  const locale = () => client.store.getState().system.locale

  async function ensureConversation(): Promise<{ conversation: Conversation } | { error: SendResult }> {
    const { conversation, status } = get()
    if (conversation && (status === 'queued' || status === 'active' || status === 'connecting')) return { conversation }
    const { transport } = await core.ready()
    if (!transport.startConversation) return { error: { status: 'error', code: 'unsupported' } }
    core.dispatch({ type: 'start' })
    store.setState({ error: undefined })
    // One key per user intent: a retry after a lost answer must not open a second conversation.
    startKey ??= randomUuid()
    try {
      const c = await transport.startConversation({ locale: locale() }, { idempotencyKey: startKey })
      startKey = undefined
      await core.adopt(c)
      void core.sync()
      return { conversation: c }
    } catch (error) {
      core.dispatch({ type: 'start_failed' })
      const result = failure(error)
      store.setState({ error: codeOf(result) })
      return { error: result }
    }
  }

  async function enqueue(message: MessageJobPayload['message'], files?: QueuedFile[]): Promise<SendResult | undefined> {
    const started = await ensureConversation()
    if ('error' in started) return started.error
    const { conversation } = started
    const { services } = await core.ready()
    const payload: MessageJobPayload = {
      conversationId: conversation.id,
      message,
      localId: randomUuid(),
      ...(files?.length ? { files } : {}),
    }
    store.setState({ items: [...get().items, optimisticItem(payload, core.now().toISOString(), files?.[0]?.blob)] })
    core.stopTyping()
    try {
      // The group keeps a conversation's messages in the order they were written.
      await services.outbox.enqueue('message', payload, { group: conversation.id })
    } catch (error) {
      const result = failure(error)
      const code = codeOf(result)
      store.setState({
        items: get().items.map((m) => (m.localId === payload.localId ? { ...m, state: 'failed', errorCode: code } : m)),
      })
      return result
    }
    core.applyJobs(services.outbox.snapshot())
    return undefined
  }

  const actions: ChatActions = {
    async checkAvailability() {
      const { transport } = await core.ready()
      if (!transport.capabilities.chat || !transport.startConversation)
        return core.dispatch({ type: 'availability', open: false })
      if (!transport.availability) return core.dispatch({ type: 'availability', open: true })
      try {
        const availability = await transport.availability()
        store.setState({ availability })
        core.dispatch({ type: 'availability', open: availability.open })
      } catch (error) {
        // Offline: a left message waits in the outbox, a chat could not start anyway.
        core.dispatch({ type: 'availability', open: !(isHelpFeedbackError(error) && error.code === 'offline') })
      }
    },

    async send(text, options = {}) {
      const out = prepareOutgoing(text)
      if (!out.text) return { status: 'empty' }
      if (out.looksLikeCode && !options.confirmed) return { status: 'confirm' }
      return (
        (await enqueue({ kind: 'text', text: out.text, attachments: [] })) ?? { status: 'sent', hidden: out.hidden }
      )
    },

    async sendImage(file) {
      let image
      try {
        // Loaded on first use: most chats never attach an image.
        const { prepareImage } = await import('../attachments/index.js')
        image = await prepareImage(file, { index: 0 })
      } catch (error) {
        return failure(error)
      }
      const queued: QueuedFile = { blob: image.blob, name: image.name, type: image.type }
      return (
        (await enqueue({ kind: 'image', text: '', attachments: [] }, [queued])) ?? {
          status: 'sent',
          hidden: hiddenNone(),
        }
      )
    },

    async sendTransaction(tx) {
      // The id is a reference the agent needs; free text (counterparty) is masked like any other.
      const { value, findings } = redactFields(tx, {
        referenceKeys: ['id'],
        skipKeys: ['time', 'amount', 'currency', 'status', 'kind'],
      })
      const result = await enqueue({ kind: 'transaction', text: '', attachments: [], transaction: value })
      return result ?? { status: 'sent', hidden: summarizeFindings(findings) }
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
        store.setState({ error: codeOf(failure(error)) })
      }
    },

    async rate(score, comment) {
      const c = get().conversation
      if (!c) return { status: 'error', code: 'not_found' }
      const { services } = await core.ready()
      const masked = comment?.trim() ? redact(comment.trim()) : undefined
      try {
        await services.outbox.enqueue('rating', {
          target: { kind: 'conversation', id: c.id },
          score,
          ...(masked ? { comment: masked.text } : {}),
        })
      } catch (error) {
        return failure(error)
      }
      store.setState({ rated: true })
      core.dispatch({ type: 'rated' })
      core.persist()
      return { status: 'sent', hidden: summarizeFindings(masked?.findings ?? []) }
    },

    skipRating() {
      store.setState({ rated: true })
      core.dispatch({ type: 'skip_rating' })
      core.persist()
    },

    async leaveMessage(text) {
      if (!text.trim()) return { status: 'empty' }
      const { services } = await core.ready()
      try {
        const { buildTicketInput } = await import('../reports/ticket.js')
        const built = buildTicketInput('other', { description: text.trim() }, { locale: locale(), translate: client.t })
        const input = { ...built.input, subject: client.t('chat.leave.subject') }
        const jobId = await services.outbox.enqueue('ticket', { input })
        client.events.emit({ type: 'report:queued', category: 'other', jobId })
        core.dispatch({ type: 'left' })
        return { status: 'sent', hidden: built.hidden }
      } catch (error) {
        return failure(error)
      }
    },

    async newChat() {
      await core.forget()
      core.dispatch({ type: 'reset' })
      await actions.checkAvailability()
    },
  }
  return actions
}
