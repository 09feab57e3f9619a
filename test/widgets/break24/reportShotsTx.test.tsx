import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from '../../support/fakeTransport.js'
import { TX } from '../../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from '../panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const png = () =>
  new File(
    [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0])],
    'shot.png',
    { type: 'image/png' },
  )

describe('screenshots of a report whose transaction is changed after they were added', () => {
  it('come back with the transaction picked, not dropped as another payment’s', async () => {
    const LI = { ...TX, id: 'T2026112300018842', amount: '2000.00', counterparty: 'Li Si' }
    const getRecentTransactions = vi.fn(async () => [TX, LI])
    const first = openPanel(
      fakeTransport(),
      'report',
      { transaction: TX, category: 'transfer_delayed' },
      {
        getRecentTransactions,
      },
    )
    await waitFor(() => expect(document.querySelector('[data-field=screenshots] input[type=file]')).not.toBeNull())
    await waitFor(() => expect((document.querySelector('[data-submit]') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.change(document.querySelector('[data-field=screenshots] input[type=file]') as HTMLInputElement, {
      target: { files: [png()] },
    })
    await screen.findByRole('img', { name: 'Screenshot 1' })
    fireEvent.click(screen.getByRole('button', { name: 'Choose another transaction' }))
    fireEvent.click(await screen.findByRole('button', { name: /Li Si/ }))
    await waitFor(() => expect(document.querySelector('[data-current-tx="T2026112300018842"]')).not.toBeNull())
    // Still attached on screen: the user has no reason to think it is gone.
    expect(screen.getByRole('img', { name: 'Screenshot 1' })).toBeTruthy()
    await (await first.client.services()).drafts.flush()
    first.unmount()
    await closeClients()

    // Reopened (a reload, or the panel closed and opened again): the draft with the picked transaction.
    openPanel(fakeTransport(), 'report', { category: 'transfer_delayed' }, { getRecentTransactions })
    await waitFor(() => expect(document.querySelector('[data-current-tx="T2026112300018842"]')).not.toBeNull())
    await screen.findByRole('img', { name: 'Screenshot 1' })
  })
})
