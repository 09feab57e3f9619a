/**
 * A keyed write that failed while the transport waited for the host's token (its callback timed
 * out) never left the device: there is nothing to reconcile. It was classified as a timeout of
 * the request itself, "outcome unknown", and went to `reconcile`. The error now says `sent: false`
 * and the outbox retries the job plainly (same key); a request that timed out after it went out
 * still has an unknown outcome.
 */
import { describe, expect, it } from 'vitest'
import { HelpFeedbackError, TimeoutError } from '../../../src/errors/index.js'
import { createOutbox, decideFailure, type OutboxJobBase } from '../../../src/outbox/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { createHttp } from '../../../src/transports/http.js'
import { restTransport } from '../../../src/transports/rest.js'
import type { Transport } from '../../../src/transports/types.js'
import { jsonResponse } from '../../support/restBackend.js'

const never = () => new Promise<never>(() => {})
const TICKET = { category: 'other', subject: 's', description: 'd', fields: {} } as never

/** A REST transport whose host token never comes, or whose server never answers the write. */
function rest(hang: 'token' | 'write') {
  const sent: string[] = []
  const transport = restTransport({
    baseUrl: 'https://api.test',
    timeoutMs: 60,
    retries: 0,
    user: { id: 'u1' },
    getUserToken: hang === 'token' ? never : async () => 'jwt',
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input).replace('https://api.test', '')
      sent.push(url)
      return url === '/v1/identify' ? jsonResponse({ userId: 'u1', token: 'b' }) : never()
    },
  })
  return { transport, sent }
}

async function failure(p: Promise<unknown>): Promise<HelpFeedbackError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TimeoutError)
  return error as HelpFeedbackError
}

/** The state the outbox leaves a job in after its first attempt failed. */
async function stateAfterFailure(transport: Transport): Promise<OutboxJobBase> {
  let failed!: (job: OutboxJobBase) => void
  const done = new Promise<OutboxJobBase>((r) => (failed = r))
  const outbox = createOutbox<unknown, OutboxJobBase>({
    store: memoryStore(),
    channel: null,
    environment: {},
    random: () => 0.5,
    send: (_job, ctx) => transport.createTicket(TICKET, ctx),
    onChange: (e) => {
      if (e.type === 'updated' && e.job.lastError) failed(e.job)
    },
  })
  await outbox.enqueue('ticket', {})
  const job = await done
  outbox.dispose()
  return job
}

describe('a write whose token did not come in time', () => {
  it('REST: fails with a timeout marked not sent; nothing went out', async () => {
    const { transport, sent } = rest('token')
    const error = await failure(transport.createTicket(TICKET, { idempotencyKey: 'k1' }))
    expect(error.sent).toBe(false)
    expect(sent).toEqual([])
    expect(decideFailure(error, 1, () => 0.5)).toMatchObject({ retry: true, error: { code: 'timeout' } })
    expect(decideFailure(error, 1, () => 0.5)).not.toHaveProperty('unknownOutcome')
  })

  it('REST: a write that went out and timed out keeps its unknown outcome', async () => {
    const { transport, sent } = rest('write')
    const error = await failure(transport.createTicket(TICKET, { idempotencyKey: 'k1' }))
    expect(error.sent).toBeUndefined()
    expect(sent).toEqual(['/v1/identify', '/v1/tickets'])
    expect(decideFailure(error, 1, () => 0.5)).toMatchObject({ retry: true, unknownOutcome: true })
  })

  it('a plain HTTP client whose getToken times out: not sent', async () => {
    const calls: string[] = []
    const http = createHttp({
      baseUrl: 'https://api.test',
      timeoutMs: 60,
      retries: 0,
      getToken: never,
      fetch: async (input) => (calls.push(String(input)), jsonResponse({})),
    })
    const error = await failure(http.request('/v1/x', { method: 'POST', json: {}, idempotencyKey: 'k' }))
    expect(error.sent).toBe(false)
    expect(calls).toEqual([])
  })

  it('the outbox retries it as not sent, and reconciles a write that timed out after it went out', async () => {
    expect(await stateAfterFailure(rest('token').transport)).toMatchObject({
      state: 'failed_retryable',
      lastError: { code: 'timeout' },
    })
    expect(await stateAfterFailure(rest('write').transport)).toMatchObject({
      state: 'reconcile',
      lastError: { code: 'timeout' },
    })
  })
})
