import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateFromPackage } from '../../../scripts/genConfusables.js'
import {
  decodePunycode,
  editDistance,
  hostToUnicode,
  parsePhone,
  registrableDomain,
  skeleton,
} from '../../../src/checker/index.js'

describe('confusables table', () => {
  it('is what scripts/genConfusables.ts generates from the published data (regenerate when it differs)', () => {
    expect(readFileSync(new URL('../../../src/checker/confusablesTable.ts', import.meta.url), 'utf8')).toBe(
      generateFromPackage(),
    )
  })
  it('folds Cyrillic, Greek, full-width and digit look-alikes onto Latin letters', () => {
    for (const s of ['wаllet', 'wallеt', 'wαllet', 'ｗａｌｌｅｔ', 'wa11et', 'waIlet'])
      expect(skeleton(s)).toBe(skeleton('wallet'))
    expect(skeleton('wollet')).not.toBe(skeleton('wallet'))
  })
})

describe('punycode', () => {
  it('decodes what the URL parser encodes', () => {
    const host = new URL('https://exаmple.中国').hostname
    expect(host).toMatch(/^xn--/)
    expect(hostToUnicode(host)).toBe('exаmple.中国')
  })
  it('refuses malformed labels instead of inventing letters', () => {
    expect(decodePunycode('!!')).toBeUndefined()
  })
})

describe('phone numbers', () => {
  it('reads national and international forms as one key', () => {
    const keys = [
      '+86 138 0013 8000',
      '0086-138-0013-8000',
      '138 0013 8000',
      '8613800138000',
      '１３８００１３８０００',
    ].map((s) => parsePhone(s))
    for (const k of keys) expect(k).toEqual({ cc: '86', nsn: '13800138000' })
  })
  it('keeps a foreign country code apart', () => {
    expect(parsePhone('+1 650 253 0000')).toEqual({ cc: '', nsn: '16502530000' })
  })
  it('is not fooled by letters', () => {
    expect(parsePhone('95188abc')).toBeUndefined()
  })
})

describe('helpers', () => {
  it('registrable domain knows two-level suffixes', () => {
    expect(registrableDomain('a.b.example.com.cn')).toBe('example.com.cn')
    expect(registrableDomain('wallet.example.com.evil.cn')).toBe('evil.cn')
  })
  it('edit distance counts a swap as one and stops past the cap', () => {
    expect(editDistance('example', 'exmaple')).toBe(1)
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3)
  })
})

describe('external links', async () => {
  const { isExternalHref, officialDomains } = await import('../../../src/checker/external.js')
  const domains = officialDomains({
    website: { url: 'https://wallet.example.com' },
    email: { address: 'help@mail.example.cn' },
  })
  it('knows the operator domains from the website and the mailbox', () => {
    expect(domains).toEqual(['example.com', 'example.cn'])
  })
  it.each([
    ['https://help.example.com/a', false],
    ['https://example.cn', false],
    ['mailto:help@example.com', false],
    ['tel:95188', false],
    ['https://example.com.evil.cn', true],
    ['https://wallet-example.com', true],
    ['https://example.com@evil.cn', true],
    ['https://xn--exmple-4nf.com', true],
    ['mailto:service@qq.com', true],
  ])('%s external: %s', (href, external) => {
    expect(isExternalHref(href, domains)).toBe(external)
  })
})
