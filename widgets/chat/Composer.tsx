import { useRef, useState } from 'preact/hooks'
import type { ChatController, SendResult } from '../../src/chat/index.js'
import type { MessageKey } from '../../src/i18n/index.js'
import type { TransactionRef } from '../../src/types.js'
import { useErrorText, usePanel, useT } from '../ui/context.js'
import { DraftTextarea } from '../ui/DraftTextarea.js'
import { useDraftText } from '../ui/useDraftText.js'
import { errorText, firstField } from './errorText.js'
import { ClipIcon, ReceiptIcon, SendIcon } from './icons.js'
import { TransactionPicker } from './TransactionPicker.js'

/** The composer's draft; `LeaveMessage` adopts it when the chat closed before it was sent. */
export const COMPOSER_DRAFT = 'chat:composer'
const IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp'

/**
 * Where the user writes: Enter sends, Shift+Enter adds a line (and Enter while an IME is
 * composing Chinese stays with the IME). Focus stays in the textarea after sending. A message
 * that looks like a one-time code needs a second, explicit "send anyway".
 */
export function Composer({ chat, locale }: { chat: ChatController; locale: string }) {
  const { client, idPrefix } = usePanel()
  const t = useT()
  const words = useErrorText()
  // What the user is writing survives a reload (masked on the device).
  const draft = useDraftText(COMPOSER_DRAFT)
  const text = draft.value
  const [confirming, setConfirming] = useState(false)
  const [notice, setNotice] = useState('')
  const [error, setError] = useState('')
  const [picking, setPicking] = useState(false)
  const input = useRef<HTMLTextAreaElement>(null)
  const file = useRef<HTMLInputElement>(null)
  const pickButton = useRef<HTMLButtonElement>(null)
  // A send not yet queued (the first message waits for the conversation to start): a second
  // Enter or tap on Send would queue the same text again.
  const busy = useRef(false)
  const inputId = `${idPrefix}-chat-input`
  const getRecent = client.options.getRecentTransactions

  const show = (result: SendResult) => {
    setError('')
    if (result.status === 'sent') setNotice(result.hidden.messageKeys.map((k) => t(k as MessageKey)).join(' '))
  }
  const fail = (error: unknown) => {
    // A refusal naming a catalog key (a message too long to send) says what to fix.
    const code = firstField(error)?.code
    const own = code && t(code as MessageKey)
    setError(own && own !== code ? own : errorText(words, error))
  }

  const submit = async (confirmed = false) => {
    // The element, not state: Enter can arrive before the last input event re-rendered.
    const value = input.current?.value ?? text
    if (!value.trim() || busy.current) return
    busy.current = true
    const result = await chat
      .send(value, { confirmed })
      .catch((error: unknown) => void fail(error))
      .finally(() => (busy.current = false))
    if (!result) return void setConfirming(false)
    if (result.status === 'confirm') {
      setConfirming(true)
      return
    }
    setConfirming(false)
    show(result)
    if (result.status === 'sent') {
      draft.clear(value)
    }
    input.current?.focus()
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return
    e.preventDefault()
    void submit()
  }

  const onFile = async () => {
    const picked = file.current?.files?.[0]
    if (file.current) file.current.value = ''
    if (!picked) return
    await chat.sendImage(picked).then(show, fail)
    input.current?.focus()
  }

  const onPick = async (tx: TransactionRef) => {
    setPicking(false)
    await chat.sendTransaction(tx).then(show, fail)
    input.current?.focus()
  }

  /** Back to the text to take the code out. */
  const edit = () => {
    setConfirming(false)
    input.current?.focus()
  }

  const closePicker = () => {
    setPicking(false)
    pickButton.current?.focus()
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      {confirming && (
        <div class="confirm" role="alert">
          <p>{t('privacy.codeWarning')}</p>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => void submit(true)}>
              {t('chat.code.sendAnyway')}
            </button>
            <button type="button" class="primary" onClick={edit}>
              {t('chat.code.edit')}
            </button>
            <button type="button" class="secondary" data-open-checker="" onClick={() => client.navigate('checker')}>
              {t('checker.entry')}
            </button>
          </div>
        </div>
      )}
      <p class="notice-line" role="status">
        {notice}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {picking && getRecent && (
        <TransactionPicker
          load={getRecent}
          locale={locale}
          t={t}
          onPick={(tx) => void onPick(tx)}
          onClose={closePicker}
        />
      )}
      <div class="compose-row">
        <button type="button" class="icon-btn" aria-label={t('chat.attachImage')} onClick={() => file.current?.click()}>
          <ClipIcon />
        </button>
        <input
          ref={file}
          type="file"
          accept={IMAGE_ACCEPT}
          class="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={() => void onFile()}
        />
        {getRecent && (
          <button
            ref={pickButton}
            type="button"
            class="icon-btn"
            aria-label={t('chat.attachTransaction')}
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
          >
            <ReceiptIcon />
          </button>
        )}
        <DraftTextarea
          id={inputId}
          draft={draft}
          label={t('chat.input.label')}
          labelClass="sr-only"
          boxRef={input}
          rows={1}
          enterkeyhint="send"
          placeholder={t('chat.input.placeholder')}
          onText={() => {
            setNotice('')
            setConfirming(false)
            chat.typed()
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="send primary" aria-label={t('chat.send')}>
          <SendIcon />
        </button>
      </div>
    </form>
  )
}
