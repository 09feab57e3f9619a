import { IDBFactory } from 'fake-indexeddb'
import { fireEvent, waitFor, within } from '@testing-library/preact'
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SupportClient } from '../../src/client.js'
import { ServerError } from '../../src/errors/index.js'
import type { SelfCheckResult } from '../../src/help/selfCheck.js'
import type { SupportOptions } from '../../src/options/index.js'
import type { Article } from '../../src/types.js'
import { loadArticles } from '../../scripts/indexArticles.js'
import { SelfCheckPanel } from '../../widgets/help/SelfCheck.js'
import { SuggestedArticles } from '../../widgets/help/SuggestedArticles.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { mountHelp } from './helpHarness.js'
import { articlesTransport } from '../support/transport.js'
import { hasSheet } from '../../widgets/host/sheets.js'

let articles: Article[]
beforeAll(() => {
  articles = loadArticles('examples/articles')
})

const clients: SupportClient[] = []
let widget: HelpFeedback | undefined
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy())
  widget?.destroy()
  widget = undefined
})

const fakeTransport = articlesTransport

const mount = (ui: ComponentChildren, options: SupportOptions = {}) => mountHelp(ui, articles, clients, options)

/** A stand-in for the report form: a description box with suggestions under it. */
function Description() {
  const [text, setText] = useState('')
  return (
    <div>
      <textarea
        aria-label="description"
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <SuggestedArticles text={text} from="report" />
    </div>
  )
}

describe('suggested articles', () => {
  it('suggests up to three articles for a long description and opens one with suggestion:open', async () => {
    const { container, client, events } = mount(<Description />)
    client.open('report')
    const box = within(container).getByLabelText('description')
    fireEvent.input(box, { target: { value: '转账' } })
    await new Promise((r) => setTimeout(r, 400))
    expect(container.querySelectorAll('.help-result')).toHaveLength(0)

    fireEvent.input(box, { target: { value: '昨天付款的时候钱被扣了，但是商家说订单没有支付成功' } })
    await waitFor(() => expect(container.querySelectorAll('.help-result').length).toBeGreaterThan(0))
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('.help-result')]
    expect(buttons.length).toBeLessThanOrEqual(3)
    expect(buttons.map((b) => b.dataset.article)).toContain('zh-charged-not-received')
    expect(container.querySelector('[role=status]')!.textContent).toMatch(/^推荐 \d 篇文章$/)
    fireEvent.click(buttons[0]!)
    expect(events).toContainEqual({ type: 'suggestion:open', id: buttons[0]!.dataset.article, from: 'report' })
    expect(client.store.getState().ui).toMatchObject({
      view: 'article',
      params: { id: buttons[0]!.dataset.article, from: 'report', source: 'suggestion' },
    })
  })
})

describe('self-check panel', () => {
  it('runs on open, reports every field in words, and attaches the result', async () => {
    const availability = vi.fn(async () => ({ agentsOnline: 1, queueLength: 0, open: true }))
    const onAttach = vi.fn()
    const serverTime = vi.fn(async () => Date.now() - 10 * 60_000)
    const { container } = mount(<SelfCheckPanel onAttach={onAttach} serverTime={serverTime} />, {
      locale: 'en',
      transport: fakeTransport({ availability }),
      appVersion: 'wallet 3.2.1',
    })
    const attach = await waitFor(() => within(container).getByText('Attach results to my report'))
    expect(availability).toHaveBeenCalledTimes(1)
    const cell = (key: string) => container.querySelector(`[data-check=${key}]`)!.textContent
    expect(cell('networkOnline')).toBe('Connected')
    expect(cell('serverReachable')).toMatch(/^Reachable \(\d+ ms\)$/)
    expect(cell('clockSkewSeconds')).toMatch(
      /^Off by 6\d\d s\. Set the date and time to automatic\. \(Needs attention\)$/,
    )
    expect(cell('appVersion')).toBe('wallet 3.2.1')
    expect(cell('sdkVersion')).toBe('0.1.0')
    expect(container.querySelector('[role=status]')!.textContent).toMatch(/^Check finished: [12] items need attention$/)
    fireEvent.click(attach)
    const result = onAttach.mock.calls[0]![0] as SelfCheckResult
    expect(Object.keys(result).sort()).toEqual([
      'appVersion',
      'checkedAt',
      'clockSkewSeconds',
      'latencyMs',
      'locale',
      'networkError',
      'networkOnline',
      'sdkVersion',
      'serverReachable',
      'storage',
      'timeZone',
      'utcOffset',
    ])
    expect(result).toMatchObject({
      networkOnline: true,
      serverReachable: true,
      networkError: null,
      appVersion: 'wallet 3.2.1',
      sdkVersion: '0.1.0',
      locale: 'en',
    })
    expect(result.clockSkewSeconds).toBeGreaterThanOrEqual(599)
    expect(Object.values(result).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))).toBe(
      true,
    )
    expect(container.querySelector('[role=status]')!.textContent).toBe('Results attached to your report.')
  })

  it('tells a failing backend apart from no network, and an unknown clock from a right one', async () => {
    const availability = vi.fn(async () => {
      throw new ServerError(503)
    })
    const { container } = mount(<SelfCheckPanel />, { transport: fakeTransport({ availability }) })
    await waitFor(() => expect(container.querySelector('[data-check=serverReachable]')?.textContent).toBe('可访问'))
    expect(container.querySelector('[data-check=clockSkewSeconds]')!.textContent).toBe('无法检查')
    expect(container.querySelector('[data-check=appVersion]')!.textContent).toBe('无法检查')
    expect(within(container).queryByText('将结果附加到反馈')).toBeNull()
  })
})

describe('in the widget', () => {
  it('open("search", { query }) shows ranked results in the panel, and a result opens the article', async () => {
    widget = createHelpFeedback({ transport: fakeTransport(), locale: 'zh-CN', articles: { articles } }).mount()
    await widget.open('search', { query: '钱扣了但是没到账' })
    const shadow = document.querySelector('[data-help-feedback]')!.shadowRoot!
    await waitFor(() => expect(shadow.querySelector('.help-result')).not.toBeNull(), { timeout: 3000 })
    expect((shadow.querySelector('.help-result') as HTMLElement).dataset.article).toBe('zh-charged-not-received')
    expect(hasSheet(shadow, 'help')).toBe(true)
    fireEvent.click(shadow.querySelector('.help-result')!)
    await waitFor(
      () =>
        expect(shadow.querySelector('.help-article h3')?.textContent).toBe(
          '已扣款但订单未成功、对方显示未到账怎么办？',
        ),
      { timeout: 3000 },
    )
    expect(shadow.querySelector('.help-md h4')?.textContent).toBe('为什么会这样')
  })
})
