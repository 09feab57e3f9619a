/**
 * The client listens to its transport's own sign-ins (`Transport.onSignIn`) and never stopped:
 * a transport kept by the host across widgets (made once at module level, the widget destroyed
 * and made again on each route, or twice by React's StrictMode) held every destroyed client (its
 * store, its controllers) for as long as the page lived, and went on changing their state.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { restTransport } from '../../../src/transports/rest.js'
import type { Transport } from '../../../src/transports/types.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('a transport that outlives its clients', () => {
  it('holds no listener of a destroyed client', async () => {
    const rest = restTransport({ baseUrl: 'https://api.test', fetch: async () => new Response('[]') })
    let listening = 0
    const shared: Transport = {
      ...rest,
      // Transport methods are closures over the transport's state: a copy with a counted onSignIn.
      onSignIn: (f) => {
        listening++
        const off = rest.onSignIn!(f)
        return () => {
          listening--
          off()
        }
      },
      // The host disposes of its transport when the page goes, not with a widget.
      dispose: () => {},
    }
    for (let i = 0; i < 3; i++) {
      const client = createSupportClient({ transport: shared, locale: 'en' })
      await client.transport()
      expect(listening).toBe(1)
      client.destroy()
      await new Promise((r) => setTimeout(r, 0))
    }
    expect(listening).toBe(0)
  })
})
