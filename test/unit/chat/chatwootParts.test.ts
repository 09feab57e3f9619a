/**
 * A long chat message sent in parts to Chatwoot (no idempotency): on a retry each part is looked
 * up by its text before it is sent again. A part must be neither lost nor sent twice.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chatJobs } from '../../../src/chat/jobs.js'
import { partKey, splitMessage } from '../../../src/chat/split.js'
import type { OutboxJobOf } from '../../../src/outbox/types.js'
import { chatwootTransport } from '../../../src/transports/chatwoot.js'
import type { Transport, WriteFinder } from '../../../src/transports/types.js'
import { ChatwootState, createChatwootHandlers } from '../../msw/chatwoot.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

let state: ChatwootState
let t: Transport & WriteFinder
beforeEach(async () => {
  state = new ChatwootState()
  server.resetHandlers(...createChatwootHandlers(state))
  t = chatwootTransport({
    baseUrl: 'http://chat.test',
    inboxIdentifier: state.inbox,
    identifierHash: async (u) => state.hash(u?.id ?? ''),
  })
  await t.identify({ id: 'u-1', name: 'Ada' })
})
afterEach(() => t.dispose?.())

const job = (conversationId: string, text: string): OutboxJobOf<'message'> => ({
  id: 'j1',
  kind: 'message',
  payload: { conversationId, localId: 'l1', message: { kind: 'text', text, attachments: [] } },
  idempotencyKey: 'k1',
  attempts: 2,
  state: 'sending',
  // The fake server's clock (seconds): the job was created as the conversation started.
  createdAt: 1_790_000_000_000,
  updatedAt: 1_790_000_000_000,
  seq: 0,
})
const ctx = { idempotencyKey: 'k1', signal: new AbortController().signal }
const userTexts = (id: string) =>
  state.conversations
    .get(Number(id))!
    .messages.filter((m) => m.message_type === 0)
    .map((m) => m.content)
const send = (id: string, text: string, key: string) =>
  t.sendMessage!(id, { kind: 'text', text, attachments: [] }, { idempotencyKey: key })

describe('a long message retried on Chatwoot', () => {
  it('a part with the text of an earlier message of the user is still sent', async () => {
    const long = `${'abcd '.repeat(1000)}Thanks!`
    const parts = splitMessage(long)
    expect(parts).toHaveLength(2)
    expect(parts[1]).toBe('Thanks!')
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    await send(c.id, 'Thanks!', 'earlier') // a message of its own, just before
    await send(c.id, parts[0]!, partKey('k1', 0)) // the first attempt landed part 0, then failed
    await chatJobs.message.send(t, job(c.id, long), ctx)
    expect(userTexts(c.id)).toEqual(['Thanks!', parts[0], 'Thanks!'])
  })

  it('a part that landed before more than a page of messages is not sent again', async () => {
    const long = 'refund pending since Tuesday '.repeat(300).trim()
    const parts = splitMessage(long)
    const c = await t.startConversation!({ locale: 'en' }, { idempotencyKey: 'c1' })
    await send(c.id, parts[0]!, partKey('k1', 0))
    for (let i = 0; i < 20; i++) state.agentReply(Number(c.id), `Are you still there? (${i})`)
    await chatJobs.message.send(t, job(c.id, long), ctx)
    expect(userTexts(c.id)).toEqual(parts)
  })
})
