import { useEffect, useRef } from 'react'
import type {} from 'help-feedback/jsx'
import type { HelpFeedbackElement } from 'help-feedback/element'
import { labels, transactions, type AppLocale, type AppTheme } from '../../shared/transactions.js'
import { useHelpFeedback } from './useHelpFeedback.js'

declare global {
  interface Window {
    hfEvents?: string[]
  }
}

/** The signed-in wallet page: the SDK through its JS API, plus a `<help-feedback>` element. */
export function Wallet({ locale, theme }: { locale: AppLocale; theme: AppTheme }) {
  const text = labels[locale]
  const help = useHelpFeedback({
    locale,
    theme,
    launcher: false, // the header has the app's own entry
    transport: { type: 'memory' },
    onEvent: (e) => {
      if (typeof window !== 'undefined') (window.hfEvents ??= []).push(e.type)
    },
  })
  // Follow the app's locale and theme after the first render.
  useEffect(() => help?.setLocale(locale), [help, locale])
  useEffect(() => help?.setTheme(theme), [help, theme])
  const contact = useRef<HelpFeedbackElement>(null)

  return (
    <main>
      <header>
        <h1>{text.title}</h1>
        <button type="button" data-testid="help-entry" onClick={() => void help?.open()}>
          {text.help}
        </button>
      </header>
      <ul>
        {transactions.map((tx) => (
          <li key={tx.id}>
            <span>
              {tx.counterparty} · {tx.amount} {tx.currency} · {tx.status}
            </span>
            <button
              type="button"
              data-testid="report-tx"
              onClick={() => void help?.open('report', { transaction: tx })}
            >
              {text.report}
            </button>
          </li>
        ))}
      </ul>
      <footer>
        <button type="button" data-testid="contact" onClick={() => void contact.current?.open('contact')}>
          {text.contact}
        </button>
        {/* Typed by help-feedback/jsx; React 19 passes these as attributes. The element adds its
            own data-* attributes when it upgrades, which a hydrating React would report. */}
        <help-feedback ref={contact} locale={locale} theme={theme} launcher="off" suppressHydrationWarning />
      </footer>
    </main>
  )
}
