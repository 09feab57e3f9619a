import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { WidgetOptions } from '../../src/options/index.js'

/**
 * The headless client behind the widget, without Preact: what the entry loads to deliver
 * reports left in the outbox by an earlier page while the panel stays closed. The panel's
 * runtime later renders over this same client.
 */
export function createCore(options: WidgetOptions): SupportClient {
  // Drops what only the panel reads.
  const { theme, colors, position, zIndex, nonce, launcher, container, ...core } = options
  const client = createSupportClient(core)
  // Opening storage starts the outbox: it flushes now and on `online` / `visibilitychange`.
  client.services().catch(() => {})
  return client
}
