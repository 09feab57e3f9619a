import * as z from './wire.js'
import { NotFoundError } from '../errors/RequestErrors.js'
import type {
  Article,
  AttachmentRef,
  ChatEvent,
  Comment,
  Conversation,
  ConversationStatus,
  Message,
  MessageInput,
  Priority,
  Ticket,
  TicketDetail,
  TicketStatus,
} from '../types.js'
import {
  cwArticle,
  cwConversation,
  cwMessage,
  cwTyping,
  parseArticles,
  type CwAttachment,
  type CwConversation,
  type CwMessage,
} from './chatwootSchemas.js'
import type { Http } from './http.js'
import type { Transport } from './types.js'
import { asCategory, isoTime, parseReport, type ParsedReport, type ProtocolErrorBody } from './vendorKit.js'
import { hasOwn } from '../hasOwn.js'

/*
 * Mapping between Chatwoot's conversations and the SDK's two views of them. Chatwoot has no
 * tickets: a report is a conversation whose first contact message carries the report block
 * (subject line, description, `-- help-feedback --` lines); live chats are conversations too.
 */

const CHAT_STATUS: Record<CwConversation['status'], ConversationStatus> = {
  pending: 'queued',
  open: 'active',
  snoozed: 'active',
  resolved: 'ended',
}
/** `pending` is Chatwoot's "not picked up yet" (bot or unassigned queue). */
const TICKET_STATUS: Record<CwConversation['status'], TicketStatus> = {
  pending: 'new',
  open: 'open',
  snoozed: 'on_hold',
  resolved: 'solved',
}
const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
}

/** Chatwoot sends no file name or MIME type: both come from the file URL and extension. */
export function toAttachmentRef(a: CwAttachment): AttachmentRef {
  const url = a.data_url ?? ''
  const name =
    decodeURIComponent(url.split('?')[0]?.split('/').pop() ?? '') ||
    `attachment-${a.id}${a.extension ? `.${a.extension}` : ''}`
  const ext = (a.extension ?? name.split('.').pop() ?? '').toLowerCase()
  const ref: AttachmentRef = {
    id: String(a.id),
    name,
    type: hasOwn(MIME, ext) ? MIME[ext]! : a.file_type === 'image' ? 'image/*' : 'application/octet-stream',
    size: a.file_size ?? 0,
  }
  if (url) ref.url = url
  return ref
}

/** Activity and template (e.g. the CSAT form) messages are the system's, not a person's. */
export function toMessage(m: CwMessage, conversationId: string, clientId?: string): Message {
  const author = m.message_type === 0 ? 'user' : m.message_type === 1 ? 'agent' : 'system'
  const attachments = (m.attachments ?? []).map(toAttachmentRef)
  const imageOnly = attachments.length > 0 && !m.content && (m.attachments ?? []).every((a) => a.file_type === 'image')
  const message: Message = {
    id: String(m.id),
    conversationId,
    author,
    kind: m.message_type === 2 ? 'event' : imageOnly ? 'image' : 'text',
    text: m.content ?? '',
    attachments,
    createdAt: isoTime(m.created_at),
    seq: m.id,
  }
  const echo = m.echo_id ?? clientId
  if (echo) message.clientId = echo
  if (m.sender?.name) message.authorName = m.sender.name
  return message
}

/** A Chatwoot conversation as a chat. */
export function toConversation(c: CwConversation): Conversation {
  const first = (c.messages ?? [])[0]
  const created = c.created_at ?? first?.created_at
  return {
    id: String(c.id),
    reference: `#${c.id}`,
    status: CHAT_STATUS[c.status],
    // The REST view has no created_at: the first message is the best witness; else "now".
    createdAt: created ? isoTime(created) : new Date().toISOString(),
  }
}

interface ReportView {
  parsed: ParsedReport
  subject: string
  description: string
  first: CwMessage
}

/** The report a conversation carries, when its first contact message has our block. */
export function reportOf(c: CwConversation): ReportView | undefined {
  const first = [...(c.messages ?? [])].sort((a, b) => a.id - b.id).find((m) => m.message_type === 0)
  if (!first?.content) return undefined
  const parsed = parseReport(first.content)
  if (!parsed.ref) return undefined
  const cut = parsed.text.indexOf('\n\n')
  return {
    parsed,
    first,
    subject: cut < 0 ? parsed.text : parsed.text.slice(0, cut),
    description: cut < 0 ? '' : parsed.text.slice(cut + 2).trim(),
  }
}

/** A report conversation as a ticket; updatedAt is its latest message. */
export function toTicket(c: CwConversation, report: ReportView): Ticket {
  const messages = c.messages ?? []
  const last = messages.reduce((t, m) => Math.max(t, m.created_at), report.first.created_at)
  return {
    id: String(c.id),
    reference: `#${c.id}`,
    status: TICKET_STATUS[c.status],
    priority: report.parsed.priority ?? 'normal',
    category: report.parsed.category ?? 'other',
    subject: report.subject,
    createdAt: isoTime(report.first.created_at),
    updatedAt: isoTime(last),
  }
}

function toComment(m: CwMessage): Comment {
  const comment: Comment = {
    id: String(m.id),
    author: m.message_type === 0 ? 'user' : m.message_type === 1 ? 'agent' : 'system',
    body: m.content ?? '',
    createdAt: isoTime(m.created_at),
    attachments: (m.attachments ?? []).map(toAttachmentRef),
  }
  if (m.sender?.name) comment.authorName = m.sender.name
  return comment
}
export { toComment as toCwComment }

/** The CSAT form message keeps the contact's answer in `content_attributes.submitted_values`. */
function ratingOf(messages: readonly CwMessage[]): TicketDetail['rating'] | undefined {
  for (const m of messages) {
    if (m.content_type !== 'input_csat') continue
    const r = (
      m.content_attributes?.submitted_values as
        { csat_survey_response?: { rating?: unknown; feedback_message?: unknown } } | undefined
    )?.csat_survey_response
    if (typeof r?.rating === 'number')
      return {
        score: r.rating,
        ...(typeof r.feedback_message === 'string' && r.feedback_message ? { comment: r.feedback_message } : {}),
      }
  }
  return undefined
}

/** The report's detail: later messages are its comments, the CSAT survey answer its rating. */
export function toDetail(c: CwConversation, report: ReportView): TicketDetail {
  const ticket = toTicket(c, report)
  const rest = (c.messages ?? []).filter(
    (m) => m.id !== report.first.id && !m.private && m.message_type !== 2 && m.content_type !== 'input_csat',
  )
  const detail: TicketDetail = {
    ...ticket,
    description: report.description,
    fields: report.parsed.fields,
    attachments: (report.first.attachments ?? []).map(toAttachmentRef),
    comments: rest.sort((a, b) => a.id - b.id).map(toComment),
    history: [
      { status: 'new', at: ticket.createdAt },
      ...(ticket.status === 'new' ? [] : [{ status: ticket.status, at: ticket.updatedAt }]),
    ],
  }
  if (report.parsed.transaction) detail.transaction = report.parsed.transaction
  const rating = ratingOf(c.messages ?? [])
  if (rating) detail.rating = rating
  return detail
}

const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent'])

/**
 * ActionCable data (`{event, data}`) → SDK events. Private notes never reach contacts, but are
 * dropped anyway; malformed data is dropped (the stream has no caller, and resync repairs gaps).
 */
export function toChatEvents(event: string, data: unknown): ChatEvent[] {
  if (event === 'message.created' || event === 'message.updated') {
    const m = z.safeParse(cwMessage, data)
    if (!m.success || m.data.private || m.data.conversation_id === undefined) return []
    return [{ type: 'message', message: toMessage(m.data, String(m.data.conversation_id)) }]
  }
  if (event === 'conversation.status_changed' || event === 'conversation.created') {
    const c = z.safeParse(cwConversation, data)
    if (!c.success) return []
    const out: ChatEvent[] = [{ type: 'conversation', conversation: toConversation(c.data) }]
    const a = c.data.custom_attributes ?? {}
    if (typeof a.hf_ref === 'string' && typeof a.hf_subject === 'string') {
      const at = isoTime(c.data.created_at ?? Math.floor(Date.now() / 1000))
      out.push({
        type: 'ticket',
        ticket: {
          id: String(c.data.id),
          reference: `#${c.data.id}`,
          status: TICKET_STATUS[c.data.status],
          subject: a.hf_subject,
          priority: PRIORITIES.has(String(a.hf_priority)) ? (a.hf_priority as Priority) : 'normal',
          category: asCategory(a.hf_category) ?? 'other',
          createdAt: at,
          updatedAt: new Date().toISOString(),
        },
      })
    }
    return out
  }
  if (event === 'conversation.typing_on' || event === 'conversation.typing_off') {
    const t = z.safeParse(cwTyping, data)
    if (!t.success || t.data.is_private) return []
    return [
      {
        type: 'typing',
        conversationId: String(t.data.conversation.id),
        author: t.data.user?.type === 'contact' ? 'user' : 'agent',
        on: event === 'conversation.typing_on',
      },
    ]
  }
  return []
}

/** Portal articles are Markdown already; drafts and archived ones are left out. */
export function toArticles(payload: Array<z.infer<typeof cwArticle>>, locale: string): Article[] {
  return payload
    .filter((a) => a.status === 'published' || a.status === 1)
    .map((a) => {
      const article: Article = {
        id: String(a.id),
        locale,
        title: a.title,
        body: a.content ?? a.description ?? '',
        tags: [],
      }
      if (a.category?.slug) article.category = a.category.slug
      if (a.last_updated_at != null) article.updatedAt = isoTime(a.last_updated_at)
      if (typeof a.views === 'number') article.popularity = a.views
      return article
    })
}

/** Portal articles of a locale, fetched once per locale (the index is not paginated). */
export function portalArticles(hc: Http, slug: string): Pick<Required<Transport>, 'listArticles' | 'getArticle'> {
  const cache = new Map<string, Promise<Article[]>>()
  const listArticles = ({ locale }: { locale: string }): Promise<Article[]> => {
    let hit = cache.get(locale)
    if (!hit) {
      hit = hc
        .request(`/hc/${encodeURIComponent(slug)}/${encodeURIComponent(locale)}/articles.json`, {
          parse: parseArticles,
        })
        .then((r) => toArticles(r.payload, locale))
      hit.catch(() => cache.delete(locale))
      cache.set(locale, hit)
    }
    return hit
  }
  return {
    listArticles,
    async getArticle(id, locale) {
      const found = (await listArticles({ locale })).find((a) => a.id === id)
      if (!found) throw new NotFoundError(`no article ${id}`)
      return found
    },
  }
}

/** Chatwoot messages are text: a shared transaction travels as a readable line. */
export const messageText = (msg: MessageInput): string =>
  msg.transaction
    ? `${msg.text}\n\n${msg.transaction.id} · ${msg.transaction.amount} ${msg.transaction.currency} · ${msg.transaction.time}`.trim()
    : msg.text

/** `{message, attributes}` (RecordInvalid, 422) in the protocol's error shape. */
export function normalizeChatwootError(status: number, body: unknown): ProtocolErrorBody | undefined {
  if (status !== 422 || !body || typeof body !== 'object') return undefined
  const b = body as { message?: unknown; attributes?: unknown }
  const message = typeof b.message === 'string' ? b.message : 'invalid request'
  const errors = (Array.isArray(b.attributes) ? b.attributes : []).map((f) => ({ field: String(f), code: 'invalid' }))
  return { error: { code: 'invalid', message, ...(errors.length ? { errors } : {}) } }
}
