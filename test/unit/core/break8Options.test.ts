import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors/ConfigError.js'
import { validateSupportOptions, validateWidgetOptions } from '../../../src/options/index.js'

/** Option names that are Object.prototype members; JSON.parse makes `__proto__` an own key. */
const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf']

describe('an option named like an Object.prototype member', () => {
  it.each(NAMES)('(%s) is refused as an unknown option, at the top and in nested objects', (name) => {
    const top = JSON.parse(`{"${name}": 1}`) as unknown
    const nested = JSON.parse(`{"user": {"id": "u1", "${name}": 1}}`) as unknown
    for (const validate of [validateSupportOptions, validateWidgetOptions]) {
      expect(() => validate(top)).toThrow(ConfigError)
      expect(() => validate(top)).toThrow(`options.${name}`)
      expect(() => validate(nested)).toThrow(`options.user.${name}`)
    }
  })
})
