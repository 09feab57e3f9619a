/**
 * A screenshot picked and still being prepared (decoded, resized) when the page goes: it is kept
 * in the report's draft as picked, under the user who picked it, and prepared when the form comes
 * back. The reload in real Chromium is in test/e2e/reportShotReload.test.ts; here the edge cases,
 * with the preparing held by a gate (the real `prepareImage` runs once it opens).
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { draftFiles, loadReportDraft } from '../../src/reports/flow.js'
import type { SupportClient } from '../../src/client.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'
import { png, shotInput } from './shotFiles.js'

const gate = vi.hoisted(() => {
  let open: () => void = () => undefined
  const state = { opened: Promise.resolve(), calls: 0 }
  return {
    state,
    hold() {
      state.opened = new Promise<void>((r) => (open = r))
    },
    release: () => open(),
  }
})
vi.mock('../../src/attachments/index.js', async (real) => {
  const m = await real<typeof import('../../src/attachments/index.js')>()
  return {
    ...m,
    prepareImage: async (...a: Parameters<typeof m.prepareImage>) => {
      gate.state.calls++
      await gate.state.opened
      return m.prepareImage(...a)
    },
  }
})

beforeEach(() => {
  freshDevice()
  gate.state.opened = Promise.resolve()
  gate.state.calls = 0
})
afterEach(async () => {
  gate.release()
  await closeClients()
})

const CATEGORY = 'other'
const input = () => shotInput()!
const pick = (...files: File[]) => fireEvent.change(input(), { target: { files } })
const tiles = () => [...document.querySelectorAll('[data-field=screenshots] [data-shot]')]

async function form(client?: SupportClient) {
  await waitFor(() => expect(input()).not.toBeNull())
  await waitFor(() => expect((document.querySelector('[data-submit]') as HTMLButtonElement).disabled).toBe(false))
  return client
}
/** What the current user's draft of the category keeps: prepared screenshots, and files as picked. */
async function kept(client: SupportClient) {
  await (await client.services()).drafts.flush()
  const draft = await loadReportDraft(client, CATEGORY)
  return { files: draftFiles(draft).map((f) => f.name), pending: draftFiles(draft, true).map((f) => f.name) }
}
/** The page goes with whatever is on its way (no cleanup runs), and the form is opened again. */
async function reload(unmount: () => void, options = {}) {
  unmount()
  await closeClients()
  gate.state.opened = Promise.resolve()
  const next = openPanel(fakeTransport(), 'report', { transaction: TX, category: CATEGORY }, options)
  await form()
  return next
}

describe('a screenshot still being prepared when the page goes', () => {
  it('is back after a reload, prepared then, once; and it is sent', async () => {
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: CATEGORY })
    await form()
    gate.hold()
    pick(png())
    await waitFor(() => expect(document.querySelector('[data-shot="1"][data-state=processing]')).not.toBeNull())
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: [], pending: ['receipt.png'] }))

    // The reload: the first page's preparing never ends.
    const fake = fakeTransport()
    first.unmount()
    await closeClients()
    gate.state.opened = Promise.resolve()
    const second = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
    await screen.findByRole('img', { name: 'Screenshot 1' })
    expect(tiles()).toHaveLength(1)
    expect(document.querySelector('[data-draft-restored]')).not.toBeNull()
    // Its prepared copy took the place of the file as picked.
    await waitFor(async () => expect(await kept(second.client)).toEqual({ files: ['screenshot-1.png'], pending: [] }))

    fireEvent.input(document.querySelector('[data-field=description] textarea')!, {
      target: { value: 'The shop says the refund went out on Monday; nothing arrived.' },
    })
    await waitFor(() => expect((document.querySelector('[data-submit]') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(document.querySelector('[data-submit]')!)
    await waitFor(() => expect(fake.calls.createTicket).toHaveLength(1))
    expect(fake.calls.upload.map((u) => u.name)).toEqual(['screenshot-1.png'])
  })

  it('prepared before the page goes: kept once, as prepared (the file as picked is gone from the draft)', async () => {
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: CATEGORY })
    await form()
    gate.hold()
    pick(png())
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: [], pending: ['receipt.png'] }))
    gate.release()
    await screen.findByRole('img', { name: 'Screenshot 1' })
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: ['screenshot-1.png'], pending: [] }))
    const calls = gate.state.calls

    await reload(first.unmount)
    await screen.findByRole('img', { name: 'Screenshot 1' })
    expect(tiles()).toHaveLength(1)
    // Nothing prepared twice.
    expect(gate.state.calls).toBe(calls)
  })

  it('too large once prepared: after the reload its tile says so in the user’s language, and the draft lets it go', async () => {
    const options = { locale: 'zh-CN' as const }
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: CATEGORY }, options)
    await form()
    gate.hold()
    // Under the 10 MB a file may have when picked, over the 5 MB a prepared one may have (no canvas here).
    pick(png('big.png', 6 * 1024 * 1024))
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: [], pending: ['big.png'] }))

    const second = await reload(first.unmount, options)
    await waitFor(() => expect(document.querySelector('[data-shot="1"][data-state=failed]')).not.toBeNull())
    expect(document.querySelector('[data-shot="1"]')!.textContent).toContain('big.png')
    expect(document.querySelector('[data-shot="1"]')!.textContent).toContain('5 MB')
    expect(document.querySelector('[data-field=screenshots] [role=alert]')!.textContent).toMatch(/big\.png.*5 MB/)
    expect(document.querySelector('[data-shot="1"]')!.textContent).not.toContain('too large')
    expect(document.querySelector('[data-retry]')).toBeNull()
    await waitFor(async () => expect(await kept(second.client)).toEqual({ files: [], pending: [] }))
  })

  it('too large when picked: refused at once with its message, never kept', async () => {
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: CATEGORY })
    await form()
    gate.hold()
    pick(png('huge.png', 10 * 1024 * 1024 + 1), png())
    const alert = document.querySelector('[data-field=screenshots] [role=alert]') as HTMLElement
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: [], pending: ['receipt.png'] }))
    gate.release()
    await waitFor(() => expect(alert.textContent).toContain('huge.png is too large (max 10 MB).'))
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: ['screenshot-2.png'], pending: [] }))
  })

  it('picked just before another user signs in: not in their draft; back in its author’s', async () => {
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: CATEGORY })
    await first.client.identify({ id: 'u-alice' })
    await form()
    gate.hold()
    pick(png())
    await waitFor(() => expect(document.querySelector('[data-shot="1"][data-state=processing]')).not.toBeNull())
    await first.client.identify({ id: 'u-bob' })
    // Alice's form is gone; her file is prepared only now.
    gate.release()
    await waitFor(() => expect(document.querySelector('[data-field=screenshots]')).toBeNull())
    expect(await kept(first.client)).toEqual({ files: [], pending: [] })
    first.client.open('report', { transaction: TX, category: CATEGORY })
    await form()
    expect(tiles()).toHaveLength(0)
    expect(await kept(first.client)).toEqual({ files: [], pending: [] })

    await first.client.identify({ id: 'u-alice' })
    first.client.open('report', { transaction: TX, category: CATEGORY })
    await screen.findByRole('img', { name: 'Screenshot 1' })
    expect(tiles()).toHaveLength(1)
    await waitFor(async () => expect(await kept(first.client)).toEqual({ files: ['screenshot-1.png'], pending: [] }))
  })
})
