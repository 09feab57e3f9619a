import { createSupportClient, type SupportClient } from '../../src/client.js'
import type { WidgetOptions } from '../../src/options/index.js'
import { catalogs, loadCatalog, translate } from '../../src/i18n/index.js'
import type { Locale } from '../../src/types.js'

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

/**
 * The message the entry shows in the panel's frame when the core refused the options. It is one
 * of the core strings, which load here: bad options are found only once this chunk has loaded.
 */
export async function setupText(locale: Locale, overrides?: Partial<Record<string, string>>): Promise<string> {
  await loadCatalog(locale, ['core'])
  return translate([overrides, catalogs[locale]], 'panel.misconfigured')
}
