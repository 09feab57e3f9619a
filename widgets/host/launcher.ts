import type { Locale } from '../../src/types.js'
import { launcherText } from './launcherText.js'

export interface Launcher {
  button: HTMLButtonElement
  setUnread(count: number): void
  setLocale(locale: Locale): void
  setExpanded(open: boolean): void
}

/** The floating "Help & Feedback" button: plain DOM so it costs almost nothing before first use. */
export function createLauncher(
  root: ShadowRoot,
  locale: Locale,
  onActivate: () => void,
  onIntent: () => void,
): Launcher {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'launcher'
  button.setAttribute('aria-haspopup', 'dialog')
  button.setAttribute('aria-expanded', 'false')
  const icon = document.createElement('span')
  icon.setAttribute('aria-hidden', 'true')
  icon.textContent = '?'
  const label = document.createElement('span')
  const badge = document.createElement('span')
  badge.className = 'badge'
  badge.setAttribute('aria-hidden', 'true')
  badge.hidden = true
  button.append(icon, label, badge)
  button.addEventListener('click', onActivate)
  // Start fetching the panel chunk as soon as the user shows intent.
  button.addEventListener('pointerenter', onIntent, { once: true })
  button.addEventListener('focus', onIntent, { once: true })
  root.append(button)

  let unread = 0
  let current = locale
  const render = () => {
    const text = launcherText(current)
    label.textContent = text('launcher.label')
    badge.textContent = String(unread)
    badge.hidden = unread === 0
    if (unread > 0) button.setAttribute('aria-label', text('launcher.unread', { count: unread }))
    else button.removeAttribute('aria-label')
  }
  render()
  return {
    button,
    setUnread(count) {
      unread = count
      render()
    },
    setLocale(l) {
      current = l
      render()
    },
    setExpanded: (open) => button.setAttribute('aria-expanded', String(open)),
  }
}
