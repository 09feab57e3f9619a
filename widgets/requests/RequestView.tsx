import { Fragment } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import {
  REQUEST_STEPS,
  canEscalate,
  canRate,
  replyDue,
  stepOf,
  type RequestState,
} from '../../src/requests/requests.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { checkFileUrl } from '../../src/markdown/url.js'
import { mentionsSecret } from '../../src/chat/secret.js'
import { FIELDS, prefillFromTransaction, type FieldName } from '../../src/reports/index.js'
import type { AttachmentRef, Comment, TicketDetail, TicketStatus } from '../../src/types.js'
import type { ViewProps } from '../panel/views.js'
import { reportCss, useSheet } from '../report/styles.js'
import { formatTime } from '../report/Transaction.js'
import { useErrorText, useT, useView } from '../ui/context.js'
import { CommentForm, EscalateForm, RatingForm } from './Actions.js'
import { PendingChip, StatusChip, UrgentChip, isUrgent, useModel } from './parts.js'

/** Images as thumbnails (opening the full picture), other files by name. */
function Attachments({ list }: { list: readonly AttachmentRef[] }) {
  const t = useT()
  if (list.length === 0) return null
  return (
    <ul class="rf-thumbs" data-attachments>
      {list.map((a, i) => {
        const label = t('requestsUi.attachment', { number: i + 1, name: a.name })
        // Vetted here too: a transport other than REST (a vendor adapter) may hand over any text.
        const url = a.url === undefined ? undefined : checkFileUrl(a.url)
        if (url && a.type.startsWith('image/')) {
          return (
            <li key={a.id}>
              <a href={url} target="_blank" rel="noopener noreferrer" data-thumb={a.id}>
                <img src={url} alt={label} loading="lazy" width={72} height={72} />
              </a>
            </li>
          )
        }
        return (
          <li key={a.id}>
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** Received → being handled → needs your reply → resolved, with the current step marked. */
function Stepper({ status, labelId }: { status: TicketStatus; labelId: string }) {
  const t = useT()
  const current = REQUEST_STEPS.indexOf(stepOf(status))
  return (
    <ol class="rf-steps" aria-labelledby={labelId} data-steps={REQUEST_STEPS[current]}>
      {REQUEST_STEPS.map((step, i) => (
        <li
          key={step}
          class="rf-step"
          data-step={step}
          data-done={i < current ? '' : undefined}
          aria-current={i === current ? 'step' : undefined}
        >
          {t(`requestsUi.step.${step}`)}
        </li>
      ))}
    </ol>
  )
}

/** The reference with a copy button and a visible, announced confirmation. */
export function CopyReference({ reference }: { reference: string }) {
  const t = useT()
  const [said, setSaid] = useState<'copied' | 'failed' | undefined>()
  useEffect(() => {
    if (!said) return
    const timer = setTimeout(() => setSaid(undefined), 4000)
    return () => clearTimeout(timer)
  }, [said])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reference)
      setSaid('copied')
    } catch {
      setSaid('failed')
    }
  }
  return (
    <div class="rf-refrow">
      <span class="rf-ref" data-reference>
        {reference}
      </span>
      <button
        type="button"
        class="secondary rf-copy"
        data-copy
        aria-label={t('requestsUi.copyLabel', { reference })}
        onClick={() => void copy()}
      >
        {t('requestsUi.copy')}
      </button>
      <span role="status" class="rf-meta" data-copied={said}>
        {said === 'copied' ? `✓ ${t('requestsUi.copied')}` : said === 'failed' ? t('requestsUi.copyFailed') : ''}
      </span>
    </div>
  )
}

/** What the user sent: the transaction and the category's fields, labelled as in the form. */
function Summary({ ticket }: { ticket: TicketDetail }) {
  const { t, locale } = useView()
  const tx = ticket.transaction
  // Fields the transaction line already says are not repeated.
  const fromTx = tx ? prefillFromTransaction(ticket.category, tx) : {}
  const shown = Object.entries(ticket.fields).filter(
    ([name, v]) => v !== null && v !== '' && FIELDS[name as FieldName] && fromTx[name] !== v,
  )
  if (!tx && shown.length === 0) return null
  const value = (name: string, v: unknown) => {
    if (typeof v === 'boolean') return t(v ? 'report.option.yes' : 'report.option.no')
    const def = FIELDS[name as FieldName]
    if (def?.kind === 'datetime' && typeof v === 'string') return formatTime(v, locale)
    if (def?.kind === 'select') return t(`report.option.${name}.${String(v)}` as MessageKey)
    return String(v)
  }
  return (
    <dl class="rf-dl rf-card" data-summary>
      {tx && (
        <>
          <dt>{t('reportUi.tx.title')}</dt>
          <dd data-summary-tx>
            {tx.counterparty ? `${tx.counterparty} · ` : ''}
            {tx.amount} {tx.currency}
            {tx.status ? ` · ${t(`reportUi.tx.status.${tx.status}` as MessageKey)}` : ''}
            <br />
            <span class="rf-meta">
              {formatTime(tx.time, locale)} · {tx.id}
            </span>
          </dd>
        </>
      )}
      {shown.map(([name, v]) => (
        <Fragment key={name}>
          <dt>{t(FIELDS[name as FieldName].labelKey)}</dt>
          <dd>{value(name, v)}</dd>
        </Fragment>
      ))}
    </dl>
  )
}

/** The next step in words, and when a reply is due (or that it is late, with escalation below). */
function NextStep({ ticket }: { ticket: TicketDetail }) {
  const { t, locale } = useView()
  const due = replyDue(ticket)
  const late = due !== undefined && due < Date.now()
  return (
    <div class="rf-next" data-next={ticket.status}>
      <p>{t(`requestsUi.next.${ticket.status}`)}</p>
      {due !== undefined && (
        <p class="rf-meta" data-eta={late ? 'late' : 'due'}>
          {late
            ? t('requestsUi.eta.late', { hours: ticket.expectedResponseHours ?? 0 })
            : t('requestsUi.eta.by', { time: formatTime(new Date(due).toISOString(), locale) })}
        </p>
      )}
    </div>
  )
}

function Conversation({
  ticket,
  s,
  onRetry,
  onDiscard,
}: {
  ticket: TicketDetail
  s: RequestState
  onRetry(id: string): void
  onDiscard(id: string): void
}) {
  const { t, locale } = useView()
  const author = (c: Comment) =>
    c.author === 'agent' && c.authorName ? c.authorName : t(`requestsUi.author.${c.author}`)
  return (
    <ol class="rf-comments" data-comments>
      {ticket.comments.length === 0 && s.comments.length === 0 && <li class="rf-meta">{t('requestsUi.noComments')}</li>}
      {ticket.comments.map((c) => (
        <li key={c.id} class="rf-comment" data-author={c.author}>
          <span class="rf-meta">
            {author(c)} · {formatTime(c.createdAt, locale)}
          </span>
          <p>{c.body}</p>
          {c.author === 'agent' && mentionsSecret(c.body) && (
            <p class="rf-alert" role="note">
              {t('chat.secretWarning')}
            </p>
          )}
          <Attachments list={c.attachments} />
        </li>
      ))}
      {s.comments.map((c) => (
        <li key={c.jobId} class="rf-comment" data-author="user" data-pending-comment={c.state}>
          <span class="rf-row">
            <span class="rf-meta">{t('requestsUi.author.user')}</span>
            <PendingChip state={c.state} />
          </span>
          <p>{c.body}</p>
          {c.state === 'attention' && (
            <>
              {c.error && (
                <p class="rf-err">
                  {t('requestsUi.failed', { message: c.error.fields?.[0]?.message ?? c.error.message })}
                </p>
              )}
              <div class="rf-actions">
                <button type="button" class="secondary" onClick={() => onRetry(c.jobId)}>
                  {t('panel.retry')}
                </button>
                <button type="button" class="secondary" onClick={() => onDiscard(c.jobId)}>
                  {t('requestsUi.pending.discard')}
                </button>
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
  const { client, idPrefix, t, locale } = useView()
  const words = useErrorText()
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
  const shownId = ticket?.id
  const updatedAt = ticket?.updatedAt
  useEffect(() => {
    if (updatedAt === undefined) return
    if (last.current !== undefined && last.current !== updatedAt) setAnnounce(t('requestsUi.updatedLive'))
    last.current = updatedAt
  }, [updatedAt, t])

  // Opening a request marks what it shows as seen (the list's "new reply" mark goes away).
  useEffect(() => {
    if (shownId && updatedAt) void client.requests.markSeen(shownId, updatedAt)
  }, [client, shownId, updatedAt])

  const id = (x: string) => `${idPrefix}-rq-${x}`
  let body
  if (s.status === 'loading')
    body = (
      <p class="status" role="status">
        {t('panel.loading')}
      </p>
    )
  else if (!ticket) {
    body = (
      <div class="status" role="alert">
        <p>{words(s.errorCode)}</p>
        <button type="button" class="secondary" onClick={() => void detail.refresh()}>
          {t('panel.retry')}
        </button>
      </div>
    )
  } else {
    const closed = ticket.status === 'closed'
    body = (
      <>
        <div class="rf-field">
          <h3 data-autofocus tabIndex={-1}>
            {ticket.subject}
          </h3>
          <div class="rf-row">
            <StatusChip status={ticket.status} />
            {isUrgent(ticket) && <UrgentChip />}
            {(ticket.escalated || s.escalation) && (
              <span class="chip" data-tone="warn">
                {s.escalation && !ticket.escalated ? t('requestsUi.escalate.pending') : t('requestsUi.escalated')}
              </span>
            )}
          </div>
          <CopyReference reference={ticket.reference} />
          <p class="rf-meta">{t('requestsUi.updated', { time: formatTime(ticket.updatedAt, locale) })}</p>
        </div>
        <section aria-labelledby={id('steps')} class="rf-field">
          <h3 id={id('steps')} class="sr-only">
            {t('requestsUi.steps')}
          </h3>
          <Stepper status={ticket.status} labelId={id('steps')} />
          <NextStep ticket={ticket} />
        </section>
        <section aria-labelledby={id('summary')} class="rf-field">
          <h3 id={id('summary')}>{t('requestsUi.summary')}</h3>
          <Summary ticket={ticket} />
        </section>
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
          <Conversation
            ticket={ticket}
            s={s}
            onRetry={(j) => void detail.retry(j)}
            onDiscard={(j) => void detail.discard(j)}
          />
        </section>
        {s.can.comment && !closed && <CommentForm detail={detail} ticketId={s.ticket?.id ?? ''} />}
        {s.can.escalate && canEscalate(ticket) && !s.escalation && <EscalateForm detail={detail} />}
        {s.can.rate && ticket.rating && (
          <p data-rated>{t('requestsUi.rating.given', { score: ticket.rating.score })}</p>
        )}
        {s.can.rate && s.rating && !ticket.rating && <p data-rated>{t('requestsUi.rating.thanks')}</p>}
        {s.can.rate && canRate(ticket) && !s.rating && <RatingForm detail={detail} />}
      </>
    )
  }
  return (
    <div ref={root} class="rf" data-view="request">
      {body}
      <p role="status" class="sr-only">
        {announce}
      </p>
    </div>
  )
}
