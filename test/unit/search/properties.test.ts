import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeSnippet, plainText, snippetParts } from '../../../src/search/index.js'
import { fold, tokenize } from '../../../src/search/tokenize.js'

/** Text made of the pieces help articles and queries are made of: Han (Simplified and Traditional), Latin, digits, Markdown. */
const piece = fc.constantFrom(
  '转账',
  '轉帳',
  '没到账',
  '提现',
  '失败',
  'refund',
  'Charged',
  'ＡＢＣ',
  '１２３',
  ' ',
  '\n',
  '**',
  ' | ',
  '\n| 等级 | 限额 |\n|---|:--:|\n',
  '\n- ',
  '\n1. ',
  '\n## ',
  '_',
  '·',
  '，',
  '。',
  '[链接](./x.md)',
  'é',
  '😀',
)
const text = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''))
const columns = (s: string): number =>
  [...s].reduce(
    (n, c) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1),
    0,
  )

describe('tokenizer properties', () => {
  it('tokens are folded, never blank and never hold spaces; folding is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const t of tokenize(s)) {
          expect(t.trim()).toBe(t)
          expect(t).not.toBe('')
          expect(fold(t)).toBe(t)
        }
        expect(fold(fold(s))).toBe(fold(s))
      }),
    )
  })

  it('Traditional and Simplified spellings give the same tokens', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(['轉帳', '转账'], ['提現', '提现'], ['綁定', '绑定'], ['帳戶', '账户'], [' ', ' ']), {
          maxLength: 8,
        }),
        (pairs) => {
          expect(tokenize(pairs.map((p) => p[0]).join(''))).toEqual(tokenize(pairs.map((p) => p[1]).join('')))
        },
      ),
    )
  })
})

describe('snippet properties', () => {
  it('plain text has no Markdown table, emphasis or list syntax and no line breaks', () => {
    fc.assert(
      fc.property(text, (md) => {
        const p = plainText(md)
        expect(p).not.toMatch(/[|*\n]|---|^#|^- /)
      }),
    )
  })

  it('a snippet fits its width, its highlights are sorted, disjoint, inside it and match a term', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.constantFrom('转账', '没到账', 'refund', 'charg', '提现'), { maxLength: 3 }),
        fc.integer({ min: 10, max: 120 }),
        (md, terms, width) => {
          const body = plainText(md)
          const s = makeSnippet(body, terms, width)
          // Two columns of slack for a wide character at the edge, one per ellipsis.
          expect(columns(s.snippet.replace(/^…|…$/g, ''))).toBeLessThanOrEqual(width + 1)
          let last = 0
          for (const [a, b] of s.highlights) {
            expect(a).toBeGreaterThanOrEqual(last)
            expect(b).toBeGreaterThan(a)
            expect(b).toBeLessThanOrEqual(s.snippet.length)
            const marked = fold(s.snippet.slice(a, b))
            expect(terms.some((t) => marked.includes(t))).toBe(true)
            last = b
          }
          expect(
            snippetParts(s)
              .map((p) => p.text)
              .join(''),
          ).toBe(s.snippet)
        },
      ),
    )
  })
})
