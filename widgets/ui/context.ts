import { createContext } from 'preact'
import { useContext, useEffect, useMemo, useState } from 'preact/hooks'
import type { SupportClient } from '../../src/client.js'
import { errorKey } from '../../src/i18n/errorKey.js'
import type { MessageKey, Translate } from '../../src/i18n/index.js'
import type { State } from '../../src/store/index.js'
import type { Locale } from '../../src/types.js'

export interface PanelContextValue {
  client: SupportClient
  /** Stable id prefix so several widgets on one page never share element ids. */
  idPrefix: string
  /** Where the panel's stylesheets go (the widget's shadow root), when known before render. */
  styleRoot?: ShadowRoot
  /**
   * Ends this widget's keys in the tab's storage of what a reload reopens (see host/reopen.ts):
   * two widgets on one page each reopen their own view. Plain (`''`) for the first one.
   */
  tag?: string
}

export const PanelContext = createContext<PanelContextValue | null>(null)

export function usePanel(): PanelContextValue {
  const ctx = useContext(PanelContext)
  if (!ctx) throw new Error('help-feedback: component rendered outside the panel')
  return ctx
}

/** Read a slice of the core store; re-renders only when the selected value changes (Object.is). */
export function useStore<T>(selector: (s: State) => T): T {
  const { client } = usePanel()
  const [value, setValue] = useState(() => selector(client.store.getState()))
  useEffect(() => {
    setValue(() => selector(client.store.getState()))
    return client.store.subscribe((s) => setValue(() => selector(s)))
    // The selector is expected to be stable in meaning; re-subscribing on every render would churn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client])
  return value
}

/**
 * Words for an error code: "you are offline" only while the device is, "the service is not
 * answering" when a request failed with the network up. Re-renders when either changes.
 */
export function useErrorText(): (code: string | undefined, params?: Record<string, string | number>) => string {
  const t = useT()
  const online = useStore((s) => s.system.online)
  return useMemo(
    () => (code: string | undefined, params?: Record<string, string | number>) => t(errorKey(code, online), params),
    [t, online],
  )
}

const translators = new WeakMap<SupportClient, Map<string, Translate>>()

/** One function per client and locale, so components that skip unchanged props (chat rows) can compare it. */
function translator(client: SupportClient, locale: Locale): Translate {
  let byLocale = translators.get(client)
  if (!byLocale) translators.set(client, (byLocale = new Map()))
  let t = byLocale.get(locale)
  if (!t)
    byLocale.set(locale, (t = (key: MessageKey, params?: Record<string, string | number>) => client.t(key, params)))
  return t
}

/** The translator; components re-render when the locale changes. */
export function useT(): Translate {
  return useView().t
}

/**
 * What most components start with: the panel's client and id prefix, the locale and the
 * translator for it. Re-renders when the locale changes.
 */
export function useView(): PanelContextValue & { t: Translate; locale: Locale } {
  const panel = usePanel()
  const locale = useStore((s) => s.system.locale)
  return { ...panel, locale, t: translator(panel.client, locale) }
}
