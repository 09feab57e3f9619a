import type { NetworkOptions } from './http.js'
import type { UserIdentity } from '../types.js'
import { restTransport } from './rest.js'
import { noCapabilities, type Transport } from './types.js'

/** Options of {@link freshdeskTransport}. */
export interface FreshdeskTransportOptions extends NetworkOptions {
  /**
   * Where the Freshdesk proxy is mounted, e.g. `https://app.example.com/freshdesk` (the
   * reference server's proxy mode; examples/server/freshdesk). Never Freshdesk itself: its only
   * credential is an agent API key, which must stay on a server.
   */
  baseUrl: string
  user?: UserIdentity
  /** The identify signature minted by the host's backend (the same HMAC the REST transport uses). */
  getUserToken?: () => Promise<string>
}

/**
 * Transport for Freshdesk through the proxy. The proxy speaks the help-feedback protocol's
 * ticket subset (identify, tickets, comments, escalate, attachments) and adds what Freshdesk
 * lacks: Idempotency-Key replays, status mapping (2/3/4/5 → open/pending/solved/closed) and the
 * user's own fields. So this is the REST client with Freshdesk's honest capabilities: no chat,
 * no realtime (Freshdesk has none for end users), no CSAT, no articles.
 *
 * @example
 * const transport = freshdeskTransport({ baseUrl: location.origin + '/freshdesk', getUserToken: () => mySignature() })
 */
export function freshdeskTransport(options: FreshdeskTransportOptions): Transport {
  const rest = restTransport({ ...options, baseUrl: options.baseUrl })
  return {
    name: 'freshdesk',
    capabilities: { ...noCapabilities, tickets: true, attachments: true, idempotency: true },
    identify: (user, signal) => rest.identify(user, signal),
    createTicket: (input, o) => rest.createTicket(input, o),
    listTickets: (signal) => rest.listTickets!(signal),
    getTicket: (id, signal) => rest.getTicket!(id, signal),
    addComment: (id, comment, o) => rest.addComment!(id, comment, o),
    escalateTicket: (id, reason, o) => rest.escalateTicket!(id, reason, o),
    uploadAttachment: (file, meta, o) => rest.uploadAttachment!(file, meta, o),
    dispose: () => rest.dispose?.(),
  }
}

export default freshdeskTransport
