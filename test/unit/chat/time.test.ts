import { describe, expect, it, vi } from 'vitest'
import { messageTime } from '../../../src/chat/index.js'
import { warmMessageTime } from '../../../src/chat/time.js'

describe('message times', () => {
  it('formats the time of day per locale and leaves an invalid timestamp blank', () => {
    const iso = '2026-11-01T14:05:00Z'
    const local = new Date(iso)
    expect(messageTime(iso, 'en')).toBe(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(local))
    expect(messageTime(iso, 'zh-CN')).toMatch(/^\d{2}:05$/)
    expect(messageTime('not a date', 'en')).toBe('')
  })

  it('warms the formatter on a later task and ignores a locale the engine rejects', async () => {
    vi.useFakeTimers()
    try {
      expect(() => warmMessageTime('en')).not.toThrow()
      expect(() => warmMessageTime('not a locale!')).not.toThrow()
      expect(() => vi.runAllTimers()).not.toThrow()
    } finally {
      vi.useRealTimers()
    }
  })
})
