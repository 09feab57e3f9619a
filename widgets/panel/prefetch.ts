/**
 * What the panel needs to open without a network, fetched when the page is idle after mount:
 * a report is most often written when something went wrong, and that is often offline. Only
 * modules and strings are fetched; nothing runs (no client, no requests to the backend).
 */
import { loadCatalog, type Domain } from '../../src/i18n/index.js'
import type { TransportOption } from '../../src/options/index.js'
import type { Locale } from '../../src/types.js'

/** The strings of the views fetched below (the same domains `views.ts` asks for). */
const DOMAINS: Domain[] = ['core', 'launcher', 'help', 'reports', 'reportUi', 'contact']

/**
 * Fetch the runtime and its headless client, the help search (Home's part, the search and article
 * views, the index loader and engine), the report, requests and contact views, storage, and their
 * strings. Help search works offline from the index cached on an earlier visit, but only with its
 * code: without it here, a network lost after the page loaded left Home's search box saying that
 * part of the panel could not be loaded.
 */
export function prefetchPanel(locale: Locale, transport: TransportOption | undefined): Promise<unknown> {
  const spec = transport && typeof transport === 'object' && 'type' in transport ? transport.type : undefined
  return Promise.all([
    import('./runtime.js'),
    import('./core.js'),
    import('../help/HomeHelp.js'),
    import('../help/index.js'),
    import('../../src/help/source.js'),
    // Indexing articles on the device (a source without a prebuilt index) needs the synonym table.
    import('../../src/search/synonyms.js'),
    import('../report/index.js'),
    import('../requests/index.js'),
    import('../contact/index.js'),
    import('../../src/services.js'),
    // The transport the client will resolve (a host factory loads its own code).
    spec === 'rest'
      ? import('../../src/transports/rest.js')
      : transport === undefined || spec === 'memory'
        ? import('../../src/transports/memory.js')
        : undefined,
    loadCatalog(locale, DOMAINS),
  ])
}
