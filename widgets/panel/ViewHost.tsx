import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { ViewName } from '../../src/events.js'
import { hasOwn } from '../../src/hasOwn.js'
import { usePanel, useT } from '../ui/context.js'
import { Home } from './Home.js'
import { lazyViews, type ViewProps } from './views.js'

const loaded = new Map<ViewName, ComponentType<ViewProps>>([['home', Home]])

/**
 * Renders the current view; views other than home are lazy chunks, loaded on first visit.
 * A chunk that cannot be fetched (offline, a failed deploy) is asked for once per attempt: the
 * view says it could not be loaded, and tries again when the user asks or the device comes
 * back online, never on its own in a loop.
 */
export function ViewHost({ view, params }: ViewProps & { view: ViewName }) {
  const t = useT()
  const { client } = usePanel()
  const [, setTick] = useState(0)
  const [failed, setFailed] = useState<ViewName | null>(null)
  // Bumped by "Try again" and by the `online` event: the only things that start a new fetch.
  const [attempt, setAttempt] = useState(0)
  // A name with no chunk (the store set by hand; `open` refuses one) shows Home, not an error.
  const known = hasOwn(lazyViews, view)
  const Component = known ? loaded.get(view) : Home

  useEffect(() => {
    // Home is there from the start (in `loaded`): only the other views are fetched.
    if (!known || loaded.has(view)) return
    let live = true
    setFailed(null)
    lazyViews[view as keyof typeof lazyViews](client).then(
      (c) => {
        loaded.set(view, c)
        if (live) setTick((n) => n + 1)
      },
      () => {
        if (live) setFailed(view)
      },
    )
    return () => {
      live = false
    }
  }, [client, view, known, attempt])

  const isFailed = failed === view && !Component
  useEffect(() => {
    if (!isFailed || typeof addEventListener !== 'function') return
    const again = () => setAttempt((n) => n + 1)
    addEventListener('online', again)
    return () => removeEventListener('online', again)
  }, [isFailed])

  if (Component) return <Component params={params} />
  if (isFailed) {
    return (
      <div class="status" role="alert" data-load-failed="">
        <p>{t('panel.loadFailed')}</p>
        <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('panel.retry')}
        </button>
      </div>
    )
  }
  return (
    <p class="status" role="status">
      {t('panel.loading')}
    </p>
  )
}
