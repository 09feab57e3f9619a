import { useRef, useState } from 'preact/hooks'
import { hiddenNotices, type HiddenNotice as Notice } from '../../src/reports/flow.js'
import { COMMENT_TOO_LONG, MAX_COMMENT_LENGTH, type RequestDetail } from '../../src/requests/requests.js'
import { RejectedError } from '../../src/errors/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { FieldAlert, SubmitRow, TextareaField, useSubmit } from '../report/formParts.js'
import { HiddenNotice } from '../report/HiddenNotice.js'
import { Screenshots, useShots } from '../report/Screenshots.js'
import { usePanel, useT, useView } from '../ui/context.js'
import { RatingScale } from '../ui/RatingScale.js'
import { useDraftText } from '../ui/useDraftText.js'

const noLabel = (): MessageKey | undefined => undefined

/** The text boxes of a request's forms: label, height and the longest text each takes. */
const BOXES = {
  escalate: { label: 'requestsUi.escalate.label', rows: 2, maxLength: 500 },
  rating: { label: 'requestsUi.rating.comment', rows: 2, maxLength: 1000 },
} as const

/** Adds a comment (and optionally one screenshot) through the outbox. */
export function CommentForm({ detail, ticketId }: { detail: RequestDetail; ticketId: string }) {
  const { idPrefix } = usePanel()
  const { t, locale } = useView()
  // A reply being written survives a reload, like a report.
  const draft = useDraftText(`request:${ticketId}:comment`)
  const body = draft.value
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<Notice[] | undefined>()
  const shots = useShots()
  const id = `${idPrefix}-rq-comment`
  const box = useRef<HTMLTextAreaElement>(null)
  const tooLong = () => t(COMMENT_TOO_LONG, { max: MAX_COMMENT_LENGTH.toLocaleString(locale) })

  const { busy, onSubmit } = useSubmit(
    async () => {
      try {
        const queued = await detail.addComment(body, shots.files())
        draft.clear(body)
        setError(undefined)
        shots.clear()
        setDone(hiddenNotices(queued.findings))
      } catch (e) {
        // Not queued: the text stays in the box (and in its draft) to shorten or send again.
        const long = e instanceof RejectedError && e.fieldErrors.some((f) => f.code === COMMENT_TOO_LONG)
        setError(long ? tooLong() : t('reportUi.errors.failed'))
        if (long) box.current?.focus()
      }
    },
    (form) => {
      // The length is the core's to judge: the limit is on the masked text, which may be shorter
      // (a card loses its separators, a password becomes six stars) or longer than what was typed.
      if (body.trim()) return true
      setError(t('requestsUi.comment.required'))
      form.querySelector('textarea')?.focus()
      return false
    },
  )

  // No maxlength on the box: a browser cuts a longer paste there without a word, and the cut
  // text is lost. A comment too long is refused on Send instead, with the text kept.
  return (
    <form class="rf" noValidate onSubmit={onSubmit} data-comment-form>
      <div class="rf-field">
        <label for={id}>{t('requestsUi.comment.label')}</label>
        <textarea
          ref={box}
          id={id}
          rows={3}
          value={body}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onInput={(e) => {
            draft.set((e.currentTarget as HTMLTextAreaElement).value)
            setDone(undefined)
          }}
        />
        <FieldAlert id={`${id}-err`} error={error} />
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
