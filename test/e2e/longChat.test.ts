import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Page, type Session } from './browser.js'
import { longChatPage } from './longChatPage.js'

const baseUrl = inject('baseUrl')
const N = 3000
let s: Session

beforeAll(async () => {
  s = await launch({ viewport: { width: 1280, height: 800 } })
  // The page comes from the test; the built SDK from the reference server's /dist/.
  await s.page.route(`${baseUrl}/__long-chat*`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: longChatPage() }),
  )
})
afterAll(async () => {
  await s?.close()
})

interface ListState {
  rows: number
  ids: string[]
  texts: string[]
  scrollTop: number
  scrollHeight: number
  clientHeight: number
  /** Top of each rendered row relative to the list's top edge, by id. */
  tops: Record<string, number>
}

const list = (page: Page) =>
  page.evaluate((): ListState => {
    const log = document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector<HTMLElement>('.log')!
    const box = log.getBoundingClientRect()
    const rows = [...log.querySelectorAll<HTMLElement>('[data-row]')]
    return {
      rows: rows.length,
      ids: rows.map((r) => r.dataset['id']!),
      texts: rows.map((r) => r.textContent ?? ''),
      scrollTop: log.scrollTop,
      scrollHeight: log.scrollHeight,
      clientHeight: log.clientHeight,
      tops: Object.fromEntries(rows.map((r) => [r.dataset['id']!, r.getBoundingClientRect().top - box.top])),
    }
  })

/** Whether the row is on screen inside the list (not just in the DOM). */
const visible = (state: ListState, id: string) =>
  id in state.tops && state.tops[id]! >= -1 && state.tops[id]! < state.clientHeight

const scrollList = (page: Page, to: 'top' | 'bottom') =>
  page.evaluate((where) => {
    const log = document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector<HTMLElement>('.log')!
    log.scrollTop = where === 'top' ? 0 : log.scrollHeight
  }, to)

const agentSays = (page: Page, text: string) =>
  page.evaluate(
    (t) =>
      (window as unknown as { mem: { agent: { reply(id: string, text: string): Promise<unknown> } } }).mem.agent.reply(
        'conv_bench',
        t,
      ),
    text,
  )

describe(`a ${N}-message conversation in Chromium`, () => {
  it('opens at the newest message with a bounded DOM after resuming in the background, and keeps the reader in place', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/__long-chat?n=${N}`)
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true)
    // The runtime starts and resumes the saved conversation before the user opens the chat: the
    // list then mounts with every message already in memory.
    // (`client()` loads only the headless client; the launcher's intent loads the panel runtime.)
    await page.evaluate(() =>
      document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector<HTMLElement>('button')!.focus(),
    )
    // The runtime fetches the chat view only once the resumed transcript is in memory.
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => /\/ChatView-[^/]*\.js$/.test(e.name)),
    )
    // Count rows at every DOM change while it opens: a list measured before its styles apply
    // sees an unconstrained viewport and renders every message, if only for a moment.
    await page.evaluate(() => {
      const w = window as unknown as { maxRows: number }
      w.maxRows = 0
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      new MutationObserver(() => (w.maxRows = Math.max(w.maxRows, root.querySelectorAll('[data-row]').length))).observe(
        root,
        { subtree: true, childList: true },
      )
    })
    await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
    await expect.poll(async () => visible(await list(page), `m${N}`)).toBe(true)
    expect(await page.evaluate(() => (window as unknown as { maxRows: number }).maxRows)).toBeLessThan(30)

    const opened = await list(page)
    expect(opened.rows).toBeLessThan(30)
    expect(opened.clientHeight).toBeLessThan(800)
    expect(opened.scrollHeight).toBeGreaterThan(N * 30)
    expect(opened.ids.at(-1)).toBe(`m${N}`)

    // Read from the start: the first message renders, still only a screenful of rows.
    await scrollList(page, 'top')
    await expect.poll(async () => visible(await list(page), 'm1')).toBe(true)
    const reading = await list(page)
    expect(reading.rows).toBeLessThan(30)

    // A reply while reading old messages does not move what the user reads…
    await agentSays(page, 'a new reply while you read')
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('[role=log]')!.textContent,
        ),
      )
      .toContain('a new reply while you read')
    const after = await list(page)
    expect(Math.abs(after.tops['m1']! - reading.tops['m1']!)).toBeLessThanOrEqual(2)
    expect(after.texts.join('\n')).not.toContain('a new reply while you read')

    // …and at the bottom, new messages keep the list scrolled to the end.
    await scrollList(page, 'bottom')
    await expect.poll(async () => visible(await list(page), `m${N}`)).toBe(true)
    await agentSays(page, 'one more')
    await expect
      .poll(async () => {
        const state = await list(page)
        const last = state.ids.length - 1
        return {
          text: state.texts[last]?.includes('one more'),
          visible: visible(state, state.ids[last]!),
          atEnd: state.scrollHeight - state.scrollTop - state.clientHeight <= 2,
        }
      })
      .toEqual({ text: true, visible: true, atEnd: true })
  })
})
