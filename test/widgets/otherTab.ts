/**
 * Shared by the widget tests of two tabs on one device: "tab A" as a headless client beside the
 * panel under test (tab B), closed after each test with its drafts written.
 */
import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { fakeTransport } from '../support/fakeTransport.js'

const tabs: SupportClient[] = []

/** Another tab on the same device, talking to the same backend. */
export function otherTab(fake: ReturnType<typeof fakeTransport>): SupportClient {
  const tab = createSupportClient({ transport: fake.transport, locale: 'en' })
  tabs.push(tab)
  return tab
}

/** Writes and closes every other tab opened since the last call (for `afterEach`). */
export async function closeOtherTabs(): Promise<void> {
  for (const c of tabs.splice(0)) {
    await (await c.services()).drafts.dispose()
    c.destroy()
  }
}

/** The report form's description box, once it shows. */
export const description = (): HTMLTextAreaElement | null =>
  document.querySelector<HTMLTextAreaElement>('[data-field=description] textarea')
