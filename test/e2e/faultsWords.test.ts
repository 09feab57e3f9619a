/**
 * What the user reads and keeps when things go wrong, in real Chromium against the real server:
 * the right words for "offline" and "the service is not answering", the report form opening
 * without a network, a read-only server answering 503 + Retry-After, text typed in the last
 * moments before the page went away, and the locale that the host asked for last.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { seedDemo } from '../../examples/server/seed.js'
import { startServer, type RunningServer } from '../../examples/server/server.js'
import { ticketsOf } from './agentApi.js'
import { type Page } from './browser.js'
import { chromium } from './session.js'

const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const s = chromium()

const shadow = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)

/**
 * Sends every job still waiting in the outbox now, instead of waiting out its backoff; the
 * outbox takes each request, also for a job whose attempt is in flight at that moment. A job
 * that the outbox sent on its own between the listing and the retry (the network came back and
 * it flushed: under load this can win) is gone, not refused: only a job still there counts.
 */
const retryQueued = async (page: Page) => {
  const taken = await page.evaluate(async () => {
    type Outbox = { list(): Promise<Array<{ id: string }>>; retry(id: string): Promise<boolean> }
    const client = await (
      window as unknown as { help: { client(): Promise<{ services(): Promise<{ outbox: Outbox }> }> } }
    ).help.client()
    const { outbox } = await client.services()
    const out: boolean[] = []
    for (const job of await outbox.list())
      out.push((await outbox.retry(job.id)) || !(await outbox.list()).some((j) => j.id == job.id))
    return out
  })
  expect(taken).not.toContain(false)
}

const queuedWords = (page: Page) => shadow(page, '[data-result=queued] [data-queued]').textContent()
const DESCRIPTION = 'The shop says it never got my payment of 128.50'

async function openReport(page: Page) {
  await page.locator('[data-testid=report-tx]').first().click()
  await shadow(page, '[data-category=charged_not_received]').click()
  await shadow(page, '[data-submit]:not([disabled])').waitFor()
}

async function openChat(page: Page) {
  await page.getByTestId('help-entry').click()
  await shadow(page, '[data-entry=chat]').click()
  await shadow(page, '.chat[data-ready]').waitFor()
}

describe('last-moment text', () => {
  it('text typed just before the page goes away is in the draft (report form and chat composer)', async () => {
    const { page } = s
    const userId = `lastwords-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    await openReport(page)
    const description = shadow(page, '[data-field=description] textarea')
    // Typed key by key, then the page reloads at once: far inside the drafts' typing pause.
    await description.pressSequentially('The shop says it never got my payment')
    await page.reload()
    // The panel comes back on the form by itself (it was open), with the draft.
    await shadow(page, '[data-draft-restored]').waitFor()
    expect(await description.inputValue()).toBe('The shop says it never got my payment')
    await shadow(page, 'button[aria-label="Close"]').click()

    await page.reload()
    await openChat(page)
    const composer = shadow(page, '.chat textarea')
    await composer.pressSequentially('Where is my refund')
    await page.reload()
    await openChat(page)
    await expect.poll(() => composer.inputValue()).toBe('Where is my refund')
  })
})

describe('the right words', () => {
  it('a dead server reads "not answering"; no network reads "offline"; back up, exactly one ticket', async () => {
    const { page, browser } = s
    const userId = `deadserver-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    await openReport(page)
    // The service dies (connections refused) while the phone keeps its network.
    await browser.route(`${baseUrl}/v1/**`, (route) => route.abort('connectionrefused'))
    await shadow(page, '[data-field=description] textarea').fill(DESCRIPTION)
    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-result=queued]').waitFor()
    expect(await queuedWords(page)).toMatch(/could not reach support/)
    expect(await shadow(page, '.frame').textContent()).not.toMatch(/offline/i)

    // Now the phone loses its network: the same waiting report says so.
    await browser.setOffline(true)
    await expect.poll(() => queuedWords(page)).toMatch(/You are offline/)
    await browser.setOffline(false)
    await browser.unroute(`${baseUrl}/v1/**`)
    await retryQueued(page)
    await shadow(page, '[data-result=sent]').waitFor()
    expect(await ticketsOf(userId)).toHaveLength(1)
  })

  it('the report form opens offline after a reload, though it was never opened in the page', async () => {
    const { page, browser } = s
    const userId = `prefetch-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=zh-CN&user=${userId}`)
    await page.reload()
    // Fetched at idle after mount: the panel, the report view and the zh-CN strings.
    await page.locator('[data-help-feedback][data-prefetched]').waitFor({ state: 'attached' })
    // The wallet page's own list, which it renders after its own scripts load.
    await page.locator('[data-testid=report-tx]').first().waitFor()
    await browser.route(`${baseUrl}/**`, (route) => route.abort('internetdisconnected'))
    await browser.setOffline(true)
    try {
      await page.locator('[data-testid=report-tx]').first().click()
      await shadow(page, '[data-category=charged_not_received]').click()
      await shadow(page, '[data-field=description] textarea').fill('商家说没有收到我的付款')
      await shadow(page, '[data-submit]:not([disabled])').click()
      await shadow(page, '[data-result=queued]').waitFor()
      expect(await queuedWords(page)).toMatch(/离线/)
      expect(await shadow(page, '.frame').textContent()).not.toContain('could not be loaded')
    } finally {
      await browser.setOffline(false)
      await browser.unroute(`${baseUrl}/**`)
    }
    // The sign-in that failed offline is made again once the network is back.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const client = await (
            window as unknown as {
              help: { client(): Promise<{ store: { getState(): { session: { status: string } } } }> }
            }
          ).help.client()
          return client.store.getState().session.status
        }),
      )
      .toBe('ready')
    await retryQueued(page)
    await shadow(page, '[data-result=sent]').waitFor()
    expect(await ticketsOf(userId)).toHaveLength(1)
  })
})

describe('a read-only server', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url))
  const dir = mkdtempSync(join(tmpdir(), 'hf-ro-'))
  const dbPath = join(dir, 'ro.db')
  let server: RunningServer | undefined
  const serve = async (port: number, readOnly: boolean) => {
    await server?.close()
    server = await startServer({
      port,
      dbPath,
      readOnly,
      secret: 'e2e-secret',
      agentKey,
      demoTokens: true,
      staticRoot: root,
      log: false,
      hours: null,
    })
    return server
  }
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers writes with 503 + Retry-After; the report waits on the device and is sent once writable, exactly one ticket', async () => {
    const { page } = s
    const first = await serve(0, false)
    seedDemo(first.db, join(root, 'examples', 'articles'))
    const { port, url } = first
    const userId = `readonly-${Date.now()}`
    await page.goto(`${url}/?locale=en&user=${userId}`)
    await openReport(page)

    // Same file, same port, now read-only (what a full disk remounted read-only looks like).
    const ro = await serve(port, true)
    expect(ro.readOnly).toBe(true)
    // Signing in needs no write, so it works; a ticket is a write and waits.
    const signIn = await fetch(`${url}/v1/identify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, token: ro.userToken(userId) }),
    })
    expect(signIn.status).toBe(200)
    const { token } = (await signIn.json()) as { token: string }
    const write = await fetch(`${url}/v1/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        'Idempotency-Key': `ro-${userId}`,
      },
      body: JSON.stringify({
        category: 'payment_failed',
        subject: 'Payment failed',
        description: 'Twice at the shop, read-only check',
        fields: {},
        attachments: [],
        priority: 'normal',
        locale: 'en',
      }),
    })
    expect(write.status).toBe(503)
    expect(write.headers.get('Retry-After')).toBe('30')
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('read_only')
    expect((await fetch(`${url}/v1/availability`)).status).toBe(200)

    await shadow(page, '[data-field=description] textarea').fill(DESCRIPTION)
    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-result=queued]').waitFor()
    expect(await queuedWords(page)).toMatch(/could not reach support/)
    expect(await ticketsOf(userId, url)).toHaveLength(0)

    // The user presses "send now" twice: the first press's attempt stays on the wire (the
    // read-only server's answer held back) while the server turns writable and the second lands.
    let release!: () => void
    const released = new Promise<void>((r) => (release = r))
    let answered: Promise<void> | undefined
    let held = 0
    let readOnlyAnswer: number | undefined
    await page.route('**/v1/tickets', (route) => {
      if (held++ > 0) return route.continue()
      answered = (async () => {
        const response = await route.fetch()
        readOnlyAnswer = response.status()
        await released
        await route.fulfill({ response })
      })()
    })
    await retryQueued(page)
    // The read-only server has answered the first attempt (held back from the page) before it
    // is replaced: closing it with the request still on its socket would reset the connection.
    await expect.poll(() => readOnlyAnswer).toBe(503)
    expect(held).toBe(1)
    await serve(port, false)
    try {
      await retryQueued(page)
    } finally {
      release()
      await answered
      await page.unroute('**/v1/tickets')
    }
    await shadow(page, '[data-result=sent]').waitFor()
    expect(await ticketsOf(userId, url)).toHaveLength(1)
  })
})

describe('the locale the host asked for last', () => {
  it("wins when the earlier locale's strings arrive after the later one's", async () => {
    const page = await s.browser.newPage()
    try {
      await page.goto(`${baseUrl}/?locale=en&user=locale-${Date.now()}`)
      await page.getByTestId('help-entry').click()
      await shadow(page, '[aria-label="Close"]').waitFor()

      // Hold the zh-TW strings (the chunk holding 關閉, "Close") until the test lets them go.
      let release!: () => void
      const released = new Promise<void>((r) => (release = r))
      let heldUrl: string | undefined
      await page.route(`${baseUrl}/dist/**`, async (route) => {
        const response = await route.fetch()
        const body = await response.text()
        if (body.includes('關閉')) {
          heldUrl = route.request().url()
          await released
        }
        await route.fulfill({ response, body })
      })
      await page.evaluate(() => {
        const help = (window as unknown as { help: { setLocale(l: string): void } }).help
        help.setLocale('zh-TW')
        help.setLocale('zh-CN')
      })
      await shadow(page, '[aria-label="关闭"]').waitFor()
      await expect.poll(() => heldUrl).toBeDefined()
      release()
      // Once the late chunk has been evaluated and every callback waiting on it has run.
      // (A string, so the test runner does not rewrite the page's own import().)
      await page.evaluate(`import(${JSON.stringify(heldUrl)}).then(() => new Promise((r) => setTimeout(r, 0)))`)
      expect(await shadow(page, '[aria-label="关闭"]').count()).toBe(1)
      expect(await shadow(page, '[aria-label="關閉"]').count()).toBe(0)
    } finally {
      // Other chunk requests may still be in the route handler: drop it before the page goes,
      // or its response.text() rejects on a disposed response after the test.
      await page.unrouteAll({ behavior: 'ignoreErrors' })
      await page.close()
    }
  })
})
