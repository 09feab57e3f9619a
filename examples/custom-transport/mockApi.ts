// The imaginary in-house "Care API", as msw handlers over an in-memory store. It is the spec of
// the API inHouseTransport.ts talks to, and what test/contract/custom.test.ts runs against.
//
//   POST /care/session        {userId, signature}            → {access_token}
//   GET  /care/cases                                          → {cases: Case[]}
//   POST /care/cases          {title, body, kind, urgency, fields, txn}  X-Request-Id → Case
//   GET  /care/cases/:id                                      → {case, body, fields, txn, notes}
//   POST /care/cases/:id/notes {text}                         X-Request-Id → Note
//   Errors: 401, 404, 422 {problem, invalid: [{path, reason}]}, 429 + Retry-After.
//   Case = {case_id, title, state: NEW|OPEN|WAITING_ON_YOU|ON_HOLD|RESOLVED|CLOSED, kind, urgency 1–4,
//           opened_at, changed_at (epoch ms)}; Note = {note_id, by: customer|staff, text, at}.
import { http, HttpResponse, type HttpHandler } from 'msw'

interface Case {
  case_id: string
  title: string
  state: string
  kind: string
  urgency: number
  opened_at: number
  changed_at: number
}
interface Stored {
  owner: string
  c: Case
  body: string
  fields: Record<string, unknown>
  txn: unknown
  notes: Array<{ note_id: string; by: string; text: string; at: number }>
}

export class CareApi {
  readonly cases = new Map<string, Stored>()
  readonly replays = new Map<string, { print: string; status: number; body: unknown }>()
  /** Next N calls answer 429. */
  throttle = 0
  private n = 0
  private clock = Date.parse('2026-11-20T08:00:00Z')
  /** What the host backend would compute; a real one would be an HMAC. */
  static sign = (userId: string): string => `sig:${userId}`

  setState(caseId: string, state: string): void {
    const s = this.cases.get(caseId)
    if (s) s.c = { ...s.c, state, changed_at: this.tick() }
  }
  tick(): number {
    return (this.clock += 1000)
  }
  id(prefix: string): string {
    return `${prefix}-${++this.n}`
  }

  handlers(base: string): HttpHandler[] {
    const who = (r: Request) => /^Bearer at_(.+)$/.exec(r.headers.get('Authorization') ?? '')?.[1]
    const invalid = (path: string, reason: string) =>
      HttpResponse.json({ problem: 'validation', invalid: [{ path, reason }] }, { status: 422 })
    const guard =
      (fn: (r: Request, user: string, params: Record<string, string>) => Promise<Response> | Response) =>
      async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
        if (this.throttle > 0)
          return (this.throttle--, new HttpResponse(null, { status: 429, headers: { 'Retry-After': '45' } }))
        const user = who(request)
        return user ? fn(request, user, params as Record<string, string>) : new HttpResponse(null, { status: 401 })
      }
    /** X-Request-Id replays the first answer; the same id with another body is a 422. */
    const once = (r: Request, user: string, body: unknown, run: () => { status: number; body: unknown }) => {
      const rid = r.headers.get('X-Request-Id')
      const print = `${r.method} ${new URL(r.url).pathname} ${JSON.stringify(body)}`
      const hit = rid ? this.replays.get(`${user}/${rid}`) : undefined
      if (hit)
        return hit.print === print
          ? HttpResponse.json(hit.body as object, { status: hit.status })
          : invalid('X-Request-Id', 'reused')
      const out = run()
      if (rid && out.status < 300) this.replays.set(`${user}/${rid}`, { print, ...out })
      return HttpResponse.json(out.body as object, { status: out.status })
    }
    const mine = (user: string, id: string | undefined) => {
      const s = this.cases.get(id ?? '')
      return s && s.owner === user ? s : undefined
    }
    return [
      http.post(`${base}/care/session`, async ({ request }) => {
        const b = (await request.json()) as { userId?: string; signature?: string }
        if (!b.userId || b.signature !== CareApi.sign(b.userId)) return new HttpResponse(null, { status: 401 })
        return HttpResponse.json({ access_token: `at_${b.userId}`, expires_in: 900 })
      }),
      http.get(
        `${base}/care/cases`,
        guard((_r, user) =>
          HttpResponse.json({
            cases: [...this.cases.values()]
              .filter((s) => s.owner === user)
              .map((s) => s.c)
              .reverse(),
          }),
        ),
      ),
      http.post(
        `${base}/care/cases`,
        guard(async (r, user) => {
          const b = (await r.json()) as {
            title?: string
            body?: string
            kind?: string
            urgency?: number
            fields?: Record<string, unknown>
            txn?: unknown
          }
          if (!b.title?.trim()) return invalid('title', 'required')
          return once(r, user, b, () => {
            const at = this.tick()
            const c: Case = {
              case_id: this.id('CASE'),
              title: b.title as string,
              state: 'NEW',
              kind: b.kind ?? 'other',
              urgency: b.urgency ?? 2,
              opened_at: at,
              changed_at: at,
            }
            this.cases.set(c.case_id, {
              owner: user,
              c,
              body: b.body ?? '',
              fields: b.fields ?? {},
              txn: b.txn ?? null,
              notes: [],
            })
            return { status: 201, body: c }
          })
        }),
      ),
      http.get(
        `${base}/care/cases/:id`,
        guard((_r, user, p) => {
          const s = mine(user, p.id)
          return s
            ? HttpResponse.json({ case: s.c, body: s.body, fields: s.fields, txn: s.txn, notes: s.notes })
            : new HttpResponse(null, { status: 404 })
        }),
      ),
      http.post(
        `${base}/care/cases/:id/notes`,
        guard(async (r, user, p) => {
          const s = mine(user, p.id)
          if (!s) return new HttpResponse(null, { status: 404 })
          const b = (await r.json()) as { text?: string }
          if (!b.text?.trim()) return invalid('text', 'required')
          return once(r, user, b, () => {
            const n = { note_id: this.id('NOTE'), by: 'customer', text: b.text as string, at: this.tick() }
            s.notes.push(n)
            return { status: 201, body: n }
          })
        }),
      ),
    ]
  }
}
