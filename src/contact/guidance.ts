/**
 * Which channel to offer first for a problem. Money that is leaving or has left (unauthorized,
 * wrong recipient, charged but not received) needs a person now: hotline and in-app chat
 * first, whichever is open leading. Other questions are answered best in writing: messages and
 * email first. Without a problem the order is the fixed default, so help stays in the same
 * place from visit to visit (WCAG 3.2.6 Consistent Help).
 */
import type { MessageKey } from '../i18n/index.js'
import type { Availability, ReportCategory } from '../types.js'
import type { ChannelKind } from './channels.js'
import { waitMinutes } from '../waitMinutes.js'

export { MAX_WAIT_MINUTES } from '../waitMinutes.js'

/** Problems where minutes matter (shared/reference/wallet-domain.md §1.2, §1.3). */
export const URGENT_PROBLEMS: ReadonlySet<ReportCategory> = new Set([
  'unauthorized',
  'wrong_recipient',
  'charged_not_received',
])

const DEFAULT_ORDER: readonly ChannelKind[] = [
  'hotline',
  'chat',
  'messages',
  'email',
  'website',
  'social',
  'servicePoints',
]
const URGENT_ORDER: readonly ChannelKind[] = [
  'hotline',
  'chat',
  'messages',
  'email',
  'servicePoints',
  'website',
  'social',
]
const WRITTEN_ORDER: readonly ChannelKind[] = [
  'messages',
  'email',
  'chat',
  'hotline',
  'website',
  'social',
  'servicePoints',
]

/** A wait at or above this is "peak": non-urgent questions are steered to writing. */
export const PEAK_WAIT_SECONDS = 600

export type Urgency = 'urgent' | 'standard' | 'none'

export interface Guidance {
  urgency: Urgency
  /** Available channels, best first. */
  order: ChannelKind[]
  /** The first one or two of `order` that the panel marks "Recommended". */
  recommended: ChannelKind[]
}

/**
 * Order the available channels for a problem.
 * `openNow` tells which channels are open at this moment (missing = unknown, treated as open);
 * `busy` (a peak-hour chat queue) moves chat behind the written channels unless it is urgent.
 * @example channelGuidance({ problem: 'unauthorized', available: ['email', 'hotline', 'chat'] }).order // ['hotline', 'chat', 'email']
 */
export function channelGuidance(input: {
  problem?: ReportCategory | undefined
  available: readonly ChannelKind[]
  openNow?: Partial<Record<ChannelKind, boolean>>
  busy?: boolean
}): Guidance {
  const { problem, available, openNow = {}, busy = false } = input
  const urgency: Urgency = problem === undefined ? 'none' : URGENT_PROBLEMS.has(problem) ? 'urgent' : 'standard'
  const base = urgency === 'urgent' ? URGENT_ORDER : urgency === 'standard' ? WRITTEN_ORDER : DEFAULT_ORDER
  const order = base.filter((k) => available.includes(k))
  if (urgency === 'urgent') {
    // Between the two live channels, an open one beats a closed one: a closed hotline is no help now.
    const live = order.filter((k) => k === 'hotline' || k === 'chat')
    const sorted = [...live].sort((a, b) => Number(openNow[b] ?? true) - Number(openNow[a] ?? true))
    order.splice(0, live.length, ...sorted)
  } else if (busy && order.includes('chat')) {
    order.splice(order.indexOf('chat'), 1)
    const lastWritten = Math.max(order.indexOf('messages'), order.indexOf('email'))
    order.splice(lastWritten + 1, 0, 'chat')
  }
  const preferred: readonly ChannelKind[] =
    urgency === 'urgent' ? ['hotline', 'chat'] : urgency === 'standard' ? ['messages', 'email'] : []
  const recommended = order
    .filter((k) => preferred.includes(k) && (urgency !== 'urgent' || openNow[k] !== false))
    .slice(0, 2)
  return { urgency, order, recommended }
}

/** "Have these ready" items, in the order people usually look them up. */
export const READY_ITEMS: readonly MessageKey[] = [
  'contact.ready.account',
  'contact.ready.time',
  'contact.ready.amount',
  'contact.ready.orderNo',
  'contact.ready.screenshots',
]

/** A chat wait hint from `transport.availability()`: catalog key, params and whether it is peak. */
export interface WaitHint {
  key: MessageKey
  params?: Record<string, number>
  peak: boolean
}

/** What to say about the chat queue; undefined when the backend gave no estimate. */
export function waitHint(availability: Availability | undefined): WaitHint | undefined {
  if (!availability) return undefined
  if (!availability.open) return { key: 'contact.wait.closed', peak: false }
  const wait = availability.expectedWaitSeconds
  if (wait === undefined || !Number.isFinite(wait) || wait < 0) return undefined
  if (wait < 120) return { key: 'contact.wait.now', peak: false }
  const minutes = waitMinutes(wait)
  return wait >= PEAK_WAIT_SECONDS
    ? { key: 'contact.wait.peak', params: { minutes }, peak: true }
    : { key: 'contact.wait.minutes', params: { minutes }, peak: false }
}
