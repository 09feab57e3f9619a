import { IDBFactory } from 'fake-indexeddb'
import { fireEvent, waitFor, within } from '@testing-library/preact'
import type { ComponentChildren } from 'preact'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SupportClient } from '../../src/client.js'
import type { SupportOptions } from '../../src/options/index.js'
import type { Article } from '../../src/types.js'
import { loadArticles } from '../../scripts/indexArticles.js'
import { ArticleView } from '../../widgets/help/ArticleView.js'
import { SearchView } from '../../widgets/help/SearchView.js'
import { Home } from '../../widgets/panel/Home.js'
import { mountHelp } from './helpHarness.js'
import { articlesTransport } from '../support/transport.js'

let articles: Article[]
beforeAll(() => {
  articles = loadArticles('examples/articles')
})

const clients: SupportClient[] = []
beforeEach(() => {
  // A fresh database per case: no outbox of an earlier case sends this case's votes.
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => clients.splice(0).forEach((c) => c.destroy()))

const fakeTransport = articlesTransport

const mount = (ui: ComponentChildren, options: SupportOptions = {}) => mountHelp(ui, articles, clients, options)

/** The first search indexes the articles on the device: slow on a busy CI machine. */
const INDEXING = { timeout: 15000 }

const results = (root: HTMLElement) => [...root.querySelectorAll<HTMLButtonElement>('.help-result')]

describe('search view', () => {
  it('typing 钱扣了但是没到账 lists the charged-but-not-received article first, with marks and a polite count', async () => {
    const { container, events } = mount(<SearchView params={{}} />)
    const input = container.querySelector('input[type=search]') as HTMLInputElement
    expect(input.hasAttribute('data-autofocus')).toBe(true)
    fireEvent.input(input, { target: { value: '钱扣了但是没到账' } })
    await waitFor(() => expect(results(container).length).toBeGreaterThan(0), INDEXING)
    const first = results(container)[0]!
    expect(first.dataset.article).toBe('zh-charged-not-received')
    expect(first.textContent).toContain('已扣款但订单未成功')
    const marks = [...first.querySelectorAll('mark')].map((m) => m.textContent)
    expect(marks.length).toBeGreaterThan(0)
    expect(marks.some((m) => /扣|到账/.test(m ?? ''))).toBe(true)
    const status = container.querySelector('[role=status]')!
    expect(status.textContent).toBe(`找到 ${results(container).length} 篇文章`)
    expect(events).toContainEqual({ type: 'search:query', length: 8, results: results(container).length })

    // Keyboard: ArrowDown from the box to the first result, ArrowUp back to the box.
    input.focus()
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(first)
    fireEvent.keyDown(first, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(results(container)[1])
    fireEvent.keyDown(results(container)[1]!, { key: 'ArrowUp' })
    fireEvent.keyDown(first, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(input)
  })

  it('answers a Chinese query typed in the English UI with the Chinese articles, in plain two-line snippets', async () => {
    const { container } = mount(<SearchView params={{}} />, { locale: 'en' })
    fireEvent.input(container.querySelector('input[type=search]')!, { target: { value: '限额' } })
    await waitFor(() => expect(results(container).length).toBeGreaterThan(0), INDEXING)
    expect(results(container)[0]!.dataset.article).toBe('zh-limits')
    for (const snippet of container.querySelectorAll('.help-result-snippet')) {
      // The limits article has a Markdown table: no rule dashes, pipes or emphasis reach the list.
      expect(snippet.textContent).not.toMatch(/---|\||\*\*/)
      expect([...(snippet.textContent ?? '')].length).toBeLessThanOrEqual(100)
    }
  })

  it('gives a zh-TW user the Traditional copy of an article, once, and never the English copies beside them', async () => {
    const { container } = mount(<SearchView params={{}} />, { locale: 'zh-TW' })
    fireEvent.input(container.querySelector('input[type=search]')!, { target: { value: '轉賬處理中' } })
    await waitFor(() => expect(results(container).length).toBeGreaterThan(0), INDEXING)
    const ids = results(container).map((r) => r.dataset.article)
    expect(ids[0]).toBe('zh-TW-transfer-delayed')
    expect(ids).not.toContain('zh-transfer-delayed')
    expect(ids.filter((id) => id?.startsWith('en-'))).toEqual([])
  })

  it('keeps a query with direction controls from turning the empty-state sentence around', async () => {
    // A right-to-left override (U+202E) in the query reversed everything after it on screen, and
    // a pop (U+202C) or isolate end (U+2069) in it could end an isolate around it early.
    const query = 'zz\u202eqx\u2069\u202c'
    const { container, client } = mount(<SearchView params={{ query }} />, { locale: 'en' })
    client.open('search', { query })
    await waitFor(() => expect(container.textContent).toContain('No articles match “\u2068zzqx\u2069”.'))
    expect(container.textContent).not.toMatch(/[\u202a-\u202e]/)
  })

  it('shows an empty state with a way to contact us, and opens an article from a result', async () => {
    const { container, client } = mount(<SearchView params={{ query: 'zzqx' }} />, { locale: 'en' })
    client.open('search', { query: 'zzqx' })
    // The query is isolated from the sentence's direction (FSI … PDI).
    await waitFor(() => expect(container.textContent).toContain('No articles match “\u2068zzqx\u2069”.'))
    expect(container.querySelector('[role=status]')!.textContent).toBe('No articles found')
    const navigate = vi.spyOn(client, 'navigate').mockImplementationOnce(() => undefined)
    fireEvent.click(within(container).getByText('Contact us'))
    expect(navigate).toHaveBeenCalledWith('contact')

    fireEvent.input(container.querySelector('input')!, { target: { value: 'refund' } })
    await waitFor(() => expect(results(container)[0]?.dataset.article).toBe('en-refund'))
    fireEvent.click(results(container)[0]!)
    expect(client.store.getState().ui).toMatchObject({ view: 'article', params: { id: 'en-refund', source: 'search' } })
    // Back returns to the search with the query that was typed.
    expect(client.store.getState().ui.stack.at(-1)).toMatchObject({ view: 'search', params: { query: 'refund' } })
  })

  it('says so when help is offline and nothing was downloaded', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    vi.stubGlobal('fetch', fetch)
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false })
    try {
      const { container } = mount(<SearchView params={{ query: '退款' }} />, {
        articles: { url: '/nowhere/index.json' },
      })
      await waitFor(() =>
        expect(container.querySelector('[role=alert]')?.textContent).toContain('当前处于离线状态，帮助文章尚未下载。'),
      )
      expect(within(container).getByText('重试')).toBeTruthy()
    } finally {
      vi.unstubAllGlobals()
      delete (navigator as { onLine?: boolean }).onLine
      if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine)
    }
  })

  it('with the network up, a failed download reads "not answering", not "offline"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    try {
      const { container } = mount(<SearchView params={{ query: '退款' }} />, {
        articles: { url: '/nowhere/index.json' },
      })
      await waitFor(() => expect(container.querySelector('[role=alert]')?.textContent).toContain('服务暂时没有响应'))
      expect(container.querySelector('[role=alert]')?.textContent).not.toContain('离线')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('home', () => {
  it('keeps the entries and the safety notice, adds popular articles and results as you type', async () => {
    const { container, client } = mount(<Home params={{}} />)
    await waitFor(() =>
      expect(container.querySelector('section[aria-labelledby=t-popular]:not([hidden])')).not.toBeNull(),
    )
    expect([...container.querySelectorAll('[data-entry]')].map((b) => b.getAttribute('data-entry'))).toEqual([
      'chat',
      'report',
      'requests',
      'contact',
    ])
    expect(container.querySelector('.notice')!.textContent).toContain('客服不会')
    expect(results(container)[0]?.dataset.article).toBe('zh-charged-not-received')
    const input = container.querySelector('input[type=search]') as HTMLInputElement
    expect(input.hasAttribute('data-autofocus')).toBe(true)
    fireEvent.input(input, { target: { value: '转错账' } })
    await waitFor(() =>
      expect(container.querySelector('.help-section [data-article=zh-wrong-recipient]')).not.toBeNull(),
    )
    fireEvent.click(within(container).getByText('查看全部结果'))
    expect(client.store.getState().ui).toMatchObject({ view: 'search', params: { query: '转错账' } })
  })
})

const hostile: Article = {
  id: 'en-hostile',
  locale: 'en',
  title: 'Card limits',
  tags: ['limits'],
  body: [
    '## Steps',
    '',
    'Read this <script>alert(1)</script> first.<img src=x onerror="alert(2)">',
    '',
    '[bad](javascript:alert(3)) [worse](JaVaScRiPt:alert(4)) [good](https://example.com/help) [fees](./fees.md)',
    '',
    '<a href="javascript:alert(5)" onclick="alert(6)">raw link</a>',
    '',
    '- **one**',
    '- `two`',
  ].join('\n'),
}

describe('article view', () => {
  it('renders sanitized Markdown: no script, no handlers, only vetted links opened safely', async () => {
    const { container, client, events } = mount(<ArticleView params={{ id: 'en-hostile', source: 'popular' }} />, {
      locale: 'en',
      articles: { articles: [...articles, hostile] },
    })
    await waitFor(() => expect(container.querySelector('h3')?.textContent).toBe('Card limits'))
    const body = container.querySelector('.help-md')!
    expect(body.querySelector('h4')?.textContent).toBe('Steps')
    expect(body.querySelectorAll('li')).toHaveLength(2)
    expect(body.querySelector('li strong')?.textContent).toBe('one')
    expect(body.querySelector('li code')?.textContent).toBe('two')
    expect(container.querySelectorAll('script, img, iframe, style')).toHaveLength(0)
    expect(
      [...container.querySelectorAll('*')].flatMap((el) => el.getAttributeNames()).filter((n) => n.startsWith('on')),
    ).toEqual([])
    expect(body.textContent).not.toMatch(/alert/)
    expect(body.textContent).toContain('raw link')
    const anchors = [...body.querySelectorAll('a')]
    expect(anchors.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['https://example.com/help', '_blank', 'noopener noreferrer'],
    ])
    expect(events).toContainEqual({ type: 'article:open', id: 'en-hostile', source: 'popular' })
    // A relative article link opens that article inside the panel.
    fireEvent.click(within(body as HTMLElement).getByText('fees'))
    await waitFor(() =>
      expect(client.store.getState().ui).toMatchObject({ view: 'article', params: { id: 'en-fees', source: 'link' } }),
    )
  })

  it('"Was this helpful?" sends exactly one vote and thanks the user', async () => {
    const voteArticle = vi.fn(async () => undefined)
    const { container, events } = mount(<ArticleView params={{ id: 'zh-refund-not-received' }} />, {
      transport: fakeTransport({ voteArticle }),
    })
    const yes = await waitFor(() => within(container).getByText('有帮助'))
    fireEvent.click(yes)
    fireEvent.click(yes)
    await waitFor(() => expect(container.querySelector('.help-vote [role=status]')?.textContent).toBe('感谢您的反馈。'))
    expect(within(container).queryByText('有帮助')).toBeNull()
    await waitFor(() => expect(voteArticle).toHaveBeenCalledTimes(1))
    expect(voteArticle).toHaveBeenCalledWith(
      'zh-refund-not-received',
      true,
      expect.objectContaining({ idempotencyKey: expect.any(String) }),
    )
    expect(events.filter((e) => e.type === 'article:vote')).toHaveLength(1)
    expect(within(container).getByText('仍需要帮助？')).toBeTruthy()
  })
})
