import { httpsUrl, isEmailAddress, TEL } from '../contact/urls.js'

/**
 * Whether `url` is one of the links the SDK may hand to a native host: `tel:` with digits only,
 * `mailto:` with a plain address, or an https URL. Anything else (`javascript:`, `intent:`,
 * `sms:`, plain http) is never sent.
 */
export function isExternalUrl(url: string): boolean {
  if (url.startsWith('tel:')) return TEL.test(url.slice(4))
  if (url.startsWith('mailto:')) {
    const address = url.slice(7).split('?')[0] ?? ''
    return isEmailAddress(address) && !/[\s<>"]/.test(url)
  }
  return httpsUrl(url) !== undefined
}

/** An exact origin (`https://app.example.com`): https, or http on the loopback host for development. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (
      url.origin === value &&
      (url.protocol === 'https:' ||
        (url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)))
    )
  } catch {
    return false
  }
}
