import { z } from 'zod'
import { HttpError } from '../http.js'

/*
 * The proxy's Freshdesk API v2 client: Basic auth with the agent API key (`apikey:X`), JSON or
 * multipart bodies, every response validated, and Freshdesk's errors turned into the protocol's
 * (shared/reference/backend-apis.md §2). The key never leaves this module.
 */

export const fdAttachment = z.object({
  id: z.number(),
  name: z.string(),
  content_type: z.string().nullish(),
  size: z.number().nullish(),
  attachment_url: z.string().nullish(),
})
export const fdTicket = z.object({
  id: z.number(),
  subject: z.string().nullish(),
  description_text: z.string().nullish(),
  status: z.number(),
  priority: z.number(),
  requester_id: z.number().nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  attachments: z.array(fdAttachment).nullish(),
})
export type FdTicket = z.infer<typeof fdTicket>
export const fdConversation = z.object({
  id: z.number(),
  body_text: z.string().nullish(),
  incoming: z.boolean().nullish(),
  private: z.boolean().nullish(),
  user_id: z.number().nullish(),
  created_at: z.string(),
  attachments: z.array(fdAttachment).nullish(),
})
export type FdConversation = z.infer<typeof fdConversation>
export const fdContact = z.object({
  id: z.number(),
  email: z.string().nullish(),
  unique_external_id: z.string().nullish(),
})

export interface FreshdeskClientOptions {
  /** `acme` for https://acme.freshdesk.com. */
  domain: string
  /** An agent API key of a dedicated, least-privilege agent. */
  apiKey: string
  /** Replaces `https://{domain}.freshdesk.com/api/v2` (a fake in tests). */
  baseUrl?: string
  fetch?: typeof fetch
  /** Per call. Default 15 000. */
  timeoutMs?: number
}

export type Body = { json: unknown } | { form: FormData } | undefined

export interface FreshdeskClient {
  call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: Body,
    query?: Record<string, string | number>,
  ): Promise<T>
  /** X-RateLimit-Remaining of the last answer, for logs and tests. */
  readonly remaining: number | undefined
}

export function createFreshdeskClient(o: FreshdeskClientOptions): FreshdeskClient {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(o.domain))
    throw new Error('freshdesk proxy: FRESHDESK_DOMAIN must be the subdomain, e.g. "acme"')
  const base = (o.baseUrl ?? `https://${o.domain}.freshdesk.com/api/v2`).replace(/\/+$/, '')
  const auth = `Basic ${Buffer.from(`${o.apiKey}:X`).toString('base64')}`
  const doFetch = o.fetch ?? ((input, init) => globalThis.fetch(input, init))
  let remaining: number | undefined

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: Body,
    query?: Record<string, string | number>,
  ): Promise<T> {
    const url = new URL(`${base}${path}`)
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v))
    const headers: Record<string, string> = { Authorization: auth, Accept: 'application/json' }
    if (body && 'json' in body) headers['Content-Type'] = 'application/json'
    let res: Response
    try {
      res = await doFetch(url, {
        method,
        headers,
        signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
        ...(body ? { body: 'json' in body ? JSON.stringify(body.json) : body.form } : {}),
      })
    } catch (cause) {
      throw new HttpError(503, 'server', `Freshdesk unreachable: ${(cause as Error).message}`, {
        headers: { 'Retry-After': '5' },
        retryAfterMs: 5000,
      })
    }
    const left = Number(res.headers.get('X-RateLimit-Remaining'))
    if (Number.isFinite(left)) remaining = left
    const text = await res.text()
    if (!res.ok) throw toHttpError(res, text)
    let data: unknown
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      data = undefined
    }
    const parsed = schema.safeParse(data)
    if (!parsed.success)
      throw new HttpError(
        502,
        'server',
        `unexpected Freshdesk answer for ${method} ${path}: ${parsed.error.issues[0]?.message ?? ''}`,
      )
    return parsed.data
  }

  return {
    call,
    get remaining() {
      return remaining
    },
  }
}

/**
 * Freshdesk status → protocol error. 429 keeps Retry-After. 401/403 mean the proxy's key is
 * wrong or lacks a permission: a server fault (502), never the user's, or the SDK would
 * re-identify in a loop.
 */
function toHttpError(res: Response, text: string): HttpError {
  let body: {
    description?: string
    message?: string
    errors?: Array<{ field?: string; message?: string; code?: string }>
  } = {}
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    /* empty or HTML */
  }
  const status = res.status
  if (status === 429) {
    const seconds = Math.max(1, Number(res.headers.get('Retry-After')) || 60)
    return new HttpError(429, 'rate_limited', 'Freshdesk rate limit', {
      headers: { 'Retry-After': String(seconds) },
      retryAfterMs: seconds * 1000,
    })
  }
  if (status === 401 || status === 403)
    return new HttpError(502, 'server', `Freshdesk refused the proxy credentials (${status})`)
  if (status === 404) return new HttpError(404, 'not_found', 'no such ticket')
  if (status === 409) return new HttpError(409, 'conflict', body.description ?? 'conflict')
  if (status >= 400 && status < 500) {
    const fields: Record<string, string> = {}
    for (const e of body.errors ?? []) if (e.field) fields[e.field] = e.message ?? e.code ?? 'invalid'
    return new HttpError(
      400,
      'rejected',
      body.description ?? body.message ?? `Freshdesk answered ${status}`,
      Object.keys(fields).length ? { fields } : {},
    )
  }
  return new HttpError(502, 'server', `Freshdesk answered ${status}`)
}
