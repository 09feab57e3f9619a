import { describe, expect, it } from 'vitest'
import { createSearchIndex } from '../../../src/search/index.js'
import type { Article } from '../../../src/types.js'

/**
 * An English word no article says, derived from one they do (refundable, unfreezing,
 * disconnecting), stands for that word: the stemmer strips inflections only, and a typo
 * correction allows one or two edits, so such a word found nothing of its own.
 */
describe('search: derived and prefixed English words', () => {
  const en = (id: string, title: string, body: string): Article => ({ id, locale: 'en', title, tags: [], body })
  const index = createSearchIndex([
    en('refund', 'Refunds', 'A refund goes back to the card you paid with.'),
    en('freeze', 'Freeze your wallet', 'Freeze it when your phone is lost; unlock it in settings.'),
    en('bank', 'Connect a bank', 'Connect a bank to move money out.'),
    en('fees', 'Fees', 'What a transfer costs.'),
  ])
  const top = (q: string) => index.search(q, { locale: 'en', limit: 1 })[0]?.id

  it('finds the word a suffix was added to', () => {
    expect(top('is this refundable')).toBe('refund')
  })

  it('finds the word a prefix was added to', () => {
    expect(top('unfreezing')).toBe('freeze')
    expect(top('disconnecting')).toBe('bank')
  })

  it('takes no word whose rest is not a suffix, nor a short word behind dis-, de-, mis- or non-', () => {
    const index = createSearchIndex([
      en('card', 'Add a card', 'Add a card to pay in shops.'),
      en('part', 'Partial refunds', 'A part of the amount comes back.'),
      en('bank', 'Connect a bank', 'Connect a bank to move money out.'),
      en('lock', 'Lock your wallet', 'Lock it when your phone is lost.'),
    ])
    const ids = (q: string) => index.search(q, { locale: 'en', limit: 3 }).map((h) => h.id)
    // Words of their own, not forms of card, part or bank: nothing in these articles means them.
    expect(ids('discard')).toEqual([])
    expect(ids('department')).toEqual([])
    expect(ids('bankrupt')).toEqual([])
    // un- and re- still take a four-letter word: unlock is a lock.
    expect(ids('unlocking')).toEqual(['lock'])
    expect(ids('discarded')).toEqual([])
  })
})
