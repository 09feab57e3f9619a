import { http, HttpResponse, type HttpHandler } from 'msw'

/*
 * A fake Freshdesk API v2 for msw, following shared/reference/backend-apis.md §2: Basic auth
 * `apikey:X`, tickets as JSON or multipart (`attachments[]`, `tags[]`, `custom_fields[cf_x]`),
 * `{description, errors[{field, message, code}]}` validation errors, status/priority codes,
 * notes, contacts looked up by unique_external_id/email, and X-RateLimit-* on every answer
 * plus 429 + Retry-After when throttled.
 */

interface FdAttachment {
  id: number
  name: string
  content_type: string
  size: number
  attachment_url: string
}
interface FdConv {
  id: number
  body: string
  body_text: string
  incoming: boolean
  private: boolean
  user_id: number
  created_at: string
  attachments: FdAttachment[]
}
export interface FdTicketRec {
  id: number
  subject: string
  description: string
  description_text: string
  status: number
  priority: number
  source: number
  requester_id: number
  tags: string[]
  custom_fields: Record<string, unknown>
  created_at: string
  updated_at: string
  attachments: FdAttachment[]
  conversations: FdConv[]
}
interface FdContactRec {
  id: number
  name: string
  email: string | null
  unique_external_id: string | null
}

export class FreshdeskState {
  readonly tickets = new Map<number, FdTicketRec>()
  readonly contacts = new Map<number, FdContactRec>()
  throttle = { count: 0, retryAfter: 30 }
  requests: Array<{ method: string; path: string; auth: string | null; contentType: string | null; body?: unknown }> =
    []
  private seq = 500
  private clock = Date.parse('2026-11-20T08:00:00Z')
  constructor(readonly apiKey = 'fd-test-key') {}

  next(): number {
    return ++this.seq
  }
  now(): string {
    return new Date((this.clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
  setStatus(id: number, status: number): void {
    const t = this.tickets.get(id)
    if (!t) throw new Error(`no ticket ${id}`)
    t.status = status
    t.updated_at = this.now()
  }
  agentReply(id: number, text: string): void {
    const t = this.tickets.get(id)
    if (!t) throw new Error(`no ticket ${id}`)
    t.conversations.push({
      id: this.next(),
      body: `<p>${text}</p>`,
      body_text: text,
      incoming: false,
      private: false,
      user_id: 9,
      created_at: this.now(),
      attachments: [],
    })
  }
}

const RATE = { 'X-RateLimit-Total': '400', 'X-RateLimit-Remaining': '399', 'X-RateLimit-Used-CurrentRequest': '1' }
const json = (body: unknown, status = 200) => HttpResponse.json(body as object, { status, headers: RATE })
const validation = (errors: Array<{ field: string; message: string; code: string }>) =>
  json({ description: 'Validation failed', errors }, 400)
const strip = (html: string) =>
  html
    .replace(/<\/(p|li)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .trim()

/** Reads JSON or multipart into one object; repeated `x[]` become arrays, `x[k]` nested objects. */
async function read(request: Request): Promise<{ fields: Record<string, unknown>; files: File[] }> {
  if (!(request.headers.get('Content-Type') ?? '').includes('multipart/form-data'))
    return { fields: (await request.json()) as Record<string, unknown>, files: [] }
  const form = await request.formData()
  const fields: Record<string, unknown> = {}
  const files: File[] = []
  for (const [k, v] of form.entries()) {
    if (k === 'attachments[]') files.push(v as File)
    else if (k.endsWith('[]')) ((fields[k.slice(0, -2)] ??= []) as unknown[]).push(v)
    else if (/^(\w+)\[(\w+)\]$/.test(k)) {
      const [, outer, inner] = /^(\w+)\[(\w+)\]$/.exec(k) as RegExpExecArray
      ;((fields[outer as string] ??= {}) as Record<string, unknown>)[inner as string] = v
    } else fields[k] = /^\d+$/.test(String(v)) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v
  }
  return { fields, files }
}

export function createFreshdeskHandlers(
  state: FreshdeskState,
  base = 'https://acme.freshdesk.com/api/v2',
): HttpHandler[] {
  const expected = `Basic ${Buffer.from(`${state.apiKey}:X`).toString('base64')}`
  const route =
    (fn: (info: { request: Request; params: Record<string, string> }) => Promise<Response> | Response) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const entry: FreshdeskState['requests'][number] = {
        method: request.method,
        path: new URL(request.url).pathname + new URL(request.url).search,
        auth: request.headers.get('Authorization'),
        contentType: request.headers.get('Content-Type'),
      }
      state.requests.push(entry)
      if (entry.auth !== expected)
        return json({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }, 401)
      if (state.throttle.count > 0) {
        state.throttle.count--
        return HttpResponse.json(
          { code: 'rate_limited' },
          {
            status: 429,
            headers: { ...RATE, 'X-RateLimit-Remaining': '0', 'Retry-After': String(state.throttle.retryAfter) },
          },
        )
      }
      return fn({ request, params: params as Record<string, string> })
    }
  const files = async (list: File[]): Promise<FdAttachment[]> =>
    Promise.all(
      list.map(async (f) => {
        const id = state.next()
        return {
          id,
          name: f.name,
          content_type: f.type,
          size: (await f.arrayBuffer()).byteLength,
          attachment_url: `https://s3.test/fd/${id}/${encodeURIComponent(f.name)}?X-Amz-Expires=300`,
        }
      }),
    )
  const view = ({ conversations: _c, ...t }: FdTicketRec) => t

  return [
    http.get(
      `${base}/contacts`,
      route(({ request }) => {
        const q = new URL(request.url).searchParams
        return json(
          [...state.contacts.values()].filter(
            (c) =>
              (q.has('unique_external_id') && c.unique_external_id === q.get('unique_external_id')) ||
              (q.has('email') && c.email === q.get('email')),
          ),
        )
      }),
    ),
    http.post(
      `${base}/tickets`,
      route(async ({ request }) => {
        const { fields: b, files: uploads } = await read(request)
        const errors: Array<{ field: string; message: string; code: string }> = []
        if (!b.email && !b.unique_external_id && !b.requester_id)
          errors.push({
            field: 'requester_id',
            message:
              'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields',
            code: 'missing_field',
          })
        if (typeof b.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(b.email))
          errors.push({ field: 'email', message: 'It should be a valid email address', code: 'invalid_value' })
        if (!b.subject) errors.push({ field: 'subject', message: 'It should not be blank', code: 'missing_field' })
        if (![2, 3, 4, 5].includes(Number(b.status)))
          errors.push({ field: 'status', message: 'It should be one of these values: 2,3,4,5', code: 'invalid_value' })
        if (errors.length) return validation(errors)
        let contact = [...state.contacts.values()].find(
          (c) =>
            (b.unique_external_id && c.unique_external_id === b.unique_external_id) || (b.email && c.email === b.email),
        )
        if (!contact) {
          contact = {
            id: state.next(),
            name: String(b.name ?? b.email ?? 'Customer'),
            email: typeof b.email === 'string' ? b.email : null,
            unique_external_id: typeof b.unique_external_id === 'string' ? b.unique_external_id : null,
          }
          state.contacts.set(contact.id, contact)
        }
        const at = state.now()
        const t: FdTicketRec = {
          id: state.next(),
          subject: String(b.subject),
          description: String(b.description ?? ''),
          description_text: strip(String(b.description ?? '')),
          status: Number(b.status),
          priority: Number(b.priority ?? 1),
          source: Number(b.source ?? 2),
          requester_id: contact.id,
          tags: (b.tags as string[] | undefined) ?? [],
          custom_fields: (b.custom_fields as Record<string, unknown> | undefined) ?? {},
          created_at: at,
          updated_at: at,
          attachments: await files(uploads),
          conversations: [],
        }
        state.tickets.set(t.id, t)
        state.requests[state.requests.length - 1]!.body = b
        return json(view(t), 201)
      }),
    ),
    http.get(
      `${base}/tickets`,
      route(({ request }) => {
        const q = new URL(request.url).searchParams
        const list = [...state.tickets.values()]
          .filter((t) => String(t.requester_id) === q.get('requester_id'))
          .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
        return json(list.slice(0, Number(q.get('per_page') ?? 30)).map(view))
      }),
    ),
    http.get(
      `${base}/tickets/:id`,
      route(({ params }) => {
        const t = state.tickets.get(Number(params.id))
        return t ? json(view(t)) : new HttpResponse(null, { status: 404, headers: RATE })
      }),
    ),
    http.put(
      `${base}/tickets/:id`,
      route(async ({ request, params }) => {
        const t = state.tickets.get(Number(params.id))
        if (!t) return new HttpResponse(null, { status: 404, headers: RATE })
        const b = (await request.json()) as Partial<FdTicketRec>
        if (b.status !== undefined) t.status = b.status
        if (b.priority !== undefined) t.priority = b.priority
        if (b.tags !== undefined) t.tags = b.tags
        t.updated_at = state.now()
        return json(view(t))
      }),
    ),
    http.get(
      `${base}/tickets/:id/conversations`,
      route(({ params }) => {
        const t = state.tickets.get(Number(params.id))
        return t ? json(t.conversations) : new HttpResponse(null, { status: 404, headers: RATE })
      }),
    ),
    http.post(
      `${base}/tickets/:id/notes`,
      route(async ({ request, params }) => {
        const t = state.tickets.get(Number(params.id))
        if (!t) return new HttpResponse(null, { status: 404, headers: RATE })
        const { fields: b, files: uploads } = await read(request)
        if (!b.body) return validation([{ field: 'body', message: 'It should not be blank', code: 'missing_field' }])
        const note: FdConv = {
          id: state.next(),
          body: String(b.body),
          body_text: strip(String(b.body)),
          incoming: b.incoming === true,
          private: b.private !== false,
          user_id: typeof b.user_id === 'number' ? b.user_id : 9,
          created_at: state.now(),
          attachments: await files(uploads),
        }
        t.conversations.push(note)
        t.updated_at = state.now()
        return json({ ...note, ticket_id: t.id }, 201)
      }),
    ),
  ]
}
