/**
 * A wait the backend does not know, sent as a negative number (`expectedWaitSeconds: -1` is a
 * common "unknown"), or an endless one from a JavaScript transport: Contact says no wait for it
 * (`waitHint`), but Home's card said agents reply "within 1 min" (or 9999 min), and so did the
 * chat's header. The three read one `waitMinutes` now and say the same: no number of minutes.
 */
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitHint } from '../../src/contact/guidance.js'
import { memoryStore } from '../../src/storage/memory.js'
import { memoryTransport } from '../../src/transports/memory.js'
import type { Transport } from '../../src/transports/types.js'
import type { Availability } from '../../src/types.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'

let widget: HelpFeedback | undefined
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => {
  widget?.destroy()
  widget = undefined
})

const shadow = () => (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!

describe.each([-1, -600, Infinity])('a wait of %s seconds', (expectedWaitSeconds) => {
  const availability: Availability = { agentsOnline: 1, queueLength: 0, open: true, expectedWaitSeconds }
  const transport = (): Transport => ({
    ...memoryTransport({ store: memoryStore(), agent: { autoReply: false } }),
    availability: async () => availability,
  })

  it('Contact says no wait for it', () => {
    expect(waitHint(availability)).toBeUndefined()
  })

  it("Home's card says agents are online, no minutes", async () => {
    widget = createHelpFeedback({ transport: transport(), locale: 'en', user: { id: 'u1' } }).mount()
    await widget.open()
    const reply = await vi.waitFor(
      () => {
        const text = shadow().querySelector('[data-home-card] [data-card-reply]')?.textContent
        expect(text).toMatch(/Agents/)
        return text
      },
      { timeout: 6000 },
    )
    expect(reply).toBe('Agents are online now.')
  })

  it("the chat's header says no minutes", async () => {
    widget = createHelpFeedback({ transport: transport(), locale: 'en', user: { id: 'u1' } }).mount()
    await widget.open('chat')
    await vi.waitFor(() => expect(shadow().querySelector('.chat[data-ready]')).not.toBeNull(), { timeout: 15_000 })
    const client = await widget.client()
    await vi.waitFor(() => expect(client.chat.store.getState().availability).toEqual(availability))
    expect(shadow().textContent).toContain('Send a message to start a chat.')
    expect(shadow().textContent).not.toMatch(/replies within/)
  })
})
