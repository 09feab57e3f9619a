import { fireEvent, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RejectedError } from '../../src/errors/index.js'
import type { Conversation } from '../../src/types.js'
import { startValues, submitReport } from '../../src/reports/flow.js'
import { fakeTransport, sampleTicket } from '../support/fakeTransport.js'
import { TX } from '../support/fixtures.js'
import { closeClients, freshDevice, openPanel, setOnline } from './panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const find = (selector: string) =>
  waitFor(() => {
    const el = document.querySelector(selector) as HTMLElement | null
    expect(el).not.toBeNull()
    return el!
  })

async function openTicket(fake: ReturnType<typeof fakeTransport>, options = {}) {
  const panel = openPanel(fake, 'requests', {}, options)
  fireEvent.click(await find('[data-ticket="tk_9"]'))
  await screen.findByRole('heading', { name: 'Refund not received · 89.00 CNY' })
  return panel
}

describe('my requests', () => {
  it('lists the tickets with status badges and opens one with its history and conversation', async () => {
    const fake = fakeTransport({
      tickets: [
        sampleTicket(),
        sampleTicket({
          id: 'tk_8',
          reference: 'HF-2026-000008',
          subject: 'Top-up failed · 50.00 CNY',
          status: 'closed',
          updatedAt: '2026-11-01T10:00:00+08:00',
        }),
      ],
    })
    const { client } = openPanel(fake, 'requests', {}, { locale: 'zh-CN' })
    const item = await find('[data-ticket="tk_9"]')
    expect(item.textContent).toContain('编号 HF-2026-000009')
    expect(item.querySelector('[data-status]')?.textContent).toBe('处理中')
    expect(document.querySelector('[data-ticket="tk_8"] [data-status]')?.textContent).toBe('已关闭')

    fireEvent.click(item)
    await waitFor(() => expect(client.store.getState().ui).toMatchObject({ view: 'request', params: { id: 'tk_9' } }))
    const history = await find('[data-history]')
    expect([...history.querySelectorAll('[data-status]')].map((el) => el.textContent)).toEqual(['已受理', '处理中'])
    expect(history.textContent).toContain('Assigned')
    expect((await find('[data-comments]')).textContent).toContain('We are checking with the bank.')
    expect(document.querySelector('h2')?.textContent).toBe('反馈详情')
  })

  it('adds a comment through the outbox, masked, and shows it once sent', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    const box = screen.getByLabelText('Add a comment')
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByText('Write a comment first.')).toBeTruthy()

    fireEvent.input(box, { target: { value: 'Call me on 13800138000 please' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await waitFor(() => expect(fake.calls.addComment).toHaveLength(1))
    expect(fake.calls.addComment[0]!.comment.body).not.toContain('13800138000')
    await waitFor(() =>
      expect(document.querySelector('[data-comments]')!.textContent).toContain('Call me on 138****8000 please'),
    )
    expect(document.querySelector('[data-hidden-notice]')?.textContent).toContain('We hid a phone number.')
  })

  it('keeps a reply being written (masked) across a reload of the panel, per request', async () => {
    const first = await openTicket(fakeTransport({ tickets: [sampleTicket()] }))
    fireEvent.input(screen.getByLabelText('Add a comment'), {
      target: { value: 'My card 4111 1111 1111 1111 was charged' },
    })
    await waitFor(async () =>
      expect(await (await first.client.services()).drafts.load('request:tk_9:comment')).toBeTruthy(),
    )
    await (await first.client.services()).drafts.flush()
    first.unmount()
    await closeClients()
    // The closed page lets go of the outbox lease a moment later (no Web Locks in this DOM).
    await new Promise((r) => setTimeout(r, 200))

    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement
    await waitFor(() => expect(box.value).toMatch(/^My card \*+1111 was charged$/))
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await waitFor(() => expect(fake.calls.addComment).toHaveLength(1))
    await waitFor(() => expect(box.value).toBe(''))
  })

  it('refuses a comment longer than a backend takes, keeping the whole text in the box', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = await openTicket(fake)
    const box = screen.getByLabelText('Add a comment') as HTMLTextAreaElement
    // No maxlength: a browser cuts a longer paste there without a word, and that text is gone.
    expect(box.hasAttribute('maxlength')).toBe(false)
    const long = `Here is the log the shop sent me: ${'x'.repeat(12_000)}`
    // Sent empty first, as a hurried user would: refused, and the box is ready (its draft looked up).
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await screen.findByText('Write a comment first.')
    fireEvent.input(box, { target: { value: long } })
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await screen.findByText(
      'This comment is too long to send (10,000 characters at most). Please shorten it, or send it as several comments.',
    )
    expect(box.value).toBe(long)
    expect(box.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(box)
    expect(await (await client.services()).outbox.list()).toEqual([])

    // Shortened to the limit, it goes.
    fireEvent.input(box, { target: { value: 'y'.repeat(10_000) } })
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }))
    await waitFor(() => expect(fake.calls.addComment).toHaveLength(1))
    expect(fake.calls.addComment[0]!.comment.body).toHaveLength(10_000)
  })

  it('offers the rating only once the ticket is solved, then sends it', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    expect(document.querySelector('[data-rating-form]')).toBeNull()

    fake.setStatus('tk_9', 'solved', 'Refund found')
    const form = await find('[data-rating-form]')
    expect(document.querySelector('[data-view=request] [data-status]')?.textContent).toBe('Solved')
    await waitFor(() =>
      expect(screen.getAllByRole('status').some((s) => s.textContent === 'This request was updated.')).toBe(true),
    )
    fireEvent.click(within(form).getByRole('button', { name: 'Send rating' }))
    expect(within(form).getByText('Choose a score from 1 to 5.')).toBeTruthy()
    // The scale shared with the chat: number and word on screen, both in the name.
    fireEvent.click(within(form).getByLabelText('5 of 5: Excellent'))
    fireEvent.input(within(form).getByLabelText('Anything to add? (optional)'), { target: { value: 'Fast and kind' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Send rating' }))
    await screen.findByText('You rated this 5 of 5.')
    expect(fake.calls.rate).toEqual([expect.objectContaining({ id: 'tk_9', score: 5, comment: 'Fast and kind' })])
    expect(document.querySelector('[data-rating-form]')).toBeNull()
  })

  it('escalates through the outbox', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    fireEvent.click(screen.getByRole('button', { name: 'Escalate this request' }))
    fireEvent.input(screen.getByLabelText('Why does this need more attention? (optional)'), {
      target: { value: 'A week already' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Request escalation' }))
    await screen.findByText('Escalated')
    expect(fake.calls.escalate).toEqual([expect.objectContaining({ ticketId: 'tk_9', reason: 'A week already' })])
    expect(screen.queryByRole('button', { name: 'Escalate this request' })).toBeNull()
  })

  it('refuses an escalation reason longer than a backend takes, keeping the whole text in the box', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    const { client } = await openTicket(fake)
    fireEvent.click(screen.getByRole('button', { name: 'Escalate this request' }))
    const box = screen.getByLabelText('Why does this need more attention? (optional)') as HTMLTextAreaElement
    // No maxlength: a browser cuts a longer paste there without a word, and that text is gone.
    expect(box.hasAttribute('maxlength')).toBe(false)
    const long = `Third week waiting. ${'The shop says the bank has it. '.repeat(80)}`
    expect(long.length).toBeGreaterThan(2000)
    fireEvent.input(box, { target: { value: long } })
    fireEvent.click(screen.getByRole('button', { name: 'Request escalation' }))
    await screen.findByText('This reason is too long to send (2,000 characters at most). Please shorten it.')
    expect(box.value).toBe(long)
    expect(box.getAttribute('aria-invalid')).toBe('true')
    await waitFor(() => expect(document.activeElement).toBe(box))
    expect(await (await client.services()).outbox.list()).toEqual([])

    // Shortened to the limit, it goes.
    fireEvent.input(box, { target: { value: long.slice(0, 2000) } })
    expect(box.hasAttribute('aria-invalid')).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Request escalation' }))
    await screen.findByText('Escalated')
    expect(fake.calls.escalate.map((c) => c.reason)).toEqual([long.slice(0, 2000).trim()])
  })

  it('refuses a rating comment longer than a backend takes, in zh-TW, keeping the text and the score', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket({ status: 'solved' })] })
    const { client } = await openTicket(fake, { locale: 'zh-TW' })
    const form = await find('[data-rating-form]')
    const box = within(form).getByLabelText('其他意見（選填）') as HTMLTextAreaElement
    expect(box.hasAttribute('maxlength')).toBe(false)
    const long = '客服很快回覆，但退款流程太慢。'.repeat(150)
    expect(long.length).toBeGreaterThan(2000)
    fireEvent.click(within(form).getByLabelText(/^4/))
    fireEvent.input(box, { target: { value: long } })
    fireEvent.click(within(form).getByRole('button', { name: '提交評價' }))
    await within(form).findByText('意見太長，無法提交（最多 2,000 個字元）。請刪減。')
    expect(box.value).toBe(long)
    expect(box.getAttribute('aria-invalid')).toBe('true')
    await waitFor(() => expect(document.activeElement).toBe(box))
    expect((within(form).getByLabelText(/^4/) as HTMLInputElement).checked).toBe(true)
    expect(await (await client.services()).outbox.list()).toEqual([])

    fireEvent.input(box, { target: { value: long.slice(0, 2000) } })
    fireEvent.click(within(form).getByRole('button', { name: '提交評價' }))
    await waitFor(() => expect(fake.calls.rate).toHaveLength(1))
    expect(fake.calls.rate[0]).toMatchObject({ score: 4, comment: long.slice(0, 2000) })
  })

  it('repeats the never-share warning under an agent reply that asks for a code, as chat does', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    fake.agentReply('tk_9', 'To speed this up, send me the SMS codes you received.')
    const asking = await waitFor(() => {
      const li = [...document.querySelectorAll('[data-comments] li[data-author=agent]')].find((el) =>
        el.textContent!.includes('SMS codes'),
      )
      expect(li).toBeDefined()
      return li!
    })
    expect(asking.querySelector('[role=note]')?.textContent).toBe(
      'Never share a password or verification code, even if asked here.',
    )
    expect(document.querySelectorAll('[data-comments] [role=note]')).toHaveLength(1)
  })

  it('lists an attachment whose url is not http(s) by name, without a link', async () => {
    const file = { name: 'receipt.png', type: 'image/png', size: 3 }
    const fake = fakeTransport({
      tickets: [
        sampleTicket({
          attachments: [
            { id: 'a_1', ...file, url: 'javascript:alert(1)' },
            { id: 'a_2', ...file, url: 'https://files.example.com/a.png' },
          ],
        }),
      ],
    })
    await openTicket(fake)
    const list = await find('[data-attachments]')
    expect([...list.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://files.example.com/a.png',
    ])
    expect(list.querySelectorAll('li')).toHaveLength(2)
    expect(list.querySelector('li')!.textContent).toContain('receipt.png')
  })

  it('shows new agent replies live', async () => {
    const fake = fakeTransport({ tickets: [sampleTicket()] })
    await openTicket(fake)
    fake.agentReply('tk_9', 'The refund is on its way.')
    await waitFor(() =>
      expect(document.querySelector('[data-comments]')!.textContent).toContain('The refund is on its way.'),
    )
  })

  it('a refused report needs attention: review reopens the form with the server message and sends it', async () => {
    const fake = fakeTransport()
    fake.setMode({
      reject: new RejectedError(
        [{ field: 'description', code: 'x', message: 'Please describe the problem in more detail' }],
        'invalid',
        400,
      ),
    })
    const { client } = openPanel(fake, 'requests')
    const values = { ...startValues('charged_not_received', TX, undefined), description: 'Shop says unpaid, I paid.' }
    const r = await submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    expect(r.status).toBe('rejected')
    const item = await find(`[data-job="${r.status === 'rejected' ? r.jobId : ''}"]`)
    await waitFor(() => expect(item.textContent).toContain('Needs your attention'))
    expect(item.textContent).toContain('Please describe the problem in more detail')

    fake.setMode('ok')
    fireEvent.click(within(item).getByRole('button', { name: 'Review and send again' }))
    const description = (await find('[data-field=description] textarea')) as HTMLTextAreaElement
    expect(description.value).toBe('Shop says unpaid, I paid.')
    expect(description.getAttribute('aria-invalid')).toBe('true')
    // In the form the field reads the catalog's message; the backend's text is for logs (docs/protocol.md §1.2).
    expect(document.getElementById(description.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe(
      'Please check what you entered.',
    )
    fireEvent.input(description, { target: { value: 'The shop says it was never paid, but 128.50 left my account.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send again' }))
    await screen.findByText('Reference number: HF-2026-000001')
    expect(await (await client.services()).outbox.list()).toEqual([])
  })

  it('shows sending and waiting states for reports on the device', async () => {
    setOnline(false)
    const fake = fakeTransport()
    const { client } = openPanel(fake, 'requests')
    const values = { ...startValues('charged_not_received', TX, undefined), description: 'Shop says unpaid, I paid.' }
    await submitReport(client, { category: 'charged_not_received', values, transaction: TX })
    const chip = await find('[data-pending]')
    expect(chip.getAttribute('data-pending')).toBe('waiting')
    expect(chip.textContent).toBe('Waiting to send')
    expect(screen.queryByText('You have no requests yet.')).toBeNull()
  })

  it('counts chats as requests: the empty state shows only when there are neither requests nor conversations', async () => {
    const chatty = (conversations: Conversation[]) => {
      const fake = fakeTransport()
      const transport = {
        ...fake.transport,
        capabilities: { ...fake.transport.capabilities, chat: true },
        listConversations: async () => conversations,
      }
      return { ...fake, transport }
    }
    const past: Conversation = {
      id: 'cv_1',
      reference: 'C-000001',
      status: 'ended',
      createdAt: '2026-11-20T10:00:00+08:00',
    }
    const one = openPanel(chatty([past]), 'requests')
    await find('[data-conversation="cv_1"]')
    await waitFor(() => expect(one.client.store.getState().system.capabilities?.chat).toBe(true))
    expect(document.querySelector('[data-empty]')).toBeNull()
    expect(screen.queryByText('You have no requests yet.')).toBeNull()
    one.unmount()

    openPanel(chatty([]), 'requests')
    const empty = await find('[data-empty]')
    expect(empty.textContent).toContain('You have no requests yet.')
    expect(empty.querySelector('[data-empty-chat]')).not.toBeNull()
  })
})
