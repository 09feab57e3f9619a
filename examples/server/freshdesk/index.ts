import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { TicketStatus, TransactionRef } from '../../../src/types.js'
import type { App, Ctx } from '../app.js'
import { mintSession, requireUser } from '../auth.js'
import { HttpError, notFound, readJsonBody } from '../http.js'
import { clientIp, tooMany } from '../limits.js'
import { identifyClaims } from '../routes/public.js'
import { maskInput } from '../mask.js'
import { nowIso, type StoredRef } from '../model.js'
import { attachmentRoutes, markForwarded, resolveRefs } from '../routes/attachments.js'
import { commentSchema, reasonSchema, ticketSchema, validate } from '../schemas.js'
import {
  createFreshdeskClient,
  fdContact,
  fdConversation,
  fdTicket,
  type Body,
  type FdTicket,
  type FreshdeskClientOptions,
} from './client.js'
import {
  commentHtml,
  descriptionHtml,
  ESCALATED_TAG,
  FD_PRIORITY,
  statusOf,
  toComment,
  toDetail,
  toTicket,
  type Sidecar,
} from './mapping.js'
import { createProxyStore, requestPrint } from './store.js'

/** Options of {@link createFreshdeskProxy}; from FRESHDESK_* variables in main.ts. */
export interface FreshdeskProxyOptions extends FreshdeskClientOptions {
  /** How an app user maps to a Freshdesk contact. Default `unique_external_id` (= the user id). */
  requesterBy?: 'unique_external_id' | 'email'
  /** SDK report field name (or `category`) → Freshdesk custom field name (`cf_…`). */
  customFields?: Record<string, string>
  /** Freshdesk status code → SDK status, for accounts with custom statuses. */
  statusMap?: Record<number, TicketStatus>
  /** Mount point. Default `/freshdesk`: the SDK's `freshdeskTransport({ baseUrl: origin + '/freshdesk' })`. */
  prefix?: string
}

type Result = { status: number; body?: unknown; headers?: Record<string, string> }
interface Route {
  method: 'GET' | 'POST'
  path: RegExp
  auth: boolean
  idem?: boolean
  upload?: boolean
  handle(ctx: Ctx): Promise<Result>
}

const UPDATED_SINCE = '2015-01-01T00:00:00Z'
const upload = attachmentRoutes().find((r) => r.method === 'POST') as Required<
  Pick<ReturnType<typeof attachmentRoutes>[number], 'read' | 'handle'>
>

/**
 * The Freshdesk proxy mode of the reference server: the same user tokens and protocol subset
 * (identify, tickets, comments, escalate, attachments) under `/freshdesk/v1`, forwarded to
 * Freshdesk API v2 with the agent key, which never reaches the browser. Returns a handler
 * that answers false for paths outside its prefix.
 *
 * @example
 * const proxy = createFreshdeskProxy(app, { domain: 'acme', apiKey: process.env.FRESHDESK_API_KEY! })
 */
export function createFreshdeskProxy(
  app: App,
  o: FreshdeskProxyOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const fd = createFreshdeskClient(o)
  const store = createProxyStore(app.store)
  const db = app.store
  const prefix = (o.prefix ?? '/freshdesk').replace(/\/+$/, '')
  const by = o.requesterBy ?? 'unique_external_id'
  const userRow = (id: string) => db.tx((r) => r.user(id))

  async function contactOf(userId: string): Promise<number | undefined> {
    const cached = await store.contactId(userId)
    if (cached !== undefined) return cached
    const value = by === 'email' ? (await userRow(userId))?.email : userId
    if (!value) return undefined
    const found = await fd.call('GET', '/contacts', z.array(fdContact), undefined, { [by]: value })
    if (found[0]) await store.saveContact(userId, found[0].id)
    return found[0]?.id
  }

  /** Tickets being created right now, per user: they count against the hourly limit too. */
  const creating = new Map<string, number>()

  /**
   * The reference server's `ticketsPerHour`, here counted on the proxy's own records plus the
   * creates still waiting on Freshdesk, so parallel posts cannot all pass before one is saved.
   */
  async function claimTicketSlot(userId: string, now = Date.now()): Promise<() => void> {
    const max = app.limits.ticketsPerHour
    if (Number.isFinite(max)) {
      const recent = await db.tx((r) => r.fdRecentTimes(userId, now - 3600_000, max))
      const pending = creating.get(userId) ?? 0
      if (recent.length + pending >= max) {
        const oldest = recent[max - 1 - pending]
        throw tooMany(
          'ticket_limit',
          `at most ${max} requests per hour`,
          oldest !== undefined ? oldest + 3600_000 - now : 1000,
        )
      }
    }
    creating.set(userId, (creating.get(userId) ?? 0) + 1)
    return () => {
      const left = (creating.get(userId) ?? 1) - 1
      if (left > 0) creating.set(userId, left)
      else creating.delete(userId)
    }
  }

  /** 404 for tickets of other requesters, so ids cannot be probed. */
  async function owned(userId: string, id: string | undefined): Promise<FdTicket> {
    if (!id || !/^\d+$/.test(id)) throw notFound('no such ticket')
    const ticket = await fd.call('GET', `/tickets/${id}`, fdTicket)
    const contact = await contactOf(userId)
    if (contact === undefined || ticket.requester_id !== contact) throw notFound('no such ticket')
    return ticket
  }

  /** JSON, or multipart (`attachments[]`, `tags[]`, `custom_fields[x]`) when files go along. */
  async function body(fields: Record<string, unknown>, files: StoredRef[]): Promise<Body> {
    if (files.length === 0) return { json: fields }
    const form = new FormData()
    for (const [k, v] of Object.entries(fields)) {
      if (Array.isArray(v)) v.forEach((x) => form.append(`${k}[]`, String(x)))
      else if (v && typeof v === 'object')
        for (const [ck, cv] of Object.entries(v)) form.append(`${k}[${ck}]`, String(cv))
      else if (v !== undefined) form.append(k, String(v))
    }
    for (const f of files) {
      const data = (await db.tx((r) => r.attachment(f.id)))?.data ?? Buffer.alloc(0)
      form.append('attachments[]', new Blob([new Uint8Array(data)], { type: f.type }), f.name)
    }
    return { form }
  }

  const routes: Route[] = [
    {
      method: 'POST',
      path: /^\/v1\/identify$/,
      auth: false,
      async handle({ body, ip }) {
        // Name and e-mail come from the signed token only: the e-mail picks the Freshdesk requester.
        const input = await identifyClaims(app, ip, body)
        const now = nowIso()
        await db.tx((r) => r.upsertUser(input.sub, input.name ?? null, input.email ?? null, null, now))
        const session = mintSession(app.secret, input.sub, app.sessionTtlMs)
        return { status: 200, body: { userId: input.sub, token: session.token, expiresAt: session.expiresAt } }
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/attachments$/,
      auth: true,
      idem: true,
      upload: true,
      // The reference server's own upload checks (type, magic bytes, size, file name); staged in SQLite.
      handle: async (ctx) => db.tx((r) => upload.handle(ctx, r)),
    },
    {
      method: 'GET',
      path: /^\/v1\/tickets$/,
      auth: true,
      async handle({ userId }) {
        const contact = await contactOf(userId as string)
        if (contact === undefined) return { status: 200, body: [] }
        const list = await fd.call('GET', '/tickets', z.array(fdTicket), undefined, {
          requester_id: contact,
          order_by: 'updated_at',
          order_type: 'desc',
          per_page: 100,
          updated_since: UPDATED_SINCE,
        })
        const out = []
        for (const t of list) out.push(toTicket(t, await store.sidecar(t.id), o.statusMap))
        return { status: 200, body: out }
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/tickets$/,
      auth: true,
      idem: true,
      async handle({ userId, body: raw }) {
        const input = maskInput(validate(ticketSchema, raw))
        // zod marks absent optionals `| undefined`; absent keys stay absent at runtime.
        const transaction = input.transaction as TransactionRef | undefined
        const uid = userId as string
        const files = await db.tx((r) => resolveRefs(r, uid, input.attachments))
        const who = await userRow(uid)
        if (by === 'email' && !who?.email)
          throw new HttpError(400, 'rejected', 'Freshdesk needs the user email', { fields: { email: 'Required' } })
        const release = await claimTicketSlot(uid)
        try {
          const custom: Record<string, unknown> = {}
          for (const [name, cf] of Object.entries(o.customFields ?? {})) {
            const value = name === 'category' ? input.category : input.fields[name]
            if (value !== undefined && value !== null) custom[cf] = value
          }
          const fields = {
            subject: input.subject,
            description: descriptionHtml(input.description, input.category, input.fields, transaction),
            status: 2,
            priority: FD_PRIORITY[input.priority],
            source: 2,
            tags: ['help-feedback', `hf-${input.category}`],
            ...(by === 'email' ? { email: who?.email } : { unique_external_id: uid }),
            ...(who?.name ? { name: who.name } : {}),
            ...(Object.keys(custom).length ? { custom_fields: custom } : {}),
          }
          const created = await fd.call('POST', '/tickets', fdTicket, await body(fields, files))
          if (created.requester_id != null) await store.saveContact(uid, created.requester_id)
          // Freshdesk lists attachments in upload order (VERIFY); the name is the fallback key.
          const attachmentIds: Record<string, string> = {}
          ;(created.attachments ?? []).forEach((a, i) => {
            const staged = files[i]?.name === a.name ? files[i] : files.find((f) => f.name === a.name)
            if (staged) attachmentIds[String(a.id)] = staged.id
          })
          const side: Sidecar = {
            category: input.category,
            description: input.description,
            fields: input.fields,
            attachmentIds,
            ...(transaction ? { transaction } : {}),
          }
          await store.saveSidecar(created.id, uid, side)
          await db.tx(async (r) => {
            for (const f of files) await markForwarded(r, f.id)
          })
          return { status: 201, body: toTicket(created, side, o.statusMap) }
        } finally {
          release()
        }
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/tickets\/([^/]+)$/,
      auth: true,
      async handle({ userId, params }) {
        const ticket = await owned(userId as string, params.id)
        const conversations = await fd.call(
          'GET',
          `/tickets/${ticket.id}/conversations`,
          z.array(fdConversation),
          undefined,
          { per_page: 100 },
        )
        return { status: 200, body: toDetail(ticket, conversations, await store.sidecar(ticket.id), o.statusMap) }
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/tickets\/([^/]+)\/comments$/,
      auth: true,
      idem: true,
      async handle({ userId, params, body: raw }) {
        const input = maskInput(validate(commentSchema, raw))
        const ticket = await owned(userId as string, params.id)
        const status = statusOf(ticket.status, o.statusMap)
        if (status === 'closed') throw new HttpError(409, 'conflict', 'ticket is closed')
        const files = await db.tx((r) => resolveRefs(r, userId as string, input.attachments))
        // A public note as the requester is how a customer reply enters through the API (VERIFY per account).
        const note = await fd.call(
          'POST',
          `/tickets/${ticket.id}/notes`,
          fdConversation,
          await body(
            {
              body: commentHtml(input.body),
              private: false,
              incoming: true,
              user_id: ticket.requester_id ?? undefined,
            },
            files,
          ),
        )
        if (status === 'pending' || status === 'solved')
          await fd.call('PUT', `/tickets/${ticket.id}`, fdTicket, { json: { status: 2 } })
        await db.tx(async (r) => {
          for (const f of files) await markForwarded(r, f.id)
        })
        return { status: 201, body: toComment(note, ticket.requester_id) }
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/tickets\/([^/]+)\/escalate$/,
      auth: true,
      idem: true,
      async handle({ userId, params, body: raw }) {
        const { reason } = maskInput(validate(reasonSchema, raw))
        const ticket = await owned(userId as string, params.id)
        if (statusOf(ticket.status, o.statusMap) === 'closed') throw new HttpError(409, 'conflict', 'ticket is closed')
        const updated = await fd.call('PUT', `/tickets/${ticket.id}`, fdTicket, {
          json: {
            priority: Math.max(ticket.priority, FD_PRIORITY.high),
            tags: [...new Set([...(ticket.tags ?? []), ESCALATED_TAG])],
          },
        })
        await fd.call('POST', `/tickets/${ticket.id}/notes`, fdConversation, {
          json: { body: commentHtml(`Escalated by the customer: ${reason || '(no reason given)'}`), private: true },
        })
        return { status: 200, body: toTicket(updated, await store.sidecar(ticket.id), o.statusMap) }
      },
    },
  ]

  return async (req, res, url) => {
    if (url.pathname !== `${prefix}/v1` && !url.pathname.startsWith(`${prefix}/v1/`)) return false
    const path = url.pathname.slice(prefix.length)
    const candidates = routes.filter((r) => r.path.test(path))
    const route = candidates.find((r) => r.method === req.method)
    if (!route)
      throw candidates.length
        ? new HttpError(405, 'method_not_allowed', 'method not allowed', { headers: { Allow: 'GET, POST, OPTIONS' } })
        : notFound(`no route for ${url.pathname}`)
    const id = route.path.exec(path)?.[1]
    const ip = clientIp(req, app.trustProxy)
    const ctx: Ctx = {
      app,
      req,
      res,
      url,
      path: url.pathname,
      params: id ? { id: decodeURIComponent(id) } : {},
      userId: undefined,
      viewer: 'agent',
      ip,
      body: undefined,
      raw: undefined,
    }
    if (route.auth) {
      await app.guard.check(ip)
      try {
        ctx.userId = requireUser(app.secret, req, url, false)
      } catch (err) {
        throw err instanceof HttpError ? await app.guard.fail(ip, undefined, err) : err
      }
      ctx.viewer = { userId: ctx.userId }
    }
    const wait = await app.limiter.take(ctx.userId ? `u:${ctx.userId}` : `ip:${ip}`)
    if (wait > 0) throw tooMany('rate_limited', 'too many requests', wait)
    if (route.upload) await upload.read(ctx)
    else if (req.method === 'POST') ({ raw: ctx.raw, body: ctx.body } = await readJsonBody(req))
    const header = req.headers['idempotency-key']
    const result: Result = route.idem
      ? await store.once(
          ctx.userId as string,
          Array.isArray(header) ? header[0] : header,
          requestPrint(req.method ?? 'POST', path, ctx.fingerprint ?? ctx.body),
          () => route.handle(ctx),
        )
      : await route.handle(ctx)
    const text = result.body === undefined ? '' : JSON.stringify(result.body)
    res.writeHead(result.status, {
      ...result.headers,
      ...(text ? { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } : {}),
    })
    res.end(text)
    return true
  }
}
