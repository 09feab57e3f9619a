import { IDBFactory } from 'fake-indexeddb'
import { waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SupportClient } from '../../src/client.js'
import type { Transport } from '../../src/transports/types.js'
import type { Article } from '../../src/types.js'
import { ArticleView } from '../../widgets/help/ArticleView.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { mountHelp } from './helpHarness.js'
import { everSeen, late, withChat } from '../support/pending.js'
import { stubTransport } from '../support/transport.js'

// The transport's capabilities (has the backend chat?) reach the store only once its code has
// loaded. Until then, nothing that offers chat may be shown: on a backend without chat it would
// go again, under the user's finger or focus.

const noChat = () => stubTransport()
const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]'

describe('Home while the transport is loading', () => {
  let widget: HelpFeedback | undefined
  afterEach(() => {
    widget?.destroy()
    widget = undefined
  })
  const shadow = () => document.querySelector('[data-help-feedback]')!.shadowRoot!
  const dialog = () => shadow().querySelector('[role=dialog]') as HTMLElement | null
  const open = async (transport: () => Promise<Transport>, locale: 'en' | 'zh-CN' | 'zh-TW' = 'en') => {
    widget = createHelpFeedback({ transport, locale }).mount()
    const watch = everSeen(shadow(), '[data-home-card], [data-card-history], [data-card-checking]')
    ;(shadow().querySelector('.launcher') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(dialog()?.querySelector('[data-entry]')).not.toBeNull())
    return watch
  }

  it('a backend without chat: the support card never shows; a busy placeholder without controls holds its place', async () => {
    const tr = late()
    const watch = await open(tr.option)
    const pending = await vi.waitFor(() => {
      const p = dialog()!.querySelector('[data-card-pending]')
      expect(p).not.toBeNull()
      return p!
    })
    expect(pending.getAttribute('aria-busy')).toBe('true')
    expect(pending.querySelectorAll(FOCUSABLE)).toHaveLength(0)
    expect(pending.textContent).toBe('Loading your support options…')
    tr.resolve(noChat())
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')).toBeNull())
    // Give the card every chance to show (its answers have come back) before saying it never did.
    await new Promise((r) => setTimeout(r, 50))
    watch.stop()
    expect(watch.seen).toEqual([])
    expect(dialog()!.querySelector('[data-entry=chat]')!.textContent).toContain('Leave us a message')
  })

  it('a backend with chat: the card takes the placeholder’s place once that is known', async () => {
    const tr = late()
    const watch = await open(tr.option)
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')).not.toBeNull())
    expect(dialog()!.querySelector('[data-home-card]')).toBeNull()
    tr.resolve(withChat())
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-home-card] [data-card-reply]')).not.toBeNull())
    expect(dialog()!.querySelector('[data-card-reply]')!.textContent).toBe('Agents usually reply within 2 min.')
    expect(dialog()!.querySelector('[data-card-pending]')).toBeNull()
    watch.stop()
    // Never "could not be checked" on the way: the card showed "checking" (or the answer) only.
    expect(dialog()!.querySelector('[data-card-unknown]')).toBeNull()
  })

  it('a transport that fails to load: the placeholder goes, and no chat card takes its place', async () => {
    const tr = late()
    const watch = await open(tr.option)
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')).not.toBeNull())
    tr.reject(new Error('chunk failed'))
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')).toBeNull())
    watch.stop()
    expect(watch.seen).toEqual([])
  })

  it('a transport that never arrives: the placeholder does not stay', async () => {
    const tr = late()
    const watch = await open(tr.option)
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')).not.toBeNull())
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')).toBeNull(), { timeout: 6000 })
    watch.stop()
    expect(watch.seen).toEqual([])
  })

  it.each([
    ['zh-CN', '正在加载支持选项…'],
    ['zh-TW', '正在載入支援選項…'],
  ] as const)('the placeholder is labelled in %s', async (locale, text) => {
    const tr = late()
    await open(tr.option, locale)
    await vi.waitFor(() => expect(dialog()!.querySelector('[data-card-pending]')?.textContent).toBe(text))
    tr.resolve(noChat())
  })
})

describe('article view while the transport is loading', () => {
  const clients: SupportClient[] = []
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory()
  })
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()))
  const article: Article = { id: 'en-limits', locale: 'en', title: 'Card limits', tags: ['limits'], body: 'Limits.' }
  const mount = (transport: () => Promise<Transport>) => {
    const view = mountHelp(<ArticleView params={{ id: article.id }} />, [article], clients, {
      locale: 'en',
      transport,
    })
    const watch = everSeen(view.container, '.help-section [data-to=chat], .help-section button')
    return { ...view, watch }
  }
  const labels = (root: HTMLElement) =>
    [...root.querySelectorAll('.help-section .help-actions button')].map((b) => b.textContent)

  it('a backend without chat: no chat button ever', async () => {
    const tr = late()
    const { container, client, watch } = mount(tr.option)
    await waitFor(() => expect(container.querySelector('h3')?.textContent).toBe('Card limits'))
    expect(labels(container)).toEqual(['Report a transaction problem', 'Contact us'])
    void client.requests.openCount().catch(() => undefined)
    tr.resolve(noChat())
    await waitFor(() => expect(client.store.getState().system.capabilities).toBeDefined())
    await new Promise((r) => setTimeout(r, 50))
    watch.stop()
    expect(watch.seen.map((b) => b.textContent)).toEqual(['Report a transaction problem', 'Contact us'])
  })

  it('a backend with chat: the chat button joins after the others, which stay where they were', async () => {
    const tr = late()
    const { container, client, watch } = mount(tr.option)
    await waitFor(() => expect(container.querySelector('h3')?.textContent).toBe('Card limits'))
    expect(labels(container)).toEqual(['Report a transaction problem', 'Contact us'])
    // The rest of the panel (Home's requests count, the chat runtime) asks for the transport.
    void client.requests.openCount().catch(() => undefined)
    tr.resolve(withChat())
    await waitFor(() =>
      expect(labels(container)).toEqual(['Report a transaction problem', 'Contact us', 'Chat with us']),
    )
    watch.stop()
  })
})
