/**
 * `setLocale` with no locale ('' from a `<help-feedback locale="">` attribute, `undefined` from a
 * host's unset setting) means the browser's languages, in the launcher as in the core
 * (`client.ts` picks them for anything falsy): the launcher was left in English, or threw.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { stubTransport } from '../support/transport.js'

const transport = stubTransport()
let widget: HelpFeedback | undefined
afterEach(() => {
  widget?.destroy()
  widget = undefined
  vi.restoreAllMocks()
})
const launcher = () =>
  document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('.launcher') as HTMLButtonElement

describe('setLocale without a locale', () => {
  it.each([[''], [undefined]])('%j follows the browser, as the core does', async (value) => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-TW', 'en'])
    widget = createHelpFeedback({ transport, locale: 'en' }).mount()
    expect(launcher().textContent).toContain('Help & Feedback')
    widget.setLocale(value as never)
    expect(launcher().textContent).toContain('說明與意見回饋')
    const client = await widget.client()
    await vi.waitFor(() => expect(client.store.getState().system.locale).toBe('zh-TW'))
  })
})
