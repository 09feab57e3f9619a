/**
 * The device's IndexedDB refuses the screenshots record (a full disk): the SDK's store keeps it
 * in memory and carries on, so nothing throws. The thumbnail must still not claim it is kept on
 * the device: a reload does not find it.
 */
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from '../panelHarness.js'
import { png, refuseShotWrites, shotInput } from '../shotFiles.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  vi.restoreAllMocks()
  await closeClients()
})

const input = () => shotInput()!
const tile = () => document.querySelector('[data-field=screenshots] [data-shot]')

describe('a screenshot the device refuses to store', () => {
  it('its tile says it is not saved on this device, and a reload indeed does not find it', async () => {
    const fake = fakeTransport()
    const first = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() => expect(input()).not.toBeNull())
    refuseShotWrites()
    fireEvent.change(input(), { target: { files: [png('receipt.png')] } })
    // The storing settled one way or the other: the tile is no longer "saving".
    await waitFor(() => expect(['ready', 'unsaved']).toContain(tile()?.getAttribute('data-state')))
    const claimed = tile()?.getAttribute('data-state') === 'ready'
    // The reload: a new page over the same device.
    vi.restoreAllMocks()
    const { drafts } = await first.client.services()
    await drafts.flush()
    first.unmount()
    await closeClients()
    openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() => expect(input()).not.toBeNull())
    await new Promise((r) => setTimeout(r, 300))
    const back = document.querySelectorAll('[data-field=screenshots] [data-shot]').length
    // Shown as kept, it must be back; not back, the tile must have said so.
    expect({ claimed, back }).toEqual(claimed ? { claimed, back: 1 } : { claimed, back: 0 })
  })
})

describe('text the device refuses to store', () => {
  it('a reload after the refusal brings it back from the pagehide copy', async () => {
    const fake = fakeTransport()
    const first = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() => expect(input()).not.toBeNull())
    const proto = (globalThis as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } })
      .IDBObjectStore.prototype
    const put = proto.put
    const refused: string[] = []
    vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (String(args[1]).includes('draft:report:')) {
        refused.push(String(args[1]))
        throw new DOMException('full', 'QuotaExceededError')
      }
      return put.apply(this, args)
    })
    const text = 'The coffee shop says my payment never arrived.'
    fireEvent.input(document.querySelector('[data-field=description] textarea')!, { target: { value: text } })
    // The debounced write was tried and refused; the user typed nothing since.
    await waitFor(() => expect(refused.length).toBeGreaterThan(0), { timeout: 3000 })
    const { drafts } = await first.client.services()
    await drafts.flush()
    // The reload: the page hides (the synchronous copy is all a page gets then), a new page opens.
    window.dispatchEvent(new Event('pagehide'))
    vi.restoreAllMocks()
    first.unmount()
    await closeClients()
    openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-field=description] textarea') as HTMLTextAreaElement).value).toBe(text),
    )
  })
})
