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
  // Storage (and with it the outbox) opens when a caller needs it: the entry when jobs are
  // queued, the panel's runtime once it has painted, a view or flow on first use.
  return createSupportClient(core)
}
