import { fireEvent, render, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChannelsOption } from '../../src/contact/channels.js'
import { createSupportClient } from '../../src/client.js'
import { parseMarkdown } from '../../src/markdown/index.js'
import { MessageRow } from '../../widgets/chat/MessageRow.js'
import { Markdown } from '../../widgets/help/Markdown.js'
import { PanelContext } from '../../widgets/ui/context.js'
import { fakeTransport } from '../support/fakeTransport.js'
import { closeClients, freshDevice, openPanel } from './panelHarness.js'

beforeEach(() => freshDevice())
afterEach(async () => {
  await closeClients()
})

const channels: ChannelsOption = {
  hotline: { number: '95188' },
  email: { address: 'service@example.com' },
  website: { url: 'https://wallet.example.com' },
  social: [{ name: 'Weibo', url: 'https://weibo.com/examplewallet' }],
}
const find = (selector: string) =>
  waitFor(
    () => {
      const el = document.querySelector(selector) as HTMLElement | null
      expect(el).not.toBeNull()
      return el!
    },
    { timeout: 10_000 },
  ) // the first visit compiles the lazy view's modules
const check = async (value: string) => {
  const input = (await find('form.ck-form input')) as HTMLInputElement
  fireEvent.input(input, { target: { value } })
  fireEvent.submit(input.form!)
}

describe('checker panel', () => {
  it('answers in a polite live region and says why a look-alike is not ours', async () => {
    openPanel(fakeTransport(), 'checker', {}, { channels })
    await check('https://exаmple.com/login') // Cyrillic а
    const region = await find('.ck-result[data-verdict=lookalike]')
    expect(region.getAttribute('role')).toBe('status')
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(region.textContent).toContain('look-alike characters to imitate example.com')
    await check('service@example.com')
    expect((await find('.ck-result[data-verdict=official]')).textContent).toContain('e-mail (service@example.com)')
    expect(document.querySelector('[data-report-scam]')).toBeNull()
  })

  it('a scam report is one impersonation ticket, masked, with what was checked and when', async () => {
    const fake = fakeTransport()
    openPanel(fake, 'checker', { value: '138 0013 8000' }, { channels, locale: 'zh-CN' })
    await find('.ck-result[data-verdict=notOurs]')
    fireEvent.click(await find('[data-report-scam]'))
    await find('[data-report-status=sent]')
    expect(fake.calls.createTicket).toHaveLength(1)
    const { input } = fake.calls.createTicket[0]!
    expect(input).toMatchObject({
      category: 'impersonation',
      priority: 'high',
      fields: { contactKind: 'phone', verdict: 'notOurs' },
    })
    // The number is masked like any phone number in a report, in the field and the description.
    expect(JSON.stringify(input)).not.toContain('13800138000')
    expect(JSON.stringify(input)).not.toContain('138 0013 8000')
    expect(String(input.fields.checkedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    expect(document.querySelector('[data-report-status=sent]')!.textContent).toContain('HF-2026-000001')
  })

  it('takes known scams served by the transport and names them', async () => {
    const fake = fakeTransport()
    const transport = { ...fake.transport, knownScams: async () => ['evil-refund.cn'] }
    openPanel({ ...fake, transport }, 'checker', { value: 'https://evil-refund.cn/x' }, { channels })
    await waitFor(() =>
      expect(document.querySelector('.ck-scam')?.textContent).toBe('Other users have reported it as a scam.'),
    )
  })
})

describe('external links', () => {
  it('article links leaving the official domains are marked before they are opened', () => {
    const client = createSupportClient({ transport: fakeTransport().transport, locale: 'en', channels })
    const md = '[refund](https://wallet.example.com.evil.cn/r) · [help](https://help.example.com/a) · [call](tel:95188)'
    const { container } = render(
      <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
        <Markdown blocks={parseMarkdown(md)} onArticleLink={() => {}} />
      </PanelContext.Provider>,
    )
    const links = [...container.querySelectorAll('a')]
    expect(links.map((a) => a.hasAttribute('data-external'))).toEqual([true, false, false])
    expect(links[0]!.textContent).toContain('(external site)')
    expect(links[1]!.textContent).not.toContain('(external site)')
  })

  it('links in an agent message leaving the official domains are marked', () => {
    const client = createSupportClient({ transport: fakeTransport().transport, locale: 'en', channels })
    const item = {
      id: 'm1',
      conversationId: 'c1',
      author: 'agent' as const,
      kind: 'text' as const,
      attachments: [],
      seq: 1,
      state: 'sent' as const,
      createdAt: '2026-12-02T08:00:00Z',
      text: 'Claim at https://example-refund.top/claim or read https://wallet.example.com/help',
    }
    const { container } = render(
      <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
        <MessageRow item={item} index={0} total={1} read={false} online locale="en" t={client.t} onRetry={() => {}} />
      </PanelContext.Provider>,
    )
    const links = [...container.querySelectorAll('a')]
    expect(links.map((a) => [a.getAttribute('href'), a.hasAttribute('data-external')])).toEqual([
      ['https://example-refund.top/claim', true],
      ['https://wallet.example.com/help', false],
    ])
    expect(links[0]!.textContent).toBe('https://example-refund.top/claim (external site)')
  })

  it('the home safety notice opens the checker', async () => {
    const { client } = openPanel(fakeTransport(), 'home', {}, { channels })
    fireEvent.click(await find('[data-open-checker]'))
    await waitFor(() => expect(client.store.getState().ui.view).toBe('checker'))
  })
})
