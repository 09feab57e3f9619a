import { useEffect, useRef } from 'preact/hooks'
import { keepFocusInside, trapTab } from '../ui/focus.js'
import { useStore, useView } from '../ui/context.js'
import { hasOwn } from '../../src/hasOwn.js'
import { ViewHost } from './ViewHost.js'
import { lazyViews } from './views.js'

/**
 * The dialog: header (back, title, close), the current view, focus management. Focus moves to
 * the view's `[data-autofocus]` element or the title on every view change; Tab stays inside;
 * Escape closes (in a search box with a query, it clears the query first) and the host returns focus to where it was. Focus never falls to `<body>` when
 * the focused element goes away (see `keepFocusInside`), so Escape works from anywhere inside.
 */
export function Panel() {
  const { client, idPrefix, t, locale } = useView()
  const view = useStore((s) => s.ui.view)
  const params = useStore((s) => s.ui.params)
  const dialog = useRef<HTMLDivElement>(null)
  const titleId = `${idPrefix}-title`
  // A name with no chunk (the store set by hand) shows Home in the view host: Home's header too.
  const home = !hasOwn(lazyViews, view)

  useEffect(() => {
    // Wait a frame so a lazily loaded view has rendered its autofocus target.
    const id = requestAnimationFrame(() => {
      const el = dialog.current
      const target = el?.querySelector<HTMLElement>('[data-autofocus]') ?? el?.querySelector<HTMLElement>('h2')
      target?.focus()
    })
    return () => cancelAnimationFrame(id)
  }, [view, params])

  useEffect(() => (dialog.current ? keepFocusInside(dialog.current) : undefined), [])

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // An input method's Escape (macOS, Safari: part of the composition) closes its candidate
      // window; clearing the query or closing the panel under it lost what was being typed.
      e.stopPropagation()
      if (e.isComposing || e.keyCode === 229) return
      const box = e.target as HTMLInputElement
      // In a search box with a query, Escape clears it (as browsers do for type=search) and the
      // next one closes: closing on the first press threw the query away.
      if (box.localName === 'input' && box.type === 'search' && box.value) {
        e.preventDefault()
        box.value = ''
        box.dispatchEvent(new Event('input', { bubbles: true }))
      } else client.close()
    } else if (dialog.current) trapTab(e, dialog.current)
  }

  return (
    <div
      ref={dialog}
      class="dialog"
      tabIndex={-1}
      lang={locale}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
    >
      <div class="head">
        {!home && (
          <button type="button" class="icon-btn" aria-label={t('panel.back')} onClick={() => client.back()}>
            <span aria-hidden="true">‹</span>
          </button>
        )}
        <h2 id={titleId} tabIndex={-1}>
          {t(home ? 'panel.title' : `view.${view as keyof typeof lazyViews}`)}
        </h2>
        <button type="button" class="icon-btn" aria-label={t('panel.close')} onClick={() => client.close()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="body">
        <ViewHost view={view} params={params} />
      </div>
    </div>
  )
}
