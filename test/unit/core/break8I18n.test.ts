import { describe, expect, it } from 'vitest'
import { fieldText } from '../../../widgets/chat/errorText.js'
import { catalogs, createTranslator, format, translate, type MessageKey } from '../../../src/i18n/index.js'

/**
 * Keys and placeholder names that name Object.prototype members. A backend's field error code
 * reaches `t` as a key (`t(e.code)`, then "not a catalog key" falls back to generic text).
 */
const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf']

describe('Object.prototype member names in the translator', () => {
  it('are not catalog keys: the key comes back as text, with or without parameters', () => {
    const t = createTranslator(catalogs.en!, { 'panel.title': 'Help' })
    for (const name of NAMES) {
      expect(t(name as MessageKey)).toBe(name)
      expect(t(name as MessageKey, { n: 1 })).toBe(name)
      expect(translate([{}, undefined], name)).toBe(name)
    }
  })

  it('are not parameters: a placeholder nobody passed stays visible', () => {
    for (const name of NAMES) expect(format(`a {${name}} b`, { other: 1 })).toBe(`a {${name}} b`)
    expect(format('{constructor}', { constructor: 'own' })).toBe('own')
  })

  it('a chat field error with such a code reads as the generic send error', () => {
    const t = createTranslator(catalogs.en!)
    for (const name of NAMES) expect(fieldText(t, name)).toBe(t('chat.error.send'))
  })
})
