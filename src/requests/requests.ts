/**
 * "My requests" without any UI: the user's tickets from the transport merged with reports
 * still in the outbox, one ticket's details, and the writes on it (comment, escalate, rate),
 * all of which go through the outbox so they survive going offline.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SupportClient } from '../client.js'
import { RejectedError, errorCode } from '../errors/index.js'
import type { OutboxEvent, OutboxJob, OutboxJobError } from '../outbox/index.js'
import type { Services } from '../services.js'
import type { FieldFinding, HiddenSummary } from '../privacy/index.js'
import type { JobPayloads, OutboxJobOf, QueuedFile } from '../outbox/index.js'
import type { Transport } from '../transports/types.js'
import type { ChatEvent, ReportCategory, Ticket, TicketDetail, TicketSummary } from '../types.js'
import { type PendingState, pendingState } from '../outbox/follow.js'
import { initialDetail, initialList, isUnread, signedIn } from './controller.js'
import { scopeOf } from '../storage/scope.js'

export { pendingState, type PendingState } from '../outbox/follow.js'
export { isUnread }

/** A report that is still on this device. */
export interface PendingReport {
  jobId: string
  state: PendingState
  category: ReportCategory
  subject: string
  createdAt: number
  error?: OutboxJobError
}

/** State of the "My requests" list model. */
export interface RequestsState {
  status: 'loading' | 'ready' | 'error'
  tickets: TicketSummary[]
  pending: PendingReport[]
  /** False when the transport cannot list tickets; only reports on this device are shown. */
  listable: boolean
  errorCode?: string | undefined
}

/** Ticket jobs of the outbox as list entries, newest first. */
export function pendingReports(jobs: readonly OutboxJob[]): PendingReport[] {
  return jobs
    .filter((j): j is OutboxJobOf<'ticket'> => j.kind === 'ticket' && j.state !== 'sent')
    .map((j) => {
      const { input } = j.payload
      return {
        jobId: j.id,
        state: pendingState(j),
        category: input.category,
        subject: input.subject,
        createdAt: j.createdAt,
        ...(j.lastError ? { error: j.lastError } : {}),
      }
    })
    .sort((a, b) => b.createdAt - a.createdAt)
}

const newestFirst = (a: Ticket, b: Ticket) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)

function upsert(list: TicketSummary[], ticket: Ticket): TicketSummary[] {
  return [ticket, ...list.filter((t) => t.id !== ticket.id)].sort(newestFirst)
}

/** A headless list model: a zustand store plus the actions the view calls. */
export interface RequestsList {
  store: StoreApi<RequestsState>
  refresh(): Promise<void>
  /** Throws the refused report away (explicit user action only). */
  discard(jobId: string): Promise<boolean>
  dispose(): void
}

/**
 * The user's requests: tickets from `transport.listTickets()` and pending report jobs, kept
 * live from outbox events and, when the transport has `subscribe`, from `ticket` events.
 *
 * @example
 * const list = createRequestsList(client)
 * list.store.subscribe((s) => render(s.pending, s.tickets))
 */
export function createRequestsList(
  client: SupportClient,
  store: StoreApi<RequestsState> = createStore<RequestsState>()(initialList),
): RequestsList {
  const live = liveModel(client, store, {
    empty: initialList,
    async read(transport) {
      if (!transport.listTickets) return { status: 'ready', listable: false }
      const tickets = await transport.listTickets()
      return { status: 'ready', tickets: [...tickets].sort(newestFirst), listable: true }
    },
    shown: (s) => s.tickets.length > 0,
    onJobs(jobs, event) {
      store.setState({ pending: pendingReports(jobs) })
      if (event?.type === 'sent' && event.job.kind === 'ticket')
        store.setState({ tickets: upsert(store.getState().tickets, event.result as Ticket) })
    },
    onEvent: (e) => e.type === 'ticket' && store.setState({ tickets: upsert(store.getState().tickets, e.ticket) }),
  })
  return {
    store,
    refresh: live.refresh,
    discard: async (jobId) => (await live.services).outbox.remove(jobId),
    dispose: live.dispose,
  }
}

type Loadable = { status: 'loading' | 'ready' | 'error'; errorCode?: string | undefined }

/**
 * Resolves once a sign-out has finished: the session is gone from the store before the
 * transport signs out, and a read sent in between would still carry the previous user's.
 */
function signedOut(client: SupportClient): Promise<void> {
  return new Promise((resolve) => {
    const off = client.events.on('session:logout', () => {
      off()
      resolve()
    })
  })
}

/**
 * What the live models share: a read of the backend (what is on screen stays there when a
 * later read fails), the outbox's jobs as they change, the backend's events, and disposal.
 *
 * A model shows the data of the user signed in now. When the host signs in another user (or
 * signs out), it empties at once, drops any read still in flight for the previous one, and
 * reads again once the new session is there; meanwhile the backend's events and the previous
 * user's jobs are not shown.
 */
function liveModel<S extends Loadable>(
  client: SupportClient,
  store: StoreApi<S>,
  spec: {
    /** What the model shows before its first read, and again after a user switch. */
    empty(): S
    /** The state to show from the backend. */
    read(transport: Transport): Promise<Partial<S>>
    /** Whether the model has something on screen to keep after a failed read. */
    shown(state: S): boolean
    /** The outbox's jobs (the current user's): once when it opens (no event), then on each of its events. */
    onJobs(jobs: readonly OutboxJob[], event: OutboxEvent | undefined, refresh: () => Promise<void>): void
    onEvent(event: ChatEvent, refresh: () => Promise<void>): void
  },
): { refresh(): Promise<void>; services: Promise<Services>; dispose(): void } {
  const cleanups: Array<() => void> = []
  let disposed = false
  let transport: Transport | undefined
  const services = client.services()
  services.catch(() => undefined)
  // Whose data the model shows, and how many switches it has seen (a read started before the
  // latest switch is the previous user's).
  let user = client.store.getState().session.user?.id
  let generation = 0
  let signingOut: Promise<void> | undefined
  // Jobs carry their author's scope; authorless ones (earlier versions) are the current user's.
  const mine = (job: OutboxJob) => job.author === undefined || job.author === scopeOf(user)
  const jobs = (list: readonly OutboxJob[], event?: OutboxEvent) =>
    spec.onJobs(list.filter(mine), event && 'job' in event && !mine(event.job) ? undefined : event, refresh)

  async function refresh(): Promise<void> {
    const gen = generation
    const current = () => !disposed && gen === generation
    try {
      await signingOut
      await signedIn(client)
      if (!current()) return
      transport ??= await client.transport()
      const next = await spec.read(transport)
      if (current()) store.setState({ errorCode: undefined, ...next } as Partial<S>)
    } catch (error) {
      if (current())
        store.setState({
          status: spec.shown(store.getState()) ? 'ready' : 'error',
          errorCode: errorCode(error),
        } as Partial<S>)
    }
  }

  cleanups.push(
    client.store.subscribe((s) => {
      if (s.session.user?.id === user) return
      user = s.session.user?.id
      const gen = ++generation
      signingOut = user === undefined ? signedOut(client) : undefined
      store.setState(spec.empty(), true)
      void refresh()
      // `services()` resolves once the outbox has switched to the new user.
      void services
        .then(() => client.services())
        .then((sv) => sv.outbox.list())
        .then((list) => !disposed && gen === generation && jobs(list))
        .catch(() => undefined)
    }),
  )
  void (async () => {
    try {
      const { outbox } = await services
      if (disposed) return
      cleanups.push(outbox.subscribe((event, list) => jobs(list, event)))
      jobs(await outbox.list())
    } catch {
      // Storage failures already fell back to memory inside services(); nothing pending to show.
    }
  })()
  void (async () => {
    await refresh()
    transport ??= await client.transport().catch(() => undefined)
    if (disposed || !transport?.subscribe) return
    // The stream carries only what commits once it is live, and it asks for a `resync` each time
    // it opens (the first time too): what changed between the read above and then, or during a
    // gap, is read again. While a sign-in is under way, what arrives may be the previous user's
    // (their stream closes once the new session is there, and the new one asks for a resync).
    cleanups.push(
      transport.subscribe((e) => {
        if (e.type === 'resync') void refresh()
        else if (client.store.getState().session.status !== 'identifying') spec.onEvent(e, refresh)
      }),
    )
  })()

  return {
    refresh,
    services,
    dispose() {
      disposed = true
      for (const c of cleanups.splice(0)) c()
    },
  }
}

/** A comment still in the outbox. */
export interface PendingComment {
  jobId: string
  state: PendingState
  body: string
  files: number
  createdAt: number
  error?: OutboxJobError
}

/** State of one request's model. */
export interface RequestState {
  status: 'loading' | 'ready' | 'error'
  ticket?: TicketDetail
  errorCode?: string | undefined
  comments: PendingComment[]
  /** Pending escalation / rating jobs for this ticket. */
  escalation?: PendingState | undefined
  rating?: { state: PendingState; score: number } | undefined
  /** What the transport supports; the view hides the rest. */
  can: { comment: boolean; escalate: boolean; rate: boolean }
}

/** Rating is offered once the work is done, and only once. */
export function canRate(ticket: Pick<TicketDetail, 'status' | 'rating'>): boolean {
  return (ticket.status === 'solved' || ticket.status === 'closed') && !ticket.rating
}

/** Escalation makes sense while the ticket is still being worked on. */
export function canEscalate(ticket: Pick<TicketDetail, 'status' | 'escalated'>): boolean {
  return !ticket.escalated && ticket.status !== 'solved' && ticket.status !== 'closed'
}

function related(
  ticketId: string,
  jobs: readonly OutboxJob[],
): Pick<RequestState, 'comments' | 'escalation' | 'rating'> {
  const comments: PendingComment[] = []
  let escalation: PendingState | undefined
  let rating: RequestState['rating']
  for (const j of jobs) {
    if (j.kind === 'comment' && j.payload.ticketId === ticketId) {
      const p = j.payload
      comments.push({
        jobId: j.id,
        state: pendingState(j),
        body: p.comment.body,
        files: p.files?.length ?? 0,
        createdAt: j.createdAt,
        ...(j.lastError ? { error: j.lastError } : {}),
      })
    } else if (j.kind === 'escalate' && j.payload.ticketId === ticketId) {
      escalation = pendingState(j)
    } else if (j.kind === 'rating') {
      const p = j.payload
      if (p.target.kind === 'ticket' && p.target.id === ticketId) rating = { state: pendingState(j), score: p.score }
    }
  }
  return { comments, escalation, rating }
}

/** What a write queued: its job id and what masking hid from the text. */
export interface QueuedWrite {
  jobId: string
  hidden: HiddenSummary
  findings: FieldFinding[]
}

/**
 * A headless model of one request, plus its writes (all through the outbox). A write that
 * cannot be queued rejects with a `HelpFeedbackError`; a failed read shows in `store`
 * (`status: 'error'` with `errorCode`) instead, as the list's does.
 */
export interface RequestDetail {
  store: StoreApi<RequestState>
  refresh(): Promise<void>
  /**
   * Masks the text and queues a comment (with optional prepared screenshots). Longer than a
   * backend takes (10,000 characters once masked): rejected with a `RejectedError` (field
   * `body`, code `requestsUi.comment.tooLong`, a catalog key with `{max}`), nothing queued.
   */
  addComment(body: string, files?: QueuedFile[]): Promise<QueuedWrite>
  /**
   * Masks the reason and queues the escalation. Longer than a backend takes (2,000 characters
   * once masked): rejected with a `RejectedError` (field `reason`, code
   * `requestsUi.escalate.tooLong`, a catalog key with `{max}`), nothing queued.
   */
  escalate(reason: string): Promise<QueuedWrite>
  /**
   * `score` 1–5; rejected with a `RejectedError` (field `score`, code `range`) otherwise. A
   * comment longer than a backend takes (2,000 characters once masked) is rejected too (field
   * `comment`, code `requestsUi.rating.tooLong`, a catalog key with `{max}`), nothing queued.
   */
  rate(score: number, comment?: string): Promise<QueuedWrite>
  retry(jobId: string): Promise<boolean>
  discard(jobId: string): Promise<boolean>
  dispose(): void
}

/**
 * Longest comment a backend takes: the REST API's limit (docs/protocol.md, `body` 1–10 000
 * characters; UTF-16 units, as JavaScript counts them), checked on the masked text it gets.
 */
export const MAX_COMMENT_LENGTH = 10_000
/** The field error of a comment longer than {@link MAX_COMMENT_LENGTH} (a catalog key, `{max}`). */
export const COMMENT_TOO_LONG = 'requestsUi.comment.tooLong'
/**
 * Longest escalation reason and rating comment a backend takes: the REST API's limit
 * (docs/protocol.md, `reason` and `comment` up to 2 000 characters), checked on the masked text.
 */
export const MAX_NOTE_LENGTH = 2_000
/** The field error of an escalation reason longer than {@link MAX_NOTE_LENGTH} (a catalog key, `{max}`). */
export const REASON_TOO_LONG = 'requestsUi.escalate.tooLong'
/** The field error of a rating comment longer than {@link MAX_NOTE_LENGTH} (a catalog key, `{max}`). */
export const RATING_TOO_LONG = 'requestsUi.rating.tooLong'

/**
 * Refused before it is queued: the backend would refuse it for good, and the text stays with
 * the caller (the widget keeps it in the box) to shorten.
 */
function refuseLonger(text: string, max: number, field: string, code: string): void {
  if (text.length > max) throw new RejectedError([{ field, code }], `${field} too long`)
}

/** Masking loads with the first write (it is most of the privacy code), not with the list. */
async function masked(text: string, path: string): Promise<{ text: string; findings: FieldFinding[] }> {
  const { redact } = await import('../privacy/redact.js')
  const r = redact(text)
  return { text: r.text, findings: r.findings.map((f) => ({ ...f, path })) }
}

/**
 * One ticket: details from `getTicket`, pending writes from the outbox, refreshed when one of
 * them is sent or the backend reports a change.
 */
export function createRequestDetail(
  client: SupportClient,
  ticketId: string,
  store: StoreApi<RequestState> = createStore<RequestState>()(initialDetail),
): RequestDetail {
  const live = liveModel(client, store, {
    empty: initialDetail,
    async read(transport) {
      const can = { comment: !!transport.addComment, escalate: !!transport.escalateTicket, rate: !!transport.rate }
      if (!transport.getTicket) return { status: 'error', errorCode: 'unsupported', can }
      return { status: 'ready', ticket: await transport.getTicket(ticketId), can }
    },
    shown: (s) => s.ticket !== undefined,
    onJobs(jobs, event, refresh) {
      store.setState(related(ticketId, jobs))
      if (event?.type === 'sent' && ['comment', 'escalate', 'rating'].includes(event.job.kind)) void refresh()
    },
    onEvent: (e, refresh) => void (e.type === 'ticket' && e.ticket.id === ticketId && refresh()),
  })
  const { services } = live

  const queue = async <K extends 'comment' | 'escalate' | 'rating'>(
    kind: K,
    payload: JobPayloads[K],
    findings: FieldFinding[],
  ): Promise<QueuedWrite> => {
    const { outbox } = await services
    const jobId = await outbox.enqueue(kind, payload, { group: `ticket:${ticketId}` })
    const { summarizeFindings } = await import('../privacy/redact.js')
    return { jobId, hidden: summarizeFindings(findings), findings }
  }

  return {
    store,
    refresh: live.refresh,
    async addComment(body, files = []) {
      const m = await masked(body.trim(), 'comment')
      refuseLonger(m.text, MAX_COMMENT_LENGTH, 'body', COMMENT_TOO_LONG)
      return queue(
        'comment',
        { ticketId, comment: { body: m.text, attachments: [] }, ...(files.length ? { files } : {}) },
        m.findings,
      )
    },
    async escalate(reason) {
      const m = await masked(reason.trim(), 'reason')
      refuseLonger(m.text, MAX_NOTE_LENGTH, 'reason', REASON_TOO_LONG)
      return queue('escalate', { ticketId, reason: m.text }, m.findings)
    },
    async rate(score, comment) {
      if (!Number.isInteger(score) || score < 1 || score > 5)
        throw new RejectedError([{ field: 'score', code: 'range' }], 'score must be an integer from 1 to 5')
      const m = comment?.trim() ? await masked(comment.trim(), 'comment') : undefined
      if (m) refuseLonger(m.text, MAX_NOTE_LENGTH, 'comment', RATING_TOO_LONG)
      return queue(
        'rating',
        { target: { kind: 'ticket', id: ticketId }, score, ...(m ? { comment: m.text } : {}) },
        m?.findings ?? [],
      )
    },
    async retry(jobId) {
      return (await services).outbox.retry(jobId)
    },
    async discard(jobId) {
      return (await services).outbox.remove(jobId)
    },
    dispose: live.dispose,
  }
}

/** The steps a request goes through, as the user sees them. */
export type RequestStep = 'received' | 'working' | 'waiting' | 'resolved'
export const REQUEST_STEPS: readonly RequestStep[] = ['received', 'working', 'waiting', 'resolved']

/** Where a status sits on the user's stepper. */
export function stepOf(status: Ticket['status']): RequestStep {
  switch (status) {
    case 'new':
      return 'received'
    case 'open':
    case 'on_hold':
      return 'working'
    case 'pending':
      return 'waiting'
    case 'solved':
    case 'closed':
      return 'resolved'
  }
}

/**
 * When a reply is due: `createdAt` plus the promised hours (from the first response, so only
 * while no agent has answered). Undefined when the backend promised nothing or it is resolved.
 */
export function replyDue(
  ticket: Pick<TicketDetail, 'status' | 'createdAt' | 'expectedResponseHours'> & {
    comments?: TicketDetail['comments']
  },
): number | undefined {
  if (
    ticket.expectedResponseHours === undefined ||
    ticket.status === 'solved' ||
    ticket.status === 'closed' ||
    ticket.status === 'pending'
  )
    return undefined
  if (ticket.comments?.some((c) => c.author === 'agent')) return undefined
  const at = Date.parse(ticket.createdAt)
  return Number.isNaN(at) ? undefined : at + ticket.expectedResponseHours * 3_600_000
}

/** `client.requests`: "My requests" without UI. Each call makes a live model; dispose it when done. */
export interface RequestsController {
  /**
   * The user's tickets and the reports still on this device. The model follows the session:
   * after `identify()` of another user or `logout()` it is empty (`loading`) at once, and shows
   * the new user's once their session is there; a read made for the previous user is dropped.
   */
  list(): RequestsList
  /** One ticket with its pending writes, and the writes on it (emptied at a user switch, like `list`). */
  detail(ticketId: string): RequestDetail
  /**
   * How many of the user's tickets are still open; undefined when the backend cannot list them.
   * The count is that of the user signed in at the call (a sign-in under way is waited for);
   * when another user signs in, or the user signs out, before it arrives, it is undefined too:
   * never the previous user's count for the next one.
   */
  openCount(): Promise<number | undefined>
  /**
   * When the user last looked at each request (ticket id to its `updatedAt` then), kept on the
   * device. Empty when storage cannot be read: every request then counts as unread.
   */
  readSeen(): Promise<Record<string, string>>
  /**
   * Records that the user has seen the request as of `updatedAt` (best effort: never rejects).
   * The mark is the user's signed in at the call: when another signs in before it is stored,
   * it is still written for its user, or dropped, never for the next one.
   */
  markSeen(ticketId: string, updatedAt: string): Promise<void>
  /** Whether the request changed since the user last looked (see {@link RequestsController.readSeen}). */
  isUnread(ticket: Pick<Ticket, 'id' | 'createdAt' | 'updatedAt'>, seen: Readonly<Record<string, string>>): boolean
}
