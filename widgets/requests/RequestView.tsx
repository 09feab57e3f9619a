import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { canEscalate, canRate, type RequestState } from '../../src/requests/requests.js'
import type { AttachmentRef, Comment, TicketDetail } from '../../src/types.js'
import type { ViewProps } from '../panel/views.js'
import { reportCss, useSheet } from '../report/styles.js'
import { formatTime } from '../report/Transaction.js'
import { useErrorText, usePanel, useStore, useT } from '../ui/context.js'
import { CommentForm, EscalateForm, RatingForm } from './Actions.js'
import { PendingChip, StatusChip, useModel } from './parts.js'

function Attachments({ list }: { list: readonly AttachmentRef[] }) {
  if (list.length === 0) return null
  return (
    <ul class="rf-list">
      {list.map((a) => (
        <li key={a.id}>{a.url ? <a href={a.url} target="_blank" rel="noopener noreferrer">{a.name}</a> : a.name}</li>
      ))}
    </ul>
  )
}

function Conversation({ ticket, s, onRetry, onDiscard }: { ticket: TicketDetail; s: RequestState; onRetry(id: string): void; onDiscard(id: string): void }) {
  const t = useT()
  const locale = useStore((x) => x.system.locale)
  const author = (c: Comment) => (c.author === 'agent' && c.authorName ? c.authorName : t(`requestsUi.author.${c.author}`))
  return (
    <ol class="rf-comments" data-comments>
      {ticket.comments.length === 0 && s.comments.length === 0 && <li class="rf-meta">{t('requestsUi.noComments')}</li>}
      {ticket.comments.map((c) => (
        <li key={c.id} class="rf-comment" data-author={c.author}>
          <span class="rf-meta">{author(c)} · {formatTime(c.createdAt, locale)}</span>
          <p>{c.body}</p>
          <Attachments list={c.attachments} />
        </li>
      ))}
      {s.comments.map((c) => (
        <li key={c.jobId} class="rf-comment" data-author="user" data-pending-comment={c.state}>
          <span class="rf-row"><span class="rf-meta">{t('requestsUi.author.user')}</span><PendingChip state={c.state} /></span>
          <p>{c.body}</p>
          {c.state === 'attention' && (
            <>
              {c.error && <p class="rf-err">{t('requestsUi.failed', { message: c.error.fields?.[0]?.message ?? c.error.message })}</p>}
              <div class="rf-actions">
                <button type="button" class="secondary" onClick={() => onRetry(c.jobId)}>{t('panel.retry')}</button>
                <button type="button" class="secondary" onClick={() => onDiscard(c.jobId)}>{t('requestsUi.pending.discard')}</button>
              </div>
            </>
          )}
        </li>
      ))}
    </ol>
  )
}

/** One request: status, history timeline, the conversation, and comment / escalate / rate. */
export function RequestView({ params }: ViewProps) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const words = useErrorText()
  const locale = useStore((x) => x.system.locale)
  const root = useRef<HTMLDivElement>(null)
  useSheet('report', reportCss, root)
  const ticketId = typeof params.id === 'string' ? params.id : ''
  const detail = useMemo(() => client.requests.detail(ticketId), [client, ticketId])
  useEffect(() => () => detail.dispose(), [detail])
  const s = useModel(detail.store)
  const ticket = s.ticket

  // Announce backend-side changes (agent reply, status) without moving focus.
  const [announce, setAnnounce] = useState('')
  const last = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!ticket) return
    if (last.current !== undefined && last.current !== ticket.updatedAt) setAnnounce(t('requestsUi.updatedLive'))
    last.current = ticket.updatedAt
  }, [ticket?.updatedAt])

  const id = (x: string) => `${idPrefix}-rq-${x}`
  let body
  if (s.status === 'loading') body = <p class="status" role="status">{t('panel.loading')}</p>
  else if (!ticket) {
    body = (
      <div class="status" role="alert">
        <p>{words(s.errorCode)}</p>
        <button type="button" class="secondary" onClick={() => void detail.refresh()}>{t('panel.retry')}</button>
      </div>
    )
  } else {
    const closed = ticket.status === 'closed'
    body = (
      <>
        <header class="rf-field">
          <h3 data-autofocus tabIndex={-1}>{ticket.subject}</h3>
          <div class="rf-row">
            <StatusChip status={ticket.status} />
            {(ticket.escalated || s.escalation) && <span class="chip" data-tone="warn">{s.escalation && !ticket.escalated ? t('requestsUi.escalate.pending') : t('requestsUi.escalated')}</span>}
          </div>
          <p class="rf-meta">{t('requestsUi.reference', { reference: ticket.reference })} · {t('requestsUi.updated', { time: formatTime(ticket.updatedAt, locale) })}</p>
        </header>
        <section aria-labelledby={id('history')} class="rf-field">
          <h3 id={id('history')}>{t('requestsUi.history')}</h3>
          <ol class="rf-timeline" data-history>
            {ticket.history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <StatusChip status={h.status} /> <span class="rf-meta">{formatTime(h.at, locale)}</span>
                {h.note && <p class="rf-meta">{h.note}</p>}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby={id('desc')} class="rf-field">
          <h3 id={id('desc')}>{t('requestsUi.description')}</h3>
          <p class="rf-card">{ticket.description}</p>
          <Attachments list={ticket.attachments} />
        </section>
        <section aria-labelledby={id('comments')} class="rf-field">
          <h3 id={id('comments')}>{t('requestsUi.comments')}</h3>
          <Conversation ticket={ticket} s={s} onRetry={(j) => void detail.retry(j)} onDiscard={(j) => void detail.discard(j)} />
        </section>
        {s.can.comment && !closed && <CommentForm detail={detail} ticketId={s.ticket?.id ?? ''} />}
        {s.can.escalate && canEscalate(ticket) && !s.escalation && <EscalateForm detail={detail} />}
        {s.can.rate && ticket.rating && <p data-rated>{t('requestsUi.rating.given', { score: ticket.rating.score })}</p>}
        {s.can.rate && s.rating && !ticket.rating && <p data-rated>{t('requestsUi.rating.thanks')}</p>}
        {s.can.rate && canRate(ticket) && !s.rating && <RatingForm detail={detail} />}
      </>
    )
  }
  return (
    <div ref={root} class="rf" data-view="request">
      {body}
      <p role="status" class="sr-only">{announce}</p>
    </div>
  )
}
