import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { browserLanguages, negotiateLocale } from '../../../src/i18n/negotiate.js'

// A WebView or embedded runtime may give a `navigator` with neither `languages` nor `language`,
// or an empty `languages`: the locale falls back, the client is still made.
describe('the browser languages of a bare navigator', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('no languages, no language: none, and a client with locale auto is made in English', () => {
    vi.stubGlobal('navigator', {})
    expect(browserLanguages()).toEqual([])
    const client = createSupportClient({ locale: 'auto' })
    expect(client.store.getState().system.locale).toBe('en')
    client.destroy()
  })

  it('an empty languages list: the language is read', () => {
    vi.stubGlobal('navigator', { languages: [], language: 'zh-TW' })
    expect(browserLanguages()).toEqual(['zh-TW'])
    const client = createSupportClient({ locale: 'auto' })
    expect(client.store.getState().system.locale).toBe('zh-TW')
    client.destroy()
  })

  it('entries that are not strings are passed over', () => {
    expect(negotiateLocale([undefined, 42, null, 'zh-Hant-HK'] as unknown as string[])).toBe('zh-TW')
  })
})
