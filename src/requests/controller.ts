/**
 * `client.requests`, as the client holds it: the open-request count Home's card shows, the
 * "seen" marks, and list / detail models whose code (`requests.ts`: the live models and the
 * writes) loads on their first use, with the requests view, not with the client.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SupportClient } from '../client.js'
import { errorCode } from '../errors/errorCode.js'
import type { KeyValueStore } from '../storage/types.js'
import type { Ticket } from '../types.js'
import type { RequestDetail, RequestsController, RequestsList, RequestsState, RequestState } from './requests.js'
import { hasOwn } from '../hasOwn.js'

/** What a list model shows before its first read. */
export const initialList = (): RequestsState => ({ status: 'loading', tickets: [], pending: [], listable: true })
/** What a request's model shows before its first read. */
export const initialDetail = (): RequestState => ({
  status: 'loading',
  comments: [],
  can: { comment: false, escalate: false, rate: false },
})

const SEEN_KEY = 'requests:seen'

/** Resolves once no sign-in is under way: a read then goes out as the user signed in now. */
export function signedIn(client: SupportClient): Promise<void> {
  if (client.store.getState().session.status !== 'identifying') return Promise.resolve()
  return new Promise((resolve) => {
    const off = client.store.subscribe((s) => {
      if (s.session.status === 'identifying') return
      off()
      resolve()
    })
  })
}

/**
 * The device store of the user signed in at the call, pinned to them; undefined when another
 * user (or nobody) signs in before storage is ready: what was asked for them is dropped, never
 * read or written in the next user's scope. `services()` resolves after a switch already under
 * way, so the store it holds then is the caller's. Undefined too when storage cannot open.
 */
async function storeOfCaller(client: SupportClient): Promise<KeyValueStore | undefined> {
  const user = client.store.getState().session.user?.id
  let switched = false
  const off = client.store.subscribe((s) => void (s.session.user?.id !== user && (switched = true)))
  try {
    const services = await client.services().catch(() => undefined)
    return switched ? undefined : services?.userStore()
  } finally {
    off()
  }
}

/** When the user last looked at each request (its `updatedAt` then), from the device store. */
async function readSeen(client: SupportClient): Promise<Record<string, string>> {
  try {
    return (await (await storeOfCaller(client))?.get<Record<string, string>>(SEEN_KEY)) ?? {}
  } catch {
    return {}
  }
}

/** Records that the user has seen the request as of `updatedAt`, in that user's scope. */
async function markSeen(store: Promise<KeyValueStore | undefined>, ticketId: string, updatedAt: string): Promise<void> {
  try {
    const kv = await store
    if (!kv) return
    const seen = (await kv.get<Record<string, string>>(SEEN_KEY)) ?? {}
    if (seen[ticketId] === updatedAt) return
    await kv.set(SEEN_KEY, { ...seen, [ticketId]: updatedAt })
  } catch {
    // Not stored: the request shows as new again next time; nothing else depends on it.
  }
}

/**
 * Something happened on the request since the user last looked (a reply, a status change).
 * Never opened: anything after the user filed it counts.
 */
export function isUnread(
  ticket: Pick<Ticket, 'id' | 'createdAt' | 'updatedAt'>,
  seen: Readonly<Record<string, string>>,
): boolean {
  const since = (hasOwn(seen, ticket.id) ? seen[ticket.id] : undefined) ?? ticket.createdAt
  return Date.parse(ticket.updatedAt) > Date.parse(since)
}

/**
 * A model whose store exists at once (loading) and whose code arrives with `load`; calls made
 * before it arrives wait for it. If the code cannot load, the store shows the error.
 */
function lazyModel<M extends { store: StoreApi<S>; dispose(): void }, S extends { status: string }>(
  store: StoreApi<S>,
  load: () => Promise<M>,
) {
  let disposed = false
  const model = load().then((m) => {
    if (disposed) m.dispose()
    return m
  })
  model.catch((error: unknown) => {
    if (!disposed) store.setState({ status: 'error', errorCode: errorCode(error) } as unknown as Partial<S>)
  })
  const later =
    <A extends unknown[], R>(call: (m: M, ...args: A) => Promise<R>) =>
    async (...args: A) =>
      call(await model, ...args)
  return {
    later,
    dispose() {
      disposed = true
      void model.then((m) => m.dispose()).catch(() => {})
    },
  }
}

const models = () => import('./requests.js')

export function createRequestsController(client: SupportClient): RequestsController {
  let marking = Promise.resolve()
  return {
    list(): RequestsList {
      const store = createStore<RequestsState>()(initialList)
      const m = lazyModel(store, () => models().then((r) => r.createRequestsList(client, store)))
      return {
        store,
        refresh: m.later((l) => l.refresh()),
        discard: m.later((l, jobId: string) => l.discard(jobId)),
        dispose: m.dispose,
      }
    },
    detail(ticketId): RequestDetail {
      const store = createStore<RequestState>()(initialDetail)
      const m = lazyModel(store, () => models().then((r) => r.createRequestDetail(client, ticketId, store)))
      return {
        store,
        refresh: m.later((d) => d.refresh()),
        addComment: m.later((d, body: string, files?: Parameters<RequestDetail['addComment']>[1]) =>
          d.addComment(body, files),
        ),
        escalate: m.later((d, reason: string) => d.escalate(reason)),
        rate: m.later((d, score: number, comment?: string) => d.rate(score, comment)),
        retry: m.later((d, jobId: string) => d.retry(jobId)),
        discard: m.later((d, jobId: string) => d.discard(jobId)),
        dispose: m.dispose,
      }
    },
    async openCount() {
      // The count of the user signed in now: a sign-in under way is waited for (until then the
      // transport still holds the previous session), and an answer that arrives once another
      // user (or nobody) is signed in is no one's count any more, dropped as the list drops it.
      const user = client.store.getState().session.user?.id
      const same = () => client.store.getState().session.user?.id === user
      await signedIn(client)
      const tickets = same() ? await (await client.transport()).listTickets?.() : undefined
      return same() ? tickets?.filter((tk) => tk.status !== 'solved' && tk.status !== 'closed').length : undefined
    },
    readSeen: () => readSeen(client),
    markSeen(ticketId, updatedAt) {
      // Whose mark it is is decided now; the marks are written one after another (each reads
      // the map the previous one wrote, so two marks in a row both stay).
      const store = storeOfCaller(client)
      const done = marking.then(() => markSeen(store, ticketId, updatedAt))
      marking = done
      return done
    },
    isUnread,
  }
}
