import { describe, expect, it } from 'vitest'
import { isUnread, replyDue, stepOf } from '../../../src/requests/requests.js'
import { CATEGORY_ICONS, categories, groupedCategories, guessCategory } from '../../../src/reports/index.js'

describe('guessCategory', () => {
  it('reads the category from the transaction status and kind', () => {
    expect(guessCategory({ status: 'failed', kind: 'payment' })).toBe('payment_failed')
    expect(guessCategory({ status: 'failed' })).toBe('payment_failed')
    expect(guessCategory({ status: 'pending', kind: 'transfer' })).toBe('transfer_delayed')
    expect(guessCategory({ status: 'failed', kind: 'top-up' })).toBe('topup_failed')
    expect(guessCategory({ status: 'failed', kind: 'withdrawal' })).toBe('withdrawal_failed')
    expect(guessCategory({ status: 'refunded', kind: 'refund' })).toBe('refund_not_received')
    expect(guessCategory({ status: 'pending', kind: 'payment' })).toBe('charged_not_received')
  })

  it('says nothing when the status says nothing', () => {
    expect(guessCategory(undefined)).toBeUndefined()
    expect(guessCategory({ kind: 'payment' })).toBeUndefined()
    expect(guessCategory({ status: 'succeeded', kind: 'payment' })).toBeUndefined()
  })
})

describe('category groups and icons', () => {
  it('puts every category in exactly one group, urgent ones first, each with an icon', () => {
    const groups = groupedCategories()
    expect(groups.map((g) => g.group)).toEqual(['urgent', 'money', 'other'])
    expect(groups[0]!.items.map((c) => c.id)).toEqual(['wrong_recipient', 'unauthorized', 'impersonation'])
    expect(
      groups
        .flatMap((g) => g.items)
        .map((c) => c.id)
        .sort(),
    ).toEqual(categories.map((c) => c.id).sort())
    for (const c of categories) expect(CATEGORY_ICONS[c.id]).toMatch(/^M/)
  })
})

describe('request tracking helpers', () => {
  it('maps statuses onto the four steps', () => {
    expect(['new', 'open', 'on_hold', 'pending', 'solved', 'closed'].map((s) => stepOf(s as never))).toEqual([
      'received',
      'working',
      'working',
      'waiting',
      'resolved',
      'resolved',
    ])
  })

  it('is unread when it changed after the user last looked (or after filing, never opened)', () => {
    const t = { id: 'a', createdAt: '2026-11-23T01:00:00Z', updatedAt: '2026-11-23T02:00:00Z' }
    expect(isUnread(t, {})).toBe(true)
    expect(isUnread({ ...t, updatedAt: t.createdAt }, {})).toBe(false)
    expect(isUnread(t, { a: '2026-11-23T02:00:00Z' })).toBe(false)
    expect(isUnread(t, { a: '2026-11-23T01:30:00Z' })).toBe(true)
  })

  it('gives a reply deadline only while a first answer is awaited', () => {
    const base = { status: 'new' as const, createdAt: '2026-11-23T01:00:00Z', expectedResponseHours: 4 }
    expect(replyDue(base)).toBe(Date.parse('2026-11-23T05:00:00Z'))
    expect(replyDue({ ...base, status: 'solved' })).toBeUndefined()
    expect(replyDue({ status: 'new', createdAt: base.createdAt })).toBeUndefined()
    expect(
      replyDue({
        ...base,
        comments: [{ id: 'c', author: 'agent', body: 'hi', createdAt: base.createdAt, attachments: [] }],
      }),
    ).toBeUndefined()
  })
})
