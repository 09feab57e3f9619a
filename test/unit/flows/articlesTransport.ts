import { noCapabilities, type Transport } from '../../../src/transports/types.js'

/** A transport that serves articles only; tests override the methods they exercise. */
export function articlesTransport(overrides: Partial<Transport> = {}): Transport {
  return {
    name: 'fake', capabilities: { ...noCapabilities, articles: true },
    identify: async (u) => ({ userId: u.id }),
    createTicket: async () => { throw new Error('unused') },
    ...overrides,
  }
}
