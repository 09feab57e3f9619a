import { useEffect, useState } from 'preact/hooks'
import type { SupportClient } from '../../src/client.js'
import type { ViewName } from '../../src/events.js'
import type { Availability } from '../../src/types.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { usePanel, useStore, useT } from '../ui/context.js'
import { imeInput } from '../ui/imeInput.js'
import type { ViewProps } from './views.js'
import { NavButton } from '../ui/NavButton.js'

const ENTRIES: Array<{ view: ViewName; label: MessageKey; hint: MessageKey }> = [
  { view: 'chat', label: 'home.entry.chat', hint: 'home.entry.chat.hint' },
  { view: 'report', label: 'home.entry.report', hint: 'home.entry.report.hint' },
  { view: 'requests', label: 'home.entry.requests', hint: 'home.entry.requests.hint' },
  { view: 'contact', label: 'home.entry.contact', hint: 'home.entry.contact.hint' },
]

interface CardState {
  chat?: { status: 'queued' | 'active'; position?: number; agent?: string } | undefined
  openRequests?: number
  availability?: Availability
}

/** Loads what the Home card shows: the ongoing chat, open requests, chat hours. Each part may be missing. */
function useSupportCard(client: SupportClient, chatEnabled: boolean): CardState {
  const [state, setState] = useState<CardState>({})
  useEffect(() => {
    let live = true
    const merge = (part: CardState) => live && setState((s) => ({ ...s, ...part }))
    const offs: Array<() => void> = []
    // The chat controller's store exists at once; the runtime resumes a saved conversation into it.
    const chat = client.chat
    const sync = () => {
      const { status, conversation } = chat.store.getState()
      const ongoing = (status === 'queued' || status === 'active') && conversation && conversation.status !== 'ended'
      merge({
        chat: ongoing
          ? {
              status,
              ...(conversation.queuePosition ? { position: conversation.queuePosition } : {}),
              ...(conversation.agent ? { agent: conversation.agent.name } : {}),
            }
          : undefined,
      })
    }
    sync()
    offs.push(chat.store.subscribe(sync))
    void Promise.all([
      client.requests.openCount().catch(() => undefined),
      chatEnabled ? client.contact.availability().catch(() => undefined) : undefined,
    ]).then(([openRequests, availability]) => {
      merge({ ...(openRequests !== undefined ? { openRequests } : {}), ...(availability ? { availability } : {}) })
    })
    return () => {
      live = false
      for (const off of offs) off()
    }
  }, [client, chatEnabled])
  return state
}

/** Ongoing chat (with its unread replies), open requests and when an agent would answer. */
function SupportCard({ card, unread }: { card: CardState; unread: number }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const { chat, openRequests, availability } = card
  const wait = availability?.expectedWaitSeconds
  const reply = !availability
    ? undefined
    : !availability.open
      ? t('home.card.closed')
      : wait
        ? t('home.card.reply', { minutes: Math.max(1, Math.round(wait / 60)) })
        : t('home.card.replyOpen')
  if (!chat && !openRequests && !reply) return null
  const id = `${idPrefix}-card`
  return (
    <section class="home-card" aria-labelledby={id} data-home-card="">
      <h3 id={id}>{t('home.card.title')}</h3>
      {chat && (
        <div class="home-card-row" data-card-chat={chat.status}>
          <p>
            {chat.status === 'active'
              ? chat.agent
                ? t('home.card.active', { name: chat.agent })
                : t('home.card.activeAgent')
              : chat.position
                ? t('home.card.queued', { position: chat.position })
                : t('home.card.waiting')}
            {unread > 0 && <b class="home-card-unread">{` · ${t('home.card.unread', { count: unread })}`}</b>}
          </p>
          <NavButton class="primary" to="chat">
            {t('home.card.continue')}
          </NavButton>
        </div>
      )}
      {Boolean(openRequests) && (
        <p data-card-requests={openRequests}>{t('home.card.requests', { count: openRequests! })}</p>
      )}
      {reply && (
        <p class="muted" data-card-reply="">
          {reply}
        </p>
      )}
      <NavButton class="secondary" data-card-history="" to="requests" params={{ section: 'conversations' }}>
        {t('home.card.viewRequests')}
      </NavButton>
    </section>
  )
}

/**
 * The first view: search box (results appear below it as you type; Enter opens the search
 * view), the support card (ongoing chat, open requests, reply time), the four ways to get help, popular articles, and the anti-scam notice.
 */
export function Home(_: ViewProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  // A backend without live chat still takes messages: the entry says so instead of promising a chat.
  const noChat = useStore((s) => s.system.capabilities?.chat === false)
  const entries = noChat
    ? ENTRIES.map((e) =>
        e.view === 'chat'
          ? { ...e, label: 'home.entry.message' as MessageKey, hint: 'home.entry.message.hint' as MessageKey }
          : e,
      )
    : ENTRIES
  const unread = useStore((s) => s.system.unread)
  const card = useSupportCard(client, !noChat)
  const [query, setQuery] = useState('')
  // What results are shown for: not updated mid-composition, so pinyin being typed with an
  // IME (「qian kou le」 before it becomes 钱扣了) does not search.
  const [searchFor, setSearchFor] = useState('')
  const inputId = `${idPrefix}-q`
  // Inline results and popular articles come with the help chunk, loaded after first paint.
  const [help, setHelp] = useState<typeof import('../help/HomeHelp.js') | null>(null)
  useEffect(() => {
    let live = true
    import('../help/HomeHelp.js').then(
      (m) => live && setHelp(m),
      () => undefined,
    )
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
      <SupportCard card={card} unread={unread} />
      <ul class="entries">
        {entries.map((entry) => (
          <li key={entry.view}>
            <NavButton class="entry" data-entry={entry.view} to={entry.view}>
              <b>{t(entry.label)}</b>
              <span>{t(entry.hint)}</span>
            </NavButton>
          </li>
        ))}
      </ul>
      {help ? <help.PopularArticles /> : null}
      <div class="notice" role="note">
        <p>{t('home.safety')}</p>
        <NavButton class="secondary" data-open-checker="" to="checker">
          {t('checker.entry')}
        </NavButton>
      </div>
    </div>
  )
}
