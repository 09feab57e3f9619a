import { fireEvent, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../src/errors/index.js'
import { draftFiles, loadReportDraft } from '../../src/reports/flow.js'
import type { JobPayloads } from '../../src/outbox/types.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel, setOnline } from './panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const byField = (name: string) => document.querySelector(`[data-field="${name}"]`) as HTMLElement
const byFieldOrNull = (name: string) => document.querySelector(`[data-field="${name}"]`)
const control = (name: string) => byField(name).querySelector('input,textarea,select') as HTMLInputElement
const type = (name: string, value: string) => {
  const el = control(name)
  fireEvent.input(el, { target: { value } })
  fireEvent.change(el)
  fireEvent.blur(el)
}
const submit = () => fireEvent.click(document.querySelector('[data-submit]') as HTMLButtonElement)
/** Waits until `selector` matches (waitFor alone would accept a null). */
const find = (selector: string) =>
  waitFor(() => {
    const el = document.querySelector(selector) as HTMLElement | null
    expect(el).not.toBeNull()
    return el!
  })
const describedText = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')

async function formFor(category: string) {
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${category}`) }))
  await waitFor(() => expect(document.querySelector('[data-submit]')).not.toBeNull())
  await waitFor(() => expect((document.querySelector('[data-submit]') as HTMLButtonElement).disabled).toBe(false))
}

describe('report view', () => {
  it('shows the 12 localized categories, then the chosen form prefilled from the transaction', async () => {
    openPanel(fakeTransport(), 'report', { transaction: TX }, { locale: 'zh-CN' })
    await waitFor(() => expect(document.querySelectorAll('[data-category]')).toHaveLength(12))
    expect(screen.getByRole('button', { name: /^非本人操作（盗刷）/ })).toBeTruthy()
    expect(document.querySelector('[data-current-tx]')?.textContent).toContain('128.50 CNY')
    await formFor('扣款未到账')
    // The transaction's card stands for its fields until "edit details".
    expect(byFieldOrNull('transactionId')).toBeNull()
    fireEvent.click(document.querySelector('[data-tx-edit]')!)
    await waitFor(() => expect(control('transactionId').value).toBe(TX.id))
    expect(control('amount').value).toBe('128.50')
    expect(control('currency').value).toBe('CNY')
    expect(control('counterparty').value).toBe('Starbucks Guomao')
    expect(screen.getByLabelText(/^交易单号/)).toBe(control('transactionId'))
  })

  it('a failed submit shows localized errors linked to their fields and moves focus to the first one', async () => {
    const fake = fakeTransport()
    openPanel(fake, 'report', { category: 'charged_not_received' }, { locale: 'zh-CN' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('amount', '0')
    submit()
    const first = control('transactionId')
    await waitFor(() => expect(first.getAttribute('aria-invalid')).toBe('true'))
    expect(describedText(first)).toContain('此项为必填项。')
    expect(describedText(control('amount'))).toContain('请输入大于 0 的金额')
    expect(control('description').getAttribute('aria-invalid')).toBe('true')
    expect(document.querySelector('[data-errors]')!.getAttribute('role')).toBe('alert')
    expect(document.querySelector('[data-errors]')!.textContent).toMatch(/有 \d+ 项需要修改/)
    await waitFor(() => expect(document.activeElement).toBe(first))
    expect(fake.calls.createTicket).toHaveLength(0)
    // Fixing a field clears its error.
    type('amount', '12.50')
    expect(control('amount').hasAttribute('aria-invalid')).toBe(false)
  })

  it('prefills from a recent transaction picked from the host list', async () => {
    const getRecentTransactions = vi.fn(async () => [
      TX,
      { ...TX, id: 'T2026112300018842', amount: '2000.00', counterparty: 'Li Si' },
    ])
    openPanel(fakeTransport(), 'report', { category: 'transfer_delayed' }, { getRecentTransactions })
    const pick = await screen.findByRole('button', { name: /Li Si/ })
    fireEvent.click(pick)
    await waitFor(() => expect(document.querySelector('[data-tx-edit]')).not.toBeNull())
    fireEvent.click(document.querySelector('[data-tx-edit]')!)
    await waitFor(() => expect(control('transactionId').value).toBe('T2026112300018842'))
    expect(control('amount').value).toBe('2000.00')
    expect(document.querySelector('[data-current-tx]')?.getAttribute('data-current-tx')).toBe('T2026112300018842')
  })

  it('unauthorized: guidance comes before the form, freezes through the host and is sent urgent', async () => {
    const onAction = vi.fn()
    const fake = fakeTransport()
    openPanel(fake, 'report', { transaction: TX, hotline: '95188' }, { onAction })
    fireEvent.click(await screen.findByRole('button', { name: /^Unauthorized transaction/ }))
    const guidance = await find('[data-guidance=fraud]')
    expect(document.querySelector('[data-submit]')).toBeNull()
    expect(guidance.textContent).toMatch(/never ask for your password, PIN, verification code/)
    expect(within(guidance).getByRole('link', { name: '95188' }).getAttribute('href')).toBe('tel:95188')
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Secure your account first'))
    fireEvent.click(within(guidance).getByRole('button', { name: 'Freeze now' }))
    expect(onAction).toHaveBeenCalledWith('freeze-account')

    fireEvent.click(within(guidance).getByRole('button', { name: 'Continue to the report' }))
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    expect(document.querySelector('[data-urgent]')).not.toBeNull()
    fireEvent.click(within(byField('stillHasCard')).getByLabelText('Yes'))
    fireEvent.change(control('noticedAt'), { target: { value: '2026-11-23T23:00' } })
    type('description', 'Somebody paid with my card, not me.')
    submit()
    await screen.findByText(/Reference number: HF-2026-000001/)
    expect(fake.calls.createTicket[0]!.input).toMatchObject({
      category: 'unauthorized',
      priority: 'urgent',
      fields: { stillHasCard: true },
    })
  })

  it('without a hotline it shows the default hotline text', async () => {
    openPanel(fakeTransport(), 'report', { category: 'unauthorized' })
    const guidance = await find('[data-guidance=fraud]')
    expect(guidance.textContent).toContain('official customer service number')
    expect(within(guidance).queryByRole('button', { name: 'Freeze now' })).toBeNull()
  })

  it('masks a card number typed in the description, says so, and queues only the masked text', async () => {
    setOnline(false)
    const fake = fakeTransport()
    const { client } = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'Paid with card 4111 1111 1111 1111 and the shop got nothing')
    await waitFor(() => expect(control('description').value).not.toContain('4111 1111'))
    expect(control('description').value).toMatch(/\*+1111 and the shop/)
    const notice = document.querySelector('[data-hidden-notice]') as HTMLElement
    expect(notice.textContent).toContain('We hid a card number.')
    expect(notice.textContent).toContain('In “What happened?”: We hid a card number.')
    expect(notice.closest('[role=status]')).not.toBeNull()
    submit()
    await screen.findByText('Saved on this device')
    const [job] = await (await client.services()).outbox.list()
    const payload = job!.payload as JobPayloads['ticket']
    expect(JSON.stringify(payload)).not.toMatch(/4111 ?1111 ?1111/)
    expect(payload.input.description).toMatch(/\*+1111 and the shop/)
  })

  it('a dead server with the network up is "not answering", not "offline"; losing the network then says offline', async () => {
    setOnline(true)
    const fake = fakeTransport()
    // What a refused or cut connection looks like to the SDK: the same error as no network.
    fake.setMode('offline')
    openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'The coffee shop says my payment never arrived.')
    submit()
    await screen.findByText(/We could not reach support just now/)
    expect(screen.queryByText(/You are offline/)).toBeNull()
    setOnline(false)
    await screen.findByText(/You are offline. We will send your report automatically/)
  })

  it('offline: keeps the report as pending in My requests; back online it sends exactly one ticket with the same key', async () => {
    setOnline(false)
    const fake = fakeTransport()
    const { client, events } = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'The coffee shop says my payment never arrived.')
    submit()
    await screen.findByText(/You are offline. We will send your report automatically/)
    expect(fake.calls.createTicket).toHaveLength(0)
    const [job] = await (await client.services()).outbox.list()
    expect(events.find((e) => e.type === 'report:queued')).toEqual({
      type: 'report:queued',
      category: 'charged_not_received',
      jobId: job!.id,
    })

    fireEvent.click(screen.getByRole('button', { name: 'Go to My requests' }))
    const item = await find(`[data-job="${job!.id}"]`)
    expect(item.textContent).toContain('Waiting to send')

    setOnline(true)
    await waitFor(() => expect(fake.tickets.size).toBe(1))
    await waitFor(() => expect(document.querySelector(`[data-job="${job!.id}"]`)).toBeNull())
    expect(fake.calls.createTicket.map((c) => c.key)).toEqual([job!.idempotencyKey])
    await waitFor(() => expect(document.querySelector('[data-ticket="tk_1"]')?.textContent).toContain('HF-2026-000001'))
    await (await client.services()).outbox.flush()
    expect(fake.calls.createTicket).toHaveLength(1)
    expect(events.filter((e) => e.type === 'report:sent')).toHaveLength(1)
  })

  it('"saved on this device" turns into the reference number when the report goes out while shown', async () => {
    setOnline(false)
    const fake = fakeTransport()
    openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'The coffee shop says my payment never arrived.')
    submit()
    await screen.findByText('Saved on this device')
    setOnline(true)
    await screen.findByText('Reference number: HF-2026-000001')
    expect(fake.calls.createTicket).toHaveLength(1)
  })

  it('a 4xx returns to the form with a localized message on the field, nothing dropped; the fixed report is sent', async () => {
    const fake = fakeTransport()
    fake.setMode({
      reject: new RejectedError(
        [{ field: 'fields.amount', code: 'limit', message: 'Amount is above the dispute limit' }],
        'invalid',
        422,
      ),
    })
    const { events } = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'The coffee shop says my payment never arrived.')
    submit()
    await waitFor(() => expect(control('amount').getAttribute('aria-invalid')).toBe('true'))
    // The backend's English text is for logs (docs/protocol.md §1.2); the user reads the catalog's.
    expect(describedText(control('amount'))).toContain('Please check what you entered.')
    expect(describedText(control('amount'))).not.toContain('Amount is above the dispute limit')
    expect(control('description').value).toBe('The coffee shop says my payment never arrived.')
    expect(control('transactionId').value).toBe(TX.id)
    await waitFor(() => expect(document.activeElement).toBe(control('amount')))
    expect(events.map((e) => e.type)).toContain('report:rejected')

    fake.setMode('ok')
    type('amount', '28.50')
    expect(screen.getByRole('button', { name: 'Send again' })).toBeTruthy()
    submit()
    await screen.findByText(/Reference number: HF-2026-000001/)
    expect(fake.tickets.size).toBe(1)
    expect(fake.calls.createTicket.at(-1)!.input.fields.amount).toBe('28.50')
  })

  it('success shows the reference number and the expected reply time, with focus on the outcome', async () => {
    const fake = fakeTransport()
    openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'The coffee shop says my payment never arrived.')
    submit()
    const heading = await screen.findByRole('heading', { name: 'Report sent' })
    expect(screen.getByText('Reference number: HF-2026-000001')).toBeTruthy()
    expect(screen.getByText('We usually reply within 24 hours.')).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(heading))
  })

  it('saves the draft as typed and restores it after a reload', async () => {
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: 'refund_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    type('description', 'Refund promised on Monday, still nothing.')
    await (await first.client.services()).drafts.flush()
    first.unmount()
    await closeClients()

    openPanel(fakeTransport(), 'report', { transaction: TX, category: 'refund_not_received' })
    await waitFor(() => expect(control('description')?.value).toBe('Refund promised on Monday, still nothing.'))
    expect(document.querySelector('[data-draft-restored]')?.textContent).toContain(
      'We restored the report you had started.',
    )
  })

  it('a transaction picked in the form comes back with its draft after a reload', async () => {
    const LI = { ...TX, id: 'T2026112300018842', amount: '2000.00', counterparty: 'Li Si' }
    const getRecentTransactions = vi.fn(async () => [TX, LI])
    const first = openPanel(fakeTransport(), 'report', { category: 'transfer_delayed' }, { getRecentTransactions })
    fireEvent.click(await screen.findByRole('button', { name: /Li Si/ }))
    await find('[data-current-tx="T2026112300018842"]')
    type('description', 'Sent to Li Si on Monday, not arrived.')
    await (await first.client.services()).drafts.flush()
    first.unmount()
    await closeClients()

    // The host opens the form again without a transaction: the draft brings its own back.
    openPanel(fakeTransport(), 'report', { category: 'transfer_delayed' }, { getRecentTransactions })
    await waitFor(() => expect(control('description')?.value).toBe('Sent to Li Si on Monday, not arrived.'))
    expect(document.querySelector('[data-current-tx]')?.getAttribute('data-current-tx')).toBe('T2026112300018842')
    expect(document.querySelector('[data-draft-restored]')).not.toBeNull()
    expect(document.querySelector('[data-tx-fields]')?.getAttribute('data-tx-fields')).toBe('closed')
  })

  it('keeps screenshots in the draft as they are added and removed (restored after a reload: e2e)', async () => {
    const first = openPanel(fakeTransport(), 'report', { transaction: TX, category: 'refund_not_received' })
    await waitFor(() => expect(document.querySelector('[data-field=screenshots] input[type=file]')).not.toBeNull())
    const png = new File(
      [
        Uint8Array.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0,
        ]),
      ],
      'shot.png',
      { type: 'image/png' },
    )
    fireEvent.change(document.querySelector('[data-field=screenshots] input[type=file]') as HTMLInputElement, {
      target: { files: [png] },
    })
    await screen.findByRole('img', { name: 'Screenshot 1' })
    const saved = async () => draftFiles(await loadReportDraft(first.client, 'refund_not_received'))
    await waitFor(async () =>
      expect((await saved()).map((f) => [f.type, f.blob.size])).toEqual([['image/png', png.size]]),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Remove Screenshot 1' }))
    await waitFor(async () => expect(await saved()).toEqual([]))
  })

  it('screenshots: refuses wrong types and oversized files with a localized message, previews and removes the rest', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    openPanel(fakeTransport(), 'report', { category: 'other' })
    await waitFor(() => expect(document.querySelector('[data-field=screenshots] input[type=file]')).not.toBeNull())
    const input = document.querySelector('[data-field=screenshots] input[type=file]') as HTMLInputElement
    expect(input.getAttribute('accept')).toBe('image/png,image/jpeg,image/webp')
    const png = new File(
      [
        Uint8Array.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0,
        ]),
      ],
      'shot.png',
      { type: 'image/png' },
    )
    const pdf = new File(['%PDF-1.7'], 'statement.pdf', { type: 'application/pdf' })
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' })
    fireEvent.change(input, { target: { files: [pdf, huge, png] } })
    const alert = byField('screenshots').querySelector('[role=alert]') as HTMLElement
    await waitFor(() => expect(alert.textContent).toContain('statement.pdf is not a supported file type.'))
    expect(alert.textContent).toContain('huge.png is too large (max 10 MB).')
    // Every file gets its tile: the refused ones say why (no retry for a wrong type or size).
    await waitFor(() => expect(document.querySelectorAll('[data-state=failed]')).toHaveLength(2))
    expect(document.querySelector('[data-shot="1"]')!.textContent).toContain(
      'statement.pdf is not a supported file type.',
    )
    expect(document.querySelector('[data-retry]')).toBeNull()
    await waitFor(() => expect(document.querySelector('[data-shot="3"][data-state=ready] img')).not.toBeNull())
    const img = screen.getByRole('img', { name: 'Screenshot 3' })
    const url = img.getAttribute('src')!
    fireEvent.click(screen.getByRole('button', { name: 'Remove Screenshot 3' }))
    await waitFor(() => expect(screen.queryByRole('img', { name: 'Screenshot 3' })).toBeNull())
    expect(revoke).toHaveBeenCalledWith(url)
  })

  it('screenshots: a refused file takes none of the five places', async () => {
    openPanel(fakeTransport(), 'report', { category: 'other' })
    await waitFor(() => expect(document.querySelector('[data-field=screenshots] input[type=file]')).not.toBeNull())
    const input = () => document.querySelector('[data-field=screenshots] input[type=file]') as HTMLInputElement
    const png = (name: string) =>
      new File(
        [
          Uint8Array.from([
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0,
          ]),
        ],
        name,
        { type: 'image/png' },
      )
    const gif = new File(['GIF89a'], 'anim.gif', { type: 'image/gif' })
    fireEvent.change(input(), { target: { files: [gif] } })
    const alert = byField('screenshots').querySelector('[role=alert]') as HTMLElement
    await waitFor(() => expect(alert.textContent).toContain('anim.gif is not a supported file type.'))
    // The refused file's place is still free: five more, all kept.
    fireEvent.change(input(), { target: { files: [1, 2, 3, 4, 5].map((i) => png(`shot${i}.png`)) } })
    await waitFor(() => expect(document.querySelectorAll('[data-state=ready]')).toHaveLength(5))
    expect(alert.textContent).not.toContain('Attach at most 5 images.')
    expect(byField('screenshots').textContent).toContain('You have attached the maximum number of images.')
    // One place freed (the refused tile frees none), then a refused file and two images: the
    // refused file gets its tile and takes no place, one image fits.
    fireEvent.click(screen.getByRole('button', { name: 'Remove Screenshot 2' }))
    await waitFor(() => expect(document.querySelector('[data-field=screenshots] input[type=file]')).not.toBeNull())
    const pdf = new File(['%PDF-1.7'], 'statement.pdf', { type: 'application/pdf' })
    fireEvent.change(input(), { target: { files: [pdf, png('a.png'), png('b.png')] } })
    await waitFor(() => expect(alert.textContent).toContain('statement.pdf is not a supported file type.'))
    expect(alert.textContent).toContain('Attach at most 5 images.')
    await waitFor(() => expect(document.querySelectorAll('[data-state=ready]')).toHaveLength(5))
    expect(document.querySelectorAll('[data-state=failed]')).toHaveLength(2)
  })
})

describe('report view in the widget', () => {
  let widget: HelpFeedback | undefined
  afterEach(() => {
    widget?.destroy()
    widget = undefined
  })

  it('open("report", { transaction }) renders in the shadow root with its own nonce-carrying styles', async () => {
    widget = createHelpFeedback({ transport: fakeTransport().transport, locale: 'en', nonce: 'n0nce' })
    await widget.open('report', { transaction: TX })
    const shadow = (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!
    await waitFor(() => expect(shadow.querySelectorAll('[data-category]')).toHaveLength(12))
    expect(shadow.querySelector('h2')!.textContent).toBe('Report a problem')
    const sheet = shadow.querySelector('style[data-hf-sheet=report]') as HTMLStyleElement
    expect(sheet.nonce).toBe('n0nce')
    expect(document.head.querySelector('style')).toBeNull()
  })
})

describe('report view when the device cannot keep it', () => {
  const volatile = /cannot be kept on this device if you close the app/

  it('IndexedDB missing: the form warns before Send, the host hears storage:fallback, and nothing says "Saved on this device"', async () => {
    ;(globalThis as { indexedDB?: unknown }).indexedDB = undefined
    setOnline(false)
    const { events } = openPanel(fakeTransport(), 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    expect((await find('[data-storage-warning]')).textContent).toMatch(volatile)
    expect(events).toContainEqual({ type: 'storage:fallback', reason: 'unsupported' })
    type('description', 'The coffee shop says my payment never arrived.')
    submit()
    await screen.findByText('Not saved on this device')
    expect(screen.queryByText('Saved on this device')).toBeNull()
  })

  it('quota exceeded on write: the warning appears, storage:fallback fires with the reason, and the result does not claim it was saved', async () => {
    const proto = (globalThis as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } })
      .IDBObjectStore.prototype
    const put = proto.put
    // The probe passes; real writes (drafts, the job) hit a full disk.
    const spy = vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (String(args[1]).includes('__probe__')) return put.apply(this, args)
      throw new DOMException('full', 'QuotaExceededError')
    })
    try {
      setOnline(false)
      const { events } = openPanel(fakeTransport(), 'report', { transaction: TX, category: 'charged_not_received' })
      await waitFor(() =>
        expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
      )
      type('description', 'The coffee shop says my payment never arrived.')
      // A draft write is refused (prefill or typing): the warning shows before Send.
      expect((await find('[data-storage-warning]')).textContent).toMatch(volatile)
      expect(events).toContainEqual({ type: 'storage:fallback', reason: 'quota_exceeded' })
      submit()
      await screen.findByText('Not saved on this device')
      expect(screen.queryByText('Saved on this device')).toBeNull()
    } finally {
      spy.mockRestore()
    }
  })
})
