import { useState } from 'preact/hooks'
import type { ChatController } from '../../src/chat/index.js'
import { useErrorText, usePanel, useT } from '../ui/context.js'
import { RatingScale } from '../ui/RatingScale.js'
import { errorText } from './errorText.js'

/** 1–5 on the panel's labelled scale (the same as for tickets) after the chat ended, with an optional comment; sent through the outbox. */
export function Rating({ chat, onDone }: { chat: ChatController; onDone(rated: boolean): void }) {
  const { idPrefix } = usePanel()
  const t = useT()
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState('')
  const words = useErrorText()
  const name = `${idPrefix}-score`

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (!score) return
    // A rating that cannot be queued (storage failed) stays on screen with the reason.
    await chat.rate(score, comment).then(
      () => onDone(true),
      (e: unknown) => setError(errorText(words, e)),
    )
  }

  const skip = () => {
    chat.skipRating()
    onDone(false)
  }

  return (
    <form class="rating" onSubmit={(e) => void onSubmit(e)}>
      <fieldset>
        <legend>{t('chat.rating.legend')}</legend>
        <RatingScale name={name} value={score || undefined} onChange={setScore} />
      </fieldset>
      <label for={`${name}-comment`}>{t('chat.rating.comment')}</label>
      <textarea
        id={`${name}-comment`}
        rows={2}
        value={comment}
        onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={!score}>
          {t('chat.rating.submit')}
        </button>
        <button type="button" class="secondary" onClick={skip}>
          {t('chat.rating.skip')}
        </button>
      </div>
    </form>
  )
}
