import { fakeTransport } from './fakeTransport.js'

/**
 * A fake backend whose ticket creation waits until `answer()` is called: a report stays "being
 * sent" for as long as a test needs (what the user does meanwhile, then the outcome).
 */
export function heldTickets(): { fake: ReturnType<typeof fakeTransport>; answer: () => void } {
  const fake = fakeTransport()
  let answer: () => void = () => undefined
  const held = new Promise<void>((r) => (answer = r))
  const create = fake.transport.createTicket!.bind(fake.transport)
  fake.transport.createTicket = async (...a: Parameters<typeof create>) => {
    await held
    return create(...a)
  }
  return { fake, answer }
}
