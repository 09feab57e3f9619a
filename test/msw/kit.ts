import { HttpResponse } from 'msw'
import type { ProtocolState, StoredConversation, StoredTicket } from './protocolState.js'

/** Request plumbing shared by the protocol handlers: errors, auth, bodies, idempotency, lookups. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
  }
}
export const fail = (status: number, code: string, message: string, fields?: Record<string, string>): never => {
  throw new ApiError(status, code, message, fields)
}
export const notFound = (what: string) => fail(404, 'not_found', `${what} not found`)
export const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  status === 204 ? new HttpResponse(null, { status, headers }) : HttpResponse.json(body as object, { status, headers })

export type Info = { request: Request; params: Record<string, string | readonly string[] | undefined> }
export type Route = (info: Info) => Promise<Response> | Response
export type Kit = ReturnType<typeof createKit>

export function createKit(baseUrl: string, state: ProtocolState) {
  const base = baseUrl.replace(/\/+$/, '')
  const u = (path: string) => `${base}/v1${path}`
  const guard = (fn: Route) => async (info: Info) => {
    try {
      return await fn(info)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return HttpResponse.json(
        { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } },
        { status: e.status },
      )
    }
  }
  const param = (info: Info, name: string) => String(info.params[name])
  const auth = (request: Request) =>
    state.userOf(request.headers.get('Authorization')) ?? fail(401, 'unauthorized', 'missing or expired session')
  async function body(request: Request): Promise<Record<string, unknown>> {
    const text = await request.text()
    if (!text) return {}
    try {
      const value = JSON.parse(text) as unknown
      return value && typeof value === 'object'
        ? (value as Record<string, unknown>)
        : fail(400, 'rejected', 'body must be an object')
    } catch {
      return fail(400, 'rejected', 'malformed JSON body')
    }
  }
  /** Protocol §1.3: required key, replay of stored 2xx, 422 on another payload, errors not stored. */
  function once(
    request: Request,
    userId: string,
    source: string,
    run: () => { status: number; body?: unknown },
  ): Response {
    const key =
      request.headers.get('Idempotency-Key') ??
      fail(400, 'rejected', 'Idempotency-Key required', { 'Idempotency-Key': 'Required' })
    const slot = `${userId} ${key}`
    const fingerprint = `${request.method} ${new URL(request.url).pathname} ${source}`
    const hit = state.idempotency.get(slot)
    if (hit) {
      if (hit.fingerprint !== fingerprint)
        fail(422, 'idempotency_mismatch', 'Idempotency-Key reused with another request')
      return respond(hit.status, hit.body, { 'Idempotent-Replayed': 'true' })
    }
    const result = run()
    state.idempotency.set(slot, { fingerprint, status: result.status, body: result.body })
    return respond(result.status, result.body)
  }
  const ticketOf = (id: string, userId: string): StoredTicket => {
    const t = state.tickets.get(id)
    return t && t.userId === userId ? t : notFound('ticket')
  }
  const conversationOf = (id: string, userId: string): StoredConversation => {
    const c = state.conversations.get(id)
    return c && c.userId === userId ? c : notFound('conversation')
  }
  const attachmentsOf = (value: unknown, userId: string, field = 'attachments') =>
    (Array.isArray(value) ? value : []).map((a: { id?: unknown }, i) => {
      const stored = state.attachments.get(String(a?.id))
      return stored && stored.userId === userId
        ? state.attachmentRef(stored)
        : fail(400, 'rejected', 'unknown attachment', { [`${field}.${i}`]: 'Unknown attachment' })
    })
  return { u, guard, param, auth, body, once, ticketOf, conversationOf, attachmentsOf }
}
