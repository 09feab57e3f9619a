import { afterEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import { pendingState } from '../../../src/outbox/follow.js'
import { startValues, submitReport } from '../../../src/reports/flow.js'
import { canEscalate, canRate, createRequestDetail, createRequestsList } from '../../../src/requests/requests.js'
import { fakeTransport, sampleTicket } from '../../support/fakeTransport.js'
import { TX, closeAll, makeClient } from './helpers.js'

afterEach(async () => {
  vi.unstubAllGlobals()
  await closeAll()
})

const report = {
  category: 'charged_not_received' as const,
  values: {
    ...startValues('charged_not_received', TX, undefined),
    description: 'The shop says my payment never arrived.',
  },
  transaction: TX,
}

describe('requests list', () => {
  it('remembers on the device which requests the user has seen, through client.requests', async () => {
    const ticket = sampleTicket()
    const { client } = makeClient(fakeTransport({ tickets: [ticket] }))
    expect(await client.requests.readSeen()).toEqual({})
    expect(client.requests.isUnread(ticket, {})).toBe(true) // changed after it was filed
    await client.requests.markSeen(ticket.id, ticket.updatedAt)
    const seen = await client.requests.readSeen()
    expect(seen).toEqual({ [ticket.id]: ticket.updatedAt })
    expect(client.requests.isUnread(ticket, seen)).toBe(false)
    expect(client.requests.isUnread({ ...ticket, updatedAt: '2026-11-22T10:00:00+08:00' }, seen)).toBe(true)
  })

  it('merges the backend tickets with reports still on the device, and follows them until sent', async () => {
    vi.stubGlobal('navigator', { onLine: false })
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const queued = await submitReport(client, report)
    expect(queued.status).toBe('queued')

    const list = createRequestsList(client)
    await vi.waitFor(() => expect(list.store.getState().status).toBe('ready'))
    await vi.waitFor(() => expect(list.store.getState().pending).toHaveLength(1))
    expect(list.store.getState().tickets.map((t) => t.reference)).toEqual(['HF-2026-000009'])
    expect(list.store.getState().pending[0]).toMatchObject({ state: 'waiting', category: 'charged_not_received' })

    vi.stubGlobal('navigator', { onLine: true })
    await (await client.services()).outbox.flush()
    await vi.waitFor(() => expect(list.store.getState().pending).toEqual([]))
    expect(list.store.getState().tickets).toHaveLength(2)
    list.dispose()
    expect(fake.listenerCount()).toBe(0)
  })

  it('applies live ticket events from the transport', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const list = createRequestsList(client)
    await vi.waitFor(() => expect(fake.listenerCount()).toBe(1))
    fake.setStatus('tk_9', 'solved')
    expect(list.store.getState().tickets[0]?.status).toBe('solved')
    list.dispose()
  })

  it('reads again when the stream opens: a change committed before it was live is shown', async () => {
    // The stream carries only what commits once it is live; a status the agent set between the
    // list's read and then reaches the list through the resync the stream sends on opening.
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const list = createRequestsList(client)
    await vi.waitFor(() => expect(fake.listenerCount()).toBe(1))
    expect(list.store.getState().tickets[0]?.status).toBe('open')
    fake.tickets.get('tk_9')!.status = 'solved'
    fake.emit({ type: 'resync' })
    await vi.waitFor(() => expect(list.store.getState().tickets[0]?.status).toBe('solved'))
    list.dispose()
  })

  it('shows a refused report as needing attention until the user discards it', async () => {
    const fake = fakeTransport()
    fake.setMode({
      reject: new RejectedError([{ field: 'subject', code: 'x', message: 'Subject too long' }], 'invalid', 400),
    })
    const { client } = makeClient(fake)
    const r = await submitReport(client, report)
    const list = createRequestsList(client)
    await vi.waitFor(() => expect(list.store.getState().pending[0]?.state).toBe('attention'))
    expect(list.store.getState().pending[0]?.error?.fields?.[0]?.message).toBe('Subject too long')
    expect(await list.discard(r.status === 'rejected' ? r.jobId : '')).toBe(true)
    await vi.waitFor(() => expect(list.store.getState().pending).toEqual([]))
    list.dispose()
  })
})

describe('request detail', () => {
  it('reads again when the stream opens: an agent reply committed before it was live is shown', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const detail = createRequestDetail(client, 'tk_9')
    await vi.waitFor(() => expect(fake.listenerCount()).toBe(1))
    const before = detail.store.getState().ticket?.comments.length ?? 0
    fake.tickets.get('tk_9')!.comments.push({
      id: 'c_late',
      author: 'agent',
      authorName: 'Lin',
      body: 'Refunded today',
      createdAt: '2026-11-23T09:30:00Z',
      attachments: [],
    })
    fake.emit({ type: 'resync' })
    await vi.waitFor(() => expect(detail.store.getState().ticket?.comments).toHaveLength(before + 1))
    detail.dispose()
  })

  it('loads the ticket with its history; a comment goes through the outbox masked and shows once sent', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const detail = createRequestDetail(client, 'tk_9')
    await vi.waitFor(() => expect(detail.store.getState().status).toBe('ready'))
    expect(detail.store.getState().ticket?.history.map((h) => h.status)).toEqual(['new', 'open'])
    expect(detail.store.getState().can).toEqual({ comment: true, escalate: true, rate: true })

    const q = await detail.addComment('  my card is 6205 5000 0000 0000 004, please check  ')
    expect(q.hidden.kinds).toEqual(['card'])
    await vi.waitFor(() => expect(detail.store.getState().ticket?.comments).toHaveLength(2))
    expect(fake.calls.addComment).toHaveLength(1)
    expect(fake.calls.addComment[0]!.comment.body).not.toContain('6205 5000')
    expect(fake.calls.addComment[0]!.comment.body).toMatch(/^my card is \*+0004, please check$/)
    expect(detail.store.getState().comments).toEqual([])
    detail.dispose()
  })

  it('keeps a comment as pending while offline, then sends it with its key', async () => {
    vi.stubGlobal('navigator', { onLine: false })
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const detail = createRequestDetail(client, 'tk_9')
    await vi.waitFor(() => expect(detail.store.getState().status).toBe('ready'))
    const q = await detail.addComment('Any news?')
    await vi.waitFor(() =>
      expect(detail.store.getState().comments).toEqual([
        expect.objectContaining({ jobId: q.jobId, state: 'waiting', body: 'Any news?' }),
      ]),
    )
    vi.stubGlobal('navigator', { onLine: true })
    await (await client.services()).outbox.flush()
    await vi.waitFor(() => expect(detail.store.getState().comments).toEqual([]))
    expect(fake.calls.addComment).toHaveLength(1)
    detail.dispose()
  })

  it('refuses a comment longer than a backend takes (10,000 once masked) before queueing it', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const detail = createRequestDetail(client, 'tk_9')
    await vi.waitFor(() => expect(detail.store.getState().status).toBe('ready'))
    const { outbox } = await client.services()

    await expect(detail.addComment(`${'word '.repeat(2000)}x`)).rejects.toMatchObject({
      code: 'rejected',
      fieldErrors: [{ field: 'body', code: 'requestsUi.comment.tooLong' }],
    })
    expect(await outbox.list()).toEqual([])
    expect(detail.store.getState().comments).toEqual([])
    expect(client.t('requestsUi.comment.tooLong', { max: '10,000' })).toContain('10,000 characters at most')

    // Exactly the limit once trimmed: queued and sent whole.
    await detail.addComment(`  ${'a'.repeat(10_000)}\n`)
    await outbox.flush()
    expect(fake.calls.addComment.map((c) => c.comment.body.length)).toEqual([10_000])
    detail.dispose()
  })

  it('refuses an escalation reason or a rating comment longer than a backend takes (2,000 once masked)', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket({ status: 'solved' })] })
    const { client } = makeClient(fake)
    const detail = createRequestDetail(client, 'tk_9')
    await vi.waitFor(() => expect(detail.store.getState().status).toBe('ready'))
    const { outbox } = await client.services()

    await expect(detail.escalate('r'.repeat(2001))).rejects.toMatchObject({
      code: 'rejected',
      fieldErrors: [{ field: 'reason', code: 'requestsUi.escalate.tooLong' }],
    })
    await expect(detail.rate(5, `  ${'c'.repeat(2001)}`)).rejects.toMatchObject({
      code: 'rejected',
      fieldErrors: [{ field: 'comment', code: 'requestsUi.rating.tooLong' }],
    })
    expect(await outbox.list()).toEqual([])
    expect(detail.store.getState()).toMatchObject({ escalation: undefined, rating: undefined })
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      await client.setLocale(locale)
      expect(client.t('requestsUi.escalate.tooLong', { max: '2,000' })).toContain('2,000')
      expect(client.t('requestsUi.rating.tooLong', { max: '2,000' })).toContain('2,000')
    }

    // Counted as the backend gets it: 2,003 characters typed, 2,000 once the card number is masked.
    const reason = `card 4111 1111 1111 1111 ${'r'.repeat(1978)}`
    expect(reason).toHaveLength(2003)
    await detail.escalate(reason)
    await detail.rate(5, 'c'.repeat(2000))
    await outbox.flush()
    expect(fake.calls.escalate.map((c) => c.reason)).toEqual([`card ************1111 ${'r'.repeat(1978)}`])
    expect(fake.calls.rate.map((c) => c.comment?.length)).toEqual([2000])
    detail.dispose()
  })

  it('escalates through the outbox and rates only a solved ticket', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = makeClient(fake)
    const detail = createRequestDetail(client, 'tk_9')
    await vi.waitFor(() => expect(detail.store.getState().status).toBe('ready'))
    expect(canRate(detail.store.getState().ticket!)).toBe(false)
    expect(canEscalate(detail.store.getState().ticket!)).toBe(true)
    await detail.escalate('Waiting for a week')
    await vi.waitFor(() => expect(detail.store.getState().ticket?.escalated).toBe(true))
    expect(fake.calls.escalate[0]).toMatchObject({ ticketId: 'tk_9', reason: 'Waiting for a week' })

    fake.setStatus('tk_9', 'solved')
    await vi.waitFor(() => expect(detail.store.getState().ticket?.status).toBe('solved'))
    expect(canRate(detail.store.getState().ticket!)).toBe(true)
    await expect(detail.rate(0)).rejects.toMatchObject({
      code: 'rejected',
      fieldErrors: [{ field: 'score', code: 'range' }],
    })
    await detail.rate(4, 'quick, thanks')
    await vi.waitFor(() =>
      expect(detail.store.getState().ticket?.rating).toEqual({ score: 4, comment: 'quick, thanks' }),
    )
    expect(canRate(detail.store.getState().ticket!)).toBe(false)
    detail.dispose()
  })

  it('maps job states for the user', () => {
    expect(pendingState({ state: 'sending' })).toBe('sending')
    expect(pendingState({ state: 'queued' })).toBe('waiting')
    expect(pendingState({ state: 'failed_retryable' })).toBe('waiting')
    expect(pendingState({ state: 'rejected' })).toBe('attention')
  })
})
