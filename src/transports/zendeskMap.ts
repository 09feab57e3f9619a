import type {
  Article,
  ArticleHit,
  AttachmentRef,
  Comment,
  Priority,
  StatusChange,
  Ticket,
  TicketDetail,
  TicketStatus,
} from '../types.js'
import { isoTime, parseReport, type ProtocolErrorBody } from './vendorKit.js'
import type { ZArticle, ZComment, ZRequest, ZUser } from './zendeskSchemas.js'
import { hasOwn } from '../hasOwn.js'

/** Zendesk request statuses → SDK statuses (custom statuses still carry one of these as `status`). */
const STATUS: Record<ZRequest['status'], TicketStatus> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
}
const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent'])

/** A Zendesk attachment (upload or comment) as an SDK attachment ref. */
export function toAttachmentRef(a: {
  id: number
  file_name: string
  content_type: string
  size: number
  content_url: string
}): AttachmentRef {
  return { id: String(a.id), name: a.file_name, type: a.content_type, size: a.size, url: a.content_url }
}

/**
 * A Zendesk request as an SDK ticket. Category (and priority when Zendesk has none) come from
 * the report block the adapter wrote into the description; requests created elsewhere are `other`.
 */
export function toTicket(r: ZRequest): Ticket {
  const parsed = parseReport(r.description ?? '')
  const priority = r.priority && PRIORITIES.has(r.priority) ? (r.priority as Priority) : (parsed.priority ?? 'normal')
  return {
    id: String(r.id),
    reference: `#${r.id}`,
    status: STATUS[r.status],
    priority,
    category: parsed.category ?? 'other',
    subject: r.subject ?? parsed.text.split('\n')[0] ?? '',
    createdAt: isoTime(r.created_at),
    updatedAt: isoTime(r.updated_at),
  }
}

/** End users see no ticket audits: history is what the request itself proves (created, current). */
export function synthHistory(ticket: Ticket): StatusChange[] {
  const history: StatusChange[] = [{ status: 'new', at: ticket.createdAt }]
  if (ticket.status !== 'new') history.push({ status: ticket.status, at: ticket.updatedAt })
  return history
}

/** Agent or user, by the sideloaded user's `agent`/`role`, else by comparing with the requester. */
export function toComment(c: ZComment, users: readonly ZUser[], requesterId: number | null | undefined): Comment {
  const user = users.find((u) => u.id === c.author_id)
  const agent = user?.agent ?? (user?.role ? user.role !== 'end-user' : c.author_id !== requesterId)
  const comment: Comment = {
    id: String(c.id),
    author: agent ? 'agent' : 'user',
    body: c.body ?? c.plain_body ?? '',
    createdAt: isoTime(c.created_at),
    attachments: (c.attachments ?? []).map(toAttachmentRef),
  }
  if (user?.name) comment.authorName = user.name
  return comment
}

/** The first public comment is the description: its files are the ticket's, the rest are comments. */
export function toDetail(r: ZRequest, comments: readonly ZComment[], users: readonly ZUser[]): TicketDetail {
  const ticket = toTicket(r)
  const parsed = parseReport(r.description ?? '')
  const [first, ...rest] = [...comments].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id,
  )
  const detail: TicketDetail = {
    ...ticket,
    description: parsed.text,
    fields: parsed.fields,
    attachments: (first?.attachments ?? []).map(toAttachmentRef),
    comments: rest.filter((c) => c.public !== false).map((c) => toComment(c, users, r.requester_id)),
    history: synthHistory(ticket),
  }
  if (parsed.transaction) detail.transaction = parsed.transaction
  return detail
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
/** Decodes the HTML entities Zendesk uses in bodies and snippets. */
export const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))
      // Past U+10FFFF fromCodePoint throws; U+FFFD, as the HTML spec decodes it.
      return String.fromCodePoint(cp > 0x10ffff ? 0xfffd : cp)
    }
    const key = e.toLowerCase()
    return hasOwn(ENTITIES, key) ? ENTITIES[key]! : m
  })

/**
 * Help Center bodies are HTML; the SDK renders Markdown through its sanitizer. This keeps the
 * structure that matters in an answer (headings, paragraphs, lists, emphasis, links) and drops
 * the rest as text — never passing HTML through.
 */
export function htmlToMarkdown(html: string): string {
  const md = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi,
      (_, n: string, t: string) => `\n\n${'#'.repeat(Number(n))} ${t.trim()}\n\n`,
    )
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, t: string) => `[${t.trim()}](${href})`)
    .replace(/<\/?(strong|b)>/gi, '**')
    .replace(/<\/?(em|i)>/gi, '_')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/li>/gi, '')
    .replace(/<\/(p|div|ul|ol|table|tr|blockquote|pre)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
  return decodeEntities(md)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** A Help Center article; `locale` is Zendesk's until the transport sets the SDK's. */
export function toArticle(a: ZArticle): Article {
  const article: Article = {
    id: String(a.id),
    locale: a.locale,
    title: a.title,
    body: htmlToMarkdown(a.body ?? ''),
    tags: a.label_names ?? [],
  }
  if (a.section_id != null) article.category = String(a.section_id)
  if (a.updated_at) article.updatedAt = isoTime(a.updated_at)
  if (typeof a.vote_sum === 'number') article.popularity = a.vote_sum
  return article
}

/** A search snippet marks matches with `<em>`: plain text plus [start, end) offsets. */
export function toHit(r: { id: number; title: string; snippet?: string | null | undefined }, rank: number): ArticleHit {
  let snippet = ''
  const highlights: Array<[number, number]> = []
  for (const part of (r.snippet ?? '').split(/(<em>[\s\S]*?<\/em>)/i)) {
    const em = /^<em>([\s\S]*)<\/em>$/i.exec(part)
    const text = decodeEntities((em ? (em[1] ?? '') : part).replace(/<[^>]+>/g, ''))
    if (em && text) highlights.push([snippet.length, snippet.length + text.length])
    snippet += text
  }
  return { id: String(r.id), title: r.title, snippet, highlights, score: 1 / (rank + 1) }
}

/**
 * Zendesk error bodies (`{error, description, details}`; `details` maps a field, or `base`
 * entries with `field_key`, to `{error, description}` lists) in the protocol's shape.
 */
export function normalizeZendeskError(status: number, body: unknown): ProtocolErrorBody | undefined {
  if (!body || typeof body !== 'object') return undefined
  const b = body as { error?: unknown; description?: unknown; details?: unknown }
  const code =
    typeof b.error === 'string'
      ? b.error
      : b.error && typeof b.error === 'object' && typeof (b.error as { title?: unknown }).title === 'string'
        ? String((b.error as { title: string }).title)
        : `http_${status}`
  const message =
    typeof b.description === 'string'
      ? b.description
      : b.error && typeof b.error === 'object' && typeof (b.error as { message?: unknown }).message === 'string'
        ? String((b.error as { message: string }).message)
        : code
  const errors: Array<{ field: string; code: string; message?: string }> = []
  if (b.details && typeof b.details === 'object') {
    for (const [key, list] of Object.entries(b.details as Record<string, unknown>)) {
      for (const d of Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []) {
        const field = key === 'base' && typeof d.field_key === 'string' ? d.field_key : key
        errors.push({
          field,
          code: typeof d.error === 'string' ? d.error : 'invalid',
          ...(typeof d.description === 'string' ? { message: d.description } : {}),
        })
      }
    }
  }
  return { error: { code, message, ...(errors.length ? { errors } : {}) } }
}
