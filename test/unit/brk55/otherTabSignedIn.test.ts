/**
 * brk55: a job refused for sign-in in one tab (which then closes) waits for "the next sign-in that
 * succeeds". Another tab already signed in (its authorized() came before it saw the job) never
 * sends it: it waits there until that tab signs in again or reloads.
 */
import { describe, expect, it, vi } from 'vitest'
import { RejectedError, UnauthorizedError } from '../../../src/errors/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { makeOutbox, useFakeClock } from '../outbox/helpers.js'

useFakeClock()

describe('brk55: a job refused for sign-in in a tab that closed', () => {
  it('is sent by another open tab whose session is ready', async () => {
    const store = memoryStore()
    const sentByB: string[] = []
    // Tab B: its session has been ready since it opened.
    const b = makeOutbox({
      store,
      send: async (job) => {
        sentByB.push(job.id)
        return { id: job.id }
      },
    }).outbox
    b.authorized()
    await vi.advanceTimersByTimeAsync(0)

    // Tab A: its own sign-in is refused (422); then the user closes it.
    const a = makeOutbox({
      store,
      send: async () => {
        throw new UnauthorizedError('sign-in refused', { cause: new RejectedError([], 'no such user', 422) })
      },
    }).outbox
    const id = await a.enqueue('ticket', { what: 'report' })
    await vi.advanceTimersByTimeAsync(0)
    expect(await a.list()).toMatchObject([{ id, lastError: { signIn: 'refused' } }])
    a.dispose()

    // Tab B hears of it (the channel's "changed") and keeps going for an hour.
    void b.flush()
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(sentByB).toEqual([id])
    b.dispose()
  })
})
