/**
 * `identify` takes a user ({ id, name?, … }), as the `user` option does. A host that passed the
 * id alone (`HelpFeedback('identify', 'u_123')`, `identify({ id: 42 })`) was signed in with no
 * id: the session said `ready` with `userId` undefined and the device data of "no one" in use,
 * and a queued script-tag call had nothing to say in the console. It is refused now as the
 * `user` option is, with a ConfigError (path `user`), and the session stays as it was.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { ConfigError } from '../../../src/errors/index.js'
import { memoryTransport } from '../../../src/transports/memory.js'

let client: ReturnType<typeof createSupportClient> | undefined
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => client?.destroy())

describe('identify with something that is not a user', () => {
  it.each([['u_123'], [{ id: 42 }], [{ name: 'no id' }], [{ id: 'u1', phone: '123' }], [42]])(
    '%j: refused with a ConfigError, the session unchanged',
    async (user) => {
      client = createSupportClient({ transport: memoryTransport() })
      await client.identify({ id: 'alice' })
      const before = client.store.getState().session
      const error = await client.identify(user as never).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).path).toMatch(/^user/)
      expect(client.store.getState().session).toEqual(before)
      expect(before).toMatchObject({ status: 'ready', user: { id: 'alice' } })
    },
  )

  it('a user as the option takes it still signs in, null still signs out', async () => {
    client = createSupportClient({ transport: memoryTransport() })
    await client.identify({ id: 'bob', name: 'Bob', email: 'b@example.com', attributes: { tier: 2 } })
    expect(client.store.getState().session).toMatchObject({ status: 'ready', session: { userId: 'bob' } })
    await client.identify(null)
    expect(client.store.getState().session).toMatchObject({ status: 'anonymous', user: undefined })
  })
})
