/**
 * The text fields of a report while it is being sent: the draft is cleared once the outbox holds
 * the report, so a change made in that moment (typed, a field masked when left, a choice picked)
 * must not write the draft back, for the next form to offer as "restored" and send a second time.
 * A send that fails keeps the draft and gives the fields back.
 */
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadReportDraft } from '../../src/reports/flow.js'
import type { SupportClient } from '../../src/client.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { heldTickets } from '../support/heldTickets.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const CATEGORY = 'payment_failed'
const SENT = 'The payment failed at the last step but the money left my account.'
const submit = () => document.querySelector('[data-submit]') as HTMLButtonElement | null
const control = (name: string) =>
  document.querySelector(`[data-field=${name}] textarea, [data-field=${name}] input, [data-field=${name}] select`) as
    HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement
const type = (name: string, value: string) => fireEvent.input(control(name), { target: { value } })

async function stored(client: SupportClient) {
  await (await client.services()).drafts.flush()
  return loadReportDraft(client, CATEGORY)
}

/** A gate: `open()` lets through what waits on `passed`. */
function gate() {
  let open: () => void = () => undefined
  const passed = new Promise<void>((r) => (open = r))
  return { open, passed }
}

/** The form filled in and sent; the backend answers when told. The outbox holds it, its draft is cleared. */
async function sending(description = SENT) {
  const { fake, answer } = heldTickets()
  const panel = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
  await waitFor(() => expect(submit()?.disabled).toBe(false))
  type('description', description)
  fireEvent.click(submit()!)
  await waitFor(async () => expect((await (await panel.client.services()).outbox.list()).length).toBe(1))
  await waitFor(async () => expect(await stored(panel.client)).toBeUndefined())
  return { fake, answer, ...panel }
}

/** The report is answered (sent) and the form leaves; then the same page opens it again. */
async function sentThenReopened(fake: ReturnType<typeof fakeTransport>, answer: () => void, client: SupportClient) {
  answer()
  await waitFor(() => expect(fake.calls.createTicket).toHaveLength(1))
  await waitFor(() => expect(document.querySelector('[data-field=description]')).toBeNull())
  const draft = await stored(client)
  client.open('report', { transaction: TX, category: CATEGORY })
  await waitFor(() => expect(submit()?.disabled).toBe(false))
  return draft
}

describe('a report form while its report is being sent', () => {
  it('text typed then is not kept: the next form offers no restored draft of the report just sent', async () => {
    const { fake, answer, client } = await sending()
    type('description', `${SENT} And again.`)
    type('errorText', 'Declined by bank')
    expect(await stored(client)).toBeUndefined()
    const draft = await sentThenReopened(fake, answer, client)
    expect(draft).toBeUndefined()
    expect(document.querySelector('[data-draft-restored]')).toBeNull()
    expect((control('description') as HTMLTextAreaElement).value).toBe('')
    expect(fake.calls.createTicket).toHaveLength(1)
  })

  it('a field left then (masked when left) is not written back as a draft', async () => {
    // Sent with Enter, no blur: the field is left (and masked) while the report is on its way.
    const { fake, answer, client } = await sending(`${SENT} Card 6222 0212 3456 7890.`)
    fireEvent.blur(control('description'))
    const draft = await sentThenReopened(fake, answer, client)
    expect(draft).toBeUndefined()
    expect(document.querySelector('[data-draft-restored]')).toBeNull()
  })

  it('a choice picked then is not kept either', async () => {
    const { fake, answer, client } = await sending()
    fireEvent.change(control('failedStep'), { target: { value: 'bank' } })
    const draft = await sentThenReopened(fake, answer, client)
    expect(draft).toBeUndefined()
    expect(document.querySelector('[data-draft-restored]')).toBeNull()
  })

  it('the fields are read-only (still focusable) and the choices disabled until it is answered', async () => {
    const { answer } = await sending()
    const description = control('description') as HTMLTextAreaElement
    expect(description.readOnly).toBe(true)
    expect(description.getAttribute('aria-readonly')).toBe('true')
    expect(description.disabled).toBe(false)
    expect((control('errorText') as HTMLInputElement).readOnly).toBe(true)
    expect((control('failedStep') as HTMLSelectElement).disabled).toBe(true)
    for (const radio of document.querySelectorAll<HTMLInputElement>('[data-field=moneyTaken] input'))
      expect(radio.disabled).toBe(true)
    answer()
    await waitFor(() => expect(document.querySelector('[data-field=description]')).toBeNull())
  })

  it('the suggested other category cannot be taken while it is being sent', async () => {
    const { fake, answer } = heldTickets()
    openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
    await waitFor(() => expect(submit()?.disabled).toBe(false))
    type('description', SENT)
    // "Money was taken": the form suggests the charged-but-not-received category instead.
    fireEvent.click(document.querySelectorAll<HTMLInputElement>('[data-field=moneyTaken] input')[0]!)
    const suggested = () => document.querySelector<HTMLButtonElement>('[data-suggest] button')
    await waitFor(() => expect(suggested()?.disabled).toBe(false))
    fireEvent.click(submit()!)
    await waitFor(() => expect(suggested()?.disabled).toBe(true))
    answer()
    await waitFor(() => expect(document.querySelector('[data-field=description]')).toBeNull())
  })
})

describe('a report form whose send fails', () => {
  it('gives the fields back and keeps the draft with what the user wrote', async () => {
    const fake = fakeTransport()
    const panel = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
    await waitFor(() => expect(submit()?.disabled).toBe(false))
    const { outbox } = await panel.client.services()
    const held = gate()
    outbox.enqueue = async () => {
      await held.passed
      throw new Error('quota exceeded')
    }
    type('description', SENT)
    fireEvent.click(submit()!)
    await waitFor(() => expect((control('description') as HTMLTextAreaElement).readOnly).toBe(true))
    type('description', 'typed while it was being sent')
    held.open()
    await waitFor(() => expect(submit()?.disabled).toBe(false))
    expect(document.querySelector('[data-errors]')?.textContent).not.toBe('')
    const description = control('description') as HTMLTextAreaElement
    expect(description.readOnly).toBe(false)
    expect(description.value).toBe(SENT)
    expect((await stored(panel.client))?.values.description).toBe(SENT)
    type('description', `${SENT} Still not refunded.`)
    expect((await stored(panel.client))?.values.description).toBe(`${SENT} Still not refunded.`)
    expect(fake.calls.createTicket).toHaveLength(0)
  })
})
