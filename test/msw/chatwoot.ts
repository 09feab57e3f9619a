import { createHmac } from 'node:crypto'
import { http, HttpResponse, type HttpHandler } from 'msw'
import type { TicketStatus } from '../../src/types.js'
import { FakeCableServer } from './chatwootCable.js'

/*
 * A fake Chatwoot (public client API of an API-channel inbox, CSAT survey, portal articles) for
 * msw, following the controllers and jbuilder views of chatwoot/chatwoot: contact create/show
 * with source_id + pubsub_token, identity validation (a bad hash is a bare 500), unpaginated
 * conversation lists, messages 20 at a time with `before`, echo_id only on websocket echoes,
 * reopen on an incoming message, 429 as plain text without Retry-After.
 */

interface Msg {
  id: number
  content: string
  message_type: number
  content_type: string
  content_attributes: Record<string, unknown>
  created_at: number
  conversation_id: number
  private: boolean
  attachments: Array<Record<string, unknown>>
  sender: { id: number; name: string; type: string }
  echo_id?: string
}
interface ContactRec {
  id: number
  identifier: string
  name: string
  email: string | null
}
interface ContactInboxRec {
  sourceId: string
  pubsub: string
  contactId: number
  verified: boolean
}
export interface ConvRec {
  id: number
  uuid: string
  sourceId: string
  contactId: number
  status: string
  custom_attributes: Record<string, unknown>
  messages: Msg[]
  created_at: number
  contact_last_seen_at: number
}

export class ChatwootState {
  readonly cable = new FakeCableServer()
  readonly contacts = new Map<number, ContactRec>()
  readonly contactInboxes = new Map<string, ContactInboxRec>()
  readonly conversations = new Map<number, ConvRec>()
  hmacToken = 'inbox-hmac-token'
  hmacMandatory = false
  csatEnabled = true
  /** Status of new conversations: `pending` when a bot sits on the inbox. */
  initialStatus: 'open' | 'pending' = 'open'
  throttle = 0
  calls: Array<{ method: string; path: string; body?: unknown }> = []
  private seq = 1000
  private clock = 1_790_000_000
  constructor(readonly inbox = 'inbox_abc') {}

  next(): number {
    return ++this.seq
  }
  tick(): number {
    return ++this.clock
  }
  /** What the host backend computes for identity validation. */
  hash(identifier: string): string {
    return createHmac('sha256', this.hmacToken).update(identifier).digest('hex')
  }

  contactOf(c: ConvRec): ContactInboxRec[] {
    return [...this.contactInboxes.values()].filter(
      (ci) => ci.contactId === c.contactId && (ci.verified || ci.sourceId === c.sourceId),
    )
  }
  push(c: ConvRec, event: string, data: unknown): void {
    for (const ci of this.contactOf(c)) this.cable.broadcast(ci.pubsub, event, data)
  }
  addMessage(
    c: ConvRec,
    m: Omit<Msg, 'id' | 'created_at' | 'conversation_id' | 'private' | 'content_attributes' | 'attachments'> &
      Partial<Msg>,
  ): Msg {
    const msg: Msg = {
      id: this.next(),
      created_at: this.tick(),
      conversation_id: c.id,
      private: false,
      content_attributes: {},
      attachments: [],
      ...m,
    }
    c.messages.push(msg)
    this.push(c, 'message.created', { ...msg, conversation: { assignee_id: null } })
    return msg
  }
  setStatus(c: ConvRec, status: string): void {
    if (c.status === status) return
    c.status = status
    this.push(c, 'conversation.status_changed', convView(c, true))
    if (status === 'resolved' && this.csatEnabled && !c.messages.some((m) => m.content_type === 'input_csat')) {
      this.addMessage(c, {
        content: 'Please rate the conversation',
        message_type: 3,
        content_type: 'input_csat',
        sender: { id: 0, name: 'Bot', type: 'agent_bot' },
      })
    }
  }
  agentReply(id: number, text: string): void {
    const c = this.conversations.get(id)
    if (!c) throw new Error(`no conversation ${id}`)
    this.addMessage(c, {
      content: text,
      message_type: 1,
      content_type: 'text',
      sender: { id: 7, name: 'Agent Kim', type: 'user' },
    })
  }
  agentStatus(id: number, status: TicketStatus): void {
    const c = this.conversations.get(id)
    if (!c) throw new Error(`no conversation ${id}`)
    const map: Record<TicketStatus, string> = {
      new: 'pending',
      open: 'open',
      pending: 'pending',
      on_hold: 'snoozed',
      solved: 'resolved',
      closed: 'resolved',
    }
    this.setStatus(c, map[status])
  }
}

const restMessage = ({ echo_id: _e, private: _p, ...m }: Msg) =>
  m.attachments.length ? m : (({ attachments: _a, ...rest }) => rest)(m)
function convView(c: ConvRec, push = false) {
  const view = {
    id: c.id,
    uuid: c.uuid,
    inbox_id: 4,
    contact_last_seen_at: c.contact_last_seen_at,
    status: c.status,
    agent_last_seen_at: 0,
    messages: c.messages.filter((m) => !m.private && m.message_type !== 2).map(restMessage),
    contact: { id: c.contactId },
  }
  return push ? { ...view, custom_attributes: c.custom_attributes, created_at: c.created_at } : view
}

export function createChatwootHandlers(state: ChatwootState, base = 'http://chat.test'): HttpHandler[] {
  const p = (path: string) => `${base}/public/api/v1/inboxes/${state.inbox}${path}`
  const notFound = () => HttpResponse.json({ status: 404, error: 'Not Found' }, { status: 404 })
  const route =
    (fn: (info: { request: Request; params: Record<string, string> }) => Promise<Response> | Response) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      state.calls.push({ method: request.method, path: new URL(request.url).pathname })
      if (state.throttle > 0)
        return (
          state.throttle--,
          new HttpResponse('Retry later\n', { status: 429, headers: { 'Content-Type': 'text/plain' } })
        )
      return fn({ request, params: params as Record<string, string> })
    }
  const ci = (params: Record<string, string>) => state.contactInboxes.get(params.cid as string)
  const visible = (inbox: ContactInboxRec) =>
    [...state.conversations.values()].filter(
      (c) => c.contactId === inbox.contactId && (inbox.verified || c.sourceId === inbox.sourceId),
    )
  const convOf = (params: Record<string, string>) => {
    const inbox = ci(params)
    return inbox ? visible(inbox).find((c) => String(c.id) === params.id) : undefined
  }
  const contactView = (inbox: ContactInboxRec) => {
    const c = state.contacts.get(inbox.contactId) as ContactRec
    return { source_id: inbox.sourceId, pubsub_token: inbox.pubsub, id: c.id, name: c.name, email: c.email }
  }
  async function readMessage(request: Request): Promise<{ content: string; echo_id?: string; files: File[] }> {
    if ((request.headers.get('Content-Type') ?? '').includes('multipart/form-data')) {
      const form = await request.formData()
      return {
        content: String(form.get('content') ?? ''),
        echo_id: String(form.get('echo_id') ?? ''),
        files: form.getAll('attachments[]') as File[],
      }
    }
    const b = (await request.json()) as { content?: string; echo_id?: string }
    return { content: b.content ?? '', ...(b.echo_id ? { echo_id: b.echo_id } : {}), files: [] }
  }

  return [
    http.post(
      p('/contacts'),
      route(async ({ request }) => {
        const b = (await request.json()) as {
          identifier?: string
          identifier_hash?: string
          name?: string
          email?: string
        }
        const verified = b.identifier_hash !== undefined || state.hmacMandatory
        if (verified && (!b.identifier || b.identifier_hash !== state.hash(b.identifier))) {
          return HttpResponse.json({ status: 500, error: 'Internal Server Error' }, { status: 500 })
        }
        let contact = [...state.contacts.values()].find((c) => b.identifier && c.identifier === b.identifier)
        if (!contact) {
          contact = {
            id: state.next(),
            identifier: b.identifier ?? '',
            name: b.name ?? 'Visitor',
            email: b.email ?? null,
          }
          state.contacts.set(contact.id, contact)
        }
        const inbox: ContactInboxRec = {
          sourceId: crypto.randomUUID(),
          pubsub: `pubsub_${state.next()}`,
          contactId: contact.id,
          verified,
        }
        state.contactInboxes.set(inbox.sourceId, inbox)
        state.cable.tokens.add(inbox.pubsub)
        return HttpResponse.json(contactView(inbox))
      }),
    ),
    http.get(
      p('/contacts/:cid'),
      route(({ params }) => {
        const inbox = ci(params)
        return inbox ? HttpResponse.json(contactView(inbox)) : notFound()
      }),
    ),
    http.get(
      p('/contacts/:cid/conversations'),
      route(({ params }) => {
        const inbox = ci(params)
        return inbox ? HttpResponse.json(visible(inbox).map((c) => convView(c))) : notFound()
      }),
    ),
    http.post(
      p('/contacts/:cid/conversations'),
      route(async ({ request, params }) => {
        const inbox = ci(params)
        if (!inbox) return notFound()
        const b = (await request.json()) as { custom_attributes?: Record<string, unknown> }
        const c: ConvRec = {
          id: state.next(),
          uuid: crypto.randomUUID(),
          sourceId: inbox.sourceId,
          contactId: inbox.contactId,
          status: state.initialStatus,
          custom_attributes: b.custom_attributes ?? {},
          messages: [],
          created_at: state.tick(),
          contact_last_seen_at: 0,
        }
        state.conversations.set(c.id, c)
        state.push(c, 'conversation.created', convView(c, true))
        return HttpResponse.json(convView(c))
      }),
    ),
    http.get(
      p('/contacts/:cid/conversations/:id'),
      route(({ params }) => {
        const c = convOf(params)
        return c ? HttpResponse.json(convView(c)) : notFound()
      }),
    ),
    http.post(
      p('/contacts/:cid/conversations/:id/toggle_status'),
      route(({ params }) => {
        const c = convOf(params)
        if (!c) return notFound()
        state.setStatus(c, 'resolved')
        return HttpResponse.json(convView(c))
      }),
    ),
    http.post(
      p('/contacts/:cid/conversations/:id/toggle_typing'),
      route(async ({ request, params }) => {
        const c = convOf(params)
        if (!c) return notFound()
        state.calls[state.calls.length - 1]!.body = await request.json()
        return new HttpResponse(null, { status: 200 })
      }),
    ),
    http.post(
      p('/contacts/:cid/conversations/:id/update_last_seen'),
      route(({ params }) => {
        const c = convOf(params)
        if (!c) return notFound()
        c.contact_last_seen_at = state.tick()
        return new HttpResponse(null, { status: 200 })
      }),
    ),
    http.get(
      p('/contacts/:cid/conversations/:id/messages'),
      route(({ request, params }) => {
        const c = convOf(params)
        if (!c) return notFound()
        const before = Number(new URL(request.url).searchParams.get('before') ?? Infinity)
        const list = c.messages.filter((m) => !m.private && m.message_type !== 2 && m.id < before).slice(-20)
        return HttpResponse.json(list.map(restMessage))
      }),
    ),
    http.post(
      p('/contacts/:cid/conversations/:id/messages'),
      route(async ({ request, params }) => {
        const c = convOf(params)
        const inbox = ci(params)
        if (!c || !inbox) return notFound()
        const b = await readMessage(request)
        if (!b.content && b.files.length === 0)
          return HttpResponse.json(
            { message: "Validation failed: Content can't be blank", attributes: ['content'] },
            { status: 422 },
          )
        // An incoming message reopens a resolved conversation (Message#reopen_conversation).
        if (c.status === 'resolved') state.setStatus(c, 'open')
        const contact = state.contacts.get(inbox.contactId) as ContactRec
        const attachments = await Promise.all(
          b.files.map(async (f) => {
            const id = state.next()
            const ext = f.name.split('.').pop() ?? ''
            return {
              id,
              message_id: 0,
              file_type: f.type.startsWith('image/') ? 'image' : 'file',
              account_id: 1,
              extension: ext,
              data_url: `${base}/rails/active_storage/blobs/${id}/${encodeURIComponent(f.name)}`,
              thumb_url: '',
              file_size: (await f.arrayBuffer()).byteLength,
            }
          }),
        )
        const msg = state.addMessage(c, {
          content: b.content,
          message_type: 0,
          content_type: 'text',
          attachments,
          sender: { id: contact.id, name: contact.name, type: 'contact' },
          ...(b.echo_id ? { echo_id: b.echo_id } : {}),
        })
        return HttpResponse.json(restMessage(msg))
      }),
    ),
    http.put(
      `${base}/public/api/v1/csat_survey/:uuid`,
      route(async ({ request, params }) => {
        const c = [...state.conversations.values()].find((x) => x.uuid === params.uuid)
        const m = c?.messages.find((x) => x.content_type === 'input_csat')
        if (!c || !m) return notFound()
        const b = (await request.json()) as { message?: { submitted_values?: unknown } }
        m.content_attributes = { submitted_values: b.message?.submitted_values }
        return HttpResponse.json({ id: m.id, content_attributes: m.content_attributes })
      }),
    ),
    http.get(
      `${base}/hc/:slug/:locale/articles.json`,
      route(({ params }) =>
        HttpResponse.json({
          payload: [
            {
              id: 31,
              category_id: 2,
              title: params.locale === 'en' ? 'Top-up pending' : '充值处理中',
              content: 'Wait **15 minutes**.',
              description: 'd',
              status: 'published',
              views: 3,
              last_updated_at: '2026-10-01T00:00:00Z',
              category: { id: 2, slug: 'top-up', locale: params.locale },
            },
            {
              id: 32,
              category_id: 2,
              title: 'Draft',
              content: 'x',
              description: null,
              status: 'draft',
              views: 0,
              last_updated_at: null,
            },
          ],
          meta: { articles_count: 1 },
        }),
      ),
    ),
  ]
}
