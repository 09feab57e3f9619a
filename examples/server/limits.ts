import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { HttpError } from './http.js'
import type { RateLimiter } from './rateLimit.js'
import type { BucketRef, Counters } from './store/types.js'

/** Abuse limits; every one can be set through `ServerOptions.limits` (docs/deploying.md). */
export interface Limits {
  /** Open (queued or active) conversations a user may have; at 1 a second start returns the open one. */
  openConversationsPerUser: number
  ticketsPerHour: number
  /** Upload bytes a user may store per rolling 24 h. */
  uploadBytesPerDay: number
  /** Uploads never attached to a ticket, comment or message are deleted after this long. */
  unattachedUploadTtlMs: number
  /** Live event streams per user; opening one more closes the oldest. */
  streamsPerUser: number
  /** Failed identify / bearer / agent-key attempts per client IP per minute (burst twice that). */
  authFailuresPerIpPerMinute: number
  /** Failed attempts against one target (a user id in identify, the agent key) per minute. */
  authFailuresPerKeyPerMinute: number
  /** Lifetime of signed attachment links. */
  attachmentLinkTtlMs: number
}

export const defaultLimits: Limits = {
  openConversationsPerUser: 1,
  ticketsPerHour: 10,
  uploadBytesPerDay: 50 * 1024 * 1024,
  unattachedUploadTtlMs: 24 * 3600_000,
  streamsPerUser: 5,
  authFailuresPerIpPerMinute: 10,
  authFailuresPerKeyPerMinute: 20,
  attachmentLinkTtlMs: 3600_000,
}

/** 429 with `Retry-After` in whole seconds (at least 1) and `retryAfterMs` in the body. */
export function tooMany(code: string, message: string, waitMs: number): HttpError {
  const ms = Math.max(1, Math.ceil(waitMs))
  return new HttpError(429, code, message, {
    retryAfterMs: ms,
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) },
  })
}

/**
 * The client's address. Behind proxies only the last `trustProxy` X-Forwarded-For entries were
 * written by hops we trust; anything further left is whatever the client chose to send.
 * @example clientIp(req, 1) // the address the one trusted proxy saw
 */
export function clientIp(req: IncomingMessage, trustProxy: number): string {
  const socket = req.socket.remoteAddress ?? '?'
  if (trustProxy <= 0) return networkOf(socket)
  const header = req.headers['x-forwarded-for']
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const nearestFirst = [socket, ...hops.reverse()]
  return networkOf(nearestFirst[Math.min(trustProxy, nearestFirst.length - 1)] ?? socket)
}

/**
 * What limits count as one client: an IPv4 address (also written as IPv6: IPv4-mapped, NAT64),
 * or the /64 of an IPv6 one, since a provider hands each subscriber a whole /64 and a client
 * could send every request from a fresh address of it. Anything else is kept as it is.
 * @example networkOf('2001:db8:1:2::9') // '2001:db8:1:2::/64'
 */
export function networkOf(ip: string): string {
  if (isIP(ip) !== 6) return ip
  const lower = ip.toLowerCase().replace(/%.*$/, '')
  const [head = '', tail] = lower.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  // An embedded IPv4 tail (`::1.2.3.4`) is two groups.
  const hex = (parts: string[]) =>
    parts.flatMap((p) => {
      if (!p.includes('.')) return [parseInt(p, 16) || 0]
      const [a = 0, b = 0, c = 0, d = 0] = p.split('.').map(Number)
      return [a * 256 + b, c * 256 + d]
    })
  const [l, r] = [hex(left), hex(right)]
  const groups = [...l, ...Array<number>(Math.max(0, 8 - l.length - r.length)).fill(0), ...r]
  // An IPv4 client written as IPv6 (`::ffff:1.2.3.4`, `::ffff:102:304`, the NAT64 prefix
  // `64:ff9b::1.2.3.4`) is its IPv4 address: its /64 would hold every IPv4 client.
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0)
  const [g6 = 0, g7 = 0] = groups.slice(6)
  if ((zeros(0, 5) && groups[5] === 0xffff) || (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)))
    return [g6 >> 8, g6 & 255, g7 >> 8, g7 & 255].join('.')
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`
}

/** A named token bucket over the store's counters (in memory on SQLite, shared on Postgres). */
export class Limiter {
  private readonly burst: number
  /** The bucket where it is in this process (`Counters.local`): taken from without a promise. */
  private readonly here: RateLimiter | undefined
  constructor(
    private readonly counters: Counters,
    private readonly bucket: string,
    private readonly perMinute: number,
    burst?: number,
  ) {
    this.burst = burst ?? perMinute
    this.here = counters.local?.(bucket, perMinute, this.burst)
  }
  take(key: string): Promise<number> {
    return this.counters.take(this.bucket, key, this.perMinute, this.burst)
  }
  peek(key: string): Promise<number> {
    return this.counters.peek(this.bucket, key, this.perMinute, this.burst)
  }
  /** `take` decided at once where the bucket is in this process; undefined where it must be awaited. */
  takeNow(key: string): number | undefined {
    return this.here?.take(key)
  }
  /** `peek` likewise. */
  peekNow(key: string): number | undefined {
    return this.here?.peek(key)
  }
  ref(key: string): BucketRef {
    return { bucket: this.bucket, key, perMinute: this.perMinute, burst: this.burst }
  }
}

/**
 * Counts failed authentication per client IP and per target, so neither one address nor a crowd
 * of addresses can try agent keys, bearers or identify tokens at request speed.
 */
export class AuthGuard {
  private readonly perIp: Limiter
  private readonly perKey: Limiter

  constructor(
    limits: Limits,
    private readonly counters: Counters,
  ) {
    this.perIp = new Limiter(
      counters,
      'auth-ip',
      limits.authFailuresPerIpPerMinute,
      limits.authFailuresPerIpPerMinute * 2,
    )
    this.perKey = new Limiter(
      counters,
      'auth-key',
      limits.authFailuresPerKeyPerMinute,
      limits.authFailuresPerKeyPerMinute * 2,
    )
  }

  /** Throws 429 when this IP (or target) has failed too often lately; call before checking credentials. */
  async check(ip: string, target?: string): Promise<void> {
    const wait = Math.max(await this.perIp.peek(ip), target === undefined ? 0 : await this.perKey.peek(target))
    if (wait > 0) throw tooMany('auth_rate_limited', 'too many failed sign-in attempts', wait)
  }

  /**
   * `check(ip)` and then, only if it passes, `limiter.take(key)`, in one step: for a caller
   * whose credentials are already verified. Throws the same 429s as the two would.
   */
  async checkThenTake(ip: string, limiter: Limiter, key: string): Promise<void> {
    const { blocked, wait } = await this.counters.peekThenTake(this.perIp.ref(ip), limiter.ref(key))
    if (blocked > 0) throw tooMany('auth_rate_limited', 'too many failed sign-in attempts', blocked)
    if (wait > 0) throw tooMany('rate_limited', 'too many requests', wait)
  }

  /**
   * `checkThenTake` decided at once, where both buckets are in this process (SQLite): true when
   * the token was taken, the same 429s thrown; false when the counters are shared and
   * `checkThenTake` must be awaited instead (nothing was taken then).
   */
  checkThenTakeNow(ip: string, limiter: Limiter, key: string): boolean {
    const blocked = this.perIp.peekNow(ip)
    if (blocked === undefined) return false
    if (blocked > 0) throw tooMany('auth_rate_limited', 'too many failed sign-in attempts', blocked)
    const wait = limiter.takeNow(key)
    if (wait === undefined) return false
    if (wait > 0) throw tooMany('rate_limited', 'too many requests', wait)
    return true
  }

  /** The 429 for a target that failed too often, if it has; for checks that must not block valid credentials. */
  async targetLimited(target: string): Promise<HttpError | undefined> {
    const wait = await this.perKey.peek(target)
    return wait > 0 ? tooMany('auth_rate_limited', 'too many failed attempts for this account', wait) : undefined
  }

  /**
   * For a guessable secret (the agent key), after it was compared (constant time, no I/O):
   * returns when `right` and neither this address nor the target has failed too often; else
   * throws a 429 `auth_rate_limited`, or `wrong` for a wrong key whose failure fit the budgets.
   *
   * Why this cannot be raced: a wrong key *takes* a token from the address's budget and then the
   * target's, each in one atomic step (one upsert on Postgres, synchronous in memory on SQLite),
   * and only a wrong key whose both takes succeeded learns it was wrong (`wrong`, a 401). However
   * many guesses run at once on however many instances, at most `burst` takes (plus the refill)
   * succeed, so at most that many 401s are sent; every other wrong key gets the same 429 as
   * a right key once a budget is spent. A right key only *peeks*: it holds nothing while its
   * request runs, so any number of right keys in flight succeed together. A right key that peeks
   * just before concurrent wrong keys spend the last token still succeeds; that tells its sender
   * nothing a guesser could use (they already hold the key), and no wrong key learned more than
   * its own successful take allowed. After the budget is spent, right and wrong keys both get
   * 429: there is no answer from which to tell them apart.
   * The address is taken first and the target only if the address had a token, so one address
   * past its own budget cannot keep draining the target's budget for everyone else.
   */
  async keyAttempt(ip: string, target: string, right: boolean, wrong: HttpError): Promise<void> {
    if (right) return this.check(ip, target)
    const waitIp = await this.perIp.take(ip)
    if (waitIp > 0) throw tooMany('auth_rate_limited', 'too many failed sign-in attempts', waitIp)
    const waitKey = await this.perKey.take(target)
    if (waitKey > 0) throw tooMany('auth_rate_limited', 'too many failed sign-in attempts', waitKey)
    throw wrong
  }

  /** Records one failure; returns the error to throw so call sites stay one line. */
  async fail(ip: string, target: string | undefined, err: HttpError): Promise<HttpError> {
    await this.perIp.take(ip)
    if (target !== undefined) await this.perKey.take(target)
    return err
  }
}
