/**
 * A reload of the page while the live chat is open in the panel comes back on the chat, with the
 * conversation (resumed from the device), in real Chromium. Closed, or left for Home, before the
 * reload: nothing opens.
 */
import { describe, expect, inject, it } from 'vitest'
import { isOpen, reload, w } from './browser.js'
import { chromium } from './session.js'
import { agentsOnline, chatRows, openChat } from './break/agentChat.js'

const baseUrl = inject('baseUrl')
const s = chromium()

describe('the live chat across a reload', () => {
  it('comes back on the chat with its messages; closed or left for Home, nothing opens', async () => {
    const { page } = s
    await agentsOnline(page)
    await openChat(page, baseUrl, `e2e-chat-reload-${Date.now()}`)
    const text = 'Transfer 20261204 still pending'
    await w(page, '.composer textarea').fill(text)
    await w(page, '.composer textarea').press('Enter')
    await expect.poll(async () => (await chatRows(page)).map((r) => r.state), { timeout: 15_000 }).toEqual(['sent'])

    await reload(page)
    expect(await isOpen(page)).toBe(true)
    await w(page, '.chat[data-ready]').waitFor()
    await expect.poll(async () => (await chatRows(page)).map((r) => r.text), { timeout: 15_000 }).toEqual([text])

    // Left for Home: the next reload opens nothing.
    await w(page, 'button[aria-label="Back"]').click()
    await w(page, '[data-entry=chat]').waitFor()
    await reload(page)
    expect(await isOpen(page)).toBe(false)

    // Closed on the chat: nothing opens either.
    await page.getByTestId('help-entry').click()
    await w(page, '[data-entry=chat]').click()
    await w(page, '.chat[data-ready]').waitFor()
    await w(page, 'button[aria-label="Close"]').click()
    await reload(page)
    expect(await isOpen(page)).toBe(false)
  })
})
