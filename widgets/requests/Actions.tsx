import { useRef, useState } from 'preact/hooks'
import { hiddenNotices, type HiddenNotice as Notice } from '../../src/reports/flow.js'
import {
  COMMENT_TOO_LONG,
  MAX_COMMENT_LENGTH,
  MAX_NOTE_LENGTH,
  RATING_TOO_LONG,
  REASON_TOO_LONG,
  type RequestDetail,
} from '../../src/requests/requests.js'
import { RejectedError } from '../../src/errors/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import { FieldAlert, SubmitRow, TextareaField, useSubmit } from '../report/formParts.js'
import { HiddenNotice } from '../report/HiddenNotice.js'
import { Screenshots, useShots } from '../report/Screenshots.js'
import { usePanel, useView } from '../ui/context.js'
import { RatingScale } from '../ui/RatingScale.js'
import { useDraftText } from '../ui/useDraftText.js'

const noLabel = (): MessageKey | undefined => undefined

/** The text boxes of a request's forms: label and height. */
const BOXES = {
  escalate: { label: 'requestsUi.escalate.label', rows: 2 },
  rating: { label: 'requestsUi.rating.comment', rows: 2 },
} as const

/**
 * Whether the core refused a write as too long (`code`): it checks the masked text the backend
 * would get, before queueing. Nothing was queued; the text stays in its box to shorten.
 */
function refusal(e: unknown, code: string): boolean {
  return e instanceof RejectedError && e.fieldErrors.some((f) => f.code === code)
}

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
        const long = refusal(e, COMMENT_TOO_LONG)
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
  const { t, locale } = useView()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const form = useRef<HTMLFormElement>(null)
  const id = `${idPrefix}-rq-escalate`
  // No maxlength on the box (a longer paste was cut there without a word, the rest lost): one
  // longer than the backend takes is refused on submit, with the text kept and focus on it.
  const { busy, onSubmit } = useSubmit(async () => {
    try {
      await detail.escalate(reason.trim() || t('requestsUi.escalate.defaultReason'))
    } catch (e) {
      const long = refusal(e, REASON_TOO_LONG)
      setError(long ? t(REASON_TOO_LONG, { max: MAX_NOTE_LENGTH.toLocaleString(locale) }) : t('reportUi.errors.failed'))
      if (long) form.current?.querySelector('textarea')?.focus()
    }
  })
  if (!open) {
    return (
      <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(true)} data-escalate>
        {t('requestsUi.escalate.open')}
      </button>
    )
  }
  return (
    <form ref={form} class="rf" noValidate onSubmit={onSubmit} data-escalate-form>
      <TextareaField
        {...BOXES.escalate}
        id={id}
        value={reason}
        error={error}
        onInput={(v) => {
          setReason(v)
          setError(undefined)
        }}
      />
      <SubmitRow busy={busy}>{t('requestsUi.escalate.submit')}</SubmitRow>
    </form>
  )
}

/** CSAT: 1–5 and an optional comment, offered only on solved or closed tickets. */
export function RatingForm({ detail }: { detail: RequestDetail }) {
  const { idPrefix } = usePanel()
  const { t, locale } = useView()
  const [score, setScore] = useState<number>()
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string>()
  // The comment's own error (too long): under its box, which keeps the text.
  const [commentError, setCommentError] = useState<string>()
  const form = useRef<HTMLFormElement>(null)
  const id = `${idPrefix}-rq-rating`

  const { busy, onSubmit } = useSubmit(
    async () => {
      try {
        await detail.rate(score!, comment)
      } catch (e) {
        if (!refusal(e, RATING_TOO_LONG)) return setError(t('reportUi.errors.failed'))
        setCommentError(t(RATING_TOO_LONG, { max: MAX_NOTE_LENGTH.toLocaleString(locale) }))
        form.current?.querySelector('textarea')?.focus()
      }
    },
    (f) => {
      if (score) return true
      setError(t('requestsUi.rating.required'))
      f.querySelector<HTMLInputElement>('input[type=radio]')?.focus()
      return false
    },
  )
  return (
    <form ref={form} class="rf" noValidate onSubmit={onSubmit} data-rating-form>
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
      <TextareaField
        {...BOXES.rating}
        id={`${id}-comment`}
        value={comment}
        error={commentError}
        onInput={(v) => {
          setComment(v)
          setCommentError(undefined)
        }}
      />
      <SubmitRow busy={busy}>{t('requestsUi.rating.submit')}</SubmitRow>
    </form>
  )
}
