import { IDBFactory } from 'fake-indexeddb'
import { render } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { MessageList } from '../../widgets/chat/MessageList.js'
import { RejectedError } from '../../src/errors/index.js'
import { memoryTransport, type MemoryTransport } from '../../src/transports/memory.js'
import { memoryStore } from '../../src/storage/memory.js'
import type { Transport } from '../../src/transports/types.js'
import type { ChatItem } from '../../src/chat/index.js'
import { catalogs, createTranslator } from '../../src/i18n/index.js'

let widget: HelpFeedback | undefined
let mem: MemoryTransport
beforeEach(() => {
  // Every test gets an empty device: no saved conversation, no outbox jobs.
  globalThis.indexedDB = new IDBFactory()
  mem = memoryTransport({ store: memoryStore(), agent: { autoReply: false } })
})
afterEach(() => {
  widget?.destroy()
  widget = undefined
})

const shadow = () => (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!
const $ = <T extends Element = HTMLElement>(sel: string) => shadow().querySelector<T>(sel)
const $$ = (sel: string) => [...shadow().querySelectorAll<HTMLElement>(sel)]
const rows = () => $$('[data-row]:not([data-event])').map((r) => r.querySelector('.text')?.textContent ?? '')

async function openChat(transport: Transport = mem, extra: Record<string, unknown> = {}) {
  widget = createHelpFeedback({ transport, locale: 'en', user: { id: 'u1', name: 'Ann' }, ...extra }).mount()
  await widget.open('chat')
  // The first open imports the chat's modules (through Vite's transform here): on a loaded
  // machine that alone took over 3 s. Nothing in the product promises a time for it.
  await vi.waitFor(() => expect($('.chat[data-ready]')).not.toBeNull(), { timeout: 15_000 })
}

function type(text: string) {
  const input = $<HTMLTextAreaElement>('.composer textarea')!
  input.focus()
  input.value = text
  input.dispatchEvent(new Event('input', { bubbles: true }))
  return input
}
function pressEnter(el: HTMLElement, init: KeyboardEventInit = {}) {
  const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init })
  el.dispatchEvent(e)
  return e
}

async function currentConversation(): Promise<string> {
  const client = await widget!.client()
  return client.chat.store.getState().conversation!.id
}

describe('chat view', () => {
  it('sends with Enter (Shift+Enter does not), keeps focus, and shows the agent reply announced politely', async () => {
    await openChat()
    const input = type('Hello, my refund is late')
    expect(pressEnter(input, { shiftKey: true }).defaultPrevented).toBe(false)
    expect(pressEnter(input).defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(rows()).toEqual(['Hello, my refund is late']))
    await vi.waitFor(() => expect($('[data-row]')!.getAttribute('data-state')).toBe('sent'))
    expect(input.value).toBe('')
    expect(shadow().activeElement).toBe(input)
    const log = $('[role=log]')!
    expect(log.textContent).toBe('')

    await mem.agent.reply(await currentConversation(), 'Checking it now: https://help.example.com/refunds')
    await vi.waitFor(() => expect(rows()).toHaveLength(2))
    await vi.waitFor(() => expect(log.textContent).toContain('Lin: Checking it now'))
    const link = $<HTMLAnchorElement>('[data-row] a')!
    expect(link.getAttribute('href')).toBe('https://help.example.com/refunds')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.getAttribute('target')).toBe('_blank')
    expect($('[role=status][data-status]')!.textContent).toBe('Lin is helping you.')
  })

  it('renders agent text as text: markup is not interpreted', async () => {
    await openChat()
    type('hi')
    pressEnter($('.composer textarea')!)
    await vi.waitFor(() => expect($('[data-row]')?.getAttribute('data-state')).toBe('sent'))
    await mem.agent.reply(await currentConversation(), '<img src=x onerror="alert(1)"><b>bold</b> javascript:alert(1)')
    await vi.waitFor(() => expect(rows()).toHaveLength(2))
    const row = $$('[data-row]:not([data-event])')[1]!
    expect(row.querySelector('img, b, a')).toBeNull()
    expect(row.querySelector('.text')!.textContent).toBe(
      '<img src=x onerror="alert(1)"><b>bold</b> javascript:alert(1)',
    )
  })

  it('shows a failed message with a retry button that sends it again', async () => {
    let fail = true
    const transport: Transport = {
      ...mem,
      sendMessage: async (id, m, o) => {
        if (fail) throw new RejectedError([], 'refused', 422)
        return mem.sendMessage(id, m, o)
      },
    }
    await openChat(transport)
    type('please work')
    pressEnter($('.composer textarea')!)
    const retry = await vi.waitFor(() => {
      const b = $<HTMLButtonElement>('[data-row] button.retry')
      expect(b?.textContent).toBe('Not sent. Tap to retry.')
      return b!
    })
    fail = false
    retry.click()
    await vi.waitFor(() => expect($('[data-row]')!.getAttribute('data-state')).toBe('sent'))
    expect($('[data-row] button.retry')).toBeNull()
    expect((await mem.listMessages(await currentConversation())).messages.map((m) => m.text)).toEqual(['please work'])
  })

  it('asks before sending something that looks like a verification code', async () => {
    await openChat()
    type('384921')
    pressEnter($('.composer textarea')!)
    const alert = await vi.waitFor(() => {
      const a = $('.confirm[role=alert]')
      expect(a).not.toBeNull()
      return a!
    })
    expect(alert.textContent).toMatch(/verification code/)
    expect(rows()).toEqual([])
    ;[...alert.querySelectorAll('button')].find((b) => b.textContent === 'Send anyway')!.click()
    await vi.waitFor(() => expect($$('[data-row]')).toHaveLength(1))
    expect($('.chat-safety')!.textContent).toMatch(/never ask for your password/)
  })

  it('says a reply time of more than a week as 9999 minutes, as Home and Contact do', async () => {
    const transport: Transport = {
      ...mem,
      availability: async () => ({ agentsOnline: 1, queueLength: 99, open: true, expectedWaitSeconds: 1e9 }),
    }
    await openChat(transport)
    await vi.waitFor(() => expect(shadow().textContent).toMatch(/usually replies within 9999 min/))
  })

  it('offers "leave a message" when chat is closed and confirms it was received', async () => {
    const transport: Transport = {
      ...mem,
      availability: async () => ({ agentsOnline: 0, queueLength: 0, open: false }),
    }
    await openChat(transport)
    expect($('[data-chat-status]')!.getAttribute('data-chat-status')).toBe('offline')
    expect($('.composer')).toBeNull()
    const box = $<HTMLTextAreaElement>('.leave textarea')!
    box.value = 'My transfer of 2000 CNY has been pending since yesterday'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    $<HTMLButtonElement>('.leave button[type=submit]')!.click()
    await vi.waitFor(() => expect($('[data-chat-status]')!.getAttribute('data-chat-status')).toBe('left'))
    expect($('[role=status][data-status]')!.textContent).toMatch(/received your message/)
    await vi.waitFor(async () =>
      expect(await mem.listTickets()).toEqual([expect.objectContaining({ category: 'other' })]),
    )
  })
})

describe('leave a message: a draft', () => {
  it('keeps what the user wrote (masked) when the panel goes away before sending, and forgets it once sent', async () => {
    const transport: Transport = {
      ...mem,
      availability: async () => ({ agentsOnline: 0, queueLength: 0, open: false }),
    }
    await openChat(transport)
    const box = $<HTMLTextAreaElement>('.leave textarea')!
    box.value = 'Card 4111 1111 1111 1111 was charged twice'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    // The widget goes away at once (before the draft's write delay); the same device opens the chat again.
    await new Promise((r) => setTimeout(r, 0))
    widget!.destroy()
    await openChat(transport)
    await vi.waitFor(() =>
      expect($<HTMLTextAreaElement>('.leave textarea')!.value).toMatch(/^Card \*+1111 was charged twice$/),
    )
    $<HTMLButtonElement>('.leave button[type=submit]')!.click()
    await vi.waitFor(() => expect($('[data-chat-status]')!.getAttribute('data-chat-status')).toBe('left'))
    await new Promise((r) => setTimeout(r, 50))
    widget!.destroy()
    await openChat(transport)
    await new Promise((r) => setTimeout(r, 50))
    expect($<HTMLTextAreaElement>('.leave textarea')?.value ?? '').toBe('')
  })
})

describe('on-screen keyboard', () => {
  it('pads the chat by the part of it the keyboard covers (visualViewport), so the composer stays visible', async () => {
    const vv = Object.assign(new EventTarget(), { height: 800, offsetTop: 0, width: 390 })
    const original = Object.getOwnPropertyDescriptor(window, 'visualViewport')
    Object.defineProperty(window, 'visualViewport', { value: vv, configurable: true })
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      return {
        top: 0,
        left: 0,
        right: 390,
        bottom: this.classList.contains('chat') ? 800 : 0,
        width: 390,
        height: 800,
        x: 0,
        y: 0,
        toJSON() {},
      } as DOMRect
    })
    try {
      await openChat()
      const chat = $('.chat')!
      await vi.waitFor(() => expect(chat.style.paddingBottom).toBe('0px'))
      vv.height = 500 // the keyboard opened: only the visual viewport shrinks
      vv.dispatchEvent(new Event('resize'))
      await vi.waitFor(() => expect(chat.style.paddingBottom).toBe('300px'))
      vv.height = 800
      vv.dispatchEvent(new Event('resize'))
      await vi.waitFor(() => expect(chat.style.paddingBottom).toBe('0px'))
    } finally {
      rect.mockRestore()
      if (original) Object.defineProperty(window, 'visualViewport', original)
      else delete (window as { visualViewport?: unknown }).visualViewport
    }
  })
})

describe('virtualized message list', () => {
  const t = createTranslator(catalogs.en!)
  const make = (n: number): ChatItem[] =>
    Array.from(
      { length: n },
      (_, i) =>
        ({
          id: `m${i + 1}`,
          conversationId: 'c',
          author: i % 3 ? 'agent' : 'user',
          kind: 'text',
          text: `message ${i + 1}`,
          attachments: [],
          createdAt: '2026-01-01T00:00:00Z',
          seq: i + 1,
          state: 'sent',
        }) as ChatItem,
    )

  it('keeps the DOM node count bounded and independent of conversation length', () => {
    const small = render(<MessageList items={make(100)} agentReadSeq={0} online locale="en" t={t} onRetry={() => {}} />)
    const smallRows = small.container.querySelectorAll('[data-row]').length
    const smallNodes = small.container.querySelectorAll('*').length
    small.unmount()
    const big = render(<MessageList items={make(5000)} agentReadSeq={0} online locale="en" t={t} onRetry={() => {}} />)
    const bigRows = [...big.container.querySelectorAll<HTMLElement>('[data-row]')]
    expect(bigRows.length).toBeLessThan(40)
    expect(bigRows.length).toBe(smallRows)
    expect(big.container.querySelectorAll('*').length).toBe(smallNodes)
    // It opens at the newest messages, and tells assistive tech where each row sits.
    expect(bigRows.at(-1)!.textContent).toContain('message 5000')
    expect(bigRows.at(-1)!.getAttribute('aria-setsize')).toBe('5000')
    expect(bigRows.at(-1)!.getAttribute('aria-posinset')).toBe('5000')
  })

  it('never takes a scroller taller than the window as its viewport (laid out without its styles, it reports its whole content)', async () => {
    const desc = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')
    // Unstyled, the scroller is as tall as its content: here, 5,000 rows of 72 px.
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get() {
        return this.classList?.contains('log') ? 360_000 : 0
      },
    })
    try {
      const view = render(
        <MessageList items={make(5000)} agentReadSeq={0} online locale="en" t={t} onRetry={() => {}} />,
      )
      // Let the measuring pass and its re-render run.
      await new Promise((r) => setTimeout(r, 20))
      const rows = view.container.querySelectorAll('[data-row]')
      expect(rows.length).toBeGreaterThan(0)
      expect(rows.length).toBeLessThan(Math.ceil(innerHeight / 40) + 20)
      expect(rows[rows.length - 1]!.textContent).toContain('message 5000')
      view.unmount()
    } finally {
      if (desc) Object.defineProperty(HTMLElement.prototype, 'clientHeight', desc)
      else delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
    }
  })
})
