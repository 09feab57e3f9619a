import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { ArticleSource } from '../../src/help/help.js'
import { parseMarkdown } from '../../src/markdown/index.js'
import type { Article, ArticleHit } from '../../src/types.js'
import { usePanel, useStore, useT, useView } from '../ui/context.js'
import type { ViewProps } from '../panel/views.js'
import { Markdown } from './Markdown.js'
import { MoreHelp } from './MoreHelp.js'
import { ArticleSection } from './ResultList.js'
import { useArrivalFocus, useHelpFlow, useHelpStyles } from './useHelp.js'
import { NavButton } from '../ui/NavButton.js'

const SOURCES: ArticleSource[] = ['search', 'popular', 'suggestion', 'link']

/**
 * The key `host/reopen.ts` reads after a reload. Spelled out, not imported: a value imported from
 * the entry's modules splits the entry into a facade and a shared chunk (one more request).
 */
const OPEN_ARTICLE = 'help-feedback:article'

const MISSING = ['answer', 'unclear', 'wrong', 'case'] as const
type Missing = (typeof MISSING)[number]

/**
 * After "not helpful": what was missing (one fixed choice, reported as an `article:missing`
 * event, no free text to mask), and the way on: chat with an agent or report the problem.
 */
function Missing({ id, fresh }: { id: string; fresh: boolean }) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  // Offered once the backend is known to have chat, not on a guess that could go again.
  const chat = useStore((s) => s.system.capabilities?.chat === true)
  const [reason, setReason] = useState<Missing>()
  const [sent, setSent] = useState(false)
  const name = `${idPrefix}-missing`
  const send = (e: Event) => {
    e.preventDefault()
    if (!reason) return
    client.events.emit({ type: 'article:missing', id, reason })
    setSent(true)
  }
  return (
    <div class="help-missing" data-missing="">
      {fresh && !sent && (
        <form onSubmit={send}>
          <fieldset>
            <legend>{t('help.missing.legend')}</legend>
            {MISSING.map((r) => (
              <label key={r} class="help-choice">
                <input type="radio" name={name} value={r} checked={reason === r} onChange={() => setReason(r)} />
                <span>{t(`help.missing.${r}`)}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" class="secondary" disabled={!reason}>
            {t('help.missing.send')}
          </button>
        </form>
      )}
      {sent && <p role="status">{t('help.missing.thanks')}</p>}
      <div class="help-actions" data-missing-next="">
        {chat && (
          <NavButton class="primary" to="chat">
            {t('help.missing.chat')}
          </NavButton>
        )}
        <NavButton class={chat ? 'secondary' : 'primary'} to="report">
          {t('help.missing.report')}
        </NavButton>
      </div>
    </div>
  )
}

/** "Was this helpful?": one vote per article and device, sent through the outbox. */
function Vote({ id }: { id: string }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const help = useHelpFlow()
  const [voted, setVoted] = useState<boolean | undefined>(undefined)
  const [justVoted, setJustVoted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  useEffect(() => {
    let live = true
    setVoted(undefined)
    setJustVoted(false)
    help.votedOn(id).then(
      (v) => live && setVoted(v),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [help, id])
  const vote = (helpful: boolean) => {
    if (busy) return
    setBusy(true)
    setError('')
    help
      .vote(id, helpful)
      .then(
        () => {
          setVoted(helpful)
          setJustVoted(true)
        },
        (e: unknown) => setError(help.errorMessage(e)),
      )
      .finally(() => setBusy(false))
  }
  const qid = `${idPrefix}-vote`
  return (
    <section class="help-vote" aria-labelledby={qid}>
      <p id={qid}>{t('help.vote.question')}</p>
      {voted === undefined && (
        <div class="help-actions" role="group" aria-labelledby={qid}>
          <button type="button" class="secondary" disabled={busy} onClick={() => vote(true)}>
            {t('help.vote.yes')}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => vote(false)} data-vote-no="">
            {t('help.vote.no')}
          </button>
        </div>
      )}
      <p role="status">{voted === true ? t('help.vote.thanks') : voted === false ? t('help.vote.sorry') : ''}</p>
      {voted === false && <Missing id={id} fresh={justVoted} />}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  )
}

/** A help article: title, sanitized Markdown body, vote, related articles and ways to get help. */
export function ArticleView({ params }: ViewProps) {
  const { client, idPrefix, t, locale, tag = '' } = useView()
  const help = useHelpFlow()
  const chat = useStore((s) => s.system.capabilities?.chat === true)
  // Whether the backend's chat was unknown when the article showed (an article kept on the device
  // shows before the transport's code has loaded): chat then joins after the buttons already there.
  const chatLate = useRef<boolean>()
  // Known only once something needed the transport: an article opened from a link before Home (whose
  // card asks for the chat hours) asks itself, or chat would never be offered on a backend that has it.
  useEffect(() => {
    if (!client.store.getState().system.capabilities) client.contact.availability().catch(() => undefined)
  }, [client])
  const root = useRef<HTMLDivElement>(null)
  const title = useRef<HTMLHeadingElement>(null)
  useHelpStyles(root)
  const id = typeof params.id === 'string' ? params.id : ''
  const source = SOURCES.find((s) => s === params.source) ?? 'link'
  const from = params.from === 'report' || params.from === 'chat' ? params.from : undefined
  const [state, setState] = useState<{ article: Article } | { error: string } | null>(null)
  const [related, setRelated] = useState<ArticleHit[]>([])
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    setState(null)
    setRelated([])
    help.getArticle(id, { source }).then(
      (article) => {
        if (!live) return
        setState({ article })
        help.suggest(`${article.title} ${article.tags.join(' ')}`, { exclude: [id] }).then(
          (r) => live && setRelated(r),
          () => undefined,
        )
      },
      (error: unknown) => live && setState({ error: help.errorMessage(error) }),
    )
    return () => {
      live = false
    }
  }, [help, id, source, locale, attempt])

  const article = state && 'article' in state ? state.article : null
  const blocks = useMemo(() => (article ? parseMarkdown(article.body) : []), [article])
  useArrivalFocus(title, article !== null)
  // Kept while it shows, so a reload of the page comes back on it; one that failed is not.
  useEffect(() => {
    if (!article) return
    const store = (f: (s: Storage) => void) => {
      try {
        f(sessionStorage)
      } catch {
        /* storage off: a reload opens nothing */
      }
    }
    store((s) => s.setItem(OPEN_ARTICLE + tag, article.id))
    return () => store((s) => s.removeItem(OPEN_ARTICLE + tag))
  }, [article, tag])
  const followLink = (slug: string) => {
    help.resolveLink(slug).then(
      (target) => target && client.navigate('article', { id: target, source: 'link' }),
      () => undefined,
    )
  }
  if (article && chatLate.current === undefined) chatLate.current = !chat
  // The way the user came from is not offered again.
  const ways = (
    chatLate.current ? (['report', 'contact', 'chat'] as const) : (['chat', 'report', 'contact'] as const)
  ).filter((w) => w !== from && (w !== 'chat' || chat))
  const titleId = `${idPrefix}-article-title`
  const moreId = `${idPrefix}-more`

  if (!state)
    return (
      <p ref={root} class="status" role="status">
        {t('help.article.loading')}
      </p>
    )
  if (!article) {
    return (
      <div ref={root} class="status" role="alert">
        <p>{'error' in state ? state.error : ''}</p>
        <button type="button" class="secondary" data-autofocus onClick={() => setAttempt((n) => n + 1)}>
          {t('help.retry')}
        </button>
      </div>
    )
  }
  return (
    <div ref={root}>
      <article class="help-article" aria-labelledby={titleId} lang={article.locale}>
        <h3 ref={title} id={titleId} tabIndex={-1} data-autofocus>
          {article.title}
        </h3>
        <Markdown blocks={blocks} onArticleLink={followLink} />
      </article>
      <Vote id={article.id} />
      {related.length > 0 && (
        <ArticleSection id={`${idPrefix}-related`} title={t('help.related.title')} hits={related} source="link" />
      )}
      <section class="help-section" aria-labelledby={moreId}>
        <h3 id={moreId}>{t('help.more.title')}</h3>
        <div class="help-actions">
          {from && (
            <button type="button" class="primary" onClick={() => client.back()}>
              {t(from === 'report' ? 'help.back.report' : 'help.back.chat')}
            </button>
          )}
          <MoreHelp ways={ways} />
        </div>
      </section>
    </div>
  )
}
