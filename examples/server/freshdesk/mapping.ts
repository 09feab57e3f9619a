import type {
  AttachmentRef,
  Comment,
  FieldValue,
  Priority,
  ReportCategory,
  Ticket,
  TicketDetail,
  TicketStatus,
  TransactionRef,
} from '../../../src/types.js'
import type { FdConversation, FdTicket } from './client.js'

/*
 * Freshdesk ↔ protocol mapping. Status codes: 2 Open, 3 Pending, 4 Resolved, 5 Closed; 6/7 are
 * the usual custom "Waiting on customer" / "Waiting on third party" (accounts can differ: pass
 * `statusMap`). Priority: 1 Low, 2 Medium, 3 High, 4 Urgent.
 */

export const defaultStatusMap: Record<number, TicketStatus> = {
  2: 'open',
  3: 'pending',
  4: 'solved',
  5: 'closed',
  6: 'pending',
  7: 'on_hold',
}
export const FD_PRIORITY: Record<Priority, number> = { low: 1, normal: 2, high: 3, urgent: 4 }
const PRIORITY_OF: Record<number, Priority> = { 1: 'low', 2: 'normal', 3: 'high', 4: 'urgent' }
export const ESCALATED_TAG = 'hf-escalated'

/** What Freshdesk cannot give back in the shape the SDK sent it; kept by the proxy per ticket. */
export interface Sidecar {
  category: ReportCategory
  description: string
  fields: Record<string, FieldValue>
  transaction?: TransactionRef
  /** Freshdesk attachment id → the staged upload id the SDK knows. */
  attachmentIds: Record<string, string>
}

export function statusOf(code: number, map: Record<number, TicketStatus> = defaultStatusMap): TicketStatus {
  return map[code] ?? 'open'
}

export function toTicket(t: FdTicket, side: Sidecar | undefined, map?: Record<number, TicketStatus>): Ticket {
  return {
    id: String(t.id),
    reference: `#${t.id}`,
    status: statusOf(t.status, map),
    priority: PRIORITY_OF[t.priority] ?? 'normal',
    category: side?.category ?? 'other',
    subject: t.subject ?? '',
    createdAt: new Date(t.created_at).toISOString(),
    updatedAt: new Date(t.updated_at).toISOString(),
  }
}

function toRefs(list: FdTicket['attachments'], ids: Record<string, string> = {}): AttachmentRef[] {
  return (list ?? []).map((a) => ({
    id: ids[String(a.id)] ?? `fd_${a.id}`,
    name: a.name,
    type: a.content_type ?? 'application/octet-stream',
    size: a.size ?? 0,
    ...(a.attachment_url ? { url: a.attachment_url } : {}),
  }))
}

export function toComment(c: FdConversation, requesterId: number | null | undefined): Comment {
  return {
    id: String(c.id),
    author: c.incoming || (c.user_id != null && c.user_id === requesterId) ? 'user' : 'agent',
    body: c.body_text ?? '',
    createdAt: new Date(c.created_at).toISOString(),
    attachments: toRefs(c.attachments),
  }
}

/** Freshdesk exposes no status history to this key's end user: created, then the current one. */
export function toDetail(
  t: FdTicket,
  conversations: readonly FdConversation[],
  side: Sidecar | undefined,
  map?: Record<number, TicketStatus>,
): TicketDetail {
  const ticket = toTicket(t, side, map)
  const detail: TicketDetail = {
    ...ticket,
    description: side?.description ?? t.description_text ?? '',
    fields: side?.fields ?? {},
    attachments: toRefs(t.attachments, side?.attachmentIds),
    comments: conversations.filter((c) => !c.private).map((c) => toComment(c, t.requester_id)),
    history: [
      { status: 'new', at: ticket.createdAt },
      { status: ticket.status, at: ticket.updatedAt },
    ],
    escalated: (t.tags ?? []).includes(ESCALATED_TAG),
  }
  if (side?.transaction) detail.transaction = side.transaction
  return detail
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The ticket body agents read: the user's text, then the structured report as a list. */
export function descriptionHtml(
  description: string,
  category: string,
  fields: Record<string, FieldValue>,
  tx?: TransactionRef,
): string {
  const paragraphs = description
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('')
  const items = [`category: ${category}`, ...Object.entries(fields).map(([k, v]) => `${k}: ${v ?? ''}`)]
  if (tx)
    items.push(`transaction: ${tx.id} · ${tx.amount} ${tx.currency} · ${tx.time}${tx.status ? ` · ${tx.status}` : ''}`)
  return `${paragraphs || '<p>(no description)</p>'}<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`
}

export const commentHtml = (body: string): string =>
  body
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('')
