import { afterEach, describe, expect, it } from 'vitest'
import { createChatController, type ChatController } from '../../../src/chat/index.js'
import { harness } from '../chat/helpers.js'

// A message made only of characters that show nothing (zero-width space, joiners, word joiner,
// a BOM, Hangul fillers, blank Braille) is empty: no conversation is started for it and nothing
// reaches the agent as a blank bubble. Visible text around them is kept as written.
let chat: ChatController | undefined
afterEach(() => {
  chat?.dispose()
  chat = undefined
})

describe('a chat message of invisible characters', () => {
  it('is empty: nothing queued, no conversation', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    for (const text of ['\u200b', ' \u200b\u200c\u200d ', '\u2060\ufeff', '\u3164', '\u2800\u00a0', '\u200e\u200f']) {
      expect(await chat.send(text)).toEqual({ status: 'empty' })
    }
    expect(chat.store.getState().conversation).toBeUndefined()
    expect(chat.store.getState().items).toEqual([])
  })

  it('keeps them inside visible text (an emoji sequence joined by ZWJ)', async () => {
    const h = await harness()
    chat = createChatController(h.client)
    await chat.open()
    const family = '👨\u200d👩\u200d👧 thanks'
    expect((await chat.send(family)).status).toBe('sent')
    expect(chat.store.getState().items.map((m) => m.text)).toEqual([family])
  })
})
