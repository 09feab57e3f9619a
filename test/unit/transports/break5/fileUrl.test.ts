import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkFileUrl } from '../../../../src/markdown/url.js'
import { parseAttachmentRef } from '../../../../src/transports/schemas.js'

// Shows an attachment url from the backend reaches an href/src only as http(s) or blob:, after
// the parse-time prefix test and the render-time checkFileUrl (as My requests applies them).

const file = { id: 'f1', name: 'a.png', type: 'image/png', size: 3 }
/** What My requests puts into href and src for this url, or undefined (listed by name only). */
const rendered = (url: string): string | undefined => {
  const kept = parseAttachmentRef({ ...file, url }).url
  return kept === undefined ? undefined : checkFileUrl(kept)
}
const safe = (href: string): boolean => {
  // What a browser would do with it: its scheme after the browser's own parsing (a blob: that
  // is no URL at all, such as 'blob://\\', is an inert link).
  let proto: string
  try {
    proto = new URL(href).protocol
  } catch {
    return /^blob:/i.test(href)
  }
  return proto === 'http:' || proto === 'https:' || proto === 'blob:'
}

const hostile = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\u0000javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript&colon;alert(1)',
  'javascript&#58;alert(1)',
  'javascript%3Aalert(1)',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '//evil.example/a.png',
  '/relative/a.png',
  'https:evil.example',
  'https:/evil.example',
  'https://',
  'http://\u3000evil',
  'https://evil.example/\u2028javascript:alert(1)',
  'https://evil.example\u0085/',
  'blob:',
  'blob:javascript:alert(1)',
  'blob:data:text/html,<script>alert(1)</script>',
  'ｊａｖａｓｃｒｉｐｔ:alert(1)',
  'https\uff1a//evil.example',
  'https://a.example/&#x0a;javascript:alert(1)',
  'https://' + 'a'.repeat(200_000) + '.example/x.png',
]

describe('attachment urls: parse test then checkFileUrl', () => {
  it('hostile urls never become a non-http(s)/blob href or src', () => {
    for (const u of hostile) {
      const out = rendered(u)
      if (out !== undefined) expect(safe(out), JSON.stringify(u.slice(0, 80))).toBe(true)
    }
  })

  it('plain file urls still show, unchanged', () => {
    for (const u of [
      'https://files.example.com/a.png',
      'HTTPS://files.example.com/a.png',
      'https://files.example.com/a.png?X-Amz-Signature=ab%2Fcd&X-Amz-Expires=300',
      'https://files.example.com/%E6%94%B6%E6%8D%AE.png',
      'http://127.0.0.1:8787/v1/attachments/att_1/a.png',
      'blob:http://127.0.0.1/4f1c-11',
    ])
      expect(rendered(u), u).toBeDefined()
  })

  // Was broken (fixed): checkFileUrl applied Markdown's entity decoding to a url that came as JSON text, so the link went elsewhere.
  it('a url whose query holds "&amp;" links to that address, not a decoded one', () => {
    // A url whose query happens to hold an entity-like sequence is the backend's own text: the
    // browser would fetch it as written, so the link must point to that address.
    const amp = 'https://files.example.com/a.png?name=a&amp;b=1'
    expect(new URL(rendered(amp)!).search).toBe(new URL(amp).search)
  })

  it('any string: whatever reaches href/src is http(s) or blob: to the browser', () => {
    const part = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'https://',
        'http://',
        'blob:',
        'javascript:',
        'data:',
        '&#58;',
        '&colon;',
        '%3A',
        '\t',
        '\n',
        ' ',
        '\u00a0',
        '\u2028',
        ':',
        '/',
        '@',
        '\\',
      ),
    )
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const u = parts.join('')
        const out = rendered(u)
        if (out !== undefined) expect(safe(out), JSON.stringify(u)).toBe(true)
      }),
      { numRuns: 5000 },
    )
  })
})
