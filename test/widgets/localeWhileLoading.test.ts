/**
 * A `setLocale` made while the panel runtime starts (it waits for its strings) reaches the panel:
 * the runtime's start is held at a gate the test opens after the call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { stubTransport } from '../support/transport.js'

const hooks = vi.hoisted(() => {
  let open!: () => void
  let started!: () => void
  return {
    gate: new Promise<void>((r) => (open = r)),
    startedP: new Promise<void>((r) => (started = r)),
    open: () => open(),
    started: () => started(),
  }
})

vi.mock('../../widgets/panel/runtime.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../widgets/panel/runtime.js')>()
  return {
    ...real,
    startRuntime: async (ctx: Parameters<typeof real.startRuntime>[0]) => {
      // The options (and the locale in them) are fixed now; the start itself waits.
      hooks.started()
      await hooks.gate
      return real.startRuntime(ctx)
    },
  }
})

const { createHelpFeedback } = await import('../../widgets/index.js')

const transport = stubTransport()
let widget: ReturnType<typeof createHelpFeedback> | undefined
afterEach(() => widget?.destroy())

describe('setLocale while the panel is loading', () => {
  it('the panel opens in the locale asked for last, not the one it started with', async () => {
    widget = createHelpFeedback({ transport, locale: 'en', channels: { hotline: { number: '95188' } } }).mount()
    const opening = widget.open('contact')
    await hooks.startedP
    widget.setLocale('zh-TW')
    hooks.open()
    await opening
    const client = await widget.client()
    expect(client.store.getState().system.locale).toBe('zh-TW')
    const shadow = document.querySelector('[data-help-feedback]')!.shadowRoot!
    await vi.waitFor(() => expect(shadow.querySelector('h2')?.textContent).toBe('聯絡我們'))
  })
})
