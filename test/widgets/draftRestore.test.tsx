import { fireEvent, render, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { ReportDraft } from '../../src/reports/flow.js'
import { Panel } from '../../widgets/panel/Panel.js'
import { PanelContext } from '../../widgets/ui/context.js'
import { useDraftText } from '../../widgets/ui/useDraftText.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice } from './panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  cleanupClient?.destroy()
  cleanupClient = undefined
  await closeClients()
})
let cleanupClient: SupportClient | undefined

const control = (name: string) =>
  document.querySelector(`[data-field="${name}"]`)?.querySelector('input,textarea,select') as
    HTMLInputElement | null | undefined

describe('a draft that arrives late (slow or hanging storage)', () => {
  it('fills only what the user has not typed meanwhile, and the merged form is what is saved', async () => {
    const fake = fakeTransport()
    const client = createSupportClient({ transport: fake.transport, locale: 'en' })
    cleanupClient = client
    let settle!: (d: ReportDraft | undefined) => void
    vi.spyOn(client.reports, 'loadDraft').mockReturnValue(new Promise((resolve) => (settle = resolve)))
    const save = vi.spyOn(client.reports, 'saveDraft')
    client.open('report', { transaction: TX, category: 'charged_not_received' })
    render(
      <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
        <Panel />
      </PanelContext.Provider>,
    )
    await waitFor(() => expect(control('description')).toBeTruthy())
    fireEvent.input(control('description')!, { target: { value: 'Typed while storage was still opening' } })

    settle({
      values: { description: 'Yesterday’s words', merchantOrderNo: 'MO-7781' },
      transaction: TX,
    })
    await waitFor(() =>
      expect((document.querySelector('[data-submit]') as HTMLButtonElement | null)?.disabled).toBe(false),
    )
    expect(control('description')!.value).toBe('Typed while storage was still opening')
    // What the user had not touched comes back from the draft.
    expect(control('merchantOrderNo')!.value).toBe('MO-7781')
    expect(save.mock.calls.at(-1)![1].values).toMatchObject({
      description: 'Typed while storage was still opening',
      merchantOrderNo: 'MO-7781',
      transactionId: TX.id,
    })
  })
})

describe('a text box restored from its draft', () => {
  it('keeps what the user typed before the stored draft arrived', async () => {
    let settle!: (v: string | undefined) => void
    const saved: string[] = []
    const drafts = {
      load: vi.fn(() => new Promise<string | undefined>((resolve) => (settle = resolve))),
      save: vi.fn(async (_key: string, text: string) => void saved.push(text)),
    }
    const client = { drafts } as unknown as SupportClient
    function Box() {
      const d = useDraftText('chat:composer')
      return <textarea aria-label="box" value={d.value} onInput={(e) => d.set(e.currentTarget.value)} />
    }
    const { getByLabelText } = render(
      <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
        <Box />
      </PanelContext.Provider>,
    )
    const box = getByLabelText('box') as HTMLTextAreaElement
    fireEvent.input(box, { target: { value: 'typed first' } })
    settle('an older draft')
    await drafts.load.mock.results[0]!.value
    await waitFor(() => expect(box.value).toBe('typed first'))
    expect(saved).toEqual(['typed first'])
  })
})
