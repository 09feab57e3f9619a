import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { stubTransport } from '../../support/transport.js'

// The device store under a real client (its user switches included), with the reads of the
// "seen" marks held at will: a mark being written while the host switches users.
const device = vi.hoisted(() => ({
  hold: undefined as Promise<void> | undefined,
  reached: undefined as (() => void) | undefined,
  base: undefined as unknown as KeyValueStore,
}))
vi.mock('../../../src/storage/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/storage/index.js')>()
  return {
    ...real,
    openStore: async () => {
      const base = real.memoryStore()
      device.base = base
      return {
        ...base,
        get persistent() {
          return true
        },
        async get<T>(key: string) {
          if (key.endsWith(':requests:seen') && device.hold) {
            device.reached?.()
            await device.hold
          }
          return base.get<T>(key)
        },
      }
    },
  }
})

const T1 = '2026-11-21T10:00:00Z'
const T2 = '2026-11-22T10:00:00Z'
const clients: SupportClient[] = []

afterEach(() => {
  device.hold = device.reached = undefined
  for (const c of clients.splice(0)) c.destroy()
})

async function aliceWithOneMark() {
  const client = createSupportClient({ transport: stubTransport(), locale: 'en', user: { id: 'alice' } })
  clients.push(client)
  await client.requests.markSeen('tk_1', T1)
  expect(await client.requests.readSeen()).toEqual({ tk_1: T1 })
  return client
}

/** Holds the next read of the marks; resolves `reached` once a read waits there. */
function holdSeenReads() {
  let release!: () => void
  device.hold = new Promise<void>((r) => (release = r))
  const reached = new Promise<void>((r) => (device.reached = r))
  return {
    reached,
    release: () => {
      device.hold = undefined
      release()
    },
  }
}

/** Every "seen" map on the device, by storage key. */
async function seenMaps() {
  const keys = (await device.base.keys('s:')).filter((k) => k.endsWith(':requests:seen'))
  return Promise.all(keys.map(async (k) => device.base.get<Record<string, string>>(k)))
}

describe('requests.markSeen while the host switches users', () => {
  it('writes the mark for the user signed in at the call, not for the one who signs in meanwhile', async () => {
    const client = await aliceWithOneMark()
    const held = holdSeenReads()
    const marked = client.requests.markSeen('tk_2', T2)
    await held.reached
    await client.identify({ id: 'bob' })
    held.release()
    await marked

    expect(await client.requests.readSeen()).toEqual({})
    await client.identify({ id: 'alice' })
    expect(await client.requests.readSeen()).toEqual({ tk_1: T1, tk_2: T2 })
    expect(await seenMaps()).toEqual([{ tk_1: T1, tk_2: T2 }])
  })

  it('drops a mark asked for just before the switch, before storage answered', async () => {
    const client = await aliceWithOneMark()
    const marked = client.requests.markSeen('tk_2', T2)
    const switched = client.identify({ id: 'bob' })
    await marked
    await switched

    expect(await client.requests.readSeen()).toEqual({})
    expect(await seenMaps()).toEqual([{ tk_1: T1 }])
  })

  it('keeps two marks asked at once (the second read sees the first write)', async () => {
    const client = await aliceWithOneMark()
    await Promise.all([client.requests.markSeen('tk_2', T2), client.requests.markSeen('tk_3', T2)])
    expect(await client.requests.readSeen()).toEqual({ tk_1: T1, tk_2: T2, tk_3: T2 })
  })

  it('reads no marks of the previous user for a call made before the switch', async () => {
    const client = await aliceWithOneMark()
    const read = client.requests.readSeen()
    await client.identify({ id: 'bob' })
    await client.requests.markSeen('tk_9', T2)
    expect(await read).toEqual({})
    expect(await client.requests.readSeen()).toEqual({ tk_9: T2 })
  })
})

describe('requests.markSeen and a sign-out that forgets the device copy', () => {
  it('writes nothing back into the scope that logout({ forget: true }) just cleared', async () => {
    const client = await aliceWithOneMark()
    const held = holdSeenReads()
    const marked = client.requests.markSeen('tk_2', T2)
    await held.reached
    await client.logout({ forget: true })
    held.release()
    await marked

    // Alice asked to be forgotten: no map of hers (nor anyone's) stays on the device.
    expect(await seenMaps()).toEqual([])
    await client.identify({ id: 'alice' })
    expect(await client.requests.readSeen()).toEqual({})
  })

  it('still records marks of a user who signs in again after being forgotten', async () => {
    const client = await aliceWithOneMark()
    await client.logout({ forget: true })
    await client.identify({ id: 'alice' })
    await client.requests.markSeen('tk_3', T2)
    expect(await client.requests.readSeen()).toEqual({ tk_3: T2 })
  })
})
