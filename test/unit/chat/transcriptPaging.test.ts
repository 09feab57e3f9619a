import { describe, expect, it, vi } from 'vitest'
import {
  createTranscriptSaver,
  loadOlder,
  loadTranscript,
  olderKey,
  RECENT_MESSAGES,
  transcriptKey,
  type StoredTranscript,
} from '../../../src/chat/transcript.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { Conversation, Message } from '../../../src/types.js'

const conversation: Conversation = { id: 'c1', reference: 'C-1', status: 'active', createdAt: '2026-11-23T01:00:00Z' }
const msg = (i: number): Message => ({
  id: `m${i}`,
  conversationId: 'c1',
  author: i % 2 ? 'agent' : 'user',
  kind: 'text',
  text: `message ${i}`,
  attachments: [],
  createdAt: new Date(Date.UTC(2026, 10, 23, 1) + i * 1000).toISOString(),
  seq: i,
})
const transcript = (n: number): StoredTranscript => ({
  version: 1,
  conversation,
  messages: Array.from({ length: n }, (_, i) => msg(i + 1)),
  cursor: String(n),
  readSeq: n,
  rated: false,
})

describe('transcript pages', () => {
  it('keeps the newest page in the main record and the rest apart, rewriting the rest only when it changes', async () => {
    const store = memoryStore()
    const set = vi.spyOn(store, 'set')
    const saver = createTranscriptSaver(store, 0)
    saver.schedule(() => transcript(RECENT_MESSAGES + 50))
    await saver.flush()
    const recent = await loadTranscript(store, 'c1')
    expect(recent?.messages).toHaveLength(RECENT_MESSAGES)
    expect(recent?.messages[0]?.id).toBe('m51')
    expect((await loadOlder(store, 'c1')).map((m) => m.id)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 1}`))

    // Same older part (a message edited in the newest page): only the main record is written.
    set.mockClear()
    const edited = transcript(RECENT_MESSAGES + 50)
    edited.messages[edited.messages.length - 1] = { ...edited.messages.at(-1)!, text: 'edited' }
    saver.schedule(() => edited)
    await saver.flush()
    expect(set.mock.calls.map((c) => c[0])).toEqual([transcriptKey('c1')])

    // One more message pushes one into the older part: both are written.
    set.mockClear()
    saver.schedule(() => transcript(RECENT_MESSAGES + 51))
    await saver.flush()
    expect(set.mock.calls.map((c) => c[0]).sort()).toEqual([olderKey('c1'), transcriptKey('c1')].sort())
    expect(await loadOlder(store, 'c1')).toHaveLength(51)
  })

  it('a short transcript has no older part', async () => {
    const store = memoryStore()
    const saver = createTranscriptSaver(store, 0)
    saver.schedule(() => transcript(10))
    await saver.flush()
    expect((await loadTranscript(store, 'c1'))?.messages).toHaveLength(10)
    expect(await loadOlder(store, 'c1')).toEqual([])
    expect(await store.get(olderKey('c1'))).toBeUndefined()
  })
})

describe('prependOlder', () => {
  it('puts the older part in front, skips what the list already has, and stays ordered', async () => {
    const { mergeMessages, prependOlder } = await import('../../../src/chat/messages.js')
    const all = Array.from({ length: 300 }, (_, i) => msg(i + 1))
    const recent = mergeMessages([], all.slice(200))
    const joined = prependOlder(recent, all.slice(0, 201))
    expect(joined.map((m) => m.seq)).toEqual(all.map((m) => m.seq))
    // Out of order input (an older part that overlaps) is sorted once.
    const overlapping = prependOlder(mergeMessages([], [msg(5), msg(9)]), [msg(7), msg(1)])
    expect(overlapping.map((m) => m.seq)).toEqual([1, 5, 7, 9])
  })
})
