/**
 * The screenshots of a report while it is being sent: the draft is cleared once the outbox holds
 * the report, so a screenshot picked, removed or tried again in that moment must not write the
 * draft back (with the screenshots just sent in it, for the next form to restore and send again).
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { draftFiles, loadReportDraft } from '../../src/reports/flow.js'
import type { SupportClient } from '../../src/client.js'
import { heldTickets } from '../support/heldTickets.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'
import { png, shotInput } from './shotFiles.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const CATEGORY = 'other'
const input = shotInput
const submit = () => document.querySelector('[data-submit]') as HTMLButtonElement
const ready = () => document.querySelectorAll('[data-field=screenshots] [data-shot][data-state=ready]')

async function kept(client: SupportClient) {
  await (await client.services()).drafts.flush()
  const draft = await loadReportDraft(client, CATEGORY)
  return [...draftFiles(draft), ...draftFiles(draft, true)].map((f) => f.name)
}

/** A form with two screenshots ready and a description, sent to a backend that answers when told. */
async function sending() {
  const { fake, answer } = heldTickets()
  const panel = openPanel(fake, 'report', { transaction: TX, category: CATEGORY })
  await waitFor(() => expect(submit()?.disabled).toBe(false))
  fireEvent.change(input()!, { target: { files: [png('a.png'), png('b.png')] } })
  await waitFor(() => expect(ready()).toHaveLength(2))
  fireEvent.input(document.querySelector('[data-field=description] textarea')!, {
    target: { value: 'The shop says the refund went out on Monday; nothing arrived.' },
  })
  await waitFor(() => expect(submit().disabled).toBe(false))
  fireEvent.click(submit())
  // The outbox holds it (the draft is cleared then); the backend has not answered yet.
  await waitFor(async () => expect((await (await panel.client.services()).outbox.list()).length).toBe(1))
  await waitFor(async () => expect(await kept(panel.client)).toEqual([]))
  return { fake, answer, ...panel }
}

describe('screenshots while the report is being sent', () => {
  it('no file can be picked then, and none is kept after it is sent', async () => {
    const { fake, answer, client } = await sending()
    const picker = input()
    if (picker && !picker.disabled) fireEvent.change(picker, { target: { files: [png('late.png')] } })
    answer()
    await waitFor(() => expect(fake.calls.createTicket).toHaveLength(1))
    await waitFor(() => expect(document.querySelector('[data-field=screenshots]')).toBeNull())
    expect(await kept(client)).toEqual([])
    expect(fake.calls.upload.map((u) => u.name)).toEqual(['screenshot-1.png', 'screenshot-2.png'])
  })

  it('none can be removed then: the one left is not kept to be sent a second time', async () => {
    const { fake, answer, client } = await sending()
    // (Disabled, or already gone with its upload under way: either way nothing is removed.)
    const x = screen.queryByRole('button', { name: 'Remove Screenshot 2' }) as HTMLButtonElement | null
    if (x && !x.disabled) fireEvent.click(x)
    answer()
    await waitFor(() => expect(fake.calls.createTicket).toHaveLength(1))
    await waitFor(() => expect(document.querySelector('[data-field=screenshots]')).toBeNull())
    expect(await kept(client)).toEqual([])
  })
})
