import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { coarseMask } from '../../../src/drafts/coarseMask.js'
import { createServices } from '../../../src/services.js'
import { memoryStore } from '../../../src/storage/index.js'
import type { KeyValueStore } from '../../../src/storage/types.js'
import { stubTransport } from '../../support/transport.js'

afterEach(() => vi.unstubAllGlobals())

/** The page hides before IndexedDB writes a draft: draft writes never land. */
function draftsNeverLand(base: KeyValueStore): KeyValueStore {
  return {
    ...base,
    get persistent() {
      return base.persistent
    },
    set: (k, v) => (k.includes('draft:') ? new Promise<void>(() => undefined) : base.set(k, v)),
  }
}

describe('the pagehide copy of a draft written before the privacy scanner loaded', () => {
  it('keeps the words and hides card numbers, ID numbers, phones and codes', async () => {
    const items = new Map<string, string>()
    vi.stubGlobal('window', new EventTarget())
    vi.stubGlobal('localStorage', {
      get length() {
        return items.size
      },
      key: (i: number) => [...items.keys()][i] ?? null,
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, String(v)),
      removeItem: (k: string) => void items.delete(k),
    })
    const services = await createServices({
      transport: async () => stubTransport(),
      // IndexedDB never finishes the write: the page hides first.
      store: draftsNeverLand(memoryStore()),
      userId: () => 'alice',
    })
    const text =
      '卡号 6222 0212 3456 7890 123，身份证110101199003077578，验证码 813306，电话138-0013-8000，请退款给房东'
    services.drafts.save('report:refund', { description: text })
    ;(window as unknown as EventTarget).dispatchEvent(new Event('pagehide'))
    services.outbox.dispose()
    // What the user typed, not when it was saved: a clock reading can hold any digits ('…6222…').
    const copy = [...items.values()].join().replace(/"savedAt":\d+/g, '')
    expect(copy).toContain('请退款给房东')
    expect(copy).toContain('卡号')
    for (const secret of ['6222', '3456', '110101', '7578', '813306', '0013', '8000'])
      expect(copy).not.toContain(secret)
  })
})

describe('coarseMask', () => {
  it('leaves no run of four digits, whatever the separators, and keeps every non-digit', () => {
    const digit = fc.constantFrom(...'0123456789０１２３４５６７８９')
    const sep = fc.constantFrom('', ' ', '-', '.', '/', '_', '－', '—')
    const run = fc
      .array(fc.tuple(digit, sep), { minLength: 4, maxLength: 24 })
      .map((parts) => parts.map(([d, s], i) => (i === parts.length - 1 ? d : d + s)).join(''))
    const words = fc.string({ maxLength: 12 }).map((s) => s.replace(/[0-9０-９]/g, 'x'))
    fc.assert(
      fc.property(fc.array(fc.oneof(run, words), { maxLength: 8 }), (pieces) => {
        const input = pieces.join('|')
        const out = coarseMask(input) as string
        expect(
          out
            .replace(/[^0-9０-９]+/g, ' ')
            .split(' ')
            .every((d) => d.length < 4),
        ).toBe(true)
        expect(out.replace(/[0-9０-９•]/g, '')).toBe(input.replace(/[0-9０-９]/g, ''))
      }),
    )
  })

  it('walks objects and arrays and leaves short numbers alone', () => {
    expect(coarseMask({ a: ['flat 12B', 'card 4111111111111111'], n: 3 })).toEqual({
      a: ['flat 12B', 'card ••••••••••••••••'],
      n: 3,
    })
  })
})
