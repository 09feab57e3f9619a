import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors/index.js'
import { validateSupportOptions, validateWidgetOptions } from '../../../src/options/index.js'

function pathOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('config')
    return (error as ConfigError).path
  }
  throw new Error('expected a ConfigError')
}

describe('options', () => {
  it('accepts no options and a complete valid set', () => {
    expect(validateSupportOptions(undefined)).toEqual({})
    const ok = {
      locale: 'zh-CN',
      user: { id: 'u1', name: '张三', attributes: { plan: 'gold', vip: true } },
      transport: { type: 'rest', baseUrl: '/api' },
      onEvent: () => {},
      messages: { en: { 'panel.title': 'Help' } },
      theme: 'dark',
      position: 'bottom-left',
      zIndex: 10,
      nonce: 'abc',
      launcher: false,
      colors: { primary: '#e60012' },
    }
    expect(validateWidgetOptions(ok)).toBe(ok)
  })

  it('names the bad path', () => {
    expect(pathOf(() => validateSupportOptions({ locale: 'fr' }))).toBe('options.locale')
    expect(pathOf(() => validateSupportOptions({ user: { name: 'x' } }))).toBe('options.user.id')
    expect(pathOf(() => validateSupportOptions({ user: { id: 'u', attributes: { a: {} } } }))).toBe(
      'options.user.attributes.a',
    )
    expect(pathOf(() => validateSupportOptions({ transport: { type: 'rest' } }))).toBe('options.transport.baseUrl')
    expect(pathOf(() => validateSupportOptions({ transport: { type: 'soap' } }))).toBe('options.transport.type')
    expect(pathOf(() => validateSupportOptions({ transport: {} }))).toBe('options.transport')
    expect(pathOf(() => validateSupportOptions({ messages: { 'zh-CN': { 'panel.title': 3 } } }))).toBe(
      'options.messages.zh-CN.panel.title',
    )
    expect(pathOf(() => validateWidgetOptions({ zIndex: -1 }))).toBe('options.zIndex')
    expect(pathOf(() => validateWidgetOptions({ position: 'top' }))).toBe('options.position')
    expect(pathOf(() => validateWidgetOptions({ theme: 'neon' }))).toBe('options.theme')
  })

  it('suggests the intended name for a typo and rejects unknown options', () => {
    try {
      validateSupportOptions({ locle: 'en' })
      expect.unreachable()
    } catch (error) {
      expect((error as ConfigError).path).toBe('options.locle')
      expect((error as Error).message).toContain('did you mean "locale"')
    }
    expect(pathOf(() => validateSupportOptions({ whatever: 1 }))).toBe('options.whatever')
  })

  it('refuses colours that could inject CSS', () => {
    expect(pathOf(() => validateWidgetOptions({ colors: { primary: 'red;} body{display:none' } }))).toBe(
      'options.colors.primary',
    )
    expect(validateWidgetOptions({ colors: { primary: 'rgb(0, 80, 200)' } })).toBeTruthy()
  })

  it('does not accept widget-only options in the headless client', () => {
    expect(pathOf(() => validateSupportOptions({ theme: 'dark' }))).toBe('options.theme')
  })
})

describe('launcher-side checks', () => {
  it('know exactly the core option names', async () => {
    const { coreShape } = await import('../../../src/options/core.js')
    const { CORE_OPTION_NAMES } = await import('../../../src/options/widget.js')
    expect([...CORE_OPTION_NAMES].sort()).toEqual(Object.keys(coreShape).sort())
  })

  it('check widget options and option names synchronously, leave core values to the core', async () => {
    const { checkWidgetOptions } = await import('../../../src/options/widget.js')
    expect(() => checkWidgetOptions({ posiiton: 'bottom-left' })).toThrow(/did you mean "position"/)
    expect(() => checkWidgetOptions({ zIndex: 'high' })).toThrow(ConfigError)
    expect(() => checkWidgetOptions({ locale: 'fr' })).toThrow(ConfigError)
    expect(() => checkWidgetOptions({ channels: { hotline: {} } })).not.toThrow()
    expect(pathOf(() => validateWidgetOptions({ channels: { hotline: {} } }))).toBe('options.channels.hotline.number')
  })
})
