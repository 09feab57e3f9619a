// A transport for an imaginary in-house "Care API" (mockApi.ts describes it): sessions signed by
// the host backend, cases with notes, X-Request-Id as its idempotency key. Read README.md first.
import * as z from 'zod/mini'
import {
  MalformedResponseError,
  NotFoundError,
  OfflineError,
  RateLimitedError,
  RejectedError,
  ServerError,
  UnauthorizedError,
  getCategory,
  noCapabilities,
  type ReportCategory,
  type Ticket,
  type TicketStatus,
  type Transport,
} from 'help-feedback/core'

const STATES: Record<string, TicketStatus> = {
  NEW: 'new',
  OPEN: 'open',
  WAITING_ON_YOU: 'pending',
  ON_HOLD: 'on_hold',
  RESOLVED: 'solved',
  CLOSED: 'closed',
}
const URGENCY = ['low', 'normal', 'high', 'urgent'] as const

// Validate every answer: a malformed one becomes a typed error, never a crash in the UI.
const careCase = z.object({
  case_id: z.string(),
  title: z.string(),
  state: z.enum(['NEW', 'OPEN', 'WAITING_ON_YOU', 'ON_HOLD', 'RESOLVED', 'CLOSED']),
  kind: z.string(),
  urgency: z.number(),
  opened_at: z.number(),
  changed_at: z.number(),
})
const note = z.object({ note_id: z.string(), by: z.enum(['customer', 'staff']), text: z.string(), at: z.number() })
const caseDetail = z.object({
  case: careCase,
  body: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  notes: z.array(note),
  txn: z.nullable(z.object({ id: z.string(), time: z.string(), amount: z.string(), currency: z.string() })),
})

export interface InHouseOptions {
  baseUrl: string
  /** The host backend signs the user id; never ship the signing secret. */
  sign: (userId: string) => Promise<string>
  fetch?: typeof fetch
}

export function inHouseTransport(o: InHouseOptions): Transport {
  let token: string | undefined
  const iso = (ms: number) => new Date(ms).toISOString()

  /** One place that knows the wire: status codes → the SDK's typed errors, body → schema. */
  async function call<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    body?: unknown,
    requestId?: string,
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (requestId) headers['X-Request-Id'] = requestId
    let res: Response
    try {
      res = await (o.fetch ?? fetch)(`${o.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (cause) {
      throw new OfflineError('care API unreachable', { cause })
    }
    if (res.status === 429) throw new RateLimitedError(Number(res.headers.get('Retry-After') ?? 30) * 1000)
    if (res.status === 401 || res.status === 403) throw new UnauthorizedError()
    if (res.status === 404) throw new NotFoundError()
    if (res.status >= 400 && res.status < 500) {
      const problem = (await res.json().catch(() => ({}))) as { invalid?: Array<{ path: string; reason: string }> }
      throw new RejectedError(
        (problem.invalid ?? []).map((i) => ({ field: i.path, code: i.reason })),
        'care API refused the request',
        res.status,
      )
    }
    if (!res.ok) throw new ServerError(res.status)
    const parsed = z.safeParse(schema, await res.json().catch(() => undefined))
    if (!parsed.success)
      throw new MalformedResponseError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
    return parsed.data
  }

  const toTicket = (c: z.infer<typeof careCase>): Ticket => ({
    id: c.case_id,
    reference: c.case_id,
    status: STATES[c.state] ?? 'open',
    priority: URGENCY[c.urgency - 1] ?? 'normal',
    // The Care API's kinds are the SDK's category ids; anything else is filed as 'other'.
    category: getCategory(c.kind) ? (c.kind as ReportCategory) : 'other',
    subject: c.title,
    createdAt: iso(c.opened_at),
    updatedAt: iso(c.changed_at),
  })
  const path = (id: string) => `/care/cases/${encodeURIComponent(id)}`

  return {
    name: 'in-house',
    // Declare only what the backend really does: the UI hides the rest (no chat → "leave a message").
    capabilities: { ...noCapabilities, tickets: true, idempotency: true },
    async identify(user) {
      const session = await call(z.object({ access_token: z.string() }), 'POST', '/care/session', {
        userId: user.id,
        signature: await o.sign(user.id),
      })
      token = session.access_token
      return { userId: user.id }
    },
    createTicket: async (input, w) =>
      toTicket(
        await call(
          careCase,
          'POST',
          '/care/cases',
          {
            title: input.subject,
            body: input.description,
            kind: input.category,
            urgency: URGENCY.indexOf(input.priority) + 1,
            fields: input.fields,
            txn: input.transaction ?? null,
          },
          w.idempotencyKey,
        ),
      ),
    listTickets: async () =>
      (await call(z.object({ cases: z.array(careCase) }), 'GET', '/care/cases')).cases.map(toTicket),
    async getTicket(id) {
      const d = await call(caseDetail, 'GET', path(id))
      const ticket = toTicket(d.case)
      return {
        ...ticket,
        description: d.body,
        fields: d.fields,
        attachments: [],
        history: [{ status: 'new', at: ticket.createdAt }],
        comments: d.notes.map((n) => ({
          id: n.note_id,
          author: n.by === 'customer' ? 'user' : 'agent',
          body: n.text,
          createdAt: iso(n.at),
          attachments: [],
        })),
        ...(d.txn ? { transaction: d.txn } : {}),
      }
    },
    async addComment(id, comment, w) {
      const n = await call(note, 'POST', `${path(id)}/notes`, { text: comment.body }, w.idempotencyKey)
      return { id: n.note_id, author: 'user', body: n.text, createdAt: iso(n.at), attachments: [] }
    },
  }
}
