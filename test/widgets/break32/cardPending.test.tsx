import { describe, expect, it, vi } from 'vitest'
import type { Transport } from '../../../src/transports/types.js'
import type { Article } from '../../../src/types.js'
import { createSupportClient } from '../../../src/client.js'
import { memoryTransport } from '../../../src/transports/memory.js'
import { memoryStore } from '../../../src/storage/memory.js'
import { late, textsSeen, widgetPerTest, withChat } from '../../support/pending.js'
import { stubTransport } from '../../support/transport.js'

// Home and the article view while the backend's chat is unknown (the transport's code loading),
// as a user meets them: a conversation kept on the device, an article opened from a link.

const ui = widgetPerTest()
const { shadow, dialog } = ui

describe('Home while chat is unknown', () => {
  it('a conversation kept on the device shows on the card (with its Continue button) before the transport has loaded', async () => {
    // An earlier page on this device opened a chat that is still going.
    const backend = memoryStore()
    const first = createSupportClient({
      transport: memoryTransport({ store: backend, agent: { autoReply: false } }),
      locale: 'en',
    })
    await first.chat.open()
    await first.chat.send('my card was charged twice')
    await vi.waitFor(() => expect(first.chat.store.getState().items.at(-1)?.state).toBe('sent'))
    const status = first.chat.store.getState().status
    expect(['queued', 'active']).toContain(status)
    first.chat.dispose()
    first.destroy()
    await new Promise((r) => setTimeout(r, 50))

    // This page's transport takes its time (a slow network).
    const tr = late()
    const widget = ui.mount({ transport: tr.option, locale: 'en' })
    await widget.open()
    await vi.waitFor(() => expect(dialog()?.querySelector('[data-entry]')).not.toBeNull())
    const client = await widget.client()
    // The saved conversation is back in the chat's store, from the device, the transport still loading.
    await vi.waitFor(() => expect(client.chat.store.getState().conversation).toBeDefined())
    expect(client.store.getState().system.capabilities).toBeUndefined()
    // The user has a live conversation: the card offers to continue it, not a busy placeholder.
    await new Promise((r) => setTimeout(r, 50))
    expect(dialog()!.querySelector('[data-card-chat]')).not.toBeNull()
    expect(dialog()!.querySelector('[data-card-pending]')).toBeNull()
    expect(dialog()!.querySelector('[data-card-chat] button')!.textContent).toBe('Continue the chat')
    tr.resolve(withChat())
  })

  it('the first entry does not say "Chat with us" and then "Leave us a message" on a backend without chat', async () => {
    const tr = late()
    const widget = ui.mount({ transport: tr.option, locale: 'en' })
    const watch = textsSeen(shadow(), '[data-entry=chat] b')
    await widget.open()
    await vi.waitFor(() => expect(dialog()?.querySelector('[data-entry]')).not.toBeNull())
    tr.resolve(stubTransport())
    await vi.waitFor(() =>
      expect(dialog()!.querySelector('[data-entry=chat]')!.textContent).toContain('Leave us a message'),
    )
    watch.stop()
    expect(watch.seen).toEqual(['Leave us a message'])
  })
})

describe('the first entry of Home while chat is unknown', () => {
  const entry = () => dialog()!.querySelector('[data-entry=chat]') as HTMLButtonElement
  const opened = async (transport: () => Promise<Transport>, locale: 'en' | 'zh-CN' = 'en') => {
    const widget = ui.mount({ transport, locale })
    const labels = textsSeen(shadow(), '[data-entry=chat] b')
    const whole = textsSeen(shadow(), '[data-entry=chat]')
    await widget.open()
    await vi.waitFor(() => expect(dialog()?.querySelector('[data-entry]')).not.toBeNull())
    return { labels, whole }
  }

  it('is a busy button in its place, named for screen readers, with neither wording', async () => {
    const tr = late()
    const { whole } = await opened(tr.option)
    const button = entry()
    expect(button.tagName).toBe('BUTTON')
    expect(button.getAttribute('aria-busy')).toBe('true')
    expect(dialog()!.querySelector('.entries li:first-child [data-entry]')).toBe(button)
    expect(button.getAttribute('aria-label')).toBe('Checking whether chat is available…')
    tr.resolve(stubTransport())
    await vi.waitFor(() => expect(entry().getAttribute('aria-busy')).toBeNull())
    whole.stop()
    // The same button all along, now with the wording of a backend without chat.
    expect(entry()).toBe(button)
    expect(whole.seen.join(' ')).not.toContain('Chat with us')
    expect(whole.seen.join(' ')).not.toContain('Talk to a support agent')
    expect(entry().textContent).toBe('Leave us a messageWe reply as soon as we can')
  })

  it('on a backend with chat, only "Chat with us" is ever seen', async () => {
    const tr = late()
    const { labels, whole } = await opened(tr.option)
    expect(entry().getAttribute('aria-busy')).toBe('true')
    tr.resolve(withChat())
    await vi.waitFor(() => expect(entry().getAttribute('aria-busy')).toBeNull())
    labels.stop()
    whole.stop()
    expect(labels.seen).toEqual(['Chat with us'])
    expect(whole.seen.join(' ')).not.toContain('Leave us a message')
    expect(entry().textContent).toBe('Chat with usTalk to a support agent')
  })

  it('in zh-CN: labelled for screen readers, then the wording of a backend without chat', async () => {
    const tr = late()
    const { labels } = await opened(tr.option, 'zh-CN')
    expect(entry().getAttribute('aria-label')).toBe('正在确认是否可以在线聊天…')
    tr.resolve(stubTransport())
    await vi.waitFor(() => expect(entry().textContent).toContain('给我们留言'))
    labels.stop()
    expect(labels.seen).toEqual(['给我们留言'])
  })

  it('opens its view while it is pending', async () => {
    const tr = late()
    await opened(tr.option)
    expect(entry().getAttribute('aria-busy')).toBe('true')
    entry().click()
    const client = await ui.current!.client()
    await vi.waitFor(() => expect(client.store.getState().ui.view).toBe('chat'))
    tr.resolve(stubTransport())
  })

  it('a transport that fails to load: the entry takes the old guess instead of staying busy', async () => {
    const tr = late()
    await opened(tr.option)
    expect(entry().getAttribute('aria-busy')).toBe('true')
    tr.reject(new Error('chunk failed'))
    await vi.waitFor(() => expect(entry().getAttribute('aria-busy')).toBeNull())
    expect(entry().textContent).toBe('Chat with usTalk to a support agent')
  })

  it('a transport that never arrives: the entry does not stay busy', async () => {
    const tr = late()
    await opened(tr.option)
    expect(entry().getAttribute('aria-busy')).toBe('true')
    await vi.waitFor(() => expect(entry().getAttribute('aria-busy')).toBeNull(), { timeout: 6000 })
    expect(entry().textContent).toBe('Chat with usTalk to a support agent')
  })
})

describe('an article opened from a link, before Home ever showed', () => {
  const article: Article = { id: 'en-limits', locale: 'en', title: 'Card limits', tags: ['limits'], body: 'Limits.' }

  it('offers chat on a backend with chat (the transport is asked for, not waited on forever)', async () => {
    const transport = vi.fn(async () => withChat())
    const widget = ui.mount({ transport, locale: 'en', articles: { articles: [article] } })
    await widget.open('article', { id: article.id })
    await vi.waitFor(() => expect(dialog()?.querySelector('h3')?.textContent).toBe('Card limits'))
    await vi.waitFor(() => expect(transport).toHaveBeenCalled())
    await vi.waitFor(() => {
      const labels = [...dialog()!.querySelectorAll('.help-section .help-actions button')].map((b) => b.textContent)
      expect(labels).toContain('Chat with us')
    })
  })
})
