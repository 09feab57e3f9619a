import { ANONYMOUS_SCOPE, scopePrefix } from '../../../src/storage/scope.js'
/** Drafts of a client nobody identified live in the anonymous scope. */
const ANON = scopePrefix(ANONYMOUS_SCOPE)
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import {
  clearReportDraft,
  draftFiles,
  draftMatches,
  fromLocalInput,
  hiddenNotices,
  loadReportDraft,
  maskField,
  saveReportDraft,
  serverErrors,
  startValues,
  submitReport,
  toLocalInput,
} from '../../../src/reports/flow.js'
import { pendingReports } from '../../../src/requests/requests.js'
import { memoryStore } from '../../../src/storage/index.js'
import { fakeTransport } from '../../support/fakeTransport.js'
import { heldTickets } from '../../support/heldTickets.js'
import { TX, closeAll, makeClient } from './helpers.js'

afterEach(async () => {
  vi.unstubAllGlobals()
  await closeAll()
})

const DESCRIPTION = 'The coffee shop says my payment never arrived.'
const CARD = '4111 1111 1111 1111'

describe('submitReport', () => {
  it('refuses an incomplete report locally with catalog keys, queues nothing and emits nothing', async () => {
    const fake = fakeTransport()
    const { client, events } = makeClient(fake)
    const r = await submitReport(client, { category: 'charged_not_received', values: { amount: '0' } })
    expect(r.status).toBe('invalid')
    if (r.status !== 'invalid') return
    expect(r.errors).toMatchObject({
      amount: 'report.error.amount',
      description: 'report.error.required',
      transactionId: 'report.error.required',
    })
    expect(client.t(r.errors.amount!)).toMatch(/greater than 0/)
    expect(await (await client.services()).outbox.list()).toEqual([])
    expect(events.filter((e) => e.type.startsWith('report:'))).toEqual([])
  })

  it('queues, sends and reports the reference; the card number typed in the description never leaves the device', async () => {
    const fake = fakeTransport()
    const { client, events } = makeClient(fake)
    await saveReportDraft(client, 'charged_not_received', { values: { description: 'half written' }, transaction: TX })
    const r = await submitReport(client, {
      category: 'charged_not_received',
      values: { ...startValues('charged_not_received', TX, undefined), description: `${DESCRIPTION} Card ${CARD}` },
      transaction: TX,
    })
    expect(r.status).toBe('sent')
    if (r.status !== 'sent') return
    expect(r.ticket.reference).toBe('HF-2026-000001')
    const sent = fake.calls.createTicket[0]!.input
    expect(JSON.stringify(sent)).not.toContain('4111')
    expect(sent.description).toContain('1111')
    expect(sent.fields.transactionId).toBe(TX.id) // a 28-digit payment id is what the agent needs
    expect(r.hidden.kinds).toEqual(['card'])
    expect(hiddenNotices(r.findings)).toEqual([
      { kind: 'card', messageKey: 'privacy.hidden.card', field: 'description' },
    ])
    expect(events.filter((e) => e.type.startsWith('report:'))).toEqual([
      { type: 'report:queued', category: 'charged_not_received', jobId: r.jobId },
      { type: 'report:sent', category: 'charged_not_received', ticketId: r.ticket.id, reference: 'HF-2026-000001' },
    ])
    expect(await loadReportDraft(client, 'charged_not_received')).toBeUndefined()
  })

  it('marks an unauthorized-transaction report urgent', async () => {
    const fake = fakeTransport()
    const { client } = makeClient(fake)
    const r = await submitReport(client, {
      category: 'unauthorized',
      values: {
        ...startValues('unauthorized', TX, undefined),
        stillHasCard: true,
        noticedAt: '2026-11-23T10:00:00+08:00',
        description: 'I did not make this payment at all.',
      },
      transaction: TX,
    })
    expect(r.status).toBe('sent')
    expect(fake.calls.createTicket[0]!.input.priority).toBe('urgent')
  })

  it('uploads queued screenshots with keys derived from the job and attaches them to the ticket', async () => {
    const fake = fakeTransport()
    const { client } = makeClient(fake)
    const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' })
    const values = { ...startValues('charged_not_received', TX, undefined), description: DESCRIPTION }
    const r = await submitReport(client, {
      category: 'charged_not_received',
      values,
      transaction: TX,
      files: [{ blob, name: 'screenshot-1.png', type: 'image/png' }],
    })
    expect(r.status).toBe('sent')
    expect(fake.calls.upload).toEqual([
      { name: 'screenshot-1.png', type: 'image/png', size: 4, key: `${fake.calls.createTicket[0]!.key}:file:0` },
    ])
    expect(fake.calls.createTicket[0]!.input.attachments).toEqual([
      { id: 'a_1', name: 'screenshot-1.png', type: 'image/png', size: 4 },
    ])
    const tooMany = Array.from({ length: 6 }, () => ({ blob, name: 'x.png', type: 'image/png' }))
    expect(
      await submitReport(client, { category: 'charged_not_received', values, transaction: TX, files: tooMany }),
    ).toEqual({ status: 'invalid', errors: { screenshots: 'report.error.screenshots' } })
  })

  it('offline: keeps the report on the device as pending; a later flush sends exactly one ticket with the same key', async () => {
    vi.stubGlobal('navigator', { onLine: false })
    const fake = fakeTransport()
    const { client, events } = makeClient(fake)
    const values = { ...startValues('charged_not_received', TX, undefined), description: DESCRIPTION }
    const r = await submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    expect(r).toMatchObject({ status: 'queued', reason: 'offline' })
    expect(fake.calls.createTicket).toHaveLength(0)
    const { outbox } = await client.services()
    const [job] = await outbox.list()
    expect(pendingReports([job!])).toEqual([
      expect.objectContaining({
        jobId: r.status === 'queued' ? r.jobId : '',
        state: 'waiting',
        category: 'charged_not_received',
      }),
    ])

    vi.stubGlobal('navigator', { onLine: true })
    await outbox.flush()
    await outbox.flush()
    expect(fake.calls.createTicket.map((c) => c.key)).toEqual([job!.idempotencyKey])
    expect(fake.tickets.size).toBe(1)
    expect(await outbox.list()).toEqual([])
    expect(events.filter((e) => e.type === 'report:sent')).toHaveLength(1)
  })

  it('a failed attempt says "saved, will retry"; the retry reuses the idempotency key and creates one ticket', async () => {
    const fake = fakeTransport()
    fake.setMode('offline')
    const { client } = makeClient(fake)
    const values = { ...startValues('charged_not_received', TX, undefined), description: DESCRIPTION }
    const r = await submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    expect(r).toMatchObject({ status: 'queued', reason: 'offline' })
    fake.setMode('ok')
    // The outbox's own backoff timer (under 1 s for the first retry) sends it again.
    await vi.waitFor(() => expect(fake.tickets.size).toBe(1), { timeout: 3000 })
    const keys = fake.calls.createTicket.map((c) => c.key)
    expect(keys.length).toBeGreaterThanOrEqual(2)
    expect(new Set(keys).size).toBe(1)
  })

  it('a 4xx comes back with the server messages by field; the job is kept; an edited resend replaces it', async () => {
    const fake = fakeTransport()
    fake.setMode({
      reject: new RejectedError(
        [
          { field: 'fields.amount', code: 'limit', message: 'Amount is above the dispute limit' },
          { field: 'subject', code: 'x', message: 'Subject too long' },
        ],
        'invalid',
        422,
      ),
    })
    const { client, events } = makeClient(fake)
    const values = { ...startValues('charged_not_received', TX, undefined), description: DESCRIPTION }
    const r = await submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    expect(r.status).toBe('rejected')
    if (r.status !== 'rejected') return
    expect(r.errors.fields.amount).toEqual({ code: 'limit', message: 'Amount is above the dispute limit' })
    expect(r.errors.general).toEqual([{ code: 'x', message: 'Subject too long' }])
    const { outbox } = await client.services()
    expect((await outbox.list()).map((j) => j.state)).toEqual(['rejected'])
    expect(events.filter((e) => e.type === 'report:rejected')).toEqual([
      { type: 'report:rejected', category: 'charged_not_received', jobId: r.jobId },
    ])

    fake.setMode('ok')
    const again = await submitReport(client, {
      category: 'charged_not_received',
      values: { ...values, amount: '12.80' },
      transaction: TX,
      retryJobId: r.jobId,
    })
    expect(again).toMatchObject({ status: 'sent', jobId: r.jobId })
    expect(await outbox.list()).toEqual([])
    expect(fake.tickets.size).toBe(1)
    const [first, second] = fake.calls.createTicket
    expect(second!.key).not.toBe(first!.key) // edited content is a new request
  })
})

describe('a draft saved while its report is being sent', () => {
  /** A report sent to a backend that answers when told; resolves once it is queued and its draft cleared. */
  async function sending() {
    const { fake, answer } = heldTickets()
    const { client } = makeClient(fake)
    const values = { ...startValues('charged_not_received', TX, undefined), description: DESCRIPTION }
    await saveReportDraft(client, 'charged_not_received', { values, transaction: TX })
    const submitted = submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    const { outbox, drafts } = await client.services()
    await vi.waitFor(async () => expect(await outbox.list()).toHaveLength(1))
    await vi.waitFor(async () => {
      await drafts.flush()
      expect(await loadReportDraft(client, 'charged_not_received')).toBeUndefined()
    })
    return { fake, client, values, answer, submitted, drafts }
  }

  it('a save that lands after the draft was cleared (typed then, or a late debounce) never brings it back', async () => {
    const { client, values, answer, submitted, drafts } = await sending()
    await saveReportDraft(client, 'charged_not_received', {
      values: { ...values, description: `${DESCRIPTION} And again.` },
      transaction: TX,
    })
    await drafts.flush()
    expect(await loadReportDraft(client, 'charged_not_received')).toBeUndefined()
    answer()
    expect((await submitted).status).toBe('sent')
    await drafts.flush()
    expect(await loadReportDraft(client, 'charged_not_received')).toBeUndefined()
    // The next report's draft is kept as usual.
    await saveReportDraft(client, 'charged_not_received', { values: { description: 'another' }, transaction: TX })
    await drafts.flush()
    expect((await loadReportDraft(client, 'charged_not_received'))?.values.description).toBe('another')
  })

  it('a send that fails before the report is queued keeps the draft, with what was saved meanwhile', async () => {
    const fake = fakeTransport()
    const { client } = makeClient(fake)
    const { outbox, drafts } = await client.services()
    let fail: () => void = () => undefined
    const failing = new Promise<void>((r) => (fail = r))
    let queueing = false
    outbox.enqueue = async () => {
      queueing = true
      await failing
      throw new Error('quota exceeded')
    }
    const values = { ...startValues('charged_not_received', TX, undefined), description: DESCRIPTION }
    await saveReportDraft(client, 'charged_not_received', { values, transaction: TX })
    const submitted = submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    await vi.waitFor(() => expect(queueing).toBe(true))
    await saveReportDraft(client, 'charged_not_received', {
      values: { ...values, description: `${DESCRIPTION} Still nothing.` },
      transaction: TX,
    })
    fail()
    await expect(submitted).rejects.toThrow('quota exceeded')
    await drafts.flush()
    expect((await loadReportDraft(client, 'charged_not_received'))?.values.description).toBe(
      `${DESCRIPTION} Still nothing.`,
    )
  })
})

describe('drafts and masking', () => {
  it('a draft is masked before storage and restored after a reload, but only for the same transaction', async () => {
    const store = memoryStore()
    const fake = fakeTransport()
    const page1 = makeClient(fake, store)
    await saveReportDraft(page1.client, 'charged_not_received', {
      values: { description: `card ${CARD} was charged`, merchantOrderNo: '4111111111111111' },
      transaction: TX,
    })
    await (await page1.client.services()).drafts.flush()
    expect(JSON.stringify(await store.get(ANON + 'draft:report:charged_not_received'))).not.toContain('4111 1111')
    await closeAll()

    const page2 = makeClient(fake, store)
    const draft = await loadReportDraft(page2.client, 'charged_not_received')
    expect(draft?.values.description).toMatch(/^card \*+1111 was charged$/)
    expect(draftMatches(draft, TX)).toBe(true)
    expect(startValues('charged_not_received', TX, draft)).toMatchObject({
      transactionId: TX.id,
      description: draft?.values.description,
    })
    const other = { ...TX, id: 'T2026112300018842' }
    expect(draftMatches(draft, other)).toBe(false)
    expect(startValues('charged_not_received', other, draft).description).toBeUndefined()
  })

  it('a draft keeps its screenshots; damaged entries from storage are dropped, and screenshots alone make a draft', () => {
    const blob = new Blob([new Uint8Array(8)], { type: 'image/jpeg' })
    const draft = {
      values: {},
      transaction: TX,
      files: [
        { blob, name: 'screenshot-1.jpg', type: 'image/jpeg' },
        { blob: {}, name: 'x', type: 'image/png' },
        null,
        { name: 'no blob' },
      ] as never,
    }
    expect(draftFiles(draft)).toEqual([{ blob, name: 'screenshot-1.jpg', type: 'image/jpeg' }])
    expect(draftMatches(draft, TX)).toBe(true)
    expect(draftMatches({ values: {}, transaction: TX }, TX)).toBe(false)
    expect(draftFiles({ values: {}, files: 'junk' as never })).toEqual([])
    expect(draftFiles(undefined)).toEqual([])
  })

  it("screenshots are saved apart from the text, come back with it, and stay out of another payment's report", async () => {
    const store = memoryStore()
    const fake = fakeTransport()
    const page1 = makeClient(fake, store)
    const blob = new Blob([new Uint8Array(8)], { type: 'image/jpeg' })
    await saveReportDraft(page1.client, 'charged_not_received', {
      values: { description: 'charged twice' },
      transaction: TX,
      files: [{ blob, name: 'screenshot-1.jpg', type: 'image/jpeg' }],
    })
    await (await page1.client.services()).drafts.flush()
    expect(await store.get(ANON + 'draft:report:charged_not_received')).not.toHaveProperty('value.files')
    await closeAll()

    const page2 = makeClient(fake, store)
    const draft = await loadReportDraft(page2.client, 'charged_not_received')
    expect(draft?.values.description).toBe('charged twice')
    expect(draftFiles(draft).map((f) => f.name)).toEqual(['screenshot-1.jpg'])
    // A text draft about another payment does not pick up these screenshots.
    await saveReportDraft(page2.client, 'charged_not_received', {
      values: { description: 'other' },
      transaction: { ...TX, id: 'T2026112300018842' },
    })
    expect(draftFiles(await loadReportDraft(page2.client, 'charged_not_received'))).toEqual([])
    await clearReportDraft(page2.client, 'charged_not_received')
    await (await page2.client.services()).drafts.flush()
    expect(await store.get(ANON + 'draft:report:charged_not_received:files')).toBeUndefined()
  })

  it('maskField keeps order numbers in reference fields (not network cards) and hides them in free text', () => {
    expect(maskField('merchantOrderNo', '1234567812345670')).toEqual({ value: '1234567812345670', findings: [] })
    expect(maskField('merchantOrderNo', '4111111111111111').value).toBe('************1111')
    const free = maskField('description', 'paid with 4111111111111111, code 384921 验证码')
    expect(free.value).not.toContain('4111111111111111')
    expect(free.findings.map((f) => f.kind)).toContain('card')
    expect(free.findings.every((f) => f.path === 'description')).toBe(true)
  })

  it('maps server field paths onto the form', () => {
    const e = serverErrors('charged_not_received', {
      code: 'rejected',
      message: 'bad',
      fields: [
        { field: 'description', code: 'report.error.tooShort' },
        { field: 'attachments.0', code: 'bad', message: 'Unknown attachment' },
      ],
    })
    expect(e.fields).toEqual({
      description: { code: 'report.error.tooShort' },
      screenshots: { code: 'bad', message: 'Unknown attachment' },
    })
    expect(serverErrors('other', { code: 'server', message: 'boom' }).general).toEqual([
      { code: 'server', message: 'boom' },
    ])
  })

  it('datetime-local values round-trip to the same instant with an offset', () => {
    const local = toLocalInput(TX.time)
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    const iso = fromLocalInput(local)
    expect(iso).toMatch(/[+-]\d{2}:\d{2}$/)
    expect(Date.parse(iso)).toBe(Date.parse(TX.time))
    expect(toLocalInput('not a date')).toBe('')
  })
})
