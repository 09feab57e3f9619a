import { describe, expect, it } from 'vitest'
import { toAttachmentRef } from '../../../src/transports/chatwootMap.js'
import { decodeEntities } from '../../../src/transports/zendeskMap.js'

/** Names of Object.prototype members, as a file extension or an entity name can spell them. */
const NAMES = ['constructor', '__proto__', 'tostring', 'valueof', 'hasownproperty']

describe('backend text named like Object.prototype members', () => {
  it.each(NAMES)('a Chatwoot attachment ending in .%s has a string MIME type', (ext) => {
    for (const a of [
      { id: 7, data_url: `https://cw.example/rails/a/report.${ext}`, file_type: 'file' },
      { id: 8, extension: ext, file_type: 'image' },
    ]) {
      const ref = toAttachmentRef(a as Parameters<typeof toAttachmentRef>[0])
      expect(ref.type).toBe(a.file_type === 'image' ? 'image/*' : 'application/octet-stream')
    }
  })

  it('a Zendesk body keeps an entity it does not know as written', () => {
    for (const name of ['constructor', 'toString', 'CONSTRUCTOR']) {
      expect(decodeEntities(`a &${name}; b &amp; c`)).toBe(`a &${name}; b & c`)
    }
  })

  it('a Zendesk body with a numeric entity past U+10FFFF decodes it as U+FFFD instead of throwing', () => {
    expect(decodeEntities('a &#1114112; b &#x110000; c &#65;')).toBe('a \ufffd b \ufffd c A')
  })
})
