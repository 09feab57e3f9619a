import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MalformedResponseError } from '../../../src/errors/index.js'
import {
  parseAvailability,
  parseMessagePage,
  parseTicket,
  parseTicketDetail,
  safeChatEvent,
} from '../../../src/transports/schemas.js'

const ticket = {
  id: 'tk_1',
  reference: 'HF-000001',
  status: 'new',
  priority: 'normal',
  category: 'other',
  subject: 's',
  createdAt: '2026-11-23T01:30:00.000Z',
  updatedAt: '2026-11-23T01:30:00.000Z',
}

describe('wire schemas', () => {
  it('drops an attachment url that is not http(s) or blob: and keeps the file', () => {
    const file = { id: 'a1', name: 'receipt.png', type: 'image/png', size: 3 }
    const detail = (url: string) =>
      parseTicketDetail({
        ...ticket,
        description: 'd',
        fields: {},
        comments: [],
        history: [],
        attachments: [{ ...file, url }],
      }).attachments
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      '/v1/a',
      '//evil.example/a',
    ])
      expect(detail(bad)).toEqual([file])
    expect(detail('https://files.example.com/a.png?sig=1&exp=2')).toEqual([
      { ...file, url: 'https://files.example.com/a.png?sig=1&exp=2' },
    ])
    expect(detail('blob:http://127.0.0.1/4f1c')).toEqual([{ ...file, url: 'blob:http://127.0.0.1/4f1c' }])
  })
  it('keeps an attachment url only when it is plain http(s) or blob:, whatever the backend sends', () => {
    const file = { id: 'a1', name: 'f', type: 'image/png', size: 1 }
    const kept = (url: string) =>
      parseTicketDetail({
        ...ticket,
        description: 'd',
        fields: {},
        comments: [],
        history: [],
        attachments: [{ ...file, url }],
      }).attachments[0]?.url
    const scheme = fc.constantFrom(
      'https://',
      'HTTP://',
      'blob:',
      'javascript:',
      'data:',
      'vbscript:',
      '',
      ' ',
      '\t',
      '//',
    )
    const rest = fc.string({
      unit: fc.constantFrom('a', '/', ':', '.', ' ', '\n', '\u0000', '\u0085', '&#106;', '%0a', 'é'),
    })
    fc.assert(
      fc.property(scheme, rest, (s, r) => {
        const url = kept(s + r)
        if (url === undefined) return
        expect(url).toBe(s + r)
        expect(url).toMatch(/^(https?:\/\/|blob:)/i)
        // eslint-disable-next-line no-control-regex -- what must never get through
        expect(url).not.toMatch(/[\u0000-\u0020\u007f-\u009f]/)
      }),
    )
  })
  it('strips unknown properties so newer servers do not break older clients', () => {
    expect(parseTicket({ ...ticket, futureField: 1 })).toEqual(ticket)
  })
  it('refuses null where the protocol omits, with a path in the issues', () => {
    const error = (() => {
      try {
        parseTicket({ ...ticket, expectedResponseHours: null })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as MalformedResponseError).issues[0]).toMatch(/^Ticket: expectedResponseHours: /)
  })
  it('refuses an unknown status and a fractional seq', () => {
    expect(() => parseTicket({ ...ticket, status: 'archived' })).toThrow(MalformedResponseError)
    const message = {
      id: 'm',
      conversationId: 'c',
      author: 'user',
      kind: 'text',
      text: '',
      attachments: [],
      createdAt: 'x',
      seq: 1.5,
    }
    expect(() => parseMessagePage({ messages: [message], cursor: null, hasMore: false })).toThrow(/messages\.0\.seq/)
  })
  it('stream events: valid ones parse, malformed ones are undefined', () => {
    expect(safeChatEvent({ type: 'resync' })).toEqual({ type: 'resync' })
    expect(safeChatEvent({ type: 'typing', conversationId: 'c', author: 'agent', on: true })).toMatchObject({
      on: true,
    })
    expect(safeChatEvent({ type: 'typing', conversationId: 'c' })).toBeUndefined()
  })
  it('leaves absent optional keys absent, and checks nested arrays, records, unions and nullables', () => {
    expect(Object.keys(parseTicket(ticket))).not.toContain('expectedResponseHours')
    const detail = {
      ...ticket,
      description: 'd',
      fields: { amount: 12.5, note: 'x', urgent: true, none: null },
      attachments: [],
      comments: [{ id: 'c', author: 'agent', body: 'b', createdAt: 'x', attachments: [], extra: 1 }],
      history: [{ status: 'new', at: 'x' }],
    }
    expect(parseTicketDetail(detail).comments[0]).toEqual({
      id: 'c',
      author: 'agent',
      body: 'b',
      createdAt: 'x',
      attachments: [],
    })
    expect(() => parseTicketDetail({ ...detail, fields: { bad: [] } })).toThrow(/TicketDetail: fields\.bad: /)
    expect(() => parseTicketDetail({ ...detail, comments: [{ ...detail.comments[0], attachments: [{}] }] })).toThrow(
      /comments\.0\.attachments\.0\.id/,
    )
    expect(parseMessagePage({ messages: [], cursor: null, hasMore: false }).cursor).toBeNull()
    expect(() => parseMessagePage({ messages: [], hasMore: false })).toThrow(/cursor/)
    expect(() => parseAvailability({ agentsOnline: 1, queueLength: Number.NaN, open: true })).toThrow(/queueLength/)
  })
  it('stream events: an unknown type or a malformed member is refused', () => {
    expect(safeChatEvent({ type: 'future' })).toBeUndefined()
    expect(safeChatEvent(null)).toBeUndefined()
    expect(safeChatEvent({ type: 'read', conversationId: 'c', upToSeq: 3, by: 'agent', x: 1 })).toEqual({
      type: 'read',
      conversationId: 'c',
      upToSeq: 3,
      by: 'agent',
    })
    expect(safeChatEvent({ type: 'read', conversationId: 'c', upToSeq: '3', by: 'agent' })).toBeUndefined()
  })
})
