import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// README, Durability: "Everything on the device belongs to one user. Drafts, transcripts and
// cached lists live under a per-user scope … `identify(otherUser)` switches scope and drops the
// previous session before the new identify answers." A shared family phone: Alice chats with
// support, then Bob signs in to the same wallet page and the host calls identify(Bob). Home
// still offers "Continue the chat", and Bob's chat view shows Alice's message.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('another user signs in after a chat', () => {
  it("does not show the first user's chat to the second, on Home or in the chat view", async () => {
    const s = await session.start()
    // Letters too: a 13-digit stamp can be a valid card number, and the chat masks it.
    const stamp = Date.now().toString(36)
    const alice = `alice-chat-${stamp}`
    const bob = `bob-chat-${stamp}`
    const secret = `Alice asks about her rent transfer ${stamp}`
    const url = await serve(s.browser, baseUrl, 'chat-switch', snippetPage(restOptions('en')))
    await s.page.goto(`${url}?u=${alice}`)
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
    const composer = shadow(s.page, 'textarea').first()
    await composer.fill(secret)
    await composer.press('Enter')
    // The message is on the server (the agent side would see it): Alice's chat is real.
    await expect.poll(() => panelText(s.page), { timeout: 15_000 }).toContain('in the queue')
    expect(await panelText(s.page)).toContain(secret)

    await s.page.evaluate(async (who) => {
      const w = window as unknown as {
        who: string
        help: { identify(u: { id: string }): Promise<void>; open(v: string): Promise<void> }
      }
      w.who = who
      await w.help.identify({ id: who })
      await w.help.open('home')
    }, bob)
    // Home's support card has settled for Bob (its reply-time line comes from availability).
    await expect.poll(() => panelText(s.page), { timeout: 15_000 }).toContain('Agents usually reply')
    expect.soft(await panelText(s.page)).not.toContain('in the queue')

    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
    await shadow(s.page, 'textarea').first().waitFor()
    // The chat view has had time to read the device's saved chat (it shows one from the device
    // within a frame or two; 1.5 s is generous).
    await s.page.waitForTimeout(1500)
    expect(await panelText(s.page)).not.toContain(secret)
  })
})
