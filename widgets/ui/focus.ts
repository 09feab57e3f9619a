const TABBABLE = 'a[href],button:not([disabled]),input:not([disabled]):not([type=hidden]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])'

/** Elements reachable with Tab inside `container`, in order, skipping hidden ones. */
export function tabbables(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => !el.closest('[hidden]') && !el.hasAttribute('inert'))
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
