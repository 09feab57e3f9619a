/**
 * Typing and read signals: cheap to lose, so they bypass the outbox, and throttled so a fast
 * typist or a burst of messages costs a handful of requests, not one per keystroke.
 */

/** Sends `on: true` at most every `everyMs` while the user types, `on: false` after `idleMs` quiet. */
export function createTypingSignal(
  send: (on: boolean) => void,
  options: { everyMs?: number; idleMs?: number; now?: () => number } = {},
) {
  const everyMs = options.everyMs ?? 3000
  const idleMs = options.idleMs ?? 4000
  const now = options.now ?? Date.now
  let on = false
  let lastSent = Number.NEGATIVE_INFINITY
  let idle: ReturnType<typeof setTimeout> | undefined
  const stop = () => {
    clearTimeout(idle)
    idle = undefined
    if (!on) return
    on = false
    send(false)
  }
  return {
    /** Call on every input event. */
    typed(): void {
      if (!on || now() - lastSent >= everyMs) {
        on = true
        lastSent = now()
        send(true)
      }
      clearTimeout(idle)
      idle = setTimeout(stop, idleMs)
    },
    /** The message went out (or the view closed): the agent should stop seeing "typing". */
    stop,
    dispose(): void {
      clearTimeout(idle)
    },
  }
}

/** Coalesces read receipts: the latest `upToSeq` is sent, at most once per `everyMs`. */
export function createReadSignal(send: (upToSeq: number) => Promise<void> | void, everyMs = 1000) {
  let sent = 0
  let wanted = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastAt = Number.NEGATIVE_INFINITY
  const fire = () => {
    timer = undefined
    if (wanted <= sent) return
    const seq = wanted
    sent = seq
    lastAt = Date.now()
    Promise.resolve(send(seq)).catch(() => {
      // Lost receipts are re-sent with the next one; no need to retry on their own.
      if (sent === seq) sent = 0
    })
  }
  return {
    read(upToSeq: number): void {
      if (upToSeq <= Math.max(sent, wanted)) return
      wanted = upToSeq
      if (timer !== undefined) return
      const wait = Math.max(0, lastAt + everyMs - Date.now())
      if (wait === 0) fire()
      else timer = setTimeout(fire, wait)
    },
    dispose(): void {
      clearTimeout(timer)
    },
  }
}
