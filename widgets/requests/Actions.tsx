import { useState } from 'preact/hooks'
import { hiddenNotices, type HiddenNotice as Notice } from '../../src/reports/flow.js'
import type { RequestDetail } from '../../src/requests/requests.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { HiddenNotice } from '../report/HiddenNotice.js'
import { Screenshots, useShots } from '../report/Screenshots.js'
import { usePanel, useT } from '../ui/context.js'
import { RatingScale } from '../ui/RatingScale.js'
import { useDraftText } from '../ui/useDraftText.js'

const noLabel = (): MessageKey | undefined => undefined

/** Adds a comment (and optionally one screenshot) through the outbox. */
export function CommentForm({ detail, ticketId }: { detail: RequestDetail; ticketId: string }) {
  const { idPrefix } = usePanel()
  const t = useT()
  // A reply being written survives a reload, like a report.
  const draft = useDraftText(`request:${ticketId}:comment`)
  const body = draft.value
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<Notice[] | undefined>()
  const [busy, setBusy] = useState(false)
  const shots = useShots()
  const id = `${idPrefix}-rq-comment`

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (!body.trim()) {
      setError(t('requestsUi.comment.required'))
      ;(e.currentTarget as HTMLElement).querySelector('textarea')?.focus()
      return
    }
    setBusy(true)
    try {
      const queued = await detail.addComment(body, shots.files())
      draft.clear(body)
      setError(undefined)
      shots.clear()
      setDone(hiddenNotices(queued.findings))
    } catch {
      setError(t('reportUi.errors.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="rf" noValidate onSubmit={(e) => void onSubmit(e)} data-comment-form>
      <div class="rf-field">
        <label for={id}>{t('requestsUi.comment.label')}</label>
        <textarea
          id={id}
          rows={3}
          maxLength={2000}
          value={body}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onInput={(e) => {
            draft.set((e.currentTarget as HTMLTextAreaElement).value)
            setDone(undefined)
          }}
        />
        <div role="alert">
          {error && (
            <p id={`${id}-err`} class="rf-err">
              {error}
            </p>
          )}
        </div>
      </div>
      <Screenshots
        api={shots}
        max={1}
        id={`${id}-shot`}
        label="report.field.screenshots.label"
        help="report.field.screenshots.help"
      />
      <div role="status">
        {done && <p>{t('requestsUi.comment.queued')}</p>}
        {done && <HiddenNotice notices={done} labelOf={noLabel} />}
      </div>
      <div class="rf-actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('requestsUi.comment.send')}
        </button>
      </div>
    </form>
  )
}

/** "Escalate this request": an optional reason, queued as an `escalate` job. */
export function EscalateForm({ detail }: { detail: RequestDetail }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const id = `${idPrefix}-rq-escalate`
  if (!open) {
    return (
      <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(true)} data-escalate>
        {t('requestsUi.escalate.open')}
      </button>
    )
  }
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    try {
      await detail.escalate(reason.trim() || t('requestsUi.escalate.defaultReason'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="rf" noValidate onSubmit={(e) => void onSubmit(e)} data-escalate-form>
      <div class="rf-field">
        <label for={id}>{t('requestsUi.escalate.label')}</label>
        <textarea
          id={id}
          rows={2}
          maxLength={500}
          value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="rf-actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('requestsUi.escalate.submit')}
        </button>
      </div>
    </form>
  )
}

/** CSAT: 1–5 and an optional comment, offered only on solved or closed tickets. */
export function RatingForm({ detail }: { detail: RequestDetail }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const [score, setScore] = useState<number>()
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const id = `${idPrefix}-rq-rating`

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (!score) {
      setError(t('requestsUi.rating.required'))
      ;(e.currentTarget as HTMLElement).querySelector<HTMLInputElement>('input[type=radio]')?.focus()
      return
    }
    setBusy(true)
    try {
      await detail.rate(score, comment)
    } catch {
      setError(t('reportUi.errors.failed'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="rf" noValidate onSubmit={(e) => void onSubmit(e)} data-rating-form>
      <fieldset class="rf-field" aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}>
        <legend>{t('requestsUi.rating.legend')}</legend>
        <p id={`${id}-hint`} class="rf-help">
          {t('requestsUi.rating.low')}
        </p>
        <RatingScale
          name={id}
          value={score}
          invalid={Boolean(error)}
          onChange={(n) => {
            setScore(n)
            setError(undefined)
          }}
        />
        <div role="alert">
          {error && (
            <p id={`${id}-err`} class="rf-err">
              {error}
            </p>
          )}
        </div>
      </fieldset>
      <div class="rf-field">
        <label for={`${id}-comment`}>{t('requestsUi.rating.comment')}</label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={1000}
          value={comment}
          onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="rf-actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('requestsUi.rating.submit')}
        </button>
      </div>
    </form>
  )
}
