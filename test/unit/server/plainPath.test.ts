import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLAIN_PATH } from '../../../examples/server/server.js'

const parsedPath = (target: string): string => new URL(target, 'http://local').pathname

describe('PLAIN_PATH (request targets used as their own pathname, unparsed)', () => {
  it('accepts only targets whose parsed pathname is the target itself', () => {
    // Characters of paths, queries, escapes and dot segments, so both sides of the test are hit.
    const char = fc.constantFrom(..."/abzAZ09_-~.%?#\\ \t:@!$&'()*+,;=é".split(''), '..', '//', '%2e', '%2F')
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (parts) => {
        const target = `/${parts.join('')}`
        if (PLAIN_PATH.test(target)) expect(parsedPath(target)).toBe(target)
      }),
      { numRuns: 5000 },
    )
  })

  it('takes the API paths and leaves anything URL would change to URL', () => {
    for (const p of ['/v1/tickets', '/v1/tickets/tk_00001764800000000AbC-_x9/comments', '/v1', '/healthz', '/'])
      expect(PLAIN_PATH.test(p)).toBe(true)
    for (const p of ['//evil/v1', '/v1/../x', '/v1/./x', '/v1/%74ickets', '/v1/tickets?x=1', '/v1\\x', '/v1/a b', '/é'])
      expect(PLAIN_PATH.test(p)).toBe(false)
  })
})
