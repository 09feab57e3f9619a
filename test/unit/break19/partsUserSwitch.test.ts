/**
 * A long chat message goes out in parts, one request after another inside one outbox job. When
 * the host signs in another user while a part is on its way, the job is aborted (its signal) and
 * waits for its author. A transport need not look at the signal once its request has gone out,
 * nor before the next one: the handler itself must not start the next part for a job whose
 * attempt was aborted, or that part goes out over the next user's session.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatController, type ChatController } from '../../../src/chat/index.js'
import { splitMessage } from '../../../src/chat/split.js'
import type { MessageInput } from '../../../src/types.js'
import { harness, type Harness } from '../chat/helpers.js'

let chat: ChatController | undefined
afterEach(() => {
  chat?.dispose()
  chat = undefined
})

const words = ['refund', 'pending', 'since', 'Tuesday', 'please', 'check', 'wallet', 'balance']
let long = ''
for (let i = 0; long.length < 12_000; i++) long += (i ? ' ' : '') + words[i % words.length]
const parts = splitMessage(long)

describe('a user switch while a long message is being sent in parts', () => {
  it('sends no further part once the attempt was aborted; the author gets the rest, each part once', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let reached!: () => void
    const atFirst = new Promise<void>((r) => (reached = r))
    let hold = true
    const calls: Array<[string | undefined, number]> = []
    const h: Harness = await harness({
      transport: {
        // A transport that does not look at the signal (it is optional to honour).
        async sendMessage(id: string, msg: MessageInput, opts) {
          calls.push([h.client.store.getState().session.user?.id, parts.indexOf(msg.text)])
          const sent = await h.mem.sendMessage(id, msg, { idempotencyKey: opts.idempotencyKey })
          if (hold && msg.text === parts[0]) {
            hold = false
            reached()
            await held
          }
          return sent
        },
      },
    })
    chat = createChatController(h.client)
    await chat.open()
    await chat.send(long)
    const conversationId = chat.store.getState().conversation!.id
    await atFirst
    const { outbox } = await h.client.services()
    // The aborted attempt settles: the job waits for u1 again.
    const settled = new Promise<string>((resolve) => {
      const off = outbox.subscribe((event) => {
        if (event.type !== 'updated' || event.job.state === 'sending') return
        off()
        resolve(event.job.state)
      })
    })
    await h.client.identify({ id: 'u2' })
    release()
    expect(await settled).toBe('reconcile')
    expect(calls.filter(([user]) => user !== 'u1')).toEqual([])

    await h.client.identify({ id: 'u1', name: 'Ann' })
    await vi.waitFor(async () =>
      expect((await h.mem.listMessages(conversationId)).messages.map((m) => m.text)).toEqual(parts),
    )
    expect(calls.filter(([user]) => user !== 'u1')).toEqual([])
  })
})
