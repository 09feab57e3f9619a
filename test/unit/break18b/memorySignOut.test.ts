import { describe, expect, it } from 'vitest'
import { memoryTransport } from '../../../src/transports/memory.js'
import type { TicketInput } from '../../../src/types.js'

/**
 * The memory transport (the default, kept in IndexedDB in the browser) answers as the user last
 * identified. After a sign-out it went on answering as them: whoever used the device next saw
 * their requests and chats, and a report filed then was added to them.
 */
const input: TicketInput = {
  category: 'other',
  subject: 'Mine',
  description: 'filed by alice',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
}

describe('memory transport after a sign-out', () => {
  it("lists none of the previous user's requests or chats", async () => {
    const t = memoryTransport()
    await t.identify({ id: 'alice' })
    await t.createTicket(input, { idempotencyKey: 'k1' })
    await t.startConversation({ locale: 'en', text: 'hi' }, { idempotencyKey: 'k2' })
    t.signOut?.()
    expect(await t.listTickets()).toEqual([])
    expect(await t.listConversations()).toEqual([])
    await t.identify({ id: 'alice' })
    expect(await t.listTickets()).toHaveLength(1)
  })
})
