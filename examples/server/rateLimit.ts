/** Per-key token bucket: `perMinute` tokens refill evenly; the bucket holds at most `burst`. */
export interface RateLimiter {
  /** Takes one token; returns 0 when allowed, else the milliseconds until one is available. */
  take(key: string, now?: number): number
  /** Like `take` but spends nothing: 0 when a token is there, else the wait in milliseconds. */
  peek(key: string, now?: number): number
}

export function createRateLimiter(opts: { perMinute: number; burst?: number }): RateLimiter {
  const capacity = Math.max(1, opts.burst ?? opts.perMinute)
  const perMs = opts.perMinute / 60_000
  const buckets = new Map<string, { tokens: number; at: number }>()
  let sweeps = 0

  // Full buckets carry no information; dropping them bounds memory under many distinct users.
  const sweep = (now: number): void => {
    for (const [k, b] of buckets) if (b.tokens + (now - b.at) * perMs >= capacity) buckets.delete(k)
  }

  const level = (key: string, now: number): number => {
    const b = buckets.get(key)
    return b ? Math.min(capacity, b.tokens + (now - b.at) * perMs) : capacity
  }

  return {
    peek(key, now = Date.now()) {
      const tokens = level(key, now)
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs)
    },
    take(key, now = Date.now()) {
      if (++sweeps % 10_000 === 0) sweep(now)
      const b = buckets.get(key) ?? { tokens: capacity, at: now }
      b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perMs)
      b.at = now
      buckets.set(key, b)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return 0
      }
      return Math.ceil((1 - b.tokens) / perMs)
    },
  }
}
