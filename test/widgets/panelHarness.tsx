import { render } from '@testing-library/preact'
import { IDBFactory } from 'fake-indexeddb'
import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { HelpFeedbackEvent, ViewName } from '../../src/events.js'
import type { SupportOptions } from '../../src/options/index.js'
import { Panel } from '../../widgets/panel/Panel.js'
import { PanelContext } from '../../widgets/ui/context.js'
import type { fakeTransport } from '../support/fakeTransport.js'

const clients: SupportClient[] = []

/** A fresh IndexedDB per test: jobs and drafts of one test must not leak into the next. */
export function freshDevice(): void {
  ;(globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory()
}

let online = true
/** Makes `navigator.onLine` (what the outbox and the client read) say what the test wants. */
export function setOnline(value: boolean): void {
  online = value
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
  window.dispatchEvent(new Event(value ? 'online' : 'offline'))
}

/**
 * Renders the real panel (header, view host, lazy views) for a real client over a fake
 * transport, opened on `view`. Returns the client and the events it emitted.
 */
export function openPanel(
  fake: ReturnType<typeof fakeTransport>,
  view: ViewName,
  params: Record<string, unknown> = {},
  options: SupportOptions = {},
) {
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({
    transport: fake.transport,
    locale: 'en',
    onEvent: (e) => events.push(e),
    ...options,
  })
  clients.push(client)
  client.open(view, params)
  const utils = render(
    <PanelContext.Provider value={{ client, idPrefix: 'hf' }}>
      <Panel />
    </PanelContext.Provider>,
  )
  return { client, events, ...utils }
}

/** Ends the "page": unmounts happen in the global cleanup; this stops the clients' outboxes. */
export async function closeClients(): Promise<void> {
  for (const c of clients.splice(0)) {
    const sv = await c.services().catch(() => undefined)
    await sv?.drafts.dispose()
    c.destroy()
  }
  online = true
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true })
}
