import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { memoryTransport, type MemoryTransport } from 'help-feedback/transports/memory'
import type { ChatEvent } from '../../src/types.js'
import { describeTransportContract, eventually, key, ticketInput, type ContractSubject } from './transportContract.js'

const articles = [
  { id: 'a1', locale: 'en', title: 'Top-up pending', body: 'Wait **15 minutes**.', tags: ['top-up'] },
  { id: 'a1', locale: 'zh-CN', title: '充值处理中', body: '请等待 15 分钟。', tags: ['充值'] },
]

async function subject(): Promise<ContractSubject> {
  const transport = memoryTransport({ seedArticles: articles, agent: { autoReply: false } })
  await transport.reset()
  return {
    transport,
    agent: {
      reply: async (id, text) => void (await transport.agent.reply(id, text)),
      setTicketStatus: async (id, status) => void (await transport.agent.setTicketStatus(id, status)),
    },
    cleanup: () => transport.reset(),
  }
}

describeTransportContract('memory (IndexedDB)', subject)

describe('memory without IndexedDB', () => {
  beforeAll(() => void vi.stubGlobal('indexedDB', undefined))
  afterAll(() => void vi.unstubAllGlobals())

  it('falls back to memory and says so', async () => {
    expect(await memoryTransport().ready()).toEqual({ persistent: false })
  })
  describeTransportContract('memory (fallback)', subject)
})

describe('memory transport specifics', () => {
  let t: MemoryTransport | undefined
  afterAll(() => t?.dispose())

  it('keeps tickets across a reload through IndexedDB', async () => {
    const first = memoryTransport()
    await first.reset()
    expect(await first.ready()).toEqual({ persistent: true })
    await first.identify({ id: 'u-reload' })
    const ticket = await first.createTicket(ticketInput(), { idempotencyKey: key() })
    first.dispose()

    const reloaded = memoryTransport()
    await reloaded.identify({ id: 'u-reload' })
    expect((await reloaded.listTickets()).map((x) => x.id)).toEqual([ticket.id])
    await reloaded.reset()
  })

  it('the simulated agent takes a queued chat, types, and answers', async () => {
    t = memoryTransport({ agent: { joinDelayMs: 10, replyDelayMs: 20 } })
    await t.reset()
    await t.identify({ id: 'u-chat' })
    const events: ChatEvent[] = []
    t.subscribe((e) => events.push(e))
    const c = await t.startConversation({ locale: 'zh-CN', text: '转账没到账' }, { idempotencyKey: key() })
    expect(c).toMatchObject({ status: 'queued', queuePosition: 1 })
    await eventually(() => expect(events.some((e) => e.type === 'message' && e.message.author === 'agent')).toBe(true))
    expect(events.some((e) => e.type === 'typing' && e.on)).toBe(true)
    expect(events.some((e) => e.type === 'read' && e.by === 'agent' && e.upToSeq === 1)).toBe(true)
    expect((await t.getConversation(c.id)).status).toBe('active')
  })

  it('does not leak another user’s tickets', async () => {
    const m = memoryTransport()
    await m.reset()
    await m.identify({ id: 'alice' })
    const ticket = await m.createTicket(ticketInput(), { idempotencyKey: key() })
    await m.identify({ id: 'bob' })
    expect(await m.listTickets()).toEqual([])
    await expect(m.getTicket(ticket.id)).rejects.toMatchObject({ code: 'not_found' })
    await m.reset()
  })
})
