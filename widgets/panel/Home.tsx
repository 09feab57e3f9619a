import { useEffect, useState } from 'preact/hooks'
import type { ViewName } from '../../src/events.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { usePanel, useStore, useT } from '../ui/context.js'
import { imeInput } from '../ui/imeInput.js'
import type { ViewProps } from './views.js'

const ENTRIES: Array<{ view: ViewName; label: MessageKey; hint: MessageKey }> = [
  { view: 'chat', label: 'home.entry.chat', hint: 'home.entry.chat.hint' },
  { view: 'report', label: 'home.entry.report', hint: 'home.entry.report.hint' },
  { view: 'requests', label: 'home.entry.requests', hint: 'home.entry.requests.hint' },
  { view: 'contact', label: 'home.entry.contact', hint: 'home.entry.contact.hint' },
]

/**
 * The first view: search box (results appear below it as you type; Enter opens the search
 * view), the four ways to get help, popular articles, and the anti-scam notice.
 */
export function Home(_: ViewProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  // A backend without live chat still takes messages: the entry says so instead of promising a chat.
  const noChat = useStore((s) => s.system.capabilities?.chat === false)
  const entries = noChat
    ? ENTRIES.map((e) => (e.view === 'chat' ? { ...e, label: 'home.entry.message' as MessageKey, hint: 'home.entry.message.hint' as MessageKey } : e))
    : ENTRIES
  const [query, setQuery] = useState('')
  // What results are shown for: not updated mid-composition, so pinyin being typed with an
  // IME (「qian kou le」 before it becomes 钱扣了) does not search.
  const [searchFor, setSearchFor] = useState('')
  const inputId = `${idPrefix}-q`
  // Inline results and popular articles come with the help chunk, loaded after first paint.
  const [help, setHelp] = useState<typeof import('../help/HomeHelp.js') | null>(null)
  useEffect(() => {
    let live = true
    import('../help/HomeHelp.js').then((m) => live && setHelp(m), () => undefined)
    return () => {
      live = false
    }
  }, [])

  const onSubmit = (e: Event) => {
    e.preventDefault()
    if (query.trim()) client.navigate('search', { query: query.trim() })
  }

  return (
    <div>
      <form role="search" class="search" onSubmit={onSubmit}>
        <label for={inputId}>{t('home.searchLabel')}</label>
        <input
          id={inputId}
          type="search"
          data-autofocus
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t('home.searchPlaceholder')}
          value={query}
          {...imeInput(setQuery, setSearchFor)}
        />
      </form>
      {help && searchFor.trim() ? <help.HomeResults query={searchFor} /> : null}
      <ul class="entries">
        {entries.map((entry) => (
          <li key={entry.view}>
            <button type="button" class="entry" data-entry={entry.view} onClick={() => client.navigate(entry.view)}>
              <b>{t(entry.label)}</b>
              <span>{t(entry.hint)}</span>
            </button>
          </li>
        ))}
      </ul>
      {help ? <help.PopularArticles /> : null}
      <div class="notice" role="note">
        <p>{t('home.safety')}</p>
        <button type="button" class="secondary" data-open-checker="" onClick={() => client.navigate('checker')}>{t('checker.entry')}</button>
      </div>
    </div>
  )
}
