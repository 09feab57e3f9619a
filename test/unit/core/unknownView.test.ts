/**
 * A view name from a JavaScript host is checked: `open('nope')` reached the panel, whose view
 * table has no such entry, and the panel threw. The client now refuses it with a ConfigError
 * (code `config`, localized as `error.config`) and leaves what is open as it was.
 */
import { describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { ConfigError } from '../../../src/errors/index.js'
import type { ViewName } from '../../../src/events.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { stubTransport } from '../../support/transport.js'

const BAD = ['nope', 'toString', 'constructor', '__proto__', '', 'Home', 5, null]

function thrown(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('the headless client refuses a view it does not have', () => {
  it.each(BAD)('open(%j) and navigate to it throw a ConfigError and change nothing', (view) => {
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({ transport: stubTransport(), locale: 'en', onEvent: (e) => events.push(e) })
    client.open('report', { category: 'payment_failed' })
    client.navigate('contact', { reference: 'T1' })
    const before = client.store.getState().ui
    events.length = 0

    const error = thrown(() => client.open(view as ViewName))
    expect(error.code).toBe('config')
    expect(error.path).toBe('view')
    expect(error.message).toContain('"checker"')
    expect(thrown(() => client.navigate(view as ViewName)).path).toBe('view')

    expect(client.store.getState().ui).toBe(before)
    expect(events).toEqual([])
    expect(client.report(error)).toBe('The help panel is misconfigured.')
    client.destroy()
  })

  it('still opens every view it has, and home by default', () => {
    const client = createSupportClient({ transport: stubTransport(), locale: 'en' })
    for (const view of [
      'home',
      'search',
      'article',
      'chat',
      'report',
      'requests',
      'request',
      'contact',
      'checker',
    ] as const) {
      client.navigate(view, {} as never)
      expect(client.store.getState().ui.view).toBe(view)
    }
    client.open()
    expect(client.store.getState().ui.view).toBe('home')
    client.destroy()
  })
})
