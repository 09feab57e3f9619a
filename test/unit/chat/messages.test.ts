import { describe, expect, it } from 'vitest'
import { mergeMessages, optimisticItem, syncWithJobs, unreadCount } from '../../../src/chat/messages.js'
import type { ChatItem, MessageJobPayload } from '../../../src/chat/types.js'
import type { OutboxJob, OutboxJobOf } from '../../../src/outbox/types.js'
import type { Message } from '../../../src/types.js'

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  author: 'agent',
  kind: 'text',
  text: `t${seq}`,
  attachments: [],
  createdAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}Z`,
  seq,
  ...extra,
})
const ids = (items: readonly ChatItem[]) => items.map((m) => m.id)

function local(localId: string, text = 'hi'): ChatItem {
  const payload: MessageJobPayload = { conversationId: 'c1', localId, message: { kind: 'text', text, attachments: [] } }
  return optimisticItem(payload, '2026-01-01T00:00:30Z')
}
function job(
  localId: string,
  key: string,
  state: OutboxJob['state'] = 'sending',
  extra: Partial<OutboxJobOf<'message'>> = {},
): OutboxJobOf<'message'> {
  const payload: MessageJobPayload = {
    conversationId: 'c1',
    localId,
    message: { kind: 'text', text: 'hi', attachments: [] },
  }
  return {
    id: `job-${localId}`,
    kind: 'message',
    payload,
    idempotencyKey: key,
    group: 'c1',
    attempts: 1,
    nextAttemptAt: 0,
    state,
    createdAt: 1,
    updatedAt: 1,
    seq: 1,
    ...extra,
  }
}

describe('message ordering and dedupe', () => {
  it('orders by server seq, not by arrival or client clock', () => {
    const items = mergeMessages([], [msg(3), msg(1, { createdAt: '2030-01-01T00:00:00Z' }), msg(2)])
    expect(ids(items)).toEqual(['m1', 'm2', 'm3'])
    expect(ids(mergeMessages(items, [msg(5), msg(4)]))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
  })

  it('breaks seq ties by createdAt then id', () => {
    const a = msg(1, { id: 'b', createdAt: '2026-01-01T00:00:02Z' })
    const b = msg(1, { id: 'a', createdAt: '2026-01-01T00:00:02Z' })
    const c = msg(1, { id: 'c', createdAt: '2026-01-01T00:00:01Z' })
    expect(ids(mergeMessages([], [a, b, c]))).toEqual(['c', 'a', 'b'])
  })

  it('drops a message seen twice (stream replay + refetch) and returns the same array when nothing changed', () => {
    const once = mergeMessages([], [msg(1), msg(2)])
    const twice = mergeMessages(once, [msg(2), msg(1)])
    expect(twice).toBe(once)
    expect(ids(mergeMessages(once, [msg(2), msg(3), msg(3)]))).toEqual(['m1', 'm2', 'm3'])
  })

  it('replaces the optimistic item with its echo (matched by clientId) and places it by seq', () => {
    let items = mergeMessages([], [msg(1)])
    items = [...items, { ...local('L1'), clientId: 'key-1' }]
    // An agent message written meanwhile has a lower seq than our echo.
    items = mergeMessages(items, [msg(2), msg(3, { author: 'user', clientId: 'key-1', text: 'hi' })])
    expect(ids(items)).toEqual(['m1', 'm2', 'm3'])
    expect(items[2]).toMatchObject({ state: 'sent', author: 'user' })
    expect(items.some((m) => m.localId)).toBe(false)
  })

  it('keeps optimistic items below confirmed ones until they are echoed', () => {
    const items = mergeMessages([{ ...local('L1'), clientId: 'k1' }], [msg(1), msg(2)])
    expect(ids(items)).toEqual(['m1', 'm2', 'local:L1'])
  })

  it('does not merge two different server messages that share a clientId', () => {
    const items = mergeMessages([], [msg(1, { clientId: 'k' }), msg(2, { clientId: 'k' })])
    expect(items).toHaveLength(2)
  })

  it('counts unread agent messages after the read mark only', () => {
    const items = mergeMessages([], [msg(1), msg(2, { author: 'user' }), msg(3), msg(4)])
    expect(unreadCount(items, 1)).toBe(2)
    expect(unreadCount(items, 4)).toBe(0)
  })
})

describe('optimistic items and the outbox', () => {
  it('takes state and idempotency key from the job, and maps failures', () => {
    const items = [local('L1')]
    const sending = syncWithJobs(items, [job('L1', 'key-1')], 'c1')
    expect(sending[0]).toMatchObject({ state: 'sending', clientId: 'key-1', jobId: 'job-L1' })
    const failed = syncWithJobs(
      sending,
      [job('L1', 'key-1', 'rejected', { lastError: { code: 'rejected', message: 'no' } })],
      'c1',
    )
    expect(failed[0]).toMatchObject({ state: 'failed', errorCode: 'rejected' })
    const retrying = syncWithJobs(
      failed,
      [job('L1', 'key-1', 'failed_retryable', { lastError: { code: 'offline', message: '' } })],
      'c1',
    )
    expect(retrying[0]).toMatchObject({ state: 'failed', errorCode: 'offline' })
  })

  it('drops the optimistic item when its echo arrived before the job told us its key', () => {
    const items = mergeMessages([local('L1')], [msg(1, { author: 'user', clientId: 'key-1' })])
    expect(items).toHaveLength(2) // the key is not known yet
    const synced = syncWithJobs(items, [job('L1', 'key-1')], 'c1')
    expect(ids(synced)).toEqual(['m1'])
  })

  it('rebuilds items for jobs left by a previous page, and drops items whose job was discarded', () => {
    const rebuilt = syncWithJobs([], [job('L9', 'key-9', 'queued', { attempts: 2 })], 'c1')
    expect(rebuilt[0]).toMatchObject({ id: 'local:L9', state: 'queued', clientId: 'key-9' })
    expect(syncWithJobs(rebuilt, [], 'c1')).toEqual([])
    // Jobs of another conversation are not ours.
    expect(
      syncWithJobs([], [{ ...job('L2', 'k2'), payload: { ...job('L2', 'k2').payload, conversationId: 'c2' } }], 'c1'),
    ).toEqual([])
  })
})
