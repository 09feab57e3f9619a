import type { IncomingMessage } from 'node:http'
import { HttpError } from './http.js'
import { createRateLimiter, type RateLimiter } from './rateLimit.js'

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
  return new HttpError(429, code, message, { retryAfterMs: ms, headers: { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) } })
}

/**
 * The client's address. Behind proxies only the last `trustProxy` X-Forwarded-For entries were
 * written by hops we trust; anything further left is whatever the client chose to send.
 * @example clientIp(req, 1) // the address the one trusted proxy saw
 */
export function clientIp(req: IncomingMessage, trustProxy: number): string {
  const socket = req.socket.remoteAddress ?? '?'
  if (trustProxy <= 0) return socket
  const header = req.headers['x-forwarded-for']
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const nearestFirst = [socket, ...hops.reverse()]
  return nearestFirst[Math.min(trustProxy, nearestFirst.length - 1)] ?? socket
}

/**
 * Counts failed authentication per client IP and per target, so neither one address nor a crowd
 * of addresses can try agent keys, bearers or identify tokens at request speed.
 */
export class AuthGuard {
  private readonly perIp: RateLimiter
  private readonly perKey: RateLimiter

  constructor(limits: Limits) {
    this.perIp = createRateLimiter({ perMinute: limits.authFailuresPerIpPerMinute, burst: limits.authFailuresPerIpPerMinute * 2 })
    this.perKey = createRateLimiter({ perMinute: limits.authFailuresPerKeyPerMinute, burst: limits.authFailuresPerKeyPerMinute * 2 })
  }

  /** Throws 429 when this IP (or target) has failed too often lately; call before checking credentials. */
  check(ip: string, target?: string): void {
    const wait = Math.max(this.perIp.peek(ip), target === undefined ? 0 : this.perKey.peek(target))
    if (wait > 0) throw tooMany('auth_rate_limited', 'too many failed sign-in attempts', wait)
  }

  /** The 429 for a target that failed too often, if it has; for checks that must not block valid credentials. */
  targetLimited(target: string): HttpError | undefined {
    const wait = this.perKey.peek(target)
    return wait > 0 ? tooMany('auth_rate_limited', 'too many failed attempts for this account', wait) : undefined
  }

  /** Records one failure; returns the error to throw so call sites stay one line. */
  fail(ip: string, target: string | undefined, err: HttpError): HttpError {
    this.perIp.take(ip)
    if (target !== undefined) this.perKey.take(target)
    return err
  }
}
