import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatController, type ChatController } from '../../../src/chat/index.js'
import { OfflineError, RejectedError } from '../../../src/errors/index.js'
import type { TicketInput } from '../../../src/types.js'
import { harness } from './helpers.js'

let chat: ChatController | undefined
afterEach(() => {
  chat?.dispose()
  chat = undefined
})

const closed = {
  availability: async () => ({ agentsOnline: 0, queueLength: 0, open: false }),
}

/**
 * Waits for the message to be sent by the outbox's own retry. It comes within the backoff of the
 * last refused attempt (jittered, at most 1 s × 2^(attempts − 1)); an attempt already in flight
 * when the service came back may still be refused, so one more step is allowed. `flush()` does
 * not skip a backoff, so the test cannot hurry it.
 */
async function sentByRetry(h: Awaited<ReturnType<typeof harness>>, chat: ChatController): Promise<void> {
  const attempts = Math.max(1, ...(await (await h.client.services()).outbox.list()).map((j) => j.attempts))
  await vi.waitFor(() => expect(chat.store.getState().left).toBe('sent'), { timeout: 1000 * 2 ** attempts + 5000 })
}

/** Outside business hours, with `createTicket` answering as `answer` says. */
async function leaving(answer: () => 'refuse' | 'reject' | 'accept') {
  const created: TicketInput[] = []
  const h = await harness({ transport: closed })
  const createTicket = h.transport.createTicket
  h.transport.createTicket = async (input, o) => {
    const a = answer()
    if (a === 'refuse') throw new OfflineError('connection refused')
    if (a === 'reject') throw new RejectedError([{ field: 'description', code: 'report.error.tooShort' }], 'no', 422)
    created.push(input)
    return createTicket(input, o)
  }
  chat = createChatController(h.client)
  await chat.open()
  expect(chat.store.getState().status).toBe('offline')
  return { h, chat, created }
}

describe('leave a message: what the chat says about it', () => {
  it('says "received" only once the ticket exists', async () => {
    const { chat, created } = await leaving(() => 'accept')
    await chat.leaveMessage('Please call me back about my refund')
    expect(created).toHaveLength(1)
    expect(chat.store.getState()).toMatchObject({ status: 'left', left: 'sent' })
  })

  it('says "saved and will be sent" while the service refuses, then "received" once it is sent, once', async () => {
    let answer: 'refuse' | 'accept' = 'refuse'
    const { h, chat, created } = await leaving(() => answer)
    await chat.leaveMessage('Please call me back about my refund')
    expect(chat.store.getState()).toMatchObject({ status: 'left', left: 'queued' })
    expect(created).toEqual([])
    expect(h.events.filter((e) => e.type === 'report:queued')).toHaveLength(1)
    answer = 'accept'
    await sentByRetry(h, chat)
    expect(created).toHaveLength(1)
    expect(await (await h.client.services()).outbox.list()).toEqual([])
  })

  it('goes back to the form with the service’s words when it refuses the message, leaving nothing queued', async () => {
    const { h, chat, created } = await leaving(() => 'reject')
    const error = await chat.leaveMessage('Please call me back about my refund').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([{ field: 'description', code: 'report.error.tooShort' }])
    expect(chat.store.getState().status).toBe('offline')
    expect(created).toEqual([])
    expect(await (await h.client.services()).outbox.list()).toEqual([])
  })
})

describe('leave a message written offline', () => {
  it('stops saying "when you are online" once the network is back and only the service fails', async () => {
    let answer: 'refuse' | 'accept' = 'refuse'
    const { h, chat, created } = await leaving(() => answer)
    h.client.store.setState({ system: { ...h.client.store.getState().system, online: false } })
    await chat.leaveMessage('Please call me back about my refund')
    expect(chat.store.getState()).toMatchObject({ status: 'left', left: 'offline' })
    // Back online, but the service refuses connections: the words must not blame the device.
    h.client.store.setState({ system: { ...h.client.store.getState().system, online: true } })
    const { outbox } = await h.client.services()
    await outbox.flush()
    await vi.waitFor(() => expect(chat.store.getState().left).toBe('queued'))
    expect(created).toEqual([])
    answer = 'accept'
    await sentByRetry(h, chat)
    expect(created).toHaveLength(1)
  })
})
