import { describe, expect, it, vi } from 'vitest'
import { messageTime } from '../../../src/chat/index.js'
import { warmMessageTime } from '../../../src/chat/time.js'

describe('message times', () => {
  it('formats the time of day per locale and leaves an invalid timestamp blank', () => {
    const iso = '2026-11-01T14:05:00Z'
    const local = new Date(iso)
    expect(messageTime(iso, 'en')).toBe(
      new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(local),
    )
    expect(messageTime(iso, 'zh-CN')).toMatch(/^\d{2}:05$/)
    expect(messageTime('not a date', 'en')).toBe('')
  })

  it('warms the formatter on a later task, so the first message time builds none; a locale the engine rejects is ignored', () => {
    vi.useFakeTimers()
    const built = vi.spyOn(Intl, 'DateTimeFormat')
    try {
      warmMessageTime('fr')
      expect(built).not.toHaveBeenCalled()
      warmMessageTime('not a locale!')
      expect(() => vi.runAllTimers()).not.toThrow()
      const after = built.mock.calls.length
      expect(after).toBeGreaterThan(0)
      expect(messageTime('2026-11-01T14:05:00Z', 'fr')).toMatch(/05/)
      expect(built.mock.calls.length).toBe(after)
    } finally {
      built.mockRestore()
      vi.useRealTimers()
    }
  })
})
