import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../src/errors/index.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'

// The report form reopened after a reload (widgets/host/reopen.ts passes the marker the view
// kept: the category and the transaction's id, with `reloaded`). The page reload itself is in
// test/e2e/reportReload.test.ts.
const MARKER = 'help-feedback:report'
beforeEach(() => {
  freshDevice()
  sessionStorage.clear()
})
afterEach(async () => {
  await closeClients()
  sessionStorage.clear()
})

const description = () => document.querySelector('[data-field=description] textarea') as HTMLTextAreaElement | null
const reopened = { category: 'charged_not_received', transactionId: TX.id, reloaded: true }
/** A tiny PNG (the SDK prepares it on the device like any screenshot). */
const png = (name: string) =>
  new File(
    [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0])],
    name,
    { type: 'image/png' },
  )
const pick = (file: File) =>
  fireEvent.change(document.querySelector('[data-field=screenshots] input[type=file]') as HTMLInputElement, {
    target: { files: [file] },
  })

describe('the report form reopened after a reload', () => {
  it("finds its transaction in the draft when the host's list no longer has it, and shows the text", async () => {
    const fake = fakeTransport()
    const { client, unmount } = openPanel(fake, 'report', reopened, { getRecentTransactions: async () => [] })
    vi.spyOn(client.reports, 'loadDraft').mockResolvedValue({
      values: { description: 'The shop never got the money' },
      transaction: TX,
    })
    await waitFor(() => expect(description()?.value).toBe('The shop never got the money'))
    expect(document.querySelector('[data-current-tx]')?.getAttribute('data-current-tx')).toBe(TX.id)
    // Kept again for the next reload: the category and the transaction's id, nothing typed.
    expect(JSON.parse(sessionStorage.getItem(MARKER)!)).toEqual({
      category: 'charged_not_received',
      transactionId: TX.id,
    })
    // Gone with the view (the runtime unmounts it on close, destroy, or another view).
    unmount()
    expect(sessionStorage.getItem(MARKER)).toBeNull()
  })

  it('takes the transaction from the host when it has it; one neither has: the categories, no other draft', async () => {
    const fake = fakeTransport()
    const { client } = openPanel(fake, 'report', reopened, { getRecentTransactions: async () => [TX] })
    await waitFor(() =>
      expect(document.querySelector('[data-current-tx]')?.getAttribute('data-current-tx')).toBe(TX.id),
    )
    client.navigate('home')
    await waitFor(() => expect(sessionStorage.getItem(MARKER)).toBeNull())

    const other = { ...TX, id: 'T2026112300018842' }
    client.open('report', { ...reopened, transactionId: 'gone-since' } as never)
    const load = vi
      .spyOn(client.reports, 'loadDraft')
      .mockResolvedValue({ values: { description: 'x' }, transaction: other })
    await waitFor(() => expect(document.querySelector('[data-categories]')).not.toBeNull())
    expect(load).toHaveBeenCalled()
    expect(description()).toBeNull()
    expect(sessionStorage.getItem(MARKER)).toBeNull()
  })
})

describe('a report the backend refused, being fixed, across a reload', () => {
  const amount = () => document.querySelector('[data-field=amount] input') as HTMLInputElement | null
  const TEXT = 'The coffee shop says my payment never arrived.'
  /** A report typed and sent, refused by the backend (on the amount); its outbox job. */
  async function refused(user?: string, opts: { screenshot?: File } = {}) {
    const fake = fakeTransport()
    fake.setMode({
      reject: new RejectedError([{ field: 'fields.amount', code: 'limit', message: 'over the limit' }], 'invalid', 422),
    })
    const panel = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    if (user) await panel.client.identify({ id: user })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    fireEvent.input(description()!, { target: { value: TEXT } })
    if (opts.screenshot) {
      pick(opts.screenshot)
      await screen.findByRole('img', { name: 'Screenshot 1' })
      await waitFor(() => expect((document.querySelector('[data-submit]') as HTMLButtonElement).disabled).toBe(false))
    }
    fireEvent.click(document.querySelector('[data-submit]')!)
    await waitFor(() => expect(amount()?.getAttribute('aria-invalid')).toBe('true'))
    const [job] = await (await panel.client.services()).outbox.list()
    return { fake, ...panel, job: job! }
  }
  /** The reload: the page goes (no cleanup runs), and the entry opens the view the marker names. */
  async function reload(fake: ReturnType<typeof fakeTransport>, unmount: () => void, marker: object) {
    unmount()
    await closeClients()
    return openPanel(fake, 'report', { ...marker, reloaded: true })
  }

  it('keeps its job for the reload, and comes back on that report as refused, with what was sent', async () => {
    const { fake, unmount, job } = await refused()
    // What the tab keeps: the refused report's job, not the category (its draft was cleared when
    // it was sent, so the form of the category would come back empty beside the refused report).
    await waitFor(() => expect(JSON.parse(sessionStorage.getItem(MARKER)!)).toEqual({ jobId: job.id }))
    await reload(fake, unmount, JSON.parse(sessionStorage.getItem(MARKER)!) as object)
    await waitFor(() => expect(description()?.value).toBe(TEXT))
    await waitFor(() => expect(amount()?.getAttribute('aria-invalid')).toBe('true'))
    // Kept again for the next reload.
    await waitFor(() => expect(JSON.parse(sessionStorage.getItem(MARKER)!)).toEqual({ jobId: job.id }))
    expect(fake.calls.createTicket).toHaveLength(1)
  })

  it('keeps what the user corrected after the refusal, until the report is sent again', async () => {
    const { fake, client, unmount, job } = await refused()
    // The correction, with a card number in it (kept masked, like every draft).
    fireEvent.input(description()!, {
      target: { value: 'Paid 128.50 with card 6217 0000 1111 2222, shop got nothing.' },
    })
    await (await client.services()).drafts.flush()

    const again = await reload(fake, unmount, { jobId: job.id })
    await waitFor(() => expect(description()?.value).toContain('shop got nothing'))
    expect(description()!.value).not.toContain('1111 2222')
    // Sent again (the backend takes it now): one more attempt of the same job, and the
    // corrections are not kept any more.
    fake.setMode('ok')
    fireEvent.click(document.querySelector('[data-submit]')!)
    await waitFor(() => expect(fake.tickets.size).toBe(1))
    expect(JSON.stringify([...fake.tickets.values()][0])).toContain('shop got nothing')
    const { drafts } = await again.client.services()
    await waitFor(async () => expect(await drafts.load(`report:job:${job.id}`)).toBeUndefined())
  })

  it('keeps the screenshots removed and added while fixing it, until the report is sent again', async () => {
    const { fake, client, unmount, job } = await refused(undefined, { screenshot: png('sent.png') })
    expect((await client.reports.reopen(job.id))?.files).toHaveLength(1)
    // The one that was sent is taken away: a reload must not bring it back.
    fireEvent.click(screen.getByRole('button', { name: 'Remove Screenshot 1' }))
    await waitFor(async () => expect((await client.reports.reopen(job.id))?.files).toEqual([]))
    await (await client.services()).drafts.flush()
    const again = await reload(fake, unmount, { jobId: job.id })
    await waitFor(() => expect(description()?.value).toBe(TEXT))
    expect(screen.queryByRole('img', { name: 'Screenshot 1' })).toBeNull()
    expect((await again.client.reports.reopen(job.id))?.files).toEqual([])

    // Another one added is kept with it too. (Blobs do not survive fake-indexeddb: the reload
    // that brings it back is in test/e2e/reportReload.test.ts.)
    pick(png('fixed.png'))
    await screen.findByRole('img', { name: 'Screenshot 1' })
    await waitFor(async () => expect((await again.client.reports.reopen(job.id))?.files).toHaveLength(1))

    // Sent again: with that screenshot; nothing of the corrections is kept after.
    fake.setMode('ok')
    await waitFor(() => expect((document.querySelector('[data-submit]') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(document.querySelector('[data-submit]')!)
    await waitFor(() => expect(fake.tickets.size).toBe(1))
    // The first attempt uploaded the one sent then (refused); this one, the one added since.
    expect(fake.calls.upload).toHaveLength(2)
    expect([...fake.tickets.values()][0]?.attachments).toHaveLength(1)
    const { drafts } = await again.client.services()
    await waitFor(async () => expect(await drafts.load(`report:job:${job.id}:files`)).toBeUndefined())
  })

  it('discarded: its corrections go with it', async () => {
    const { client, job } = await refused()
    await client.reports.saveEdit(job.id, { description: 'A correction that goes with the report.' })
    const { drafts } = await client.services()
    await drafts.flush()
    expect(await drafts.load(`report:job:${job.id}`)).toBeDefined()
    expect(await client.reports.discard(job.id)).toBe(true)
    expect(await drafts.load(`report:job:${job.id}`)).toBeUndefined()
    expect(await client.reports.reopen(job.id)).toBeUndefined()
  })

  it('reopened before the host signs the user in: found once they are', async () => {
    const { fake, unmount, job } = await refused('u-reopen')
    // The reload: the entry reopens the report at once; the host signs the user in afterwards.
    const { client } = await reload(fake, unmount, { jobId: job.id })
    // Not this (anonymous) device user's: "could not find" (not the loading line) until then.
    await waitFor(() =>
      expect(document.querySelector('[data-view=report] [role=status][tabindex="-1"]')).not.toBeNull(),
    )
    expect(description()).toBeNull()
    await client.identify({ id: 'u-reopen' })
    await waitFor(() => expect(description()?.value).toBe(TEXT))
  })

  it('sent again as a new job (the old one in flight elsewhere) and refused: the reload finds the new job', async () => {
    const { fake, unmount, job } = await refused()
    const { client } = await reload(fake, unmount, { jobId: job.id })
    await waitFor(() => expect(description()?.value).toBe(TEXT))
    vi.spyOn(client.reports, 'submit').mockResolvedValue({
      status: 'rejected',
      jobId: 'job-sent-again',
      errors: { fields: { amount: { code: 'limit' } }, general: [] },
      hidden: { total: 0, kinds: [], counts: {}, messageKeys: [] },
      findings: [],
    })
    fireEvent.click(document.querySelector('[data-submit]')!)
    await waitFor(() => expect(JSON.parse(sessionStorage.getItem(MARKER)!)).toEqual({ jobId: 'job-sent-again' }))
  })
})
