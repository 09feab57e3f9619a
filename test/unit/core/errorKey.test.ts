import { describe, expect, it } from 'vitest'
import { errorKey } from '../../../src/i18n/errorKey.js'
import { catalogs, supportedLocales } from '../../../src/i18n/index.js'

describe('error words: offline or not answering', () => {
  it('a failed request says "offline" only when the device is', () => {
    expect(errorKey('offline', false)).toBe('error.offline')
    expect(errorKey('offline', true)).toBe('error.unreachable')
    // Without a network, a timeout or a 5xx is the network's doing too.
    expect(errorKey('timeout', false)).toBe('error.offline')
    expect(errorKey('server', false)).toBe('error.offline')
    expect(errorKey('timeout', true)).toBe('error.timeout')
    expect(errorKey('server', true)).toBe('error.server')
    // What the user must fix is the same online or not.
    expect(errorKey('rejected', false)).toBe('error.rejected')
    expect(errorKey(undefined, true)).toBe('error.unknown')
  })

  it('every locale has distinct words for the two cases', () => {
    for (const locale of supportedLocales) {
      const c = catalogs[locale]!
      expect(c['error.unreachable'], locale).toBeTruthy()
      expect(c['error.unreachable']).not.toBe(c['error.offline'])
      expect(c['help.error.unreachable']).not.toBe(c['help.error.offline'])
    }
  })
})
