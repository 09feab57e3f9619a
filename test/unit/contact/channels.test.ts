import { describe, expect, it } from 'vitest'
import { buildContactModel } from '../../../src/contact/channels.js'
import { isExternalUrl } from '../../../src/bridge/externalUrl.js'
import { httpsUrl, isEmailAddress, telHref } from '../../../src/contact/urls.js'
import { ConfigError } from '../../../src/errors/index.js'
import { validateSupportOptions } from '../../../src/options/index.js'

describe('URL validation', () => {
  it('tel: digits only, with visual separators and a leading + allowed', () => {
    expect(telHref('95188')).toBe('tel:95188')
    expect(telHref('+86 (10) 9518-8000')).toBe('tel:+861095188000')
    expect(telHref('400.820.8820')).toBe('tel:4008208820')
    for (const bad of ['95188;ext=1', '95188,,1', '*#06#', 'call 95188', '12', '+', 'tel:95188', '1'.repeat(21)])
      expect(telHref(bad), bad).toBeUndefined()
  })

  it('https only, no credentials, for website, social and map links', () => {
    expect(httpsUrl('https://help.example.com/path?q=1')).toBe('https://help.example.com/path?q=1')
    for (const bad of [
      'http://example.com',
      'javascript:alert(1)',
      'data:text/html,x',
      '//example.com',
      '/relative',
      'https://user:pw@example.com',
      'ftp://x.com',
      'not a url',
    ])
      expect(httpsUrl(bad), bad).toBeUndefined()
  })

  it('plain e-mail addresses only', () => {
    expect(isEmailAddress('help@wallet.example.com')).toBe(true)
    for (const bad of ['help@wallet', 'a b@c.com', 'x@y.com?cc=z@w.com', '"q"@x.com', 'a@b..com', '@x.com'])
      expect(isEmailAddress(bad), bad).toBe(false)
  })

  it('links the SDK may hand to a native host', () => {
    expect(isExternalUrl('tel:95188')).toBe(true)
    expect(isExternalUrl('mailto:help@example.com?subject=a%20b')).toBe(true)
    expect(isExternalUrl('https://example.com')).toBe(true)
    for (const bad of [
      'tel:95188;phone-context=x',
      'mailto:x@y.com?body=a b',
      'http://example.com',
      'javascript:void(0)',
      'intent://x#Intent;end',
      'sms:95188',
    ])
      expect(isExternalUrl(bad), bad).toBe(false)
  })
})

describe('contact model', () => {
  it('builds channels with safe links and schedules in the operator zone', () => {
    const m = buildContactModel({
      hotline: { number: '95188', hours: [{ day: 1, open: '09:00', close: '21:00' }] },
      email: { address: 'help@example.com' },
      website: { url: 'https://help.example.com/' },
      social: [{ name: 'Weibo', url: 'https://weibo.com/wallet', handle: '@wallet' }],
      servicePoints: [
        {
          name: 'Shanghai',
          address: '1 Nanjing Rd',
          mapUrl: 'https://maps.example.com/?q=1',
          hours: [{ day: 6, open: '10:00', close: '16:00' }],
        },
      ],
      timeZone: 'Asia/Shanghai',
      holidays: ['2026-10-02', '2026-10-01'],
    })
    expect(m.dropped).toEqual([])
    expect(m.channels.map((c) => c.kind)).toEqual(['hotline', 'email', 'website', 'social', 'servicePoints'])
    expect(m.channels[0]).toEqual({
      kind: 'hotline',
      number: '95188',
      href: 'tel:95188',
      hours: {
        timeZone: 'Asia/Shanghai',
        weekly: [{ day: 1, open: '09:00', close: '21:00' }],
        holidays: ['2026-10-01', '2026-10-02'],
      },
    })
    expect(m.channels[2]).toEqual({ kind: 'website', url: 'https://help.example.com/', host: 'help.example.com' })
  })

  it('drops what fails validation and says which path, never rendering a bad link', () => {
    const m = buildContactModel({
      hotline: { number: 'javascript:alert(1)' },
      website: { url: 'http://insecure.example.com' },
      social: [
        { name: 'ok', url: 'https://ok.example.com' },
        { name: 'bad', url: 'javascript:x' },
      ],
      servicePoints: [{ name: 'P', address: 'A', mapUrl: 'http://maps.example.com' }],
      email: { address: 'help@example.com', hours: [{ day: 1, open: '09:00', close: '17:00' }] },
      holidays: ['2026-02-30'],
    })
    expect(m.dropped).toEqual([
      'channels.holidays.2026-02-30',
      'channels.hotline.number',
      'channels.email.hours',
      'channels.website.url',
      'channels.social.1',
      'channels.servicePoints.0.mapUrl',
    ])
    expect(m.channels.map((c) => c.kind)).toEqual(['email', 'social', 'servicePoints'])
    expect(JSON.stringify(m.channels)).not.toMatch(/javascript|http:/)
  })
})

describe('options: channels and bridge', () => {
  const error = (options: unknown) => {
    try {
      validateSupportOptions(options)
    } catch (e) {
      return e instanceof ConfigError ? e.message : String(e)
    }
    return 'no error'
  }

  it('accepts a full channels option', () => {
    expect(
      error({
        channels: {
          hotline: { number: '95188', hours: [{ day: 1, open: '09:00', close: '24:00' }] },
          timeZone: 'Asia/Shanghai',
          holidays: ['2026-10-01'],
        },
      }),
    ).toBe('no error')
  })

  it('names the bad path', () => {
    expect(error({ channels: { website: { url: 'http://x.com' } } })).toMatch(
      /options\.channels\.website\.url.*https URL/,
    )
    expect(error({ channels: { hotline: { number: '9518a' } } })).toMatch(/options\.channels\.hotline\.number/)
    expect(
      error({
        channels: { hotline: { number: '95188', hours: [{ day: 7, open: '09:00', close: '17:00' }] }, timeZone: 'UTC' },
      }),
    ).toMatch(/options\.channels\.hotline\.hours\.0\.day/)
    expect(
      error({
        channels: { hotline: { number: '95188', hours: [{ day: 1, open: '9:00', close: '17:00' }] }, timeZone: 'UTC' },
      }),
    ).toMatch(/hours\.0\.open/)
    expect(error({ channels: { hotline: { number: '95188', hours: [] } } })).toMatch(
      /options\.channels\.timeZone.*required/,
    )
    expect(error({ channels: { timeZone: 'Mars/Olympus' } })).toMatch(/options\.channels\.timeZone.*IANA/)
    expect(error({ channels: { holidays: ['2026-13-01'] } })).toMatch(/options\.channels\.holidays\.0/)
    expect(error({ channels: { socials: [] } })).toMatch(/did you mean "social"/)
  })

  it('bridge: a list of origins, never "*" (createBridge checks each is exact)', () => {
    expect(error({ bridge: { allowedOrigins: ['https://wallet.example.com', 'http://127.0.0.1:8080'] } })).toBe(
      'no error',
    )
    expect(error({ bridge: { allowedOrigins: ['*'] } })).toMatch(/options\.bridge\.allowedOrigins\.0.*never "\*"/)
    expect(error({ bridge: { allowedOrigins: [] } })).toMatch(/at least one origin/)
    expect(error({ bridge: {} })).toMatch(/options\.bridge\.allowedOrigins".*is required/)
    expect(error({ bridge: { allowedOrigins: ['https://a.example'], channel: 'ios' } })).toMatch(
      /options\.bridge\.channel/,
    )
  })
})
