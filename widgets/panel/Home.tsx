import { useEffect, useRef, useState } from 'preact/hooks'
import type { SupportClient } from '../../src/client.js'
import type { ViewName } from '../../src/events.js'
import type { Availability } from '../../src/types.js'
import { MAX_WAIT_MINUTES, waitMinutes } from '../../src/waitMinutes.js'
import { usePanel, useStore, useT } from '../ui/context.js'
import { imeInput } from '../ui/imeInput.js'
import type { ViewProps } from './views.js'
import { NavButton } from '../ui/NavButton.js'

/** The four ways to get help; each is labelled `home.entry.<view>` with `home.entry.<view>.hint` below. */
const ENTRIES = ['chat', 'report', 'requests', 'contact'] as const satisfies readonly ViewName[]

interface CardState {
  chat?: { status: 'queued' | 'active'; position?: number; agent?: string } | undefined
  openRequests?: number
  availability?: Availability
  /** The transport has answered (or failed) for the open requests and the hours. */
  settled?: boolean
  /** Whether chat was on when the answers above were asked for: an answer for the other case is not `settled`. */
  askedWithChat?: boolean
}

/** Loads what the Home card shows: the ongoing chat, open requests, chat hours. Each part may be missing. */
function useSupportCard(client: SupportClient, chatEnabled: boolean): CardState {
  const [state, setState] = useState<CardState>({})
  useEffect(() => {
    let live = true
    const merge = (part: CardState) => live && setState((s) => ({ ...s, ...part }))
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
    const off = chat.store.subscribe(sync)
    void Promise.all([
      client.requests.openCount().catch(() => undefined),
      chatEnabled ? client.contact.availability().catch(() => undefined) : undefined,
    ]).then(([openRequests, availability]) => {
      merge({
        ...(openRequests !== undefined ? { openRequests } : {}),
        ...(availability ? { availability } : {}),
        settled: true,
        askedWithChat: chatEnabled,
      })
    })
    return () => {
      live = false
      off()
    }
  }, [client, chatEnabled])
  // Asked again once chat is known to be on: until the hours answer, the card says it is checking.
  return { ...state, settled: state.settled === true && state.askedWithChat === chatEnabled }
}

/**
 * Where the support card goes, while it is not known whether the backend has chat (the
 * transport's code is loading): no text or control that would go again, only its place, marked busy.
 */
function CardPlaceholder() {
  const t = useT()
  return (
    <div class="home-card home-card-pending" aria-busy="true" data-card-pending="">
      <span class="home-card-bar" aria-hidden="true" />
      <span class="home-card-bar" aria-hidden="true" />
      <span class="home-card-bar" aria-hidden="true" />
      <p class="sr-only">{t('home.card.pending')}</p>
    </div>
  )
}

/** Every wording the card's reply line may show, the reply time with the most minutes it says. */
const REPLY_LINES = [
  'home.card.checking',
  'home.card.unknown',
  'home.card.closed',
  'home.card.replyOpen',
  'home.card.reply',
] as const

/**
 * Ongoing chat (with its unread replies), open requests and when an agent would answer. With
 * `fit`, the lines that come with the answer keep the room of the most they may say.
 */
function SupportCard({
  card,
  unread,
  chatEnabled,
  fit,
}: {
  card: CardState
  unread: number
  chatEnabled: boolean
  fit: boolean
}) {
  const { idPrefix } = usePanel()
  const t = useT()
  const { chat, openRequests, availability } = card
  const minutes = waitMinutes(availability?.expectedWaitSeconds)
  // With chat, the card is there from the first paint, its reply line saying it is being checked
  // (then what the backend said, or that it could not be checked): it fills in place instead of
  // appearing, or going, and moving what is around it. The lines that come later are below the
  // card's button, so it stays where it was painted.
  const reply = !availability
    ? chatEnabled
      ? t(card.settled ? 'home.card.unknown' : 'home.card.checking')
      : undefined
    : !availability.open
      ? t('home.card.closed')
      : minutes
        ? t('home.card.reply', { minutes })
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
      <NavButton class="secondary" data-card-history="" to="requests" params={{ section: 'conversations' }}>
        {t('home.card.viewRequests')}
      </NavButton>
      {(openRequests || reply || fit) && (
        // With `fit` (popular articles may come, or came, below the card before its answer), the
        // open requests and the reply line take the room of an open requests line above the longest
        // wording the reply may come to, drawn unseen in the same grid cell from attributes (not
        // read out): the answer moves nothing below the card.
        <div class="home-fit">
          <div>
            {Boolean(openRequests) && (
              <p data-card-requests={openRequests}>{t('home.card.requests', { count: openRequests! })}</p>
            )}
            {reply && (
              <p
                class="muted"
                {...(availability
                  ? { 'data-card-reply': '' }
                  : card.settled
                    ? { 'data-card-unknown': '' }
                    : { 'data-card-checking': '' })}
              >
                {reply}
              </p>
            )}
          </div>
          {fit &&
            REPLY_LINES.map((k) => (
              <span
                key={k}
                aria-hidden="true"
                data-r={t('home.card.requests', { count: 999 })}
                data-text={t(k, { minutes: MAX_WAIT_MINUTES })}
              />
            ))}
        </div>
      )}
    </section>
  )
}

/**
 * The first view: search box (results appear below it as you type; Enter opens the search
 * view), the four ways to get help, the anti-scam notice, then what loads after the first paint:
 * the support card (ongoing chat, open requests, reply time) and popular articles.
 */
export function Home(_: ViewProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  // Undefined until the transport's code has loaded and said whether the backend has chat.
  const chat = useStore((s) => s.system.capabilities && s.system.capabilities.chat === true)
  const unread = useStore((s) => s.system.unread)
  const card = useSupportCard(client, chat === true)
  // A transport slower than this no longer holds the popular articles back.
  const [cardLate, setCardLate] = useState(false)
  useEffect(() => {
    const id = setTimeout(() => setCardLate(true), 3000)
    return () => clearTimeout(id)
  }, [])
  // Until chat is known (or three seconds at most), the card's place is held: a card shown on the guess
  // that chat is there would go again, its buttons under the user's finger or focus. When the
  // transport's code did not load (the open requests failed without capabilities), the card shows
  // only what every backend has instead of a placeholder left for good. A conversation kept on the
  // device shows at once (with its way back in): the user has it whatever the backend says.
  // The first entry (chat, or a message on a backend without chat) is held the same way.
  const unknown = chat === undefined && !card.settled && !cardLate
  const pending = unknown && !card.chat
  // Where the card goes is settled when it first shows: below the popular articles if they are
  // there already (a transport late or failed), so that it does not push them down under the
  // user's finger; else above them, so that articles coming later (a help chunk later still)
  // do not push its buttons down. Read from what is painted (the articles load in their own
  // chunk), until the card or its placeholder is there; the articles show only once the
  // placeholder has gone, so the card's first showing decides.
  const box = useRef<HTMLDivElement>(null)
  const below = useRef<Element | null>()
  const shown = box.current
  const article = shown?.querySelector('[aria-labelledby$=popular] li')
  if (!shown?.querySelector('.home-card')) below.current = article
  const fit = useRef(false)
  const [query, setQuery] = useState('')
  // What results are shown for: not updated mid-composition, so pinyin being typed with an
  // IME (「qian kou le」 before it becomes 钱扣了) does not search.
  const [searchFor, setSearchFor] = useState('')
  const inputId = `${idPrefix}-q`
  // Inline results and popular articles come with the help chunk and its strings, loaded after first paint.
  const [help, setHelp] = useState<typeof import('../help/HomeHelp.js') | null>(null)
  // The help chunk did not arrive (offline before the idle prefetch fetched it): a search says so
  // instead of showing nothing, and the next one tries to fetch it again.
  const [helpFailed, setHelpFailed] = useState(false)
  const [helpAttempt, setHelpAttempt] = useState(0)
  useEffect(() => {
    let live = true
    Promise.all([import('../help/HomeHelp.js'), client.need(['help']).catch(() => {})]).then(
      ([m]) => live && setHelp(m),
      () => live && setHelpFailed(true),
    )
    return () => {
      live = false
    }
  }, [client, helpAttempt])
  const search = (value: string) => {
    setSearchFor(value)
    // The message stays up while it tries (not announced again on every keystroke).
    if (helpFailed && value.trim()) setHelpAttempt((n) => n + 1)
  }

  // ArrowDown goes from the box to the first result below it, as in the search view. Articles
  // shown stay when the card checks again (chat found on once the transport's code loaded).
  // Whether articles are listed: the room below is held only then (set here, not by a CSS `:has()`
  // that Chrome < 105, Firefox < 121 and older WebViews do not have).
  const [listed, setListed] = useState(false)
  const popular = help && (card.settled || cardLate || article) ? <help.PopularArticles listed={setListed} /> : null
  // The card holds room for its answer while popular articles may show below it before that
  // answer (an answer while chat is unknown is not the last one); once answered, only if they
  // did (the room given back would move them up). Nothing listed below, the room is not drawn.
  fit.current = card.settled && chat !== undefined ? fit.current && !!article : !!popular

  const toResults = (e: KeyboardEvent) => {
    const first =
      e.key === 'ArrowDown' && !e.isComposing
        ? (e.currentTarget as HTMLElement)
            .closest('form')
            ?.nextElementSibling?.querySelector<HTMLElement>('.help-result')
        : null
    if (!first) return
    e.preventDefault()
    first.focus()
  }

  const onSubmit = (e: Event) => {
    e.preventDefault()
    if (query.trim()) client.navigate('search', { query: query.trim() })
  }

  const supportCard = pending ? (
    <CardPlaceholder />
  ) : (
    <SupportCard
      card={card}
      unread={unread}
      chatEnabled={chat === true}
      fit={fit.current && !below.current && listed && !!popular}
    />
  )

  return (
    <div ref={box}>
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
          {...imeInput(setQuery, search)}
          onKeyDown={toResults}
        />
      </form>
      {help && searchFor.trim() ? (
        <help.HomeResults query={searchFor} />
      ) : helpFailed && searchFor.trim() ? (
        <p role="alert" class="muted">
          {t('panel.loadFailed')}
        </p>
      ) : null}
      <ul class="entries">
        {ENTRIES.map((view) => {
          // A backend without live chat still takes messages: the entry says so instead of promising a chat.
          const key = `home.entry.${view === 'chat' && chat === false ? 'message' : view}` as const
          // Until that is known, the entry is there and opens its view, but its two lines are
          // only their place (bars the height of a line each), named for screen readers.
          const busy = view === 'chat' && unknown
          const lines = busy ? (
            <>
              <i>
                <i class="entry-bar" />
              </i>
              <span>
                <i class="entry-bar" />
              </span>
            </>
          ) : (
            <>
              <b>{t(key)}</b>
              <span>{t(`${key}.hint`)}</span>
            </>
          )
          return (
            <li key={view}>
              <NavButton
                class="entry"
                data-entry={view}
                to={view}
                {...(busy ? { 'aria-busy': 'true', 'aria-label': t('home.entry.pending') } : {})}
              >
                {view === 'chat' ? (
                  // Both wordings take their room, unseen, in the same place as the lines (bars or
                  // text), so the entry is as tall before chat is known as after, whichever it is:
                  // the entries and the notice below do not move. Drawn from attributes, they are
                  // not the button's text nor its name.
                  <>
                    {(['chat', 'message'] as const).map((k) => (
                      <i key={k} class="entry-fit" aria-hidden="true">
                        <i data-text={t(`home.entry.${k}`)} />
                        <i data-text={t(`home.entry.${k}.hint`)} />
                      </i>
                    ))}
                    <i>{lines}</i>
                  </>
                ) : (
                  lines
                )}
              </NavButton>
            </li>
          )
        })}
      </ul>
      <div class="notice" role="note">
        <p>{t('home.safety')}</p>
        <NavButton class="secondary" data-open-checker="" to="checker">
          {t('checker.entry')}
        </NavButton>
      </div>
      {/* What loads after the first paint goes below what is there from the start, so nothing
          the user can tap moves under their finger; popular articles wait for the card above
          them (or three seconds), as its lines would otherwise push them down; the card, placed
          when it first shows, stays on the side of the articles where nothing comes in above it. */}
      {below.current ? null : supportCard}
      {popular}
      {below.current ? supportCard : null}
    </div>
  )
}
