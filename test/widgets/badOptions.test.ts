/**
 * Bad core options, whatever their kind, end in the setup message in the page's locale (the
 * core strings load once the core has refused them), with the path on the console.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback, type WidgetOptions } from '../../widgets/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { stubTransport } from '../support/transport.js'

const transport = stubTransport()
let widget: HelpFeedback | undefined
afterEach(() => {
  widget?.destroy()
  widget = undefined
  vi.restoreAllMocks()
})
const alert = () =>
  document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('.frame [role=alert]') as HTMLElement | null

const SETUP = {
  en: 'Help is unavailable right now because of a setup problem in this app.',
  'zh-CN': '由于应用配置有误，帮助暂时不可用。',
  'zh-TW': '由於應用程式設定有誤，說明暫時無法使用。',
} as const

const bad: Array<[path: string, options: Record<string, unknown>]> = [
  ['options.transport', { transport: 5 }],
  ['options.transport.baseUrl', { transport: { type: 'rest' } }],
  ['options.transport.type', { transport: { type: 'graphql' } }],
  ['options.transport.constructor', { transport: { type: 'rest', baseUrl: '/api', constructor: 1 } }],
  ['options.user', { transport, user: 'bob' }],
  ['options.user.id', { transport, user: {} }],
  // The entry listens with the host's onEvent and hands the core its own: the host's was never checked.
  ['options.onEvent', { transport, onEvent: 'track' }],
  ['options.messages.fr', { transport, messages: { fr: {} } }],
  ['options.messages.en.panel.misconfigured', { transport, messages: { en: { 'panel.misconfigured': 42 } } }],
  ['options.channels.toString', { transport, channels: { toString: 1 } }],
  ['options.bridge.allowedOrigins', { transport, bridge: {} }],
]

describe('bad core options', () => {
  for (const locale of ['en', 'zh-CN', 'zh-TW'] as const)
    it.each(bad)(`${locale}: %s gives the setup message`, async (path, options) => {
      const errors: unknown[] = []
      vi.spyOn(console, 'error').mockImplementation((e) => errors.push(e))
      widget = createHelpFeedback({ ...options, locale } as WidgetOptions)
      await widget.open()
      expect(alert()?.textContent).toBe(SETUP[locale])
      expect(errors[0]).toBeInstanceOf(ConfigError)
      expect((errors[0] as ConfigError).path).toBe(path)
    })
})
