import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { ViewName } from '../../src/events.js'
import { usePanel, useT } from '../ui/context.js'
import { Home } from './Home.js'
import { lazyViews, type ViewProps } from './views.js'

const loaded = new Map<ViewName, ComponentType<ViewProps>>([['home', Home]])

/** Renders the current view; views other than home are lazy chunks, loaded on first visit. */
export function ViewHost({ view, params }: ViewProps & { view: ViewName }) {
  const t = useT()
  const { client } = usePanel()
  const [, setTick] = useState(0)
  const [failed, setFailed] = useState<ViewName | null>(null)
  const Component = loaded.get(view)

  useEffect(() => {
    if (loaded.has(view)) return
    let live = true
    setFailed(null)
    lazyViews[view](client)
      .then((c) => {
        loaded.set(view, c)
        if (live) setTick((n) => n + 1)
      })
      .catch(() => live && setFailed(view))
    return () => {
      live = false
    }
  }, [client, view, failed])

  if (Component) return <Component params={params} />
  if (failed === view) {
    return (
      <div class="status" role="alert">
        <p>{t('panel.loadFailed')}</p>
        <button type="button" class="secondary" onClick={() => setFailed(null)}>
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
