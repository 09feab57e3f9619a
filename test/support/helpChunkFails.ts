import { afterEach, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { HelpFeedbackEvent } from '../../src/events.js'
import type { Transport } from '../../src/transports/types.js'

/**
 * A client whose help controller's code (src/help/help.ts, the storage chunk) fails to load, with
 * the events it sent; destroyed, and the module mock dropped, after each test.
 */
export function helpChunkFails(): (transport: Transport) => { client: SupportClient; events: HelpFeedbackEvent[] } {
  const clients: SupportClient[] = []
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy())
    vi.doUnmock('../../src/help/help.js')
    vi.resetModules()
  })
  return (transport) => {
    vi.doMock('../../src/help/help.js', () => {
      throw new Error('chunk failed to load')
    })
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({ transport, locale: 'en', onEvent: (e) => events.push(e) })
    clients.push(client)
    return { client, events }
  }
}
