import { describe, expect, it } from 'vitest'
import { channelGuidance, READY_ITEMS, waitHint } from '../../../src/contact/guidance.js'
import type { ChannelKind } from '../../../src/contact/channels.js'
import type { ReportCategory } from '../../../src/types.js'

const all: ChannelKind[] = ['email', 'website', 'social', 'servicePoints', 'messages', 'chat', 'hotline']

describe('channel order by problem', () => {
  it.each<ReportCategory>(['unauthorized', 'wrong_recipient', 'charged_not_received'])(
    '%s: hotline and chat first, both recommended',
    (problem) => {
      const g = channelGuidance({ problem, available: all })
      expect(g.urgency).toBe('urgent')
      expect(g.order.slice(0, 2)).toEqual(['hotline', 'chat'])
      expect(g.recommended).toEqual(['hotline', 'chat'])
    },
  )

  it('urgent with the hotline closed: chat moves ahead and only chat is recommended', () => {
    const g = channelGuidance({ problem: 'unauthorized', available: all, openNow: { hotline: false, chat: true } })
    expect(g.order.slice(0, 2)).toEqual(['chat', 'hotline'])
    expect(g.recommended).toEqual(['chat'])
  })

  it('urgent without chat in this backend: hotline, then written channels', () => {
    expect(channelGuidance({ problem: 'wrong_recipient', available: ['email', 'hotline', 'messages'] }).order).toEqual([
      'hotline',
      'messages',
      'email',
    ])
  })

  it.each<ReportCategory>(['refund_not_received', 'balance_wrong', 'other', 'payment_failed'])(
    '%s: messages and email first',
    (problem) => {
      const g = channelGuidance({ problem, available: all })
      expect(g.urgency).toBe('standard')
      expect(g.order.slice(0, 3)).toEqual(['messages', 'email', 'chat'])
      expect(g.recommended).toEqual(['messages', 'email'])
    },
  )

  it('no problem: the fixed default order and no recommendation', () => {
    const g = channelGuidance({ available: all })
    expect(g).toEqual({
      urgency: 'none',
      order: ['hotline', 'chat', 'messages', 'email', 'website', 'social', 'servicePoints'],
      recommended: [],
    })
  })

  it('a peak-hour chat queue sends non-urgent users to writing first, but never delays urgent ones', () => {
    expect(channelGuidance({ available: all, busy: true }).order.slice(0, 4)).toEqual([
      'hotline',
      'messages',
      'email',
      'chat',
    ])
    expect(channelGuidance({ problem: 'unauthorized', available: all, busy: true }).order.slice(0, 2)).toEqual([
      'hotline',
      'chat',
    ])
  })

  it('only lists what is available', () => {
    expect(channelGuidance({ problem: 'other', available: ['website'] })).toEqual({
      urgency: 'standard',
      order: ['website'],
      recommended: [],
    })
  })
})

describe('wait hints from availability', () => {
  const base = { agentsOnline: 2, queueLength: 0, open: true }
  it('maps the expected wait to now / minutes / peak', () => {
    expect(waitHint({ ...base, expectedWaitSeconds: 30 })).toEqual({ key: 'contact.wait.now', peak: false })
    expect(waitHint({ ...base, expectedWaitSeconds: 300 })).toEqual({
      key: 'contact.wait.minutes',
      params: { minutes: 5 },
      peak: false,
    })
    expect(waitHint({ ...base, expectedWaitSeconds: 1500 })).toEqual({
      key: 'contact.wait.peak',
      params: { minutes: 25 },
      peak: true,
    })
  })
  it('an estimate of more than a week says 9999 minutes, the most the line holds room for', () => {
    for (const seconds of [599_970, 600_000, 1e9, Number.MAX_VALUE])
      expect(waitHint({ ...base, expectedWaitSeconds: seconds })).toEqual({
        key: 'contact.wait.peak',
        params: { minutes: 9999 },
        peak: true,
      })
    expect(waitHint({ ...base, expectedWaitSeconds: 599_880 })?.params).toEqual({ minutes: 9998 })
  })
  it('closed chat says so; no estimate or no availability says nothing', () => {
    expect(waitHint({ ...base, open: false, expectedWaitSeconds: 9999 })).toEqual({
      key: 'contact.wait.closed',
      peak: false,
    })
    expect(waitHint(base)).toBeUndefined()
    expect(waitHint(undefined)).toBeUndefined()
    expect(waitHint({ ...base, expectedWaitSeconds: -1 })).toBeUndefined()
  })
})

it('the "have these ready" list names account, time, amount, order number and screenshots', () => {
  expect(READY_ITEMS).toEqual([
    'contact.ready.account',
    'contact.ready.time',
    'contact.ready.amount',
    'contact.ready.orderNo',
    'contact.ready.screenshots',
  ])
})
