import { loadCatalog, supportedLocales } from '../src/i18n/index.js'

// Catalogs are lazy chunks in the SDK; tests that render or translate synchronously get them
// all up front, as a page has its locale's catalog before the panel first renders.
await Promise.all(supportedLocales.map((locale) => loadCatalog(locale)))
