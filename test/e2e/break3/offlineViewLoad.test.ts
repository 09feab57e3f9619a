import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// README, Durability: "Error words tell "you are offline" (the device has no network) from "our
// service is not answering"", and the panel has its own words for a part that did not arrive
// (`panel.loadFailed`: "This part of the help panel could not be loaded. Check your connection
// and try again."). The idle prefetch covers the report, requests and contact views only; a user
// on a train taps "Check a caller, link or account" (or Chat, or a search) with no network. The
// view says "Loading…" for ever, and the page asks for the missing chunk again and again, about a
// hundred times a second, for as long as the page lives — even after the user has gone back Home.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('a panel area that cannot be fetched because the device is offline', () => {
  it('says it could not be loaded, and stops asking for the chunk', async () => {
    const s = await session.start()
    const url = await serve(s.browser, baseUrl, 'offline-view', snippetPage(restOptions('en')))
    await s.page.goto(`${url}?u=offline-view-${Date.now()}`)
    // The user's first tap in the page: the entry prefetches what the panel needs offline.
    await s.page.click('h1')
    await s.page.locator('[data-help-feedback][data-prefetched]').waitFor({ state: 'attached', timeout: 20_000 })
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    const checkerEntry = shadow(s.page, 'button:has-text("Check a caller, link or account")').first()
    await checkerEntry.waitFor()

    await s.browser.setOffline(true)
    const chunkRequests: string[] = []
    s.page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/dist/')) chunkRequests.push(new URL(r.url()).pathname)
    })
    await checkerEntry.click()

    // The user waits a few seconds with no network: the area says it could not be loaded, and
    // stays so (it does not fall back to "Loading…").
    await s.page.waitForTimeout(5000)
    const shown = await panelText(s.page)
    const perChunk = new Map<string, number>()
    for (const p of chunkRequests) perChunk.set(p, (perChunk.get(p) ?? 0) + 1)
    expect.soft(shown).toContain('This part of the help panel could not be loaded')
    expect.soft(shown).not.toContain('Loading…')
    // One try per chunk, perhaps a couple more; never a loop.
    expect.soft(Math.max(0, ...perChunk.values()), JSON.stringify([...perChunk])).toBeLessThanOrEqual(3)

    // Back to Home: nothing keeps fetching the area the user left. Home itself may try once,
    // as it mounts, for a part of its own that never arrived (its popular articles load the help
    // content's chunk, which the checker shares, after the first paint: on a slow machine the
    // network went away before it came). One try per chunk is an attempt; a loop is many.
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    await shadow(s.page, 'button:has-text("Check a caller, link or account")').first().waitFor()
    const afterHome = chunkRequests.length
    await s.page.waitForTimeout(2000)
    const again = new Map<string, number>()
    for (const p of chunkRequests.slice(afterHome)) again.set(p, (again.get(p) ?? 0) + 1)
    expect(Math.max(0, ...again.values()), JSON.stringify([...again])).toBeLessThanOrEqual(1)
  })
})
