/**
 * help-feedback — the UI entry. This module is what loads before the user opens the panel:
 * option checks, the shadow-root host and a plain-DOM launcher. Preact, the core client and
 * the catalogs arrive in a lazy chunk on first intent (hover/focus) or on open.
 */
import { createEmitter, type HelpFeedbackEvent, type Listener, type ViewName } from '../src/events.js'
import { browserLanguages, negotiateLocale } from '../src/i18n/negotiate.js'
import type { WidgetOptions } from '../src/options/index.js'
import { checkWidgetOptions } from '../src/options/widget.js'
import { checkView } from '../src/options/view.js'
import { BrowserRequiredError } from '../src/errors/BrowserRequiredError.js'
import type { SupportClient } from '../src/client.js'
import type { SupportClient as PublicClient } from '../src/index.js'
import type { Locale, UserIdentity } from '../src/types.js'
import { createHost, type Host } from './host/host.js'
import { createLauncher, type Launcher } from './host/launcher.js'
import { launcherText } from './host/launcherText.js'
import { afterMount, rememberOpened } from './host/afterMount.js'
import { dropTag, takeOpenView, widgetTag } from './host/reopen.js'
import type { Runtime } from './panel/runtime.js'
import type { ViewParams } from '../src/views.js'

export type { WidgetOptions, HelpFeedbackEvent, ViewName, ViewParams, UserIdentity }
export { ConfigError } from '../src/errors/ConfigError.js'
export { BrowserRequiredError } from '../src/errors/BrowserRequiredError.js'

export interface HelpFeedback {
  /**
   * Put the host (and launcher) in the page. Idempotent; `open()` mounts on demand.
   * Without a DOM (server rendering) it throws {@link BrowserRequiredError}, and `open()` rejects with it.
   */
  mount(): HelpFeedback
  /**
   * Open the panel on a view, e.g. `open('report', { transaction })` or `open('search', { query })`.
   * A name not in `ViewName` rejects with a {@link ConfigError} (path `view`) and changes nothing.
   */
  open<V extends ViewName = 'home'>(view?: V, params?: ViewParams[V]): Promise<void>
  close(): void
  /**
   * Who uses the app now; another user switches what is kept on the device. `null` signs out.
   * A user the `user` option would refuse (`'u_123'` for `{ id: 'u_123' }`) rejects with a ConfigError.
   */
  identify(user: UserIdentity | null): Promise<void>
  /** Signs out; `forget: true` also deletes the user's drafts, transcripts and unsent jobs here. */
  logout(options?: { forget?: boolean }): Promise<void>
  setLocale(locale: Locale | 'auto'): void
  setTheme(theme: 'light' | 'dark' | 'auto'): void
  /** Listen to SDK events; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void
  /** The headless client (loads the runtime chunk if needed). */
  client(): Promise<PublicClient>
  readonly isOpen: boolean
  /** Remove everything the SDK put in the page: elements, styles, listeners, timers. */
  destroy(): void
}

/** The lazy chunks (panel runtime, headless core, views, prefetch), behind one small chunk. */
const chunks = () => import('./panel/chunks.js')

/**
 * Creates the widget: a launcher now, the panel when the user opens it. `adopt` is for the
 * `<help-feedback>` element, which is its own shadow host; pages leave it out.
 */
export function createHelpFeedback(rawOptions: WidgetOptions = {}, adopt?: HTMLElement): HelpFeedback {
  // Look and placement are checked here in full; the core checks the rest in depth when the
  // panel chunk loads (a ConfigError then goes to the console and to onEvent as `error`).
  checkWidgetOptions(rawOptions)
  const options: WidgetOptions = rawOptions ?? {}
  const events = createEmitter()
  if (options.onEvent) events.on(options.onEvent)
  // As the core picks: no locale ('', undefined) or 'auto' is the browser's languages.
  const pick = (l: Locale | 'auto' | undefined) => negotiateLocale(l && l !== 'auto' ? [l] : browserLanguages())
  let locale = pick(options.locale)

  let host: Host | undefined
  let launcher: Launcher | undefined
  let runtime: Promise<Runtime> | undefined
  let core: Promise<SupportClient> | undefined
  let loaded: Runtime | undefined
  let returnFocus: HTMLElement | undefined
  let destroyed = false
  let open = false
  let unread = 0
  let stopBackground: (() => void) | undefined
  /** What the user typed while the panel was loading (see `open`). */
  let typed = ''
  /** Puts back the keys of what a reload reopens, until the panel shows it (see host/reopen.ts). */
  let reopened: (() => void) | undefined
  /** Which of the page's widgets this is, for what a reload reopens (see host/reopen.ts). */
  let tag = ''

  const deepActive = (): HTMLElement | undefined => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return el instanceof HTMLElement && el !== document.body ? el : undefined
  }

  const onOpenChange = (isOpen: boolean) => {
    if (!host || isOpen === open) return
    open = isOpen
    host.frame.hidden = !isOpen
    host.element.toggleAttribute('data-open', isOpen)
    launcher?.setExpanded(isOpen)
    if (!isOpen) {
      const target = returnFocus?.isConnected ? returnFocus : launcher?.button
      returnFocus = undefined
      target?.focus()
    }
  }

  /** The headless client alone (no Preact): enough to deliver the outbox and identify. */
  const loadCore = (): Promise<SupportClient> => {
    if (destroyed) return Promise.reject(new Error('help-feedback: destroyed'))
    core ??= chunks()
      .then((m) => m.core())
      .then(({ createCore }) => createCore({ ...options, locale }, (e) => events.emit(e)))
      .catch((error: unknown) => {
        core = undefined
        throw error
      })
    return core
  }

  const load = (view?: ViewName): Promise<Runtime> => {
    if (destroyed) return Promise.reject(new Error('help-feedback: destroyed'))
    runtime ??= Promise.all([chunks().then((m) => m.runtime()), loadCore()])
      .then(async ([{ startRuntime }, client]) => {
        if (destroyed) throw new Error('help-feedback: destroyed')
        const rt = await startRuntime({
          host: host!,
          client,
          onOpenChange,
          onUnread: (n) => {
            unread = n
            launcher?.setUnread(n)
          },
          tag,
          ...(view ? { view } : {}),
        })
        if (destroyed) {
          rt.destroy()
          throw new Error('help-feedback: destroyed')
        }
        loaded = rt
        return rt
      })
      .catch((error: unknown) => {
        runtime = undefined
        throw error
      })
    return runtime
  }

  /** `setup`: the setup error's message, which retrying will not fix (so no button); else a network failure. */
  const showLoadError = (retry: () => void, setup?: string) => {
    const text = launcherText(locale, options.messages?.[locale])
    const box = document.createElement('div')
    box.className = 'status'
    box.setAttribute('role', 'alert')
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = text('panel.retry')
    button.addEventListener('click', retry)
    if (setup) box.append(setup)
    else box.append(text('panel.loadFailed'), document.createElement('br'), button)
    host!.frame.replaceChildren(box)
    if (!setup) button.focus()
  }

  const api: HelpFeedback = {
    mount() {
      if (host || destroyed) return api
      if (typeof document === 'undefined') throw new BrowserRequiredError()
      host = createHost(options, adopt)
      tag = widgetTag(host.element.id || options.container?.id)
      if (options.launcher !== false) {
        // With unread agent replies the badge leads to them, not to Home.
        launcher = createLauncher(
          host.root,
          locale,
          () => (open ? api.close() : void api.open(unread > 0 ? 'chat' : 'home')),
          () => void load().catch(() => {}),
        )
      }
      events.emit({ type: 'widget:mount' })
      // Deliver what an earlier page left in the outbox; prefetch for offline use at idle.
      stopBackground = afterMount({
        prefetch: () =>
          chunks()
            .then((m) => m.prefetch())
            .then((m) => m.prefetchPanel(locale, options.transport)),
        // Opening storage starts the outbox: it flushes now and on `online` / `visibilitychange`.
        deliver: () =>
          void loadCore()
            .then((c) => c.deliver())
            .catch(() => {}),
        prefetched: () => host?.element.setAttribute('data-prefetched', ''),
        inside: (e) => !!host && e.composedPath().includes(host.element),
      })
      // A reload while an article or a report form was open in the panel comes back on it (see
      // host/reopen.ts).
      const reopen = takeOpenView(tag)
      if (reopen) {
        void api.open(reopen[0], reopen[1] as never)
        reopened = reopen[2]
      }
      return api
    },
    async open(view = 'home' as never, params = {} as never) {
      // A view the panel does not have is refused here, before anything shows or changes.
      checkView(view)
      if (destroyed) return
      api.mount() // on a server this throws, so open() rejects with a BrowserRequiredError
      if (!open) returnFocus = deepActive()
      rememberOpened()
      if (!loaded) {
        chunks()
          .then((m) => m.views[view]?.())
          .catch(() => {})
        const text = launcherText(locale, options.messages?.[locale])
        const status = document.createElement('div')
        status.className = 'status'
        status.setAttribute('role', 'status')
        status.textContent = text('panel.loading')
        // Keys typed while the panel loads (a slow network) are kept for its search box: they
        // went to the launcher and were lost, and the box came up empty.
        status.tabIndex = -1
        typed = ''
        status.onkeydown = (e) =>
          (typed =
            e.key == 'Backspace' ? typed.slice(0, -1) : e.key[1] || e.ctrlKey || e.metaKey ? typed : typed + e.key)
        host!.frame.replaceChildren(status)
        host!.frame.hidden = false
        host!.element.toggleAttribute('data-open', true)
        status.focus()
      }
      try {
        const rt = await load(view)
        const query = view === 'home' || view === 'search' ? typed.trim() : ''
        typed = ''
        if (query) rt.client.open('search', { ...(params as object), query })
        else rt.client.open(view, params)
      } catch (error) {
        const config = (error as { code?: unknown }).code === 'config'
        // Bad options are found by the core, so its chunk (which has the setup message) is here;
        // were its strings not to load, the page's language still shows (see setupText).
        const setup = config
          ? await chunks()
              .then((m) => m.core())
              .then((m) => m.setupText(locale, options.messages?.[locale]))
              .catch(() => undefined)
          : undefined
        if (destroyed) return
        showLoadError(() => void api.open(view, params), setup)
        if (config) console.error(error)
        events.emit({ type: 'error', code: config ? 'config' : 'offline', message: String(error) })
      }
    },
    close() {
      if (loaded) loaded.client.close()
      else if (host) {
        host.frame.hidden = true
        host.element.removeAttribute('data-open')
      }
    },
    async identify(user) {
      await (await loadCore()).identify(user)
    },
    async logout(opts) {
      await (await loadCore()).logout(opts)
    },
    setLocale(next) {
      locale = pick(next)
      launcher?.setLocale(locale)
      void core?.then((c) => c.setLocale(next)).catch(() => {})
    },
    setTheme(theme) {
      host?.applyTheme(theme)
    },
    onEvent: (listener) => events.on(listener),
    client: () => loadCore(),
    get isOpen() {
      return open
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      stopBackground?.()
      if (loaded) loaded.destroy()
      else void core?.then((c) => c.destroy()).catch(() => {})
      // Destroyed before its panel showed what a reload reopened (mounted again at once, as in
      // React's StrictMode): the keys go back, for the next widget mounted with them.
      if (host) dropTag(tag)
      if (!loaded) reopened?.()
      host?.remove()
      events.emit({ type: 'widget:destroy' })
      events.clear()
      host = launcher = loaded = runtime = core = undefined
    },
  }
  return api
}
