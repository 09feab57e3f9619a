import { waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeTransport } from '../support/fakeTransport.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'

// The flag the live chat view keeps in sessionStorage while it shows, read by host/reopen.ts
// after a reload. The page reload itself is in test/e2e/chatReload.test.ts.
const FLAG = 'help-feedback:chat'
beforeEach(() => {
  freshDevice()
  sessionStorage.clear()
})
afterEach(async () => {
  await closeClients()
  sessionStorage.clear()
})

describe('the live chat flag for a reload', () => {
  it('two widgets on one page, both on the live chat: closing one keeps the flag for the other', async () => {
    const first = openPanel(fakeTransport(), 'chat')
    const second = openPanel(fakeTransport(), 'chat')
    await waitFor(() => expect(document.querySelectorAll('.chat').length).toBe(2))
    await waitFor(() => expect(sessionStorage.getItem(FLAG)).toBe('1'))
    // The second widget's chat goes (closed: the runtime unmounts the view); the first still shows it.
    second.unmount()
    expect(document.querySelectorAll('.chat').length).toBe(1)
    expect(sessionStorage.getItem(FLAG)).toBe('1')
    first.unmount()
    expect(sessionStorage.getItem(FLAG)).toBeNull()
  })
})
