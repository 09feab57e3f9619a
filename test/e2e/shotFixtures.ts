/** What the screenshot reload suites type and pick, and where they type it. */
import { w, type Page } from './browser.js'

export const TYPED = 'I paid at the counter, the app said failed, but the shop says it got nothing.'
/** A 1×1 PNG: the SDK decodes and re-encodes it on the device like any screenshot. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
export const description = (page: Page) => w(page, '[data-field=description] textarea')
