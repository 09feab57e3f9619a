import { isBrowserOffline } from '../online.js'
import type { SupportClient } from '../client.js'
import { TimeoutError } from '../errors/index.js'
import { errorCode } from '../errors/errorCode.js'
import type { FieldValue } from '../types.js'
import { SDK_VERSION } from '../version.js'

/**
 * What the self-check found: plain values an agent can read, safe to attach to a report (no
 * personal data: no user id, no device identifiers). `'unknown'` means it could not be measured.
 */
export interface SelfCheckResult extends Record<string, FieldValue> {
  /** `navigator.onLine`. */
  networkOnline: boolean
  /** The support backend answered a light call (availability, else identify). */
  serverReachable: boolean | 'unknown'
  /** Round trip of that call, in ms. */
  latencyMs: number | 'unknown'
  /** Error code of the failed call, or null. */
  networkError: string | null
  appVersion: string
  sdkVersion: string
  /** Device clock minus server clock, in seconds (positive: the device is ahead). */
  clockSkewSeconds: number | 'unknown'
  locale: string
  timeZone: string
  /** e.g. `+08:00`. */
  utcOffset: string
  /** Whether drafts and the outbox survive a reload on this device. */
  storage: 'persistent' | 'memory'
  checkedAt: string
}

export interface SelfCheckOptions {
  /**
   * The server's current time, for the clock check: the backend knows it, the SDK does not.
   * See {@link dateHeaderTime} for one built on a `Date` response header. Without it the skew
   * is `'unknown'`.
   */
  serverTime?: (signal: AbortSignal) => Promise<Date | number | string>
  /** Limit for each network step. Default 5000 ms. */
  timeoutMs?: number
  now?: () => number
}

/** A clock off by more than this breaks one-time codes and signed requests. */
export const CLOCK_SKEW_LIMIT_SECONDS = 120

function within<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort()
      reject(new TimeoutError(`no answer within ${ms} ms`))
    }, ms)
    work(controller.signal)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer))
  })
}

async function probe(client: SupportClient, ms: number, now: () => number) {
  const unknown = { serverReachable: 'unknown' as const, latencyMs: 'unknown' as const, networkError: null }
  try {
    const transport = await within(ms, () => client.transport())
    const user = client.store.getState().session.user
    const call: ((s: AbortSignal) => Promise<unknown>) | undefined = transport.availability
      ? (s: AbortSignal) => transport.availability!(s)
      : user
        ? (s: AbortSignal) => transport.identify(user, s)
        : undefined
    if (!call) return unknown
    const started = now()
    await within(ms, call)
    return { serverReachable: true, latencyMs: Math.max(0, Math.round(now() - started)), networkError: null }
  } catch (error) {
    const code = errorCode(error)
    // Any typed answer (unauthorized, rate limited, server error) proves the server is reachable.
    return {
      serverReachable: !['offline', 'timeout', 'unknown'].includes(code),
      latencyMs: 'unknown' as const,
      networkError: code,
    }
  }
}

async function clockSkew(options: SelfCheckOptions, ms: number, now: () => number): Promise<number | 'unknown'> {
  if (!options.serverTime) return 'unknown'
  try {
    const sent = now()
    const value = await within(ms, options.serverTime)
    const received = now()
    const server = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
    if (!Number.isFinite(server)) return 'unknown'
    // The server read its clock somewhere during the round trip; the midpoint is the best guess.
    return Math.round(((sent + received) / 2 - server) / 1000)
  } catch {
    return 'unknown'
  }
}

function utcOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset()
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/**
 * Checks the basics behind most "the app doesn't work" reports: network and backend
 * reachability, app and SDK versions, clock skew, locale and time zone, and storage.
 *
 * @example
 * const diagnostics = await runSelfCheck(client, { serverTime: dateHeaderTime('/support-api/v1/availability') })
 * // attach to a report: { ...ticketInput, diagnostics }
 */
export async function runSelfCheck(client: SupportClient, options: SelfCheckOptions = {}): Promise<SelfCheckResult> {
  const ms = options.timeoutMs ?? 5000
  const now = options.now ?? Date.now
  const networkOnline = !isBrowserOffline()
  const [network, skew, storage] = await Promise.all([
    networkOnline
      ? probe(client, ms, now)
      : { serverReachable: false, latencyMs: 'unknown' as const, networkError: 'offline' },
    networkOnline ? clockSkew(options, ms, now) : ('unknown' as const),
    within(ms, () => client.services()).then(
      (s): SelfCheckResult['storage'] => (s.persistent ? 'persistent' : 'memory'),
      (): SelfCheckResult['storage'] => 'memory',
    ),
  ])
  const at = new Date(now())
  let timeZone = 'unknown'
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'unknown'
  } catch {
    // Some stripped-down WebView builds ship without time zone data.
  }
  return {
    networkOnline,
    ...network,
    appVersion: client.options.appVersion ?? 'unknown',
    sdkVersion: SDK_VERSION,
    clockSkewSeconds: skew,
    locale: client.store.getState().system.locale,
    timeZone,
    utcOffset: utcOffset(at),
    storage,
    checkedAt: at.toISOString(),
  }
}

/** The result's entries that need the user's attention, in display order. */
export function selfCheckProblems(result: SelfCheckResult): Array<keyof SelfCheckResult> {
  const problems: Array<keyof SelfCheckResult> = []
  if (!result.networkOnline) problems.push('networkOnline')
  if (result.serverReachable === false) problems.push('serverReachable')
  if (typeof result.clockSkewSeconds === 'number' && Math.abs(result.clockSkewSeconds) > CLOCK_SKEW_LIMIT_SECONDS)
    problems.push('clockSkewSeconds')
  if (result.storage === 'memory') problems.push('storage')
  return problems
}

/**
 * A `serverTime` hook that reads the `Date` header of a HEAD request. Cross-origin, the server
 * must send `Access-Control-Expose-Headers: Date` (Date is not a CORS-safelisted header).
 */
export function dateHeaderTime(
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): (signal: AbortSignal) => Promise<number> {
  return async (signal) => {
    const res = await fetchImpl(url, { method: 'HEAD', signal, cache: 'no-store', credentials: 'same-origin' })
    const date = res.headers.get('date')
    const time = date ? Date.parse(date) : Number.NaN
    if (!Number.isFinite(time)) throw new Error('no Date header')
    return time
  }
}
