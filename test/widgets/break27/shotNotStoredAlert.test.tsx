/**
 * The "could not be saved on this device" message of a screenshot the device refused: announced
 * (an alert), like the form's other errors, and tied to the file picker it is about.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from '../panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  vi.restoreAllMocks()
  await closeClients()
})

const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0]
const png = (name: string) => new File([Uint8Array.from(PNG_BYTES)], name, { type: 'image/png' })
const input = () => document.querySelector('[data-field=screenshots] input[type=file]') as HTMLInputElement

describe('a screenshot the device refuses to store', () => {
  it('says so in an alert, which the file picker is described by', async () => {
    openPanel(fakeTransport(), 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() => expect(input()).not.toBeNull())
    const proto = (globalThis as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } })
      .IDBObjectStore.prototype
    const put = proto.put
    vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (String(args[1]).endsWith(':files')) throw new DOMException('full', 'QuotaExceededError')
      return put.apply(this, args)
    })
    fireEvent.change(input(), { target: { files: [png('receipt.png')] } })
    const message = await waitFor(() => {
      const p = document.querySelector('[data-not-stored]')
      expect(p).not.toBeNull()
      return p!
    })
    const alerts = screen.getAllByRole('alert')
    expect(alerts.some((a) => a.contains(message))).toBe(true)
    const describedBy = (input()?.getAttribute('aria-describedby') ?? '').split(' ')
    const region = message.closest('[id]')
    expect(describedBy).toContain(region?.id)
  })
})
