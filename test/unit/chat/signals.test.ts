import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createReadSignal, createTypingSignal } from '../../../src/chat/signals.js'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('typing signal', () => {
  it('sends "typing" at most every 3 s while keys come in, and "stopped" after 4 s of quiet', () => {
    const sent: boolean[] = []
    const typing = createTypingSignal((on) => sent.push(on), { now: () => Date.now() })
    for (let i = 0; i < 50; i++) {
      typing.typed()
      vi.advanceTimersByTime(100) // 5 s of typing, ten keys a second
    }
    expect(sent).toEqual([true, true])
    vi.advanceTimersByTime(4000)
    expect(sent).toEqual([true, true, false])
  })

  it('stops at once when the message is sent, and says nothing when it was not typing', () => {
    const sent: boolean[] = []
    const typing = createTypingSignal((on) => sent.push(on))
    typing.stop()
    expect(sent).toEqual([])
    typing.typed()
    typing.stop()
    vi.advanceTimersByTime(10_000)
    expect(sent).toEqual([true, false])
  })
})

describe('read signal', () => {
  it('coalesces a burst of receipts into the newest seq, one per second', () => {
    const sent: number[] = []
    const reads = createReadSignal((seq) => void sent.push(seq))
    reads.read(1)
    reads.read(2)
    reads.read(3)
    reads.read(2)
    expect(sent).toEqual([1])
    vi.advanceTimersByTime(1000)
    expect(sent).toEqual([1, 3])
    vi.advanceTimersByTime(5000)
    expect(sent).toEqual([1, 3])
  })
})
