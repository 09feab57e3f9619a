import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../src/client.js'
import { ViewHost } from '../../widgets/panel/ViewHost.js'
import { PanelContext } from '../../widgets/ui/context.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { closeClients, setOnline } from './panelHarness.js'

// The checker's chunk cannot be fetched (the device is offline); the loader counts the tries.
const { attempts } = vi.hoisted(() => ({ attempts: { checker: 0, fail: true } }))
vi.mock('../../widgets/panel/views.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../widgets/panel/views.js')>()
  return {
    ...real,
    lazyViews: {
      ...real.lazyViews,
      checker: () => {
        attempts.checker++
        if (attempts.fail) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        return Promise.resolve(() => <p>checker view</p>)
      },
    },
  }
})

afterEach(async () => {
  cleanup()
  await closeClients()
})

describe('a view whose chunk cannot be fetched', () => {
  it('says so once, tries again only on "Try again" or when the device comes online', async () => {
    setOnline(false)
    const client = createSupportClient({ transport: fakeTransport().transport, locale: 'en' })
    await client.ready()
    render(
      <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
        <ViewHost view="checker" params={{}} />
      </PanelContext.Provider>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      'This part of the help panel could not be loaded. Check your connection and try again.',
    )
    // No loop: the failure does not start another fetch (it did, ~70 a second, in a render loop).
    await new Promise((r) => setTimeout(r, 200))
    expect(attempts.checker).toBe(1)
    expect(screen.queryByText('Loading…')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(attempts.checker).toBe(2))
    await screen.findByRole('alert')
    await new Promise((r) => setTimeout(r, 100))
    expect(attempts.checker).toBe(2)

    // Back online: one more try, which now succeeds.
    attempts.fail = false
    setOnline(true)
    await screen.findByText('checker view')
    expect(attempts.checker).toBe(3)
    client.destroy()
  })
})
