import { describe, expect, it } from 'vitest'
import { decodeEntities, parseMarkdown, toText } from '../../../src/markdown/index.js'

describe('an entity named like an Object.prototype member', () => {
  it('stays as written in article text', () => {
    for (const name of ['constructor', 'Constructor', 'toString', 'valueOf']) {
      expect(decodeEntities(`a &${name}; b &amp; c`)).toBe(`a &${name}; b & c`)
      expect(toText(parseMarkdown(`Tap &${name}; to go on.`))).toBe(`Tap &${name}; to go on.`)
    }
  })
})
