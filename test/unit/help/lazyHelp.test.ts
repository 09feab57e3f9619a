import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient, type SupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { createSearchIndex, serializeIndex } from '../../../src/search/index.js'
import { articlesTransport } from '../../support/transport.js'
import { refundArticle } from '../../support/fixtures.js'

// client.help loads the controller's code (src/help/help.ts) on its first call.
const article = refundArticle

const clients: SupportClient[] = []
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy())
  vi.doUnmock('../../../src/help/help.js')
  vi.resetModules()
})

function setup() {
  const events: HelpFeedbackEvent[] = []
  const client = createSupportClient({
    transport: articlesTransport(),
    locale: 'en',
    articles: { index: serializeIndex(createSearchIndex([article])) },
    onEvent: (e) => events.push(e),
  })
  clients.push(client)
  return { client, events }
}

describe('client.help before and while its code loads', () => {
  it('answers calls made before the code arrived in the order they were made: only the last search is counted', async () => {
    const { client, events } = setup()
    const [first, last] = await Promise.all([client.help.search('ref'), client.help.search('refund')])
    expect(first.map((h) => h.id)).toEqual(['en-refund'])
    expect(last.map((h) => h.id)).toEqual(['en-refund'])
    expect(events.filter((e) => e.type === 'search:query')).toEqual([{ type: 'search:query', length: 6, results: 1 }])
  })

  it('opens a suggestion and says an error at once, with no code loaded', async () => {
    const { client, events } = setup()
    client.open('report')
    client.help.openSuggestion('en-refund', 'report')
    expect(client.store.getState().ui).toMatchObject({ view: 'article', params: { id: 'en-refund', from: 'report' } })
    expect(events).toContainEqual({ type: 'suggestion:open', id: 'en-refund', from: 'report' })
    await client.ready()
    await client.need(['help'])
    expect(client.help.errorMessage(new Error('boom'))).toBe(client.t('error.unknown'))
  })

  it('a failure to load the code is one to load the content, and the next call tries again', async () => {
    vi.doMock('../../../src/help/help.js', () => {
      throw new Error('chunk failed to load')
    })
    const { client } = setup()
    await client.need(['help'])
    const error = await client.help.search('refund').then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Error)
    expect(client.help.errorMessage(error)).toBe(client.t('help.error.malformed'))
    vi.doUnmock('../../../src/help/help.js')
    expect((await client.help.search('refund')).map((h) => h.id)).toEqual(['en-refund'])
  })
})
