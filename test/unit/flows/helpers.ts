import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import type { SupportOptions } from '../../../src/options/index.js'
import { createServices, type Services } from '../../../src/services.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import type { fakeTransport } from '../../support/fakeTransport.js'

export { TX } from '../../support/fixtures.js'

const opened: Array<Promise<Services>> = []

/**
 * A real client whose services live on `store` (a "device"): two clients on one store are the
 * same app before and after a reload.
 */
export function makeClient(
  fake: ReturnType<typeof fakeTransport>,
  store: KeyValueStore = memoryStore(),
  options: SupportOptions = {},
) {
  const client = createSupportClient({ transport: fake.transport, locale: 'en', ...options })
  let services: Promise<Services> | undefined
  const events: HelpFeedbackEvent[] = []
  client.events.on((e) => events.push(e))
  Object.assign(client, {
    services: () => {
      if (!services) {
        services = createServices({
          transport: () => client.transport(),
          store,
          events: client.events,
          userId: () => client.store.getState().session.user?.id,
        })
        opened.push(services)
      }
      return services
    },
  })
  return { client: client as SupportClient, events, store }
}

/** Stops every outbox and drafts store the tests opened (the "page" closes). */
export async function closeAll(): Promise<void> {
  for (const s of opened.splice(0)) {
    const sv = await s
    sv.outbox.dispose()
    await sv.drafts.dispose()
  }
}

/**
 * Makes the outbox take its time storing a job: `queueing()` tells once a job reached it, and
 * `store()` lets it (and every later one) be stored.
 */
export function slowEnqueue(outbox: Services['outbox']): { queueing: () => boolean; store: () => void } {
  let store: () => void = () => undefined
  const storing = new Promise<void>((r) => (store = r))
  const enqueue = outbox.enqueue.bind(outbox)
  let queueing = false
  outbox.enqueue = (async (...a: Parameters<typeof enqueue>) => {
    queueing = true
    await storing
    return enqueue(...a)
  }) as typeof outbox.enqueue
  return { queueing: () => queueing, store: () => store() }
}
