import { createContext } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import type { SupportClient } from '../../src/client.js'
import type { MessageKey, Translate } from '../../src/i18n/index.js'
import type { State } from '../../src/store/index.js'

export interface PanelContextValue {
  client: SupportClient
  /** Stable id prefix so several widgets on one page never share element ids. */
  idPrefix: string
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

/** The translator; components re-render when the locale changes. */
export function useT(): Translate {
  const { client } = usePanel()
  useStore((s) => s.system.locale)
  return (key: MessageKey, params?: Record<string, string | number>) => client.t(key, params)
}
