/**
 * The script-tag snippet's `HelpFeedback('identify', 'u_123')` (the id alone, not `{ id }`) was
 * taken: the session said `ready` for a user with no id, and the console said nothing. It is
 * refused now as the `user` option is: a ConfigError (path `user`) in the console.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryTransport } from '../../../src/transports/memory.js'

type Queued = ((...args: unknown[]) => unknown) & {
  q?: unknown[][]
  instance?: { destroy(): void; client(): Promise<{ store: { getState(): { session: unknown } } }> }
}
const w = window as unknown as { HelpFeedback?: Queued }
let errors: unknown[] = []

beforeEach(() => {
  vi.resetModules()
  errors = []
  vi.spyOn(console, 'error').mockImplementation((e: unknown) => void errors.push(e))
  const stub: Queued = function (...args: unknown[]) {
    ;(stub.q ??= []).push(args)
  }
  w.HelpFeedback = stub
  stub('init', { locale: 'en', transport: memoryTransport(), launcher: false })
  stub('identify', 'u_123')
})
afterEach(() => {
  w.HelpFeedback?.instance?.destroy()
  delete w.HelpFeedback
  vi.restoreAllMocks()
})

describe('a queued identify given the id alone', () => {
  it('goes to the console as a ConfigError, and nobody is signed in', async () => {
    await import('../../../widgets/global.js')
    await vi.waitFor(() =>
      expect(errors.some((e) => (e as { code?: unknown; path?: unknown }).path === 'user')).toBe(true),
    )
    const client = await w.HelpFeedback!.instance!.client()
    expect(client.store.getState().session).toMatchObject({ status: 'anonymous', user: undefined })
  })
})
