import { useState } from 'preact/hooks'
import { hiddenNotices, type HiddenNotice as Notice } from '../../src/reports/flow.js'
import type { RequestDetail } from '../../src/requests/requests.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { FieldAlert, SubmitRow, TextareaField, useSubmit } from '../report/formParts.js'
import { HiddenNotice } from '../report/HiddenNotice.js'
import { Screenshots, useShots } from '../report/Screenshots.js'
import { usePanel, useT } from '../ui/context.js'
import { RatingScale } from '../ui/RatingScale.js'
import { useDraftText } from '../ui/useDraftText.js'

const noLabel = (): MessageKey | undefined => undefined

/** The text boxes of a request's forms: label, height and the longest text each takes. */
const BOXES = {
  comment: { label: 'requestsUi.comment.label', rows: 3, maxLength: 2000 },
  escalate: { label: 'requestsUi.escalate.label', rows: 2, maxLength: 500 },
  rating: { label: 'requestsUi.rating.comment', rows: 2, maxLength: 1000 },
} as const

/** Adds a comment (and optionally one screenshot) through the outbox. */
export function CommentForm({ detail, ticketId }: { detail: RequestDetail; ticketId: string }) {
  const { idPrefix } = usePanel()
  const t = useT()
  // A reply being written survives a reload, like a report.
  const draft = useDraftText(`request:${ticketId}:comment`)
  const body = draft.value
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<Notice[] | undefined>()
  const shots = useShots()
  const id = `${idPrefix}-rq-comment`

  const { busy, onSubmit } = useSubmit(
    async () => {
      try {
        const queued = await detail.addComment(body, shots.files())
        draft.clear(body)
        setError(undefined)
        shots.clear()
        setDone(hiddenNotices(queued.findings))
      } catch {
        setError(t('reportUi.errors.failed'))
      }
    },
    (form) => {
      if (body.trim()) return true
      setError(t('requestsUi.comment.required'))
      form.querySelector('textarea')?.focus()
      return false
    },
  )

  return (
    <form class="rf" noValidate onSubmit={onSubmit} data-comment-form>
      <TextareaField
        {...BOXES.comment}
        id={id}
        value={body}
        error={error}
        onInput={(value) => {
          draft.set(value)
          setDone(undefined)
        }}
      />
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
      <SubmitRow busy={busy}>{t('requestsUi.comment.send')}</SubmitRow>
    </form>
  )
}

/** "Escalate this request": an optional reason, queued as an `escalate` job. */
export function EscalateForm({ detail }: { detail: RequestDetail }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, onSubmit } = useSubmit(() => detail.escalate(reason.trim() || t('requestsUi.escalate.defaultReason')))
  const id = `${idPrefix}-rq-escalate`
  if (!open) {
    return (
      <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(true)} data-escalate>
        {t('requestsUi.escalate.open')}
      </button>
    )
  }
  return (
    <form class="rf" noValidate onSubmit={onSubmit} data-escalate-form>
      <TextareaField {...BOXES.escalate} id={id} value={reason} onInput={setReason} />
      <SubmitRow busy={busy}>{t('requestsUi.escalate.submit')}</SubmitRow>
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
  const id = `${idPrefix}-rq-rating`

  const { busy, onSubmit } = useSubmit(
    async () => {
      try {
        await detail.rate(score!, comment)
      } catch {
        setError(t('reportUi.errors.failed'))
      }
    },
    (form) => {
      if (score) return true
      setError(t('requestsUi.rating.required'))
      form.querySelector<HTMLInputElement>('input[type=radio]')?.focus()
      return false
    },
  )
  return (
    <form class="rf" noValidate onSubmit={onSubmit} data-rating-form>
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
        <FieldAlert id={`${id}-err`} error={error} />
      </fieldset>
      <TextareaField {...BOXES.rating} id={`${id}-comment`} value={comment} onInput={setComment} />
      <SubmitRow busy={busy}>{t('requestsUi.rating.submit')}</SubmitRow>
    </form>
  )
}
