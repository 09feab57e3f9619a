import { useEffect, useRef, useState } from 'preact/hooks'
import type { ChatController } from '../../src/chat/index.js'
import { useErrorText, usePanel, useT } from '../ui/context.js'
import { Suggestions } from '../panel/suggestions.js'
import { DraftTextarea } from '../ui/DraftTextarea.js'
import { useDraftText } from '../ui/useDraftText.js'
import { COMPOSER_DRAFT } from './Composer.js'
import { errorText, fieldText, firstField } from './errorText.js'

const LEAVE_DRAFT = 'chat:leave'

/** Outside business hours (or offline): a message that becomes a request (ticket) via the outbox. */
export function LeaveMessage({ chat }: { chat: ChatController }) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const words = useErrorText()
  // Kept as a draft: nobody is online to read it yet, and a reload must not lose it.
  const draft = useDraftText(LEAVE_DRAFT)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const box = useRef<HTMLTextAreaElement>(null)
  const adopted = useRef(false)
  const id = `${idPrefix}-leave`

  // A chat message not sent (the chat closed while it was written) is the message to leave,
  // unless one was being written here already. Once per mount: `draft` is new each render.
  useEffect(() => {
    let live = true
    Promise.all([client.drafts.load(LEAVE_DRAFT), client.drafts.load(COMPOSER_DRAFT)])
      .then(([left, text]) => {
        if (!live || left?.trim() || !text?.trim() || box.current?.value) return
        adopted.current = true
        draft.set(text)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client])

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    const result = await chat.leaveMessage(box.current?.value ?? draft.value).catch((error: unknown) => {
      const field = firstField(error)
      setError(field ? fieldText(t, field.code) : errorText(words, error))
    })
    setBusy(false)
    if (result?.status === 'empty') setError(t('report.error.required'))
    else if (result?.status === 'sent') {
      setError('')
      draft.clear()
      if (adopted.current) void client.drafts.save(COMPOSER_DRAFT, '').catch(() => undefined)
    }
  }

  return (
    <form class="leave" onSubmit={(e) => void onSubmit(e)} noValidate>
      <DraftTextarea
        id={id}
        draft={draft}
        label={t('chat.leave.label')}
        boxRef={box}
        rows={5}
        required
        aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
        aria-invalid={error ? 'true' : undefined}
      >
        <p id={`${id}-help`} class="muted">
          {t('chat.leave.help')}
        </p>
      </DraftTextarea>
      {error && (
        <p id={`${id}-error`} class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t('chat.leave.submit')}
      </button>
      {/* Articles that may answer it before it becomes a request; Back returns to the kept draft.
          Below the button: they come late (seconds on a slow phone), and nothing the user may
          be about to tap is under them to be pushed away. */}
      <Suggestions text={draft.value} from="chat" />
    </form>
  )
}
