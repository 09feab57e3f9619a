/**
 * A view name the panel does not have, set by hand in the client's store (it is public; `open`
 * refuses such a name): the view host shows Home, and the header now says so too, Home's title
 * and no Back button, instead of the raw key `view.nope` over Home's body with a Back button.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ViewName } from '../../../src/events.js'
import { createHelpFeedback, type HelpFeedback } from '../../../widgets/index.js'
import { stubTransport } from '../../support/transport.js'
import { closeClients } from '../panelHarness.js'

let widget: HelpFeedback | undefined
afterEach(async () => {
  widget?.destroy()
  widget = undefined
  await closeClients()
})

const dialog = () =>
  document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('[role=dialog]') as HTMLElement | null
const head = () => dialog()!.querySelector('.head')!

describe('a view name the panel does not have, set in the store', () => {
  it.each(['nope', 'toString'])('%s: Home’s title, no Back button, Home’s body', async (view) => {
    widget = createHelpFeedback({ transport: stubTransport(), locale: 'en' }).mount()
    await widget.open('contact')
    await vi.waitFor(() => expect(dialog()?.querySelector('h2')?.textContent).toBe('Contact us'))
    expect(head().querySelector('[aria-label=Back]')).not.toBeNull()
    const client = await widget.client()

    client.store.setState((s) => ({ ui: { ...s.ui, view: view as ViewName } }))

    await vi.waitFor(() => expect(dialog()!.querySelectorAll('[data-entry]').length).toBe(4))
    expect(head().querySelector('h2')?.textContent).toBe('Help & Feedback')
    expect(head().querySelector('[aria-label=Back]')).toBeNull()
  })
})
