/**
 * A view name the panel does not have, from a JavaScript host: `open('nope')` reached the view
 * host, which called `lazyViews['nope']` (undefined) and threw. The widget's `open` now rejects
 * with a ConfigError before it changes anything; the view host, were an unknown view to reach it
 * anyway (the store is public), shows Home.
 */
import { render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../src/client.js'
import { ConfigError } from '../../src/errors/index.js'
import type { ViewName } from '../../src/events.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { ViewHost } from '../../widgets/panel/ViewHost.js'
import { PanelContext } from '../../widgets/ui/context.js'
import { stubTransport } from '../support/transport.js'
import { closeClients } from './panelHarness.js'

let widget: HelpFeedback | undefined
afterEach(async () => {
  widget?.destroy()
  widget = undefined
  await closeClients()
})

const shadow = () => document.querySelector('[data-help-feedback]')!.shadowRoot!
const dialog = () => shadow().querySelector('[role=dialog]') as HTMLElement | null

async function refused(p: Promise<unknown>): Promise<ConfigError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ConfigError)
  expect((error as ConfigError).path).toBe('view')
  return error as ConfigError
}

describe('open() with a view the panel does not have', () => {
  it('rejects with a ConfigError and leaves the open panel on its view', async () => {
    widget = createHelpFeedback({ transport: stubTransport(), locale: 'en' }).mount()
    await widget.open('contact', { reference: 'T1' })
    await vi.waitFor(() => expect(dialog()?.querySelector('h2')?.textContent).toBe('Contact us'))
    const client = await widget.client()
    const before = client.store.getState().ui

    for (const view of ['nope', 'toString', '']) await refused(widget.open(view as ViewName))

    expect(client.store.getState().ui).toBe(before)
    expect(widget.isOpen).toBe(true)
    expect(dialog()?.querySelector('h2')?.textContent).toBe('Contact us')
  })

  it('before the panel has loaded: rejects and shows nothing', async () => {
    widget = createHelpFeedback({ transport: stubTransport(), locale: 'en' }).mount()
    await refused(widget.open('nope' as ViewName))
    expect(widget.isOpen).toBe(false)
    expect(shadow().querySelector('.frame')?.hasAttribute('hidden')).toBe(true)
    expect(shadow().querySelector('.frame [role=status]')).toBeNull()
    // The widget still opens on a view it has.
    await widget.open('home')
    await vi.waitFor(() => expect(dialog()?.querySelector('h2')?.textContent).toBe('Help & Feedback'))
  })
})

describe('the view host with a view it has no chunk for', () => {
  it.each(['nope', 'toString', 'constructor'])('%s: shows Home, does not throw', async (view) => {
    const client = createSupportClient({ transport: stubTransport(), locale: 'en' })
    await client.ready()
    render(
      <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
        <ViewHost view={view as ViewName} params={{}} />
      </PanelContext.Provider>,
    )
    await screen.findByRole('search')
    expect(document.querySelectorAll('[data-entry]').length).toBe(4)
    expect(screen.queryByText('Loading…')).toBeNull()
    client.destroy()
  })
})
