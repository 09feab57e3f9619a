import type { SupportClient } from '../client.js'
import type { Availability } from '../types.js'

/** `client.contact`: what the contact panel needs from the backend. Rejects with a `HelpFeedbackError`. */
export interface ContactController {
  /** Whether agents are online now and the queue estimate; undefined when the backend has no chat. */
  availability(): Promise<Availability | undefined>
}

export function createContactController(client: SupportClient): ContactController {
  return {
    async availability() {
      const transport = await client.transport()
      return transport.capabilities.chat && transport.availability ? transport.availability() : undefined
    },
  }
}
