/**
 * The "could not be saved on this device" message of a screenshot the device refused: announced
 * (an alert), like the form's other errors, and tied to the file picker it is about.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact'
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

describe('a screenshot the device refuses to store', () => {
  it('says so in an alert, which the file picker is described by', async () => {
    openPanel(fakeTransport(), 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() => expect(input()).not.toBeNull())
    refuseShotWrites()
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
