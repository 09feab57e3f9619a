/**
 * The last `setLocale` wins whatever order the string chunks arrive in. Each test loads a fresh
 * copy of the i18n module (no catalogs yet) whose zh-CN / zh-TW chunks wait on gates the test
 * opens, in the order it chooses — a slow phone fetching two languages at once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SupportClient } from '../../../src/client.js'
import { stubTransport } from '../../support/transport.js'

type Gate = { promise: Promise<void>; open(): void }
const gate = (): Gate => {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}
let gates: Record<'zh-CN' | 'zh-TW', Gate>
const LOCALES = ['zh-CN', 'zh-TW'] as const
// Not `launcher`: its few strings are in the entry's chunk, imported by the catalog, never loaded late.
const DOMAINS = ['core', 'help', 'contact'] as const

const transport = stubTransport({ identify: async (u) => ({ userId: u.id, token: 't' }) })

async function freshClient(locale: 'en' | 'zh-CN' = 'en'): Promise<SupportClient> {
  vi.resetModules()
  gates = { 'zh-CN': gate(), 'zh-TW': gate() }
  for (const l of LOCALES) {
    for (const d of DOMAINS) {
      // The chunk resolves only when its locale's gate opens.
      vi.doMock(`../../../src/i18n/locales/${l}/${d}.ts`, async (importOriginal) => {
        const real = await importOriginal<Record<string, unknown>>()
        await gates[l].promise
        return real
      })
    }
  }
  const { createSupportClient } = await import('../../../src/client.js')
  const client = createSupportClient({ transport, locale })
  if (locale === 'en') await client.ready()
  return client
}

beforeEach(() => {
  for (const l of LOCALES) for (const d of DOMAINS) vi.doUnmock(`../../../src/i18n/locales/${l}/${d}.ts`)
})

describe('setLocale racing the lazy strings', () => {
  it('zh-CN then zh-TW, zh-TW strings arrive first: the panel ends in zh-TW', async () => {
    const client = await freshClient()
    const first = client.setLocale('zh-CN')
    const second = client.setLocale('zh-TW')
    gates['zh-TW'].open()
    await second
    expect(client.store.getState().system.locale).toBe('zh-TW')
    gates['zh-CN'].open()
    await first
    expect(client.store.getState().system.locale).toBe('zh-TW')
    expect(client.t('panel.close')).toBe('關閉')
  })

  it('zh-CN then zh-TW, zh-CN strings arrive first: still zh-TW, never a flash of zh-CN', async () => {
    const client = await freshClient()
    const seen: string[] = []
    client.store.subscribe((s) => seen.push(s.system.locale))
    const first = client.setLocale('zh-CN')
    const second = client.setLocale('zh-TW')
    gates['zh-CN'].open()
    await first
    expect(client.store.getState().system.locale).toBe('en')
    gates['zh-TW'].open()
    await second
    expect(client.store.getState().system.locale).toBe('zh-TW')
    expect(seen).not.toContain('zh-CN')
  })

  it('a switch back to a loaded locale beats a slower switch started before it', async () => {
    const client = await freshClient()
    const slow = client.setLocale('zh-TW')
    await client.setLocale('en')
    expect(client.store.getState().system.locale).toBe('en')
    gates['zh-TW'].open()
    await slow
    expect(client.store.getState().system.locale).toBe('en')
    expect(client.t('panel.close')).toBe('Close')
  })

  it('strings a view needs while a switch is loading are there when the switch lands', async () => {
    const client = await freshClient()
    const switching = client.setLocale('zh-TW')
    const needed = client.need(['contact'])
    gates['zh-TW'].open()
    await Promise.all([switching, needed])
    expect(client.store.getState().system.locale).toBe('zh-TW')
    expect(client.t('contact.reference', { reference: 'X' })).toBe('您的編號：X')
  })
})
