import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { restTransport } from 'help-feedback/transports/rest'
import {
  FileRejectedError,
  MalformedResponseError,
  OfflineError,
  RateLimitedError,
  RejectedError,
  ServerError,
  TimeoutError,
} from '../../src/errors/index.js'
import type { Transport } from '../../src/transports/types.js'
import type { ChatEvent } from '../../src/types.js'
import { createProtocolHandlers, type ProtocolHandlers } from '../msw/handlers.js'
import { describeTransportContract, eventually, key, PNG_1X1, ticketInput } from './transportContract.js'

const BASE = 'http://support.test'
const articles = [
  { id: 'a1', locale: 'en', title: 'Top-up pending', body: 'Wait **15 minutes**.', tags: ['top-up'], popularity: 3 },
  { id: 'a1', locale: 'zh-CN', title: '充值处理中', body: '请等待 15 分钟。', tags: ['充值'], popularity: 3 },
]
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

let api: ProtocolHandlers
function install(): ProtocolHandlers {
  api = createProtocolHandlers({ baseUrl: BASE, articles })
  server.resetHandlers(...api.handlers)
  return api
}

describeTransportContract('rest over msw', async () => {
  const { agent } = install()
  return { transport: restTransport({ baseUrl: BASE, stream: { minDelayMs: 20 } }), agent, cleanup: async () => {} }
})

describe('rest transport failures over msw', () => {
  let t: Transport
  const tickets = `${BASE}/v1/tickets`
  beforeEach(async () => {
    install()
    t = restTransport({ baseUrl: BASE, stream: { minDelayMs: 20 } })
    await t.identify({ id: 'u-errors' })
  })
  afterEach(() => {
    t.dispose?.()
    vi.unstubAllGlobals()
  })

  it('a body that breaks the schema is a MalformedResponseError naming the field', async () => {
    server.use(http.get(tickets, () => HttpResponse.json([{ id: 7, subject: 'x' }]), { once: true }))
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as MalformedResponseError).issues.join('\n')).toMatch(/0\.id/)
  })

  it('a body that is not JSON is a MalformedResponseError', async () => {
    server.use(http.get(tickets, () => HttpResponse.text('<html>proxy</html>'), { once: true }))
    await expect(t.listTickets!()).rejects.toBeInstanceOf(MalformedResponseError)
  })

  it('429 with Retry-After is waited out and retried', async () => {
    let limited = 0
    server.use(
      http.get(
        tickets,
        () => {
          limited++
          return HttpResponse.json(
            { error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 0 } },
            { status: 429, headers: { 'Retry-After': '0' } },
          )
        },
        { once: true },
      ),
    )
    const mine = await t.createTicket(ticketInput(), { idempotencyKey: key() })
    expect((await t.listTickets!()).map((x) => x.id)).toEqual([mine.id])
    expect(limited).toBe(1)
  })

  it('429 with a long Retry-After fails at once with retryAfterMs for the outbox', async () => {
    let hits = 0
    server.use(
      http.get(
        tickets,
        () => (
          hits++,
          HttpResponse.json(
            { error: { code: 'rate_limited', message: 'x' } },
            { status: 429, headers: { 'Retry-After': '120' } },
          )
        ),
      ),
    )
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterMs).toBe(120_000)
    expect(hits).toBe(1)
  })

  it('a keyed POST survives two 500s and creates exactly one ticket', async () => {
    let failures = 0
    const keys: Array<string | null> = []
    server.use(
      http.post(tickets, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'))
        if (failures < 2)
          return (failures++, HttpResponse.json({ error: { code: 'server', message: 'boom' } }, { status: 500 }))
        return undefined // fall through to the protocol handler
      }),
    )
    const k = key()
    const created = await t.createTicket(ticketInput(), { idempotencyKey: k })
    expect(keys).toEqual([k, k, k])
    expect((await t.listTickets!()).map((x) => x.id)).toEqual([created.id])
  })

  it('an unkeyed POST is not retried after a 500', async () => {
    const conversation = await t.startConversation!({ locale: 'en' }, { idempotencyKey: key() })
    let hits = 0
    server.use(
      http.post(`${BASE}/v1/conversations/:id/typing`, () => (hits++, new HttpResponse(null, { status: 500 }))),
    )
    await expect(t.setTyping!(conversation.id, true)).rejects.toBeInstanceOf(ServerError)
    expect(hits).toBe(1)
  })

  it('401 re-identifies once and replays the request', async () => {
    await t.createTicket(ticketInput(), { idempotencyKey: key() })
    const before = api.state.identifyCount
    api.state.expireSessions()
    expect(await t.listTickets!()).toHaveLength(1)
    expect(api.state.identifyCount).toBe(before + 1)
  })

  it('a network failure is an OfflineError', async () => {
    server.use(http.get(tickets, () => HttpResponse.error()))
    const offline = restTransport({ baseUrl: BASE, retries: 0 })
    await offline.identify({ id: 'u-errors' })
    await expect(offline.listTickets!()).rejects.toBeInstanceOf(OfflineError)
  })

  it('navigator.onLine false fails fast as OfflineError without retrying', async () => {
    let hits = 0
    server.use(http.get(tickets, () => (hits++, HttpResponse.error())))
    vi.stubGlobal('navigator', { onLine: false })
    await expect(t.listTickets!()).rejects.toBeInstanceOf(OfflineError)
    expect(hits).toBe(1)
  })

  it('a slow answer is a TimeoutError', async () => {
    server.use(http.get(tickets, async () => (await delay(300), HttpResponse.json([]))))
    const slow = restTransport({ baseUrl: BASE, timeoutMs: 50, retries: 0 })
    await slow.identify({ id: 'u-errors' })
    await expect(slow.listTickets!()).rejects.toBeInstanceOf(TimeoutError)
  })

  it('validation errors carry field errors', async () => {
    const error = await t.createTicket(ticketInput({ subject: '' }), { idempotencyKey: key() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors.map((f) => f.field)).toEqual(['subject'])
  })

  it('a file whose bytes do not match its type is a file_type error', async () => {
    const fake = new Blob(['not a png'], { type: 'image/png' })
    const error = await t.uploadAttachment!(
      fake,
      { name: 'x.png', type: 'image/png' },
      { idempotencyKey: key() },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileRejectedError)
    expect((error as FileRejectedError).code).toBe('file_type')
  })

  it('identifies lazily with options.user, signing through getUserToken', async () => {
    const bodies: unknown[] = []
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/v1/identify'))
        void request
          .clone()
          .json()
          .then((b) => bodies.push(b))
    })
    const lazy = restTransport({
      baseUrl: BASE,
      user: { id: 'u-lazy', name: 'Lazy' },
      getUserToken: async () => 'sig-u-lazy',
    })
    expect(await lazy.listTickets!()).toEqual([])
    server.events.removeAllListeners()
    expect(bodies).toEqual([{ userId: 'u-lazy', name: 'Lazy', token: 'sig-u-lazy' }])
  })

  it('sends Idempotency-Key and X-File-Name on upload', async () => {
    const seen: Headers[] = []
    server.events.on(
      'request:start',
      ({ request }) => void (request.url.endsWith('/v1/attachments') && seen.push(request.headers)),
    )
    const k = key()
    await t.uploadAttachment!(
      new Blob([PNG_1X1], { type: 'image/png' }),
      { name: '收据.png', type: 'image/png' },
      { idempotencyKey: k },
    )
    server.events.removeAllListeners()
    expect(seen[0]?.get('Idempotency-Key')).toBe(k)
    expect(seen[0]?.get('X-File-Name')).toBe(encodeURIComponent('收据.png'))
  })
})

describe('rest event stream over msw', () => {
  let t: Transport
  const events: ChatEvent[] = []
  beforeEach(async () => {
    install()
    events.length = 0
    t = restTransport({ baseUrl: BASE, stream: { minDelayMs: 20 } })
    await t.identify({ id: 'u-stream' })
  })
  afterEach(() => {
    t.dispose?.()
    server.events.removeAllListeners()
  })

  async function liveConversation(): Promise<string> {
    t.subscribe!((e) => events.push(e))
    // The stream is live before the first message is published (the server does not replay
    // to a first connection, which carries no Last-Event-ID).
    await eventually(() => expect(api.state.streams.size).toBe(1))
    const c = await t.startConversation!({ locale: 'en', text: 'hello' }, { idempotencyKey: key() })
    await eventually(() =>
      expect(events.some((e) => e.type === 'message' && e.message.conversationId === c.id)).toBe(true),
    )
    return c.id
  }

  it('after a drop it resumes with Last-Event-ID, replays what it missed once, and asks for a resync', async () => {
    const conversationId = await liveConversation()
    const lastIds: Array<string | null> = []
    server.events.on(
      'request:start',
      ({ request }) => void (request.url.includes('/v1/events') && lastIds.push(request.headers.get('Last-Event-ID'))),
    )
    api.state.dropStreams()
    await api.agent.reply(conversationId, 'sent while you were away')
    await eventually(() => expect(events.some((e) => e.type === 'message' && e.message.author === 'agent')).toBe(true))
    expect(events.filter((e) => e.type === 'message' && e.message.author === 'agent')).toHaveLength(1)
    expect(events.some((e) => e.type === 'resync')).toBe(true)
    expect(lastIds[0]).toMatch(/^\d+$/)
  })

  it('a 401 on reconnect re-identifies and the stream continues', async () => {
    const conversationId = await liveConversation()
    const before = api.state.identifyCount
    api.state.expireSessions()
    api.state.dropStreams()
    await eventually(() => expect(api.state.identifyCount).toBe(before + 1))
    await eventually(() => expect(api.state.streams.size).toBe(1))
    await api.agent.reply(conversationId, 'back online')
    await eventually(() =>
      expect(events.some((e) => e.type === 'message' && e.message.text === 'back online')).toBe(true),
    )
  })

  it('drops malformed and unknown events but keeps the stream', async () => {
    const conversationId = await liveConversation()
    for (const s of api.state.streams) {
      s.send(9001, { type: 'message', message: { bogus: true } } as never)
      s.send(9002, { type: 'future.thing' } as never)
    }
    await api.agent.reply(conversationId, 'still here')
    await eventually(() =>
      expect(events.some((e) => e.type === 'message' && e.message.text === 'still here')).toBe(true),
    )
    expect(events.every((e) => e.type !== 'message' || typeof e.message.id === 'string')).toBe(true)
    expect(events.some((e) => (e.type as string) === 'future.thing')).toBe(false)
  })
})
