import { describe, expect, it } from 'vitest'
import { canCompose, transition } from '../../../src/chat/machine.js'
import type { ChatInput, ChatStatus } from '../../../src/chat/types.js'
import type { Conversation } from '../../../src/types.js'

const conv = (status: Conversation['status'], extra: Partial<Conversation> = {}): ChatInput => ({
  type: 'conversation',
  csat: true,
  conversation: { id: 'c1', reference: 'C-1', status, createdAt: '2026-01-01T00:00:00Z', ...extra },
})

function run(from: ChatStatus, ...inputs: ChatInput[]): ChatStatus {
  return inputs.reduce(transition, from)
}

describe('chat state machine', () => {
  it('walks idle → connecting → queued → active → rating → ended', () => {
    const steps: ChatStatus[] = []
    let s: ChatStatus = 'idle'
    for (const input of [
      { type: 'start' },
      conv('queued', { queuePosition: 3 }),
      conv('active'),
      conv('ended'),
      { type: 'rated' },
    ] as ChatInput[]) {
      s = transition(s, input)
      steps.push(s)
    }
    expect(steps).toEqual(['connecting', 'queued', 'active', 'rating', 'ended'])
  })

  it('goes to "leave a message" when the availability check says closed, then to left', () => {
    expect(run('idle', { type: 'availability', open: false })).toBe('offline')
    expect(run('idle', { type: 'availability', open: false }, { type: 'left' })).toBe('left')
    // The user cannot start a chat from the offline state; only leaving a message moves on.
    expect(run('offline', { type: 'start' })).toBe('offline')
    expect(run('offline', conv('active'))).toBe('offline')
    expect(canCompose('offline')).toBe(false)
    expect(canCompose('idle')).toBe(true)
  })

  it('reopens when availability comes back before a chat starts, and ignores availability mid-chat', () => {
    expect(run('offline', { type: 'availability', open: true })).toBe('idle')
    expect(run('active', { type: 'availability', open: false })).toBe('active')
  })

  it('returns to idle when starting fails', () => {
    expect(run('idle', { type: 'start' }, { type: 'start_failed' })).toBe('idle')
  })

  it('ends without a rating step when the backend takes no rating', () => {
    expect(
      transition('active', { ...(conv('ended') as Extract<ChatInput, { type: 'conversation' }>), csat: false }),
    ).toBe('ended')
    expect(run('rating', { type: 'skip_rating' })).toBe('ended')
  })

  it('never revives an ended conversation from a late queued/active event', () => {
    expect(run('ended', conv('active'))).toBe('ended')
    expect(run('rating', conv('queued'))).toBe('rating')
  })

  it('resumes a saved conversation from idle into its current status', () => {
    expect(run('idle', conv('active'))).toBe('active')
    expect(run('idle', conv('ended'))).toBe('rating')
  })

  it('resets to idle for a new chat only after the conversation is over', () => {
    expect(run('ended', { type: 'reset' })).toBe('idle')
    expect(run('left', { type: 'reset' })).toBe('idle')
    expect(run('active', { type: 'reset' })).toBe('active')
  })
})
