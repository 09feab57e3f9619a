/**
 * The comment box's 10,000-character limit is the backend's, on the text it gets: masked. Masking
 * often shortens a text (a card written in groups loses its separators, a password becomes six
 * stars), so a paste a little over the limit may fit once masked: the core takes it, and the
 * widget must not refuse it first on the length of what was typed. It refused it.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeTransport, sampleTicket } from '../support/fakeTransport.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

async function openTicket(fake: ReturnType<typeof fakeTransport>) {
  const panel = openPanel(fake, 'requests', {}, {})
  fireEvent.click(
    await waitFor(() => {
      const el = document.querySelector('[data-ticket="tk_9"]') as HTMLElement | null
      expect(el).not.toBeNull()
      return el!
    }),
  )
  await screen.findByRole('heading', { name: 'Refund not received · 89.00 CNY' })
  // Sent empty first: refused, and the box is ready (its draft looked up).
  fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
  await screen.findByText('Write a comment first.')
  return panel
}

const TOO_LONG =
  'This comment is too long to send (10,000 characters at most). Please shorten it, or send it as several comments.'

describe('a comment over the limit as typed, within it once masked', () => {
  it('is sent (masked, 9,999 characters), not refused', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement
    // 10,002 characters typed; the card's 19 become 16 stars and digits.
    const typed = `${'x'.repeat(9_982)} 4111 1111 1111 1111`
    expect(typed).toHaveLength(10_002)
    fireEvent.input(box, { target: { value: typed } })
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await waitFor(() => expect(fake.calls.addComment).toHaveLength(1))
    expect(fake.calls.addComment[0]!.comment.body).toBe(`${'x'.repeat(9_982)} ************1111`)
    expect(screen.queryByText(TOO_LONG)).toBeNull()
  })

  it('still refuses one over the limit once masked, keeping the text, the box focused', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = await openTicket(fake)
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement
    // 9,999 typed; an e-mail address grows when masked (`a@b.cn` → `a***@b.cn`): 10,002.
    const typed = `${'x'.repeat(9_992)} a@b.cn`
    expect(typed).toHaveLength(9_999)
    fireEvent.input(box, { target: { value: typed } })
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await screen.findByText(TOO_LONG)
    expect(box.value).toBe(typed)
    expect(box.getAttribute('aria-invalid')).toBe('true')
    await waitFor(() => expect(document.activeElement).toBe(box))
    expect(await (await client.services()).outbox.list()).toEqual([])
  })
})
