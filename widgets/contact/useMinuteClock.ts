import { useEffect, useState } from 'preact/hooks'

/**
 * The current time, refreshed on every minute boundary (and when the page becomes visible
 * again, since timers sleep in background tabs and WebViews), so "open now" flips on time.
 */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      setNow(Date.now())
      schedule()
    }
    const schedule = () => {
      clearTimeout(timer)
      // A little past the boundary, so the new minute has surely begun when we read the clock.
      timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50)
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick()
    }
    schedule()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [])
  return now
}
