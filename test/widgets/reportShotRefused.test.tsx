/**
 * A report refused by the backend in the page it was sent from, with a screenshot that failed to
 * prepare (a retry button on its tile): its draft went when the report was queued, so what keeps
 * that file as picked is the refused report's own record, or a reload loses it.
 */
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RejectedError, StorageError } from '../../src/errors/index.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'
import { png } from './shotFiles.js'

const failing = vi.hoisted(() => new Set<string>())
vi.mock('../../src/attachments/index.js', async (real) => {
  const m = await real<typeof import('../../src/attachments/index.js')>()
  return {
    ...m,
    prepareImage: async (...a: Parameters<typeof m.prepareImage>) => {
      // A failure worth retrying (not the file's fault): memory, a busy device.
      if (failing.has((a[0] as File).name)) throw new StorageError('out of memory')
      return m.prepareImage(...a)
    },
  }
})

beforeEach(() => {
  freshDevice()
  failing.clear()
})
afterEach(async () => {
  await closeClients()
})

const submit = () => document.querySelector('[data-submit]') as HTMLButtonElement
const shot = (state: string) => document.querySelectorAll(`[data-field=screenshots] [data-shot][data-state=${state}]`)

describe('a screenshot that failed to prepare, in a report refused in this page', () => {
  it('is back after a reload, prepared then, beside the one that was sent', async () => {
    const fake = fakeTransport()
    fake.setMode({
      reject: new RejectedError([{ field: 'fields.amount', code: 'limit', message: 'over the limit' }], 'invalid', 422),
    })
    const first = openPanel(fake, 'report', { transaction: TX, category: 'charged_not_received' })
    await waitFor(() => expect(submit()?.disabled).toBe(false))
    fireEvent.input(document.querySelector('[data-field=description] textarea')!, {
      target: { value: 'The coffee shop says my payment never arrived.' },
    })
    failing.add('b.png')
    fireEvent.change(document.querySelector('[data-field=screenshots] input[type=file]')!, {
      target: { files: [png('a.png'), png('b.png')] },
    })
    await waitFor(() => expect(shot('failed')).toHaveLength(1))
    expect(document.querySelector('[data-retry]')).not.toBeNull()
    await waitFor(() => expect(submit().disabled).toBe(false))
    fireEvent.click(submit())
    await waitFor(() =>
      expect(document.querySelector('[data-field=amount] input')?.getAttribute('aria-invalid')).toBe('true'),
    )
    const [job] = await (await first.client.services()).outbox.list()
    await waitFor(async () =>
      expect((await first.client.reports.reopen(job!.id))?.pending?.map((f) => f.name)).toEqual(['b.png']),
    )

    // The reload, with the device able to prepare it now.
    failing.clear()
    await (await first.client.services()).drafts.flush()
    first.unmount()
    await closeClients()
    openPanel(fake, 'report', { jobId: job!.id, reloaded: true })
    await waitFor(() => expect(shot('ready')).toHaveLength(2))
  })
})
