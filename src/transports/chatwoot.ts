import { ConfigError } from '../errors/ConfigError.js'
import { ServerError } from '../errors/NetworkErrors.js'
import { NotFoundError, RejectedError, UnauthorizedError, UnsupportedError } from '../errors/RequestErrors.js'
import type { AttachmentRef, ChatEvent, MessageInput, Session, UserIdentity } from '../types.js'
import { openCable, type Cable, type WebSocketCtor } from './chatwootCable.js'
import {
  messageText,
  normalizeChatwootError,
  portalArticles,
  reportOf,
  toChatEvents,
  toConversation,
  toCwComment,
  toDetail,
  toMessage,
  toTicket,
} from './chatwootMap.js'
import {
  parseContact,
  parseConversation,
  parseConversations,
  parseMessage,
  parseMessages,
  type CwContact,
  type CwMessage,
} from './chatwootSchemas.js'
import { createHttp, seg, type Http, type NetworkOptions } from './http.js'
import { noCapabilities, type Transport, type WriteFinder } from './types.js'
import { composeReport, refOf, vendorFetch } from './vendorKit.js'

type Awaitable<T> = T | Promise<T>

/** Options of {@link chatwootTransport}. */
export interface ChatwootTransportOptions extends NetworkOptions {
  /** The Chatwoot installation, e.g. `https://app.chatwoot.com`. */
  baseUrl: string
  /** Identifier of an **API channel** inbox (Settings → Inboxes → Configuration). */
  inboxIdentifier: string
  /**
   * HMAC-SHA256(inbox hmac_token, user.id) as lowercase hex, computed by the host's backend
   * (identity validation). Verified contacts see all their conversations across sessions.
   */
  identifierHash?: (user?: UserIdentity) => Promise<string>
  /** Keeps the contact (its `source_id` is bearer-like: use secure storage) across page loads. */
  contactStore?: {
    load(userId: string): Awaitable<CwContact | undefined>
    save(userId: string, contact: CwContact): Awaitable<void>
  }
  /** `wss://host/cable` by default. */
  cableUrl?: string
  /** Default `globalThis.WebSocket`. */
  WebSocket?: WebSocketCtor
  cable?: { minDelayMs?: number; maxDelayMs?: number; staleMs?: number }
  /** Help Center portal slug; articles are off without it. Its `/hc/…` routes may lack CORS: proxy them via `helpCenterUrl`. */
  portalSlug?: string
  helpCenterUrl?: string
}

/** Rack::Attack throttles per IP per minute and sends no Retry-After: wait a real window. */
const CHATWOOT_429_MS = 20_000
/** How long a message waits for a subscription being set up, so its echo is not lost. */
const LIVE_WAIT_MS = 3000
/** Device and server clocks disagree; `since` filters allow this much. */
const CLOCK_SKEW_S = 120

/**
 * Transport for Chatwoot's public client API (API-channel inbox) with realtime over its
 * ActionCable websocket. A report becomes a conversation whose first message is the report
 * (subject, description, then `-- help-feedback --` lines); "My requests" lists those.
 * Resolving is final for the SDK, but Chatwoot reopens a conversation when the contact writes.
 *
 * @example
 * const transport = chatwootTransport({ baseUrl: 'https://chat.example.com', inboxIdentifier: 'abc123',
 *   identifierHash: () => fetch('/me/chatwoot-hash').then((r) => r.text()) })
 */
export function chatwootTransport(options: ChatwootTransportOptions): Transport & WriteFinder {
  if (!options.inboxIdentifier) throw new ConfigError('transport.inboxIdentifier', 'required: the API inbox identifier')
  const base = options.baseUrl.replace(/\/+$/, '')
  const common = {
    baseUrl: base,
    fetch: vendorFetch({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      rateLimitDefaultMs: CHATWOOT_429_MS,
      normalizeError: normalizeChatwootError,
    }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  }
  const read: Http = createHttp({ ...common, ...(options.retries === undefined ? {} : { retries: options.retries }) })
  // Nothing in Chatwoot is idempotent: writes are never retried inline (the outbox decides).
  const write: Http = createHttp({ ...common, retries: 0 })
  const inbox = `/public/api/v1/inboxes/${seg(options.inboxIdentifier)}`
  const files = new Map<string, { blob: Blob; name: string }>()
  const listeners = new Set<(e: ChatEvent) => void>()
  let user: UserIdentity | undefined
  let contact: CwContact | undefined
  let cable: Cable | undefined
  // Bumped when the user changes or signs out: a contact found after that is the previous user's.
  let epoch = 0
  const signedIn = new Set<(who: UserIdentity, s: Session) => void>()
  /**
   * Sets the contact found for `who`, signed in at `mine`, unless someone else is signed in now,
   * and tells `onSignIn` listeners (the cable's own sign-in too).
   */
  const adopt = (mine: number, found: CwContact, who: UserIdentity) => {
    if (mine !== epoch) return
    contact = found
    for (const f of signedIn)
      try {
        f(who, { userId: who.id })
      } catch {
        // A listener's fault is not this sign-in's.
      }
  }

  const me = () => {
    if (!contact) throw new UnauthorizedError('identify() was not called')
    return `${inbox}/contacts/${seg(contact.source_id)}`
  }
  const conv = (id: string) => {
    if (!/^\d+$/.test(id)) throw new NotFoundError(`no Chatwoot conversation ${id}`)
    return `${me()}/conversations/${id}`
  }

  function emit(e: ChatEvent): void {
    for (const l of [...listeners]) {
      try {
        l(e)
      } catch {
        /* one faulty listener must not starve the others */
      }
    }
  }

  async function identifyAs(who: UserIdentity, signal?: AbortSignal, known?: CwContact): Promise<CwContact> {
    const hash = await options.identifierHash?.(who)
    // Re-identifying the same user keeps its contact: a new one would hide unverified history.
    const stored = (await options.contactStore?.load(who.id)) ?? known
    try {
      const found = stored
        ? await read
            .request(`${inbox}/contacts/${seg(stored.source_id)}`, {
              parse: parseContact,
              ...(signal ? { signal } : {}),
            })
            .catch((e: unknown) => {
              if (e instanceof NotFoundError) return undefined
              throw e
            })
        : undefined
      const body = {
        identifier: who.id,
        ...(hash ? { identifier_hash: hash } : {}),
        ...(who.name ? { name: who.name } : {}),
        ...(who.email ? { email: who.email } : {}),
        ...(who.attributes ? { custom_attributes: who.attributes } : {}),
      }
      const fresh =
        found ??
        (await write.request(`${inbox}/contacts`, {
          method: 'POST',
          json: body,
          parse: parseContact,
          ...(signal ? { signal } : {}),
        }))
      await options.contactStore?.save(who.id, fresh)
      return fresh
    } catch (error) {
      // A bad identifier_hash raises a bare StandardError in Chatwoot: HTTP 500, not 401 (VERIFY per version).
      if (hash && error instanceof ServerError && error.status === 500)
        throw new UnauthorizedError('Chatwoot refused the identifier hash', { cause: error })
      throw error
    }
  }

  /** JSON, or multipart when files are attached (Chatwoot takes them with the message). */
  function messageBody(
    content: string,
    echoId: string,
    attachments: readonly AttachmentRef[],
  ): { json: unknown } | { body: FormData } {
    if (attachments.length === 0) return { json: { content, echo_id: echoId } }
    const form = new FormData()
    form.append('content', content)
    form.append('echo_id', echoId)
    attachments.forEach((a, i) => {
      const f = files.get(a.id)
      if (!f)
        throw new RejectedError(
          [{ field: `attachments.${i}`, code: 'expired' }],
          'attachment is no longer available in this page',
        )
      form.append('attachments[]', f.blob, f.name)
    })
    return { body: form }
  }

  async function post(
    conversationId: string,
    content: string,
    key: string,
    attachments: readonly AttachmentRef[],
    signal?: AbortSignal,
  ): Promise<CwMessage> {
    await cable?.live(LIVE_WAIT_MS)
    const m = await write.request(`${conv(conversationId)}/messages`, {
      method: 'POST',
      ...messageBody(content, key, attachments),
      parse: parseMessage,
      ...(signal ? { signal } : {}),
    })
    for (const a of attachments) files.delete(a.id)
    return m
  }

  const latest = async (id: string, before?: number) =>
    read.request(`${conv(id)}/messages`, { searchParams: { before }, parse: parseMessages })

  const transport: Transport & WriteFinder = {
    name: 'chatwoot',
    capabilities: {
      ...noCapabilities,
      articles: options.portalSlug !== undefined,
      tickets: true,
      chat: true,
      realtime: true,
      typing: true,
      readReceipts: true,
      attachments: true,
      csat: true,
    },

    async identify(who, signal) {
      const switched = user !== undefined && user.id !== who.id
      user = who
      // Until the next user's contact is found, nothing may be read or written as the previous one.
      if (switched) {
        contact = undefined
        epoch++
        cable?.restart()
      }
      const mine = epoch
      adopt(mine, await identifyAs(who, signal, switched ? undefined : contact), who)
      if (switched) cable?.restart()
      return { userId: who.id }
    },

    onSignIn(f) {
      signedIn.add(f)
      return () => void signedIn.delete(f)
    },

    signOut() {
      user = undefined
      contact = undefined
      epoch++
      cable?.restart()
    },

    async createTicket(input, o) {
      const custom_attributes = {
        hf_ref: refOf(o.idempotencyKey),
        hf_subject: input.subject,
        hf_category: input.category,
        hf_priority: input.priority,
      }
      const c = await write.request(`${me()}/conversations`, {
        method: 'POST',
        json: { custom_attributes },
        parse: parseConversation,
        ...(o.signal ? { signal: o.signal } : {}),
      })
      const content = composeReport(
        `${input.subject.replace(/\s+/g, ' ').trim()}\n\n${input.description}`,
        input,
        o.idempotencyKey,
      )
      const first = await post(String(c.id), content, o.idempotencyKey, input.attachments, o.signal)
      const withFirst = { ...c, messages: [...(c.messages ?? []).filter((m) => m.id !== first.id), first] }
      const report = reportOf(withFirst)
      if (!report) throw new ServerError(undefined, 'the report message did not come back')
      return toTicket(withFirst, report)
    },
    async listTickets(signal) {
      const list = await read.request(`${me()}/conversations`, {
        parse: parseConversations,
        ...(signal ? { signal } : {}),
      })
      return list
        .flatMap((c) => {
          const r = reportOf(c)
          return r ? [toTicket(c, r)] : []
        })
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    },
    async getTicket(id, signal) {
      const c = await read.request(conv(id), { parse: parseConversation, ...(signal ? { signal } : {}) })
      const r = reportOf(c)
      if (!r) throw new NotFoundError(`conversation ${id} is not a report`)
      return toDetail(c, r)
    },
    async addComment(ticketId, comment, o) {
      return toCwComment(await post(ticketId, comment.body, o.idempotencyKey, comment.attachments, o.signal))
    },
    async uploadAttachment(file, meta) {
      // No upload step in Chatwoot: the file waits here and travels with the next message.
      const id = `local_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
      files.set(id, { blob: file, name: meta.name })
      return { id, name: meta.name, type: meta.type || file.type, size: file.size }
    },
    async rate(target, score, comment, o) {
      const c = await read.request(conv(target.id), { parse: parseConversation })
      if (!c.uuid) throw new UnsupportedError('CSAT (no conversation uuid)')
      const response = { rating: score, ...(comment === undefined ? {} : { feedback_message: comment }) }
      try {
        await write.request(`/public/api/v1/csat_survey/${seg(c.uuid)}`, {
          method: 'PUT',
          json: { message: { submitted_values: { csat_survey_response: response } } },
          ...(o.signal ? { signal: o.signal } : {}),
        })
      } catch (error) {
        // The survey message exists only once the conversation was resolved (and CSAT is on).
        if (error instanceof NotFoundError)
          throw new RejectedError([], 'nothing to rate yet: the conversation is not resolved', 409, { cause: error })
        throw error
      }
    },

    async startConversation(input, o) {
      const c = await write.request(`${me()}/conversations`, {
        method: 'POST',
        json: { custom_attributes: { hf_locale: input.locale } },
        parse: parseConversation,
        ...(o.signal ? { signal: o.signal } : {}),
      })
      if (input.text) {
        const msg: MessageInput = {
          kind: 'text',
          text: input.text,
          attachments: [],
          ...(input.transaction ? { transaction: input.transaction } : {}),
        }
        await post(String(c.id), messageText(msg), o.idempotencyKey, [], o.signal)
      }
      return toConversation(c)
    },
    getConversation: async (id) => toConversation(await read.request(conv(id), { parse: parseConversation })),
    async sendMessage(id, msg, o) {
      return toMessage(
        await post(id, messageText(msg), o.idempotencyKey, msg.attachments, o.signal),
        id,
        o.idempotencyKey,
      )
    },
    async listMessages(id, since) {
      // Chatwoot pages backwards (`before`, 20 a page): walk back until the cursor is covered.
      const after = since ? Number(since) : 0
      let page = await latest(id)
      const seen = [...page]
      for (let i = 0; i < 10 && after > 0 && page.length >= 20 && Math.min(...page.map((m) => m.id)) > after; i++) {
        page = await latest(id, Math.min(...page.map((m) => m.id)))
        seen.push(...page)
      }
      const newer = [...new Map(seen.filter((m) => m.id > after && !m.private).map((m) => [m.id, m])).values()].sort(
        (a, b) => a.id - b.id,
      )
      const last = newer[newer.length - 1]
      return {
        messages: newer.map((m) => toMessage(m, id)),
        cursor: last ? String(last.id) : (since ?? null),
        hasMore: false,
      }
    },
    setTyping: async (id, on) =>
      void (await write.request(`${conv(id)}/toggle_typing`, {
        method: 'POST',
        json: { typing_status: on ? 'on' : 'off' },
      })),
    markRead: async (id) => void (await write.request(`${conv(id)}/update_last_seen`, { method: 'POST', json: {} })),
    endConversation: async (id) =>
      toConversation(
        await write.request(`${conv(id)}/toggle_status`, { method: 'POST', json: {}, parse: parseConversation }),
      ),

    async findWrite(lookup, key, signal) {
      if (lookup.kind === 'ticket') {
        const list = await read.request(`${me()}/conversations`, {
          parse: parseConversations,
          ...(signal ? { signal } : {}),
        })
        for (const c of list) {
          const r = reportOf(c)
          if (r?.parsed.ref === key) return toTicket(c, r)
        }
        return undefined
      }
      const id = lookup.kind === 'comment' ? lookup.ticketId : lookup.conversationId
      const text = (lookup.kind === 'comment' ? lookup.body : lookup.text).trim()
      const after = lookup.since === undefined ? 0 : lookup.since / 1000 - CLOCK_SKEW_S
      // A part of a long message: the oldest match after the part before it (see WriteLookup).
      const part = lookup.kind === 'message' && lookup.after !== undefined
      const floor = part && lookup.after ? Number(lookup.after) : 0
      // Chatwoot pages backwards, 20 a page: agent replies and bot messages since the write can
      // push it off the latest page. Walk back until a page reaches before `since`.
      let page = await latest(id)
      const seen = [...page]
      for (let i = 0; i < 10 && page.length >= 20 && Math.min(...page.map((m) => m.created_at)) >= after; i++) {
        page = await latest(id, Math.min(...page.map((m) => m.id)))
        seen.push(...page)
      }
      const hit = [...new Map(seen.map((m) => [m.id, m])).values()]
        .sort((a, b) => (part ? a.id - b.id : b.id - a.id))
        .find(
          (m) =>
            m.message_type === 0 &&
            m.created_at >= after &&
            m.id > floor &&
            ((m.content ?? '').trim() === text || (m.content ?? '').startsWith(`${text}\n\n`)),
        )
      if (!hit) return undefined
      return lookup.kind === 'comment' ? toCwComment(hit) : toMessage(hit, id, key)
    },

    subscribe(onEvent) {
      listeners.add(onEvent)
      const WS = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketCtor | undefined)
      if (!cable && WS) {
        cable = openCable({
          url: options.cableUrl ?? `${base.replace(/^http/, 'ws')}/cable`,
          WebSocket: WS,
          ...options.cable,
          pubsubToken: () => contact?.pubsub_token,
          onData: (event, data) => toChatEvents(event, data).forEach(emit),
          onResync: () => emit({ type: 'resync' }),
          // Signs in again as the contact it knows (its source id gives the current token): a new
          // contact inbox would hide an unverified contact's conversations. One only if it is gone.
          onRejected: async () => {
            const mine = epoch
            const who = user
            if (who) adopt(mine, await identifyAs(who, undefined, contact), who)
          },
        })
      }
      return () => {
        listeners.delete(onEvent)
        if (listeners.size === 0) {
          cable?.close()
          cable = undefined
        }
      }
    },
    dispose() {
      listeners.clear()
      cable?.close()
      cable = undefined
      files.clear()
    },
  }

  if (options.portalSlug !== undefined) {
    Object.assign(
      transport,
      portalArticles(
        createHttp({ ...common, baseUrl: (options.helpCenterUrl ?? base).replace(/\/+$/, '') }),
        options.portalSlug,
      ),
    )
  }
  return transport
}

export default chatwootTransport
