import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { agentGet, fileTickets } from './agentApi.js'
import { launch, openConsole, type Session } from './browser.js'

// The user page is the wallet demo on the REST transport (real HTTP + SSE to the reference
// server); the agent is a person on the console page of the same server.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
let user: Session
let agent: Session

beforeAll(async () => {
  ;[user, agent] = await Promise.all([launch(), launch()])
})
afterAll(async () => {
  await Promise.all([user?.close(), agent?.close()])
})

/** Replies the console dropped as no longer wanted (`<body data-dropped>`). */
const dropped = (page: Session['page']): Promise<number> =>
  page.evaluate(() => Number(document.body.dataset.dropped || 0))

type Win = {
  help: { client(): Promise<{ transport(): Promise<Record<string, (...a: unknown[]) => Promise<unknown>>> }> }
  hfEvents: Array<Record<string, unknown>>
}

describe('user page ⇄ agent console through the reference server', () => {
  it('exchanges chat messages and delivers a ticket status change to the user', async () => {
    const userId = `e2e-${Date.now()}`
    // The server sends live events only to streams already open (no backlog without a
    // Last-Event-ID): note when the page's event stream has its response, so the agent replies
    // after that, however slow the machine.
    await user.page.addInitScript(() => {
      const fetch0 = window.fetch.bind(window)
      window.fetch = async (input, init) => {
        const response = await fetch0(input, init)
        if (
          String(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).includes(
            '/v1/events',
          )
        ) {
          ;(window as unknown as { __streamOpen: boolean }).__streamOpen = true
        }
        return response
      }
    })
    await user.page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    await user.page.waitForFunction(() => 'help' in window)
    const conversationId = await user.page.evaluate(async () => {
      const w = window as unknown as Win
      const transport = await (await w.help.client()).transport()
      w.hfEvents = []
      ;(transport.subscribe as unknown as (fn: (e: Record<string, unknown>) => void) => void)((e) => w.hfEvents.push(e))
      const conv = (await transport.startConversation!(
        { locale: 'en', text: 'Hello, my payment failed' },
        { idempotencyKey: crypto.randomUUID() },
      )) as { id: string }
      return conv.id
    })
    await user.page.waitForFunction(() => (window as unknown as { __streamOpen?: boolean }).__streamOpen === true)

    const requested: string[] = []
    agent.page.on('request', (r) => requested.push(r.url()))
    await openConsole(agent.page, baseUrl, agentKey)
    // Signed in by one POST: the key is in no URL and the session cookie is out of script's reach.
    expect(requested.filter((u) => u.includes(agentKey))).toEqual([])
    expect(await agent.page.evaluate(() => document.cookie)).not.toContain('hf_agent')
    const item = agent.page.locator(`[data-testid=conversation-item][data-id="${conversationId}"] button`)
    await item.click()
    await agent.page.getByTestId('message-list').getByText('Hello, my payment failed').waitFor()
    await agent.page.getByTestId('reply-input').fill('Hi, I am looking at it now')
    await agent.page.getByTestId('reply-send').click()

    await expect
      .poll(
        () =>
          user.page.evaluate(() =>
            (window as unknown as Win).hfEvents.some(
              (e) =>
                e.type === 'message' &&
                (e.message as { author: string; text: string }).author === 'agent' &&
                (e.message as { text: string }).text === 'Hi, I am looking at it now',
            ),
          ),
        { timeout: 15_000 },
      )
      .toBe(true)

    await user.page.evaluate(async (id) => {
      const transport = await (await (window as unknown as Win).help.client()).transport()
      await transport.sendMessage!(
        id,
        { kind: 'text', text: 'Thanks, order 4200001234', attachments: [] },
        { idempotencyKey: crypto.randomUUID() },
      )
    }, conversationId)
    await agent.page.getByTestId('message-list').getByText('Thanks, order 4200001234').waitFor({ timeout: 15_000 })

    const [ticketId] = await fileTickets(user.page, [
      { category: 'payment_failed', subject: 'Payment failed', description: 'Payment failed at the coffee shop twice' },
    ])
    await agent.page.reload()
    await agent.page.locator(`[data-testid=ticket-item][data-id="${ticketId}"] button`).click()
    await agent.page.getByTestId('status-select').selectOption('solved')
    await agent.page.getByTestId('status-apply').click()
    await agent.page.locator('[data-testid=history-item][data-status=solved]').waitFor()
    // The queue filters server-side: the solved ticket is under "solved" and not under "new".
    // The list says which query it shows, so each check reads the list of its own filter.
    const tickets = (status: string) => agent.page.locator(`[data-testid=ticket-list][data-query*="status=${status}"]`)
    await agent.page.getByTestId('ticket-status-filter').selectOption('solved')
    await tickets('solved').locator(`[data-testid=ticket-item][data-id="${ticketId}"]`).waitFor()
    await agent.page.getByTestId('ticket-status-filter').selectOption('new')
    await tickets('new').waitFor({ state: 'attached' }) // empty: attached, not visible
    expect(await tickets('new').locator(`[data-testid=ticket-item][data-id="${ticketId}"]`).count()).toBe(0)

    await expect
      .poll(
        () =>
          user.page.evaluate(
            (id) =>
              (window as unknown as Win).hfEvents.some(
                (e) =>
                  e.type === 'ticket' &&
                  (e.ticket as { id: string; status: string }).id === id &&
                  (e.ticket as { status: string }).status === 'solved',
              ),
            ticketId,
          ),
        { timeout: 15_000 },
      )
      .toBe(true)
    const history = await user.page.evaluate(async (id) => {
      const transport = await (await (window as unknown as Win).help.client()).transport()
      return ((await transport.getTicket!(id)) as { history: Array<{ status: string }> }).history.map((h) => h.status)
    }, ticketId)
    expect(history.at(-1)).toBe('solved')
  })

  it('shows the queue of the filter chosen last when an earlier reply comes back later', async () => {
    // Overlapping refreshes (a filter change, a live event, an applied status) once drew in the
    // order their replies came back: a slow "solved" page drawn after the "new" one left solved
    // tickets under "new". Here every "solved" page is held back until the "new" one is drawn.
    expect((await agentGet<unknown[]>('/tickets?status=solved')).length).toBeGreaterThan(0)
    const page = agent.page
    await page.goto(`${baseUrl}/console/`)
    await page.locator('[data-testid=connection-status][data-state=online]').waitFor()
    const solvedPage = /\/v1\/agent\/tickets\?.*status=solved/
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let heldBack = 0
    let finished = 0
    page.on('requestfinished', (r) => {
      if (solvedPage.test(r.url())) finished++
    })
    await page.route(solvedPage, async (route) => {
      heldBack++
      await held
      await route.continue()
    })
    try {
      const solvedAsked = page.waitForRequest(solvedPage)
      await page.getByTestId('ticket-status-filter').selectOption('solved')
      await solvedAsked
      await page.getByTestId('ticket-status-filter').selectOption('new')
      await page.locator('[data-testid=ticket-list][data-query*="status=new"]').waitFor({ state: 'attached' })
      const droppedBefore = await dropped(page)
      release()
      await expect.poll(() => finished, { timeout: 15_000 }).toBe(heldBack)
      // Every late "solved" page came back and the console dropped it (it did not draw it).
      await expect.poll(() => dropped(page), { timeout: 15_000 }).toBe(droppedBefore + heldBack)
      expect(heldBack).toBeGreaterThan(0)
      expect(await page.getByTestId('ticket-list').getAttribute('data-query')).toContain('status=new')
      const badges = await page.locator('[data-testid=ticket-item] [data-testid=status-badge]').allTextContents()
      expect(badges.filter((b) => b !== 'new')).toEqual([])
    } finally {
      release()
      await page.unrouteAll({ behavior: 'ignoreErrors' })
    }
  })

  it("keeps a ticket's forms off until it has loaded, and a slow earlier ticket does not replace a later one", async () => {
    // A status picked before the ticket arrived was overwritten by the ticket's own status when it
    // did, and Apply then sent that one; a slow reply for the ticket clicked first was drawn over
    // the one clicked second.
    const [first, second] = await fileTickets(user.page, [{ subject: 'Slow first' }, { subject: 'Quick second' }])
    const page = agent.page
    await page.goto(`${baseUrl}/console/`)
    await page.locator('[data-testid=connection-status][data-state=online]').waitFor()
    const item = (id: string) => page.locator(`[data-testid=ticket-item][data-id="${id}"] button`)
    await item(second).waitFor()
    const detail = (id: string) => new RegExp(`/v1/agent/tickets/${id}$`)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(detail(first), async (route) => {
      await held
      await route.continue()
    })
    try {
      const asked = page.waitForRequest(detail(first))
      await item(first).click()
      await asked
      await expect.poll(() => page.getByTestId('ticket-detail').getAttribute('aria-busy')).toBe('true')
      expect(await page.getByTestId('status-select').isDisabled()).toBe(true)
      expect(await page.getByTestId('status-apply').isDisabled()).toBe(true)
      expect(await page.getByTestId('comment-send').isDisabled()).toBe(true)

      await item(second).click()
      await page.locator('#ticket-heading', { hasText: 'Quick second' }).waitFor()
      expect(await page.getByTestId('status-select').isEnabled()).toBe(true)
      const firstAnswered = page.waitForEvent('requestfinished', (r) => detail(first).test(r.url()))
      const droppedBefore = await dropped(page)
      release()
      await firstAnswered
      // The slow reply came back and was dropped, not drawn over the ticket clicked second.
      await expect.poll(() => dropped(page)).toBe(droppedBefore + 1)
      expect(await page.locator('#ticket-heading').textContent()).toContain('Quick second')

      // Picked after the ticket loaded, the status is the one applied.
      await page.getByTestId('status-select').selectOption('pending')
      await page.getByTestId('status-apply').click()
      await page.locator('[data-testid=history-item][data-status=pending]').waitFor()
      const history = await agentGet<{ history: Array<{ status: string }> }>(`/tickets/${second}`)
      expect(history.history.map((h) => h.status).at(-1)).toBe('pending')
    } finally {
      release()
      await page.unrouteAll({ behavior: 'ignoreErrors' })
    }
  })

  it('does not show the previous ticket under one that failed to load, and acts on neither', async () => {
    // A ticket whose detail failed to load left the one shown before in the pane (its heading,
    // status and history) under the new selection, with only an error line to tell.
    const [shown, broken] = await fileTickets(user.page, [{ subject: 'Shown before' }, { subject: 'Fails to load' }])
    const page = agent.page
    await page.goto(`${baseUrl}/console/`)
    await page.locator('[data-testid=connection-status][data-state=online]').waitFor()
    const item = (id: string) => page.locator(`[data-testid=ticket-item][data-id="${id}"] button`)
    await item(shown).click()
    await page.locator('#ticket-heading', { hasText: 'Shown before' }).waitFor()
    await page.route(new RegExp(`/v1/agent/tickets/${broken}$`), (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"message":"database down"}}' }),
    )
    try {
      await item(broken).click()
      await page.locator('#error', { hasText: 'database down' }).waitFor()
      expect(await page.locator('#ticket-heading').textContent()).not.toContain('Shown before')
      expect(await page.locator('#ticket-heading').textContent()).toContain('could not be loaded')
      expect(await page.locator('[data-testid=ticket-history] li').count()).toBe(0)
      expect(await page.getByTestId('ticket-detail').getAttribute('aria-busy')).toBe('true')
      expect(await page.getByTestId('status-apply').isDisabled()).toBe(true)
      expect(await page.getByTestId('comment-send').isDisabled()).toBe(true)
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' })
    }
    // Picked again once the server answers, it shows and can be acted on.
    await item(broken).click()
    await page.locator('#ticket-heading', { hasText: 'Fails to load' }).waitFor()
    expect(await page.getByTestId('status-apply').isEnabled()).toBe(true)
  })
})
