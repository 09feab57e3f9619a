const TABBABLE =
  'a[href],button:not([disabled]),input:not([disabled]):not([type=hidden]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])'

/** Elements reachable with Tab inside `container`, in order, skipping hidden ones. */
export function tabbables(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => !el.closest('[hidden]') && !el.hasAttribute('inert'),
  )
}

/** Keep Tab and Shift+Tab inside the dialog (the page behind is inert while it is open). */
export function trapTab(event: KeyboardEvent, container: Element): void {
  if (event.key !== 'Tab') return
  const items = tabbables(container)
  if (items.length === 0) return event.preventDefault()
  const root = container.getRootNode() as Document | ShadowRoot
  const active = root.activeElement
  const first = items[0]!
  const last = items[items.length - 1]!
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault()
    first.focus()
  }
}

const isUsable = (el: HTMLElement) => el.isConnected && !(el as HTMLButtonElement).disabled && !el.closest('[hidden]')

/**
 * Keeps focus inside the dialog when the focused element goes away under it: a picked
 * transaction's button (the list collapses into a summary card), a file input disabled while
 * the image is processed, a closed list. Browsers then move focus to `<body>`, where Tab starts
 * over on the page and Escape no longer reaches the panel. Instead focus parks on the dialog
 * itself (`tabindex=-1`, it handles Escape) and, as soon as the view has re-rendered, moves
 * to what took the element's place: the newest `[data-focus-target]` near where focus was
 * (the summary card), else the element itself once usable again. After files are picked in a
 * file input, focus moves to the newest `[data-focus-target]` that appears near it (the added file).
 *
 * Returns the disconnect function.
 */
export function keepFocusInside(dialog: HTMLElement): () => void {
  const root = dialog.getRootNode() as Document | ShadowRoot
  let last: HTMLElement | undefined
  let trail: HTMLElement[] = []
  let parked = false

  // A file input whose files were just picked: focus follows to the file once it is listed.
  let picking: { input: HTMLElement; before: HTMLElement | undefined } | undefined

  const onFocusIn = (e: FocusEvent) => {
    const el = e.target as HTMLElement
    if (el === dialog) return
    if (picking && el !== picking.input) picking = undefined
    parked = false
    last = el
    trail = []
    for (let p = el.parentElement; p && p !== dialog; p = p.parentElement) trail.push(p)
  }

  /** The newest usable `[data-focus-target]` in the nearest surrounding element that has one. */
  const newestMarked = (): HTMLElement | undefined => {
    for (const scope of [...trail, dialog]) {
      if (!scope.isConnected || !dialog.contains(scope)) continue
      const found = [...scope.querySelectorAll<HTMLElement>('[data-focus-target]')].filter(isUsable).at(-1)
      if (found) return found
    }
    return undefined
  }

  const target = (): HTMLElement | undefined => {
    const marked = newestMarked()
    if (marked) return marked
    if (last && isUsable(last)) return last
    return undefined
  }

  const focusTo = (el: HTMLElement) => {
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
    el.focus()
  }

  const onChange = (e: Event) => {
    const el = e.target as HTMLInputElement
    if (el.type === 'file' && el === last) picking = { input: el, before: newestMarked() }
  }

  const check = () => {
    const active = root.activeElement
    if (picking && (!active || active === dialog || active === picking.input)) {
      const added = newestMarked()
      if (added && added !== picking.before) {
        picking = undefined
        parked = false
        return focusTo(added)
      }
    }
    if (parked) {
      if (active !== dialog) {
        parked = false
        return
      }
      const next = target()
      if (next && next !== last) focusTo(next)
      else if (next && last && isUsable(last) && last !== dialog) focusTo(last)
      return
    }
    // Focus is elsewhere on purpose (inside, or on the page): nothing to do.
    if (active && active !== dialog) return
    if (!last || isUsable(last)) return
    const next = target()
    if (next) return focusTo(next)
    parked = true
    dialog.focus()
  }

  // A disabled element loses focus after the attribute changed (the observer saw it still
  // focused): the focusout tells. Focus leaving for the page (a click outside) keeps `last` usable.
  const onFocusOut = (e: FocusEvent) => {
    if (e.relatedTarget === null) queueMicrotask(check)
  }

  const observer = new MutationObserver(check)
  observer.observe(dialog, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled', 'hidden'],
  })
  dialog.addEventListener('focusin', onFocusIn)
  dialog.addEventListener('focusout', onFocusOut)
  dialog.addEventListener('change', onChange)
  return () => {
    dialog.removeEventListener('change', onChange)
    observer.disconnect()
    dialog.removeEventListener('focusin', onFocusIn)
    dialog.removeEventListener('focusout', onFocusOut)
  }
}
