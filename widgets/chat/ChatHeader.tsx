import type { ChatController, ChatState } from '../../src/chat/index.js'
import type { Translate } from '../../src/i18n/index.js'
import { waitMinutes } from '../../src/waitMinutes.js'

/**
 * A failed header action is kept in the chat's state (`error`, a message marked not sent), which
 * the view renders; the rejection itself needs no second message.
 */
const shownInStore = () => undefined

function statusText(state: ChatState, t: Translate, locale: string): string {
  const { status, conversation, availability } = state
  switch (status) {
    case 'idle': {
      if (state.error) return t('chat.status.startFailed')
      const minutes = waitMinutes(availability?.expectedWaitSeconds)
      return minutes ? t('chat.status.idleWait', { minutes }) : t('chat.status.idle')
    }
    case 'connecting':
      return t('chat.status.connecting')
    case 'queued':
      return conversation?.queuePosition
        ? t('chat.status.queued', { position: conversation.queuePosition })
        : t('chat.status.queuedNoPosition')
    case 'active':
      return t('chat.status.active', { name: conversation?.agent?.name ?? t('chat.author.agent') })
    case 'rating':
    case 'ended':
      return t('chat.status.ended')
    case 'offline': {
      const next = availability?.nextOpenAt ? new Date(availability.nextOpenAt) : undefined
      const when =
        next && !Number.isNaN(next.getTime())
          ? ` ${t('chat.status.offlineNext', { time: next.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) })}`
          : ''
      return `${t('chat.status.offline')}${when}`
    }
    case 'left':
      // "We received it" only once the service has it; until then, saved and waiting.
      return state.left === 'offline'
        ? t('error.offline')
        : state.left === 'queued'
          ? t('chat.status.leftQueued')
          : t('chat.status.left')
  }
}

/** Saves the transcript as a text file named after the conversation reference. */
function download(chat: ChatController, reference: string, anchorParent: Element) {
  const text = chat.transcript()
  if (!text || typeof URL.createObjectURL !== 'function') return
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `chat-${reference}.txt`
  a.rel = 'noopener'
  anchorParent.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Who the user is talking to and what they can do: queue position, agent name and photo,
 * offline notice; senior agent and end while an agent answers, download once someone
 * answered, new chat when it is over.
 */
export function ChatHeader({
  chat,
  state,
  t,
  locale,
}: {
  chat: ChatController
  state: ChatState
  t: Translate
  locale: string
}) {
  const { status, conversation } = state
  const agent = status === 'active' ? conversation?.agent : undefined
  // Controls only where they apply: asking for a senior agent or ending needs an agent on the
  // line (a queued user just closes the panel), the transcript is worth saving once someone answered.
  const active = status === 'active'
  const over = status === 'ended' || status === 'rating' || status === 'left'
  const answered = state.items.some((m) => m.author === 'agent')
  const canDownload = Boolean(conversation) && (active || over) && (answered || over) && state.items.length > 0
  return (
    <div class="chat-head">
      <div class="status-line">
        {agent?.avatarUrl && (
          <img
            class="avatar"
            src={agent.avatarUrl}
            alt={t('chat.agentAvatar', { name: agent.name })}
            width={32}
            height={32}
          />
        )}
        {agent && !agent.avatarUrl && (
          <span class="avatar initial" aria-hidden="true">
            {agent.name.slice(0, 1)}
          </span>
        )}
        <p role="status" data-status={status}>
          {statusText(state, t, locale)}
        </p>
      </div>
      {(active || over) && (
        <div class="chat-actions">
          {active && (
            <button type="button" class="secondary small" onClick={() => void chat.requestSenior().catch(shownInStore)}>
              {t('chat.senior')}
            </button>
          )}
          {active && (
            <button type="button" class="secondary small" onClick={() => void chat.end().catch(shownInStore)}>
              {t('chat.end')}
            </button>
          )}
          {canDownload && conversation && (
            <button
              type="button"
              class="secondary small"
              onClick={(e) => download(chat, conversation.reference, e.currentTarget.parentElement!)}
            >
              {t('chat.download')}
            </button>
          )}
          {over && (
            <button type="button" class="secondary small" onClick={() => void chat.newChat().catch(shownInStore)}>
              {t('chat.newChat')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
