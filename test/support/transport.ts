import { noCapabilities, type Transport, type TransportCapabilities } from '../../src/transports/types.js'

export type StubOverrides = Omit<Partial<Transport>, 'capabilities'> & { capabilities?: Partial<TransportCapabilities> }

/**
 * The one transport builder for tests: it identifies anyone, has no capabilities but the ones
 * given, refuses to create tickets, and has exactly the methods a test adds. Backends with state
 * build on it (see `fakeTransport.ts`); contract tests use the real transports.
 *
 * @example
 * const transport = stubTransport({ capabilities: { articles: true }, listArticles: async () => ARTICLES })
 */
export function stubTransport(overrides: StubOverrides = {}): Transport {
  const { capabilities, ...methods } = overrides
  return {
    name: 'fake',
    identify: async (u) => ({ userId: u.id }),
    createTicket: async () => {
      throw new Error('createTicket is not part of this test')
    },
    ...methods,
    capabilities: { ...noCapabilities, ...capabilities },
  }
}

/** A transport that serves articles only; tests add the methods they exercise. */
export const articlesTransport = (overrides: StubOverrides = {}): Transport =>
  stubTransport({ ...overrides, capabilities: { articles: true, ...overrides.capabilities } })
