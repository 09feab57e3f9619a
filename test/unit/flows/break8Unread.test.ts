import { describe, expect, it } from 'vitest'
import { isUnread } from '../../../src/requests/controller.js'

describe('a request whose id is an Object.prototype member name', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('(%s) is unread until seen', (id) => {
    const ticket = { id, createdAt: '2026-11-21T10:00:00Z', updatedAt: '2026-11-22T10:00:00Z' }
    expect(isUnread(ticket, {})).toBe(true)
    expect(isUnread(ticket, { [id]: ticket.updatedAt })).toBe(false)
  })
})
