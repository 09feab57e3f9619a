import { describe, expect, it } from 'vitest'
import {
  errorCode,
  HelpFeedbackError,
  isHelpFeedbackError,
  NotFoundError,
  OfflineError,
  StorageError,
  TimeoutError,
  UnauthorizedError,
} from '../../../src/errors/index.js'

describe('error kinds made by errorKind', () => {
  const kinds = [
    [StorageError, 'StorageError', 'storage_unavailable', 'storage unavailable', false],
    [UnauthorizedError, 'UnauthorizedError', 'unauthorized', 'not authorized', false],
    [NotFoundError, 'NotFoundError', 'not_found', 'not found', false],
    [OfflineError, 'OfflineError', 'offline', 'network unavailable', true],
    [TimeoutError, 'TimeoutError', 'timeout', 'request timed out', true],
  ] as const

  it.each(kinds)(
    '%o: its own class, name, code, default message and retryability',
    (Kind, name, code, message, retry) => {
      const e = new Kind()
      expect(e).toBeInstanceOf(Kind)
      expect(e).toBeInstanceOf(HelpFeedbackError)
      expect(e).toBeInstanceOf(Error)
      expect(isHelpFeedbackError(e)).toBe(true)
      expect([e.name, e.code, e.message, e.retryable, errorCode(e)]).toEqual([name, code, message, retry, code])
      expect(String(e)).toBe(`${name}: ${message}`)
      for (const [Other] of kinds) if (Other !== Kind) expect(e).not.toBeInstanceOf(Other)
    },
  )

  it('keeps a given message and cause', () => {
    const cause = new TypeError('fetch failed')
    const e = new OfflineError('no route', { cause })
    expect([e.message, e.cause, e.retryable]).toEqual(['no route', cause, true])
    expect(new NotFoundError('gone').cause).toBeUndefined()
  })
})
